import { useTranslation } from 'react-i18next';
import { statisticPercent } from '../../../shared/statistics';
import type { Template } from '../../../shared/schemas/template';
import type { EvidenceRow, FindingRow, MemberRow } from '../db/database';
import type { MissionData } from '../mission/use-mission';

interface Props {
  finding: FindingRow;
  author: MemberRow | undefined;
  data: MissionData & { template: Template };
  evidence: readonly EvidenceRow[];
  /** Present for the lead: copies this finding's narrative into the assessment. */
  onUseText: (() => void) | undefined;
}

export function FindingCard({ finding, author, data, evidence, onUseText }: Props) {
  const { t, i18n } = useTranslation();
  const level = data.template.scale.levels.find((candidate) => candidate.id === finding.rating);
  const number = new Intl.NumberFormat(i18n.language);
  const siteNames = finding.siteIds.map((id) => data.sites.find((site) => site.id === id)?.name ?? id);
  return (
    <article className="finding-card" data-testid="finding-card" aria-label={t('assessment.findingBy', { name: author?.name ?? finding.authorId })}>
      <header>
        <strong>{author?.name ?? finding.authorId}</strong>
        <span className="muted small"> {author?.organisation}</span>
        <p className={`rating-chip ${level?.counts ?? 'none'}`}>{level?.label ?? t('checklist.status.draft')}</p>
      </header>
      {finding.flags.goodPractice || finding.flags.seriousDeficiency ? (
        <p className="small">
          {finding.flags.goodPractice ? <span className="badge">{t('finding.flags.goodPractice')}</span> : null}
          {finding.flags.seriousDeficiency ? <span className="badge warning">{t('finding.flags.seriousDeficiency')}</span> : null}
        </p>
      ) : null}
      {siteNames.length > 0 ? <p className="small">{t('assessment.observedAt', { sites: siteNames.join(', ') })}</p> : null}
      <div className="narrative">
        {finding.narrative
          .split(/\n\s*\n/)
          .filter((paragraph) => paragraph.trim())
          .map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
      </div>
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
              <li key={item.id}>📎 {item.fileName}</li>
            ),
          )}
        </ul>
      ) : null}
      {finding.sources.length > 0 ? (
        <p className="muted small">{finding.sources.map((source) => source.text || t(`finding.sources.kinds.${source.kind}`)).join(' · ')}</p>
      ) : null}
      {onUseText && finding.narrative.trim() ? (
        <button type="button" className="button small" onClick={onUseText} aria-label={t('assessment.useTextOf', { name: author?.name ?? finding.authorId })}>
          {t('assessment.useText')}
        </button>
      ) : null}
    </article>
  );
}
