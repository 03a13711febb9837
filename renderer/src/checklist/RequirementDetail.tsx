import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistEntry } from '../../../shared/checklist-filter';
import type { StatisticEvidence } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import type { DraftRow, FindingRow } from '../db/database';
import type { MissionData } from '../mission/use-mission';
import { FindingForm } from './FindingForm';
import { TeamSummary } from './TeamSummary';

type Data = MissionData & { template: Template };

interface Loaded {
  finding: FindingRow | undefined;
  statistics: StatisticEvidence[];
  draft: DraftRow | undefined;
}

export function draftKey(missionId: string, requirementId: string, memberId: string): string {
  return `finding|${missionId}|${requirementId}|${memberId}`;
}

export function RequirementDetail({ data, entry, findings }: { data: Data; entry: ChecklistEntry; findings: readonly FindingRow[] }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const me = data.me;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  // Loaded once per requirement: the form owns its values from then on, so its own autosaves
  // coming back through the database never overwrite what is being typed.
  useEffect(() => {
    let cancelled = false;
    if (!me) return;
    void (async () => {
      const finding = (await db.findings.where('[missionId+requirementId]').equals([data.mission.id, entry.requirementId]).toArray()).find(
        (row) => row.authorId === me.id && !row._deleted,
      );
      const evidence = finding ? await db.evidence.where('findingId').equals(finding.id).toArray() : [];
      const statistics = evidence.filter((row): row is typeof row & StatisticEvidence => row.kind === 'statistic' && !row._deleted);
      const draft = await db.drafts.get(draftKey(data.mission.id, entry.requirementId, me.id));
      if (!cancelled) setLoaded({ finding, statistics, draft });
    })();
    return () => {
      cancelled = true;
    };
  }, [db, data.mission.id, entry.requirementId, me]);

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
      {me && loaded ? (
        <FindingForm
          data={data}
          me={me}
          requirementId={entry.requirementId}
          finding={loaded.finding}
          statistics={loaded.statistics}
          draft={loaded.draft}
        />
      ) : null}
    </article>
  );
}
