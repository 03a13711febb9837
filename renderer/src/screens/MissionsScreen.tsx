import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useServices } from '../app/services';
import { routeHref } from '../app/router';
import { listMissions, listTemplates } from '../db/queries';

export function MissionsScreen() {
  const { t } = useTranslation();
  const { db } = useServices();
  const missions = useLiveQuery(() => listMissions(db), [db]);
  const templates = useLiveQuery(() => listTemplates(db), [db]);
  const templateTitle = (id: string, version: number): string =>
    templates?.find((row) => row.id === id && row.version === version)?.title ?? `${id} v${version}`;

  return (
    <section aria-labelledby="missions-heading">
      <div className="screen-header">
        <h1 id="missions-heading">{t('missions.title')}</h1>
        <a className="button primary" href={routeHref({ name: 'new-mission' })}>
          {t('missions.new')}
        </a>
      </div>
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
                  <a href={routeHref({ name: 'mission', id: mission.id })}>{mission.title}</a>
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
