import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { missingCase } from '../../../shared/result';
import { useServices } from '../app/services';
import { navigate } from '../app/router';
import { InvalidFileNotice } from '../components/InvalidFileNotice';
import { importMissionFile, type ImportStage, type MissionImportOutcome } from '../files/mission-file-io';

/** Import state shared by the button (in the header) and its feedback (below it). */
export function useMissionImport() {
  const { bridge, repository } = useServices();
  const [stage, setStage] = useState<ImportStage | null>(null);
  const [outcome, setOutcome] = useState<MissionImportOutcome | null>(null);

  const run = async (): Promise<void> => {
    setOutcome(null);
    try {
      const result = await importMissionFile(bridge, repository, setStage);
      setOutcome(result);
      if (result.kind === 'imported') navigate({ name: 'mission', id: result.missionId, tab: 'dashboard' });
    } catch (error) {
      // A failure nobody foresaw is still a failure the user must see, not a button that just stops.
      setOutcome({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setStage(null);
    }
  };

  return { run, stage, outcome };
}

export function MissionImportButton({ state }: { state: ReturnType<typeof useMissionImport> }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button" disabled={state.stage !== null} onClick={() => void state.run()}>
      {t('missions.import')}
    </button>
  );
}

export function MissionImportFeedback({ state }: { state: ReturnType<typeof useMissionImport> }) {
  const { t } = useTranslation();
  return (
    <>
      {state.stage ? (
        <p className="notice" role="status" data-testid="import-progress">
          {t(`missions.importStage.${state.stage}`)}
        </p>
      ) : null}
      {state.outcome ? <Outcome outcome={state.outcome} /> : null}
    </>
  );
}

function Outcome({ outcome }: { outcome: MissionImportOutcome }) {
  const { t } = useTranslation();
  switch (outcome.kind) {
    case 'canceled':
    case 'imported':
      return null;
    case 'invalid':
      return <InvalidFileNotice summary={t('missions.importInvalid', { file: outcome.fileName })} problems={outcome.problems} />;
    case 'failed':
      return (
        <p className="notice error" role="alert">
          {t('missions.importFailed', { message: outcome.message })}
        </p>
      );
    default:
      return missingCase(outcome);
  }
}
