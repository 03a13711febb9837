import { useTranslation } from 'react-i18next';
import { missingCase } from '../../../shared/result';
import { MissionsScreen } from '../screens/MissionsScreen';
import { NewMissionScreen } from '../screens/NewMissionScreen';
import { MissionLayout } from '../mission/MissionLayout';
import { TemplatesScreen } from '../screens/TemplatesScreen';
import { routeHref, useRoute, type Route } from './router';
import { useServices } from './services';
import { LanguageSwitch } from './LanguageSwitch';

export type StorageState = 'persistent' | 'best-effort' | 'unknown';

export function App({ storage }: { storage: StorageState }) {
  const { t } = useTranslation();
  const { bridge } = useServices();
  const route = useRoute();
  const section = route.name === 'templates' ? 'templates' : 'missions';

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('app.nav.label')}>
          <ul>
            <li>
              <a href={routeHref({ name: 'missions' })} aria-current={section === 'missions' ? 'page' : undefined}>
                {t('app.nav.missions')}
              </a>
            </li>
            <li>
              <a href={routeHref({ name: 'templates' })} aria-current={section === 'templates' ? 'page' : undefined}>
                {t('app.nav.templates')}
              </a>
            </li>
          </ul>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="content" tabIndex={-1}>
        <Screen route={route} />
      </main>
      <footer className="app-footer">
        <span>{t(bridge.host === 'electron' ? 'app.host.electron' : 'app.host.web')}</span>
        <span data-testid="storage-state">
          {storage === 'persistent'
            ? t('app.storage.persistent')
            : storage === 'best-effort'
              ? t('app.storage.bestEffort')
              : t('app.storage.unknown')}
        </span>
      </footer>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'missions':
      return <MissionsScreen />;
    case 'new-mission':
      return <NewMissionScreen />;
    case 'mission':
      return <MissionLayout key={route.id} missionId={route.id} tab={route.tab} requirementId={route.requirementId} />;
    case 'templates':
      return <TemplatesScreen />;
    default:
      return missingCase(route);
  }
}
