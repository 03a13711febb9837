import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistEntry } from '../../../shared/checklist-filter';
import type { Template } from '../../../shared/schemas/template';
import type { LiveFinding } from '../db/read-models';
import type { MissionData } from '../mission/use-mission';
import { LiveFindingForm } from './FindingForm';
import { TeamSummary } from './TeamSummary';
import { RequirementHistory } from '../history/RequirementHistory';

type Data = MissionData & { template: Template };

export function draftKey(missionId: string, requirementId: string, memberId: string): string {
  return `finding|${missionId}|${requirementId}|${memberId}`;
}

export function RequirementDetail({ data, entry, findings }: { data: Data; entry: ChecklistEntry; findings: readonly LiveFinding[] }) {
  const { t } = useTranslation();
  const me = data.me;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Arriving on a requirement puts focus on its title, so a screen reader announces it and
    // Tab continues into the form.
    if (document.activeElement === document.body || document.activeElement?.closest('.requirement-list')) headingRef.current?.focus();
  }, [entry.requirementId]);

  return (
    <article className="requirement-detail" aria-labelledby="requirement-heading">
      <p className="muted small">
        {entry.blockTitle}
        {entry.areaTitle !== entry.blockTitle ? ` › ${entry.areaTitle}` : ''}
      </p>
      <h2 id="requirement-heading" ref={headingRef} tabIndex={-1}>
        <span className="req-number">{entry.number}</span> {entry.text}
      </h2>
      {entry.paraphrased ? <p className="tag">{t('mission.paraphrasedHint')}</p> : null}
      {entry.guidance ? (
        <div className="guidance">
          <h3>{t('checklist.guidance')}</h3>
          <p>{entry.guidance}</p>
        </div>
      ) : null}
      <TeamSummary data={data} findings={findings} requirementId={entry.requirementId} />
      {me ? <LiveFindingForm key={`${entry.requirementId}|${me.id}`} data={data} me={me} requirementId={entry.requirementId} /> : null}
      <RequirementHistory key={entry.requirementId} data={data} requirementId={entry.requirementId} />
    </article>
  );
}
