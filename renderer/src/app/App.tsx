import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupsScreen } from '../backups/BackupsScreen';
import { missingCase } from '../../../shared/result';
import { MissionsScreen } from '../screens/MissionsScreen';
import { NewMissionScreen } from '../screens/NewMissionScreen';
import { MissionLayout } from '../mission/MissionLayout';
import { TemplatesScreen } from '../screens/TemplatesScreen';
import { routeHref, useRoute, type Route } from './router';
import { useServices } from './services';
import { LanguageSwitch } from './LanguageSwitch';
import { DeviceNamePrompt } from './DeviceNamePrompt';

export type StorageState = 'persistent' | 'best-effort' | 'unknown';

export function App({ storage }: { storage: StorageState }) {
  const { t } = useTranslation();
  const services = useServices();
  const { bridge } = services;
  const route = useRoute();
  const section = route.name === 'templates' || route.name === 'backups' ? route.name : 'missions';
  const [backupFailure, setBackupFailure] = useState<string | null>(null);
  // Snapshots run for as long as the app is open (desktop only); a failure stays on screen.
  useEffect(() => services.actions.startAutomaticBackups({ onPass: (failures) => setBackupFailure(failures.length > 0 ? failures.join(' ') : null) }), [services]);

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
            <li>
              <a href={routeHref({ name: 'backups' })} aria-current={section === 'backups' ? 'page' : undefined}>
                {t('app.nav.backups')}
              </a>
            </li>
          </ul>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="content" tabIndex={-1}>
        <Screen route={route} />
      </main>
      <DeviceNamePrompt />
      <footer className="app-footer">
        <span>{t(bridge.host === 'electron' ? 'app.host.electron' : 'app.host.web')}</span>
        {backupFailure ? (
          <span role="alert" className="error">
            {t('app.backupFailed', { message: backupFailure })}
          </span>
        ) : null}
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
    case 'backups':
      return <BackupsScreen />;
    default:
      return missingCase(route);
  }
}
