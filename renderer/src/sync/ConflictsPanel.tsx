import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import { findRequirement } from '../../../shared/template-outline';
import { diffWords } from '../../../shared/text-diff';
import { laterVersion, memberLabel, type OpenConflict } from '../../../shared/sync/open-conflicts';
import { useServices } from '../app/services';
import type { MissionData } from '../mission/use-mission';
import { useDeviceNames, useOpenConflicts } from '../db/read-hooks';
import { ConflictVersionMeta } from './ConflictVersionMeta';

type Data = MissionData & { template: Template };

/** Narratives edited on two devices at once: every version side by side until the lead decides. */
export function ConflictsPanel({ data }: { data: Data }) {
  const { t } = useTranslation();
  const conflicts = useOpenConflicts(data.mission.id);
  const devices = useDeviceNames();
  const isLead = data.me?.role === 'lead';

  return (
    <section className="panel" id="conflicts" aria-labelledby="conflicts-heading">
      <h3 id="conflicts-heading">{t('sync.conflicts', { count: conflicts?.length ?? 0 })}</h3>
      {(conflicts ?? []).length === 0 ? <p className="muted">{t('sync.noConflicts')}</p> : null}
      {!isLead && (conflicts ?? []).length > 0 ? <p className="muted">{t('sync.leadResolves')}</p> : null}
      {(conflicts ?? []).map((conflict) => (
        <ConflictResolver key={`${conflict.entity}:${conflict.id}:${conflict.field}`} conflict={conflict} data={data} devices={devices} canResolve={isLead} />
      ))}
    </section>
  );
}

function ConflictResolver({ conflict, data, devices, canResolve }: { conflict: OpenConflict; data: Data; devices: ReadonlyMap<string, string>; canResolve: boolean }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const [merged, setMerged] = useState(() => conflict.versions.map((version) => version.value.trim()).join('\n\n'));
  const [error, setError] = useState<string | null>(null);
  const names = new Map(data.members.map((member) => [member.id, member.name]));
  const requirement = findRequirement(data.template, conflict.requirementId ?? '');
  const [first] = conflict.versions;
  const later = laterVersion(conflict.versions);
  const resolve = (text: string): void => {
    setError(null);
    void repository.resolveConflict(conflict.entity, conflict.id, conflict.field, text).catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  };
  const subject =
    conflict.entity === 'finding'
      ? t('sync.conflictFinding', { author: names.get(conflict.authorId ?? '') ?? conflict.authorId, requirement: requirement?.text ?? conflict.requirementId })
      : t('sync.conflictAssessment', { requirement: requirement?.text ?? conflict.requirementId });

  return (
    <article className="conflict" data-testid="conflict" aria-label={subject}>
      <h4>{subject}</h4>
      <div className="conflict-versions">
        {conflict.versions.map((version, index) => (
          <section
            key={version.hlc}
            className={version === later ? 'conflict-version later' : 'conflict-version'}
            aria-label={t('sync.versionBy', { name: memberLabel(version.member, names) ?? t('dashboard.unknownMember') })}
          >
            <ConflictVersionMeta version={version} members={names} devices={devices} later={version === later} />
            <p className="diff">
              {index === 0 || !first
                ? version.value
                : diffWords(first.value, version.value).map((part, partIndex) =>
                    part.kind === 'same' ? <span key={partIndex}>{part.text}</span> : part.kind === 'added' ? <ins key={partIndex}>{part.text}</ins> : <del key={partIndex}>{part.text}</del>,
                  )}
            </p>
            {canResolve ? (
              <button type="button" className="button small" onClick={() => resolve(version.value)}>
                {t('sync.keepThis')}
              </button>
            ) : null}
          </section>
        ))}
      </div>
      {canResolve ? (
        <div className="field">
          <label htmlFor={`merge-${conflict.id}`}>{t('sync.mergedText')}</label>
          <textarea id={`merge-${conflict.id}`} rows={5} value={merged} onChange={(event) => setMerged(event.target.value)} />
          <button type="button" className="button small primary" onClick={() => resolve(merged)} disabled={merged.trim() === ''}>
            {t('sync.saveMerged')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
