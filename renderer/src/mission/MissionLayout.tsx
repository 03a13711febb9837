import { useTranslation } from 'react-i18next';
import { missingCase } from '../../../shared/result';
import { MISSION_TABS, missionHref, routeHref, type MissionTab } from '../app/router';
import { useMission } from './use-mission';
import { DashboardScreen } from './DashboardScreen';
import { ChecklistScreen } from '../checklist/ChecklistScreen';
import { SitesScreen } from './SitesScreen';
import { TeamScreen } from './TeamScreen';
import { RecommendationsScreen } from '../recommendations/RecommendationsScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { SyncScreen } from '../sync/SyncScreen';
import { IdentityPicker } from './IdentityPicker';
import { ExportMissionButton } from './ExportMissionButton';
import { TemplateUpgradeBanner } from './TemplateUpgradeBanner';



export function MissionLayout({ missionId, tab, requirementId }: { missionId: string; tab: MissionTab; requirementId?: string | undefined }) {
  const { t } = useTranslation();
  const data = useMission(missionId);
  if (data === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (data === null) {
    return (
      <section>
        <p className="error">{t('mission.notFound')}</p>
        <a href={routeHref({ name: 'missions' })}>{t('mission.back')}</a>
      </section>
    );
  }
  const { mission, template } = data;

  return (
    <section className="mission" aria-labelledby="mission-heading">
      <div className="mission-header">
        <div>
          <nav aria-label={t('mission.breadcrumb')} className="breadcrumb">
            <a href={routeHref({ name: 'missions' })}>{t('mission.back')}</a>
          </nav>
          <h1 id="mission-heading">{mission.title}</h1>
          <p className="muted">
            {mission.territory.name} · {t('missions.dates', { start: mission.startDate, end: mission.endDate })}
            {mission.classification ? ` · ${mission.classification}` : ''}
          </p>
        </div>
        <div className="mission-tools">
          <IdentityPicker data={data} compact />
          <ExportMissionButton missionId={mission.id} />
        </div>
      </div>
      <nav aria-label={t('mission.tabs.label')} className="tabs">
        <ul>
          {MISSION_TABS.map((name) => (
            <li key={name}>
              <a href={missionHref(mission.id, name)} aria-current={tab === name ? 'page' : undefined}>
                {t(`mission.tabs.${name}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!template ? (
        <p className="notice error" role="alert">
          {t('mission.templateMissing', { id: mission.templateId, version: mission.templateVersion })}
        </p>
      ) : (
        <>
          <TemplateUpgradeBanner mission={mission} template={template} />
          <TabContent tab={tab} data={{ ...data, template }} requirementId={requirementId} />
        </>
      )}
    </section>
  );
}

function TabContent({ tab, data, requirementId }: { tab: MissionTab; data: Parameters<typeof DashboardScreen>[0]['data']; requirementId?: string | undefined }) {
  switch (tab) {
    case 'dashboard':
      return <DashboardScreen data={data} />;
    case 'checklist':
      return <ChecklistScreen data={data} requirementId={requirementId} />;
    case 'assessment':
      return <ChecklistScreen data={data} requirementId={requirementId} mode="assessment" />;
    case 'recommendations':
      return <RecommendationsScreen data={data} />;
    case 'reports':
      return <ReportsScreen data={data} />;
    case 'sites':
      return <SitesScreen data={data} />;
    case 'team':
      return <TeamScreen data={data} />;
    case 'sync':
      return <SyncScreen data={data} />;
    default:
      return missingCase(tab);
  }
}
