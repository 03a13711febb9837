import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import type { MissionData } from '../mission/use-mission';
import { missionFileName } from '../../../shared/mission-file';
import { OpenConflictsNotice } from '../sync/OpenConflictsNotice';

type Data = MissionData & { template: Template };
type Stage = 'collecting' | 'writing' | 'saving';
type Outcome = { tone: 'success' | 'error'; text: string };
type ReportModule = typeof import('../../../shared/report');

const DOCX_FILTER = [{ name: 'Word document', extensions: ['docx'] }];

/** Exports the mission report and each expert's report as Word documents. */
export function ReportsScreen({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { reads, bridge } = useServices();
  const [stage, setStage] = useState<Stage | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [expertId, setExpertId] = useState<string>(data.me?.id ?? data.members[0]?.id ?? '');

  const run = async (kind: 'mission' | 'expert'): Promise<void> => {
    setOutcome(null);
    let report: ReportModule | null = null;
    try {
      setStage('collecting');
      const input = await reads.missionParts(data.mission.id, kind === 'expert' ? { findingAuthorId: expertId } : undefined);
      setStage('writing');
      // docx is large: loaded only when someone exports.
      report = await import('../../../shared/report');
      const bytes = kind === 'mission' ? await report.renderMissionReport(input) : await report.renderExpertReport(input, expertId);
      setStage('saving');
      const base = missionFileName(data.mission.title).replace(/\.mission\.json$/, '');
      const member = data.members.find((candidate) => candidate.id === expertId);
      const suggestedName = kind === 'mission' ? `${base}-report.docx` : `${base}-expert-${missionFileName(member?.name ?? 'expert').replace(/\.mission\.json$/, '')}.docx`;
      const saved = await bridge.invoke('file:save', { suggestedName, filters: DOCX_FILTER, data: bytes });
      if (!saved.ok) setOutcome({ tone: 'error', text: t('reports.failed', { message: saved.error.message }) });
      else if (!saved.value.canceled) setOutcome({ tone: 'success', text: t('reports.saved', { file: saved.value.fileName }) });
    } catch (error) {
      // The check after writing refused the document: nothing was saved, and the lead is told
      // which part failed, in words that make clear it is Mission Kit's fault, not theirs.
      if (report && error instanceof report.MalformedDocxError) {
        setOutcome({ tone: 'error', text: t('reports.malformed', { part: error.malformed.part, problem: error.malformed.problem }) });
      } else {
        setOutcome({ tone: 'error', text: t('reports.failed', { message: error instanceof Error ? error.message : String(error) }) });
      }
    } finally {
      setStage(null);
    }
  };

  return (
    <section aria-labelledby="reports-heading" className="reports">
      <h2 id="reports-heading">{t('reports.title')}</h2>
      <OpenConflictsNotice data={data} />
      <div className="panel">
        <h3>{t('reports.mission')}</h3>
        <p className="muted">{t('reports.missionHint')}</p>
        <button type="button" className="button primary" disabled={stage !== null} onClick={() => void run('mission')}>
          {t('reports.exportMission')}
        </button>
      </div>
      <div className="panel">
        <h3>{t('reports.expert')}</h3>
        <p className="muted">{t('reports.expertHint')}</p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="expert-report-member">{t('reports.member')}</label>
            <select id="expert-report-member" value={expertId} onChange={(event) => setExpertId(event.target.value)}>
              {data.members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name} ({member.organisation})
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="button" className="button" disabled={stage !== null || !expertId} onClick={() => void run('expert')}>
          {t('reports.exportExpert')}
        </button>
      </div>
      {stage ? (
        <div className="notice" role="status" data-testid="report-progress">
          <progress max={3} value={stage === 'collecting' ? 1 : stage === 'writing' ? 2 : 3} aria-label={t('reports.progress')} /> {t(`reports.stage.${stage}`)}
        </div>
      ) : null}
      {outcome ? (
        <p className={`notice ${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="report-outcome">
          {outcome.text}
        </p>
      ) : null}
    </section>
  );
}
