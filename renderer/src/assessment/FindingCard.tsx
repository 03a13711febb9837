import { useTranslation } from 'react-i18next';
import { statisticPercent } from '../../../shared/statistics';
import type { Template } from '../../../shared/schemas/template';
import type { Evidence } from '../../../shared/schemas/finding';
import type { Member } from '../../../shared/schemas/mission';
import { laterVersion } from '../../../shared/sync/open-conflicts';
import type { Live, LiveFinding } from '../db/read-models';
import { ConflictVersionMeta } from '../sync/ConflictVersionMeta';
import { Rating } from '../rating/Rating';
import { findLevel } from '../rating/rating-look';
import type { MissionData } from '../mission/use-mission';
import { Paperclip } from 'lucide-react';

interface Props {
  finding: LiveFinding;
  author: Member | undefined;
  data: MissionData & { template: Template };
  evidence: readonly Live<Evidence>[];
  /** Device names by id, to say where each version of a conflicting text was written. */
  devices: ReadonlyMap<string, string>;
  /** Present for the lead: copies this text (the narrative, or one version of it) into the assessment. */
  onUseText: ((text: string) => void) | undefined;
}

export function FindingCard({ finding, author, data, evidence, devices, onUseText }: Props) {
  const { t, i18n } = useTranslation();
  const level = findLevel(data.template.scale.levels, finding.rating);
  const number = new Intl.NumberFormat(i18n.language);
  const siteNames = finding.siteIds.map((id) => data.sites.find((site) => site.id === id)?.name ?? id);
  const conflict = finding.conflicts.find((candidate) => candidate.field === 'narrative');
  const later = conflict ? laterVersion(conflict.versions) : null;
  const memberNames = new Map(data.members.map((member) => [member.id, member.name]));
  const name = author?.name ?? finding.authorId;
  return (
    <article
      className={conflict ? 'finding-card has-conflict' : 'finding-card'}
      data-testid="finding-card"
      aria-label={conflict ? t('conflicts.findingByConflicted', { name }) : t('assessment.findingBy', { name })}
    >
      <header>
        <strong>{author?.name ?? finding.authorId}</strong>
        <span className="muted small"> {author?.organisation}</span>
        <Rating level={level} emptyLabel={t('checklist.status.draft')} />
      </header>
      {finding.flags.goodPractice || finding.flags.seriousDeficiency ? (
        <p className="small">
          {finding.flags.goodPractice ? <span className="badge">{t('finding.flags.goodPractice')}</span> : null}
          {finding.flags.seriousDeficiency ? <span className="badge warning">{t('finding.flags.seriousDeficiency')}</span> : null}
        </p>
      ) : null}
      {siteNames.length > 0 ? <p className="small">{t('assessment.observedAt', { sites: siteNames.join(', ') })}</p> : null}
      {conflict ? (
        <div className="finding-conflict" role="group" aria-label={t('conflicts.findingVersions', { count: conflict.versions.length })} data-testid="finding-conflict">
          <p className="conflict-marker">
            <span className="badge warning">{t('conflicts.marker')}</span> {t('conflicts.findingVersions', { count: conflict.versions.length })}
          </p>
          {conflict.versions.map((version) => (
            <section key={version.hlc} className="conflict-version" data-testid="finding-conflict-version">
              <ConflictVersionMeta version={version} members={memberNames} devices={devices} later={version === later} />
              <Paragraphs text={version.value} />
              {onUseText && version.value.trim() ? (
                <button type="button" className="button small" onClick={() => onUseText(version.value)}>
                  {t('conflicts.useThisVersion')}
                </button>
              ) : null}
            </section>
          ))}
        </div>
      ) : (
        <Paragraphs text={finding.narrative} />
      )}
      {evidence.length > 0 ? (
        <ul className="evidence-list small">
          {evidence.map((item) =>
            item.kind === 'statistic' ? (
              <li key={item.id}>
                {item.label}: {number.format(item.value)}
                {item.ofTotal !== undefined ? ` / ${number.format(item.ofTotal)} (${statisticPercent(item.value, item.ofTotal) ?? ''} %)` : ''}
                {item.unit ? ` ${item.unit}` : ''}
                {item.period ? ` · ${item.period}` : ''}
              </li>
            ) : (
              <li key={item.id} className="evidence-file">
                <Paperclip size={14} aria-hidden="true" focusable="false" /> {item.fileName}
              </li>
            ),
          )}
        </ul>
      ) : null}
      {finding.sources.length > 0 ? (
        <p className="muted small">{finding.sources.map((source) => source.text || t(`finding.sources.kinds.${source.kind}`)).join(' · ')}</p>
      ) : null}
      {onUseText && !conflict && finding.narrative.trim() ? (
        <button type="button" className="button small" onClick={() => onUseText(finding.narrative)} aria-label={t('assessment.useTextOf', { name: author?.name ?? finding.authorId })}>
          {t('assessment.useText')}
        </button>
      ) : null}
    </article>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <div className="narrative">
      {text
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
    </div>
  );
}
