import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../app/services';
import { missionHref, navigate, routeHref } from '../app/router';
import { ImportBundleButton } from '../sync/ImportBundleButton';
import { MissionImportButton, MissionImportFeedback, useMissionImport } from './MissionImportButton';
import { useMissions, useTemplates } from '../db/read-hooks';

export function MissionsScreen() {
  const { t } = useTranslation();
  const { actions } = useServices();
  const [demoError, setDemoError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const missionImport = useMissionImport();
  const missions = useMissions();
  const templates = useTemplates();
  const templateTitle = (id: string, version: number): string =>
    templates?.find((row) => row.id === id && row.version === version)?.title ?? `${id} v${version}`;

  return (
    <section aria-labelledby="missions-heading">
      <div className="screen-header">
        <h1 id="missions-heading">{t('missions.title')}</h1>
        <div className="actions">
          <button
            type="button"
            className="button"
            title={t('missions.demoHint')}
            disabled={opening}
            onClick={() => {
              setOpening(true);
              void actions.openDemoMission().then((result) => {
                setOpening(false);
                if (result.ok) navigate({ name: 'mission', id: result.value, tab: 'dashboard' });
                else setDemoError(t('missions.demoFailed', { message: result.error.message }));
              });
            }}
          >
            {t('missions.demo')}
          </button>
          <MissionImportButton state={missionImport} />
          <a className="button primary" href={routeHref({ name: 'new-mission' })}>
            {t('missions.new')}
          </a>
        </div>
      </div>
      <MissionImportFeedback state={missionImport} />
      <details className="panel import-bundle-panel">
        <summary>{t('sync.importNewMission')}</summary>
        <ImportBundleButton />
      </details>
      {demoError ? (
        <p className="notice error" role="alert">
          {demoError}
        </p>
      ) : null}
      {missions === undefined ? null : missions.length === 0 ? (
        <p className="empty">{t('missions.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('missions.columns.title')}</th>
              <th scope="col">{t('missions.columns.territory')}</th>
              <th scope="col">{t('missions.columns.dates')}</th>
              <th scope="col">{t('missions.columns.template')}</th>
            </tr>
          </thead>
          <tbody>
            {missions.map((mission) => (
              <tr key={mission.id} data-testid="mission-row">
                <td>
                  <a href={missionHref(mission.id)}>{mission.title}</a>
                </td>
                <td>{mission.territory.name}</td>
                <td>{t('missions.dates', { start: mission.startDate, end: mission.endDate })}</td>
                <td>{templateTitle(mission.templateId, mission.templateVersion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
