import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { ServicesProvider } from './app/services';
import { requestPersistentStorage, startApp } from './app/start-app';
import { resolveBridge } from './bridge/bridge';
import { createI18n, rememberedLanguage } from './i18n/i18n';
import './styles/app.css';

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element.');
  const root = createRoot(container);
  const i18n = await createI18n(rememberedLanguage());
  try {
    const [services, storage] = await Promise.all([startApp(resolveBridge()), requestPersistentStorage()]);
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <ServicesProvider services={services}>
            <App storage={storage} />
          </ServicesProvider>
        </I18nextProvider>
      </StrictMode>,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    root.render(
      <p role="alert" className="fatal">
        {i18n.t('app.fatal', { message })}
      </p>,
    );
  }
}

void boot();
