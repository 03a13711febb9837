import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../app/services';
import { navigate } from '../app/router';
import type { BundleImport } from './sync-service';

/** The largest file the bridge carries (50 MiB); a bigger one is refused before it is read. */
const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;

/**
 * Opens a bundle file and applies it. Inside a mission, a bundle for another mission is
 * refused; from the missions list, a bundle may bring a mission this device does not have yet.
 */
export function ImportBundleButton({ expectedMissionId }: { expectedMissionId?: string }) {
  const { t } = useTranslation();
  const { actions, bridge } = useServices();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true; value: BundleImport } | { ok: false; message: string; clockAhead?: boolean } | null>(null);
  const id = expectedMissionId ? 'import-passphrase' : 'import-passphrase-new';

  const run = async (): Promise<void> => {
    setResult(null);
    try {
      const opened = await bridge.invoke('file:open', { filters: [{ name: 'Mission Kit bundle', extensions: ['mkbundle'] }], maxBytes: MAX_BUNDLE_BYTES });
      if (!opened.ok) {
        setResult({ ok: false, message: opened.error.message });
        return;
      }
      if (opened.value.canceled) return;
      setBusy(true);
      const imported = await actions.importBundle(opened.value.data, {
        ...(passphrase ? { passphrase } : {}),
        ...(expectedMissionId ? { expectedMissionId } : {}),
      });
      if (!imported.ok) {
        setResult({ ok: false, message: t('sync.importRefused', { file: opened.value.fileName, message: imported.error.message }), clockAhead: imported.error.code === 'clock-ahead' });
      }
      else {
        setResult({ ok: true, value: imported.value });
        if (!expectedMissionId) navigate({ name: 'mission', id: imported.value.missionId, tab: 'sync' });
      }
    } catch (error) {
      // A failure nobody foresaw is still a failure the user must see, not a button that just stops.
      setResult({ ok: false, message: t('sync.importFailed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import-bundle">
      <div className="field">
        <label htmlFor={id}>{t('sync.importPassphrase')}</label>
        <input id={id} type="password" autoComplete="off" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
      </div>
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>
        {busy ? t('sync.importing') : t('sync.import')}
      </button>
      {busy ? <progress aria-label={t('sync.importing')} /> : null}
      {result && !result.ok ? (
        <div className="notice error" role="alert" data-testid="import-outcome">
          <p>{result.message}</p>
          {result.clockAhead ? <p data-testid="clock-ahead-help">{t('sync.clockAheadHelp')}</p> : null}
        </div>
      ) : null}
      {result && result.ok ? (
        <p className="notice success" role="status" data-testid="import-outcome">
          {t('sync.imported', {
            created: result.value.summary.created,
            updated: result.value.summary.updated,
            conflicts: result.value.summary.conflicts.length,
            duplicates: result.value.summary.duplicates,
          })}
        </p>
      ) : null}
    </div>
  );
}
