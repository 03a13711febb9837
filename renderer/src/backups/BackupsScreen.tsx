import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, BackupList } from '../../../shared/backup-contract';
import { MAX_BACKUPS_KEPT, MIN_BACKUPS_KEPT } from '../../../shared/backup-contract';
import { useServices } from '../app/services';
import { formatFileSize } from '../files/file-size';
import { fullBackupFileName } from './backup-service';
import { FULL_BACKUP_EXTENSION } from './full-backup-format';

type Message = { tone: 'success' | 'error'; text: string } | null;

/** Every button below catches what nobody foresaw, so a failure is shown instead of a button that just stops. */
function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Full backup files (desktop and browser) and the desktop app's automatic snapshots. */
export function BackupsScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="backups-heading">
      <div className="screen-header">
        <h1 id="backups-heading">{t('backups.title')}</h1>
      </div>
      <FullBackupPanel />
      <SnapshotsPanel />
    </section>
  );
}

function FullBackupPanel() {
  const { t } = useTranslation();
  const services = useServices();
  const [busy, setBusy] = useState<'export' | 'restore' | null>(null);
  const [message, setMessage] = useState<Message>(null);

  const onExport = async (): Promise<void> => {
    setBusy('export');
    setMessage(null);
    try {
      const file = await services.actions.exportFullBackup();
      const saved = await services.bridge.invoke('file:save', {
        suggestedName: fullBackupFileName(),
        filters: [{ name: t('backups.fileKind'), extensions: [FULL_BACKUP_EXTENSION] }],
        data: file.bytes,
      });
      if (!saved.ok) setMessage({ tone: 'error', text: t('backups.exportFailed', { message: saved.error.message }) });
      else if (!saved.value.canceled) setMessage({ tone: 'success', text: t('backups.exported', { count: file.missions, file: saved.value.fileName }) });
    } catch (error) {
      setMessage({ tone: 'error', text: t('backups.exportFailed', { message: errorMessage(error) }) });
    } finally {
      setBusy(null);
    }
  };

  const onRestore = async (): Promise<void> => {
    setBusy('restore');
    setMessage(null);
    try {
      const opened = await services.bridge.invoke('file:open', { filters: [{ name: t('backups.fileKind'), extensions: [FULL_BACKUP_EXTENSION] }] });
      if (!opened.ok) return setMessage({ tone: 'error', text: opened.error.message });
      if (opened.value.canceled) return;
      const restored = await services.actions.restoreFullBackup(opened.value.data);
      if (!restored.ok) return setMessage({ tone: 'error', text: t('backups.restoreFileFailed', { file: opened.value.fileName, message: restored.error.message }) });
      const changes = restored.value.missions.reduce((sum, mission) => sum + mission.applied, 0);
      setMessage({ tone: 'success', text: t('backups.restoredFile', { count: restored.value.missions.length, changes, file: opened.value.fileName }) });
    } catch (error) {
      setMessage({ tone: 'error', text: t('backups.restoreFailed', { message: errorMessage(error) }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="full-backup-heading">
      <h2 id="full-backup-heading">{t('backups.full.title')}</h2>
      <p className="muted">{t('backups.full.help')}</p>
      <div className="actions">
        <button type="button" className="button primary" disabled={busy !== null} onClick={() => void onExport()}>
          {busy === 'export' ? t('backups.full.exporting') : t('backups.full.export')}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void onRestore()}>
          {busy === 'restore' ? t('backups.full.restoring') : t('backups.full.restore')}
        </button>
      </div>
      {message ? (
        <p className={`small ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

function SnapshotsPanel() {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const [list, setList] = useState<BackupList | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [keep, setKeep] = useState('');
  const desktop = services.bridge.host === 'electron';

  const [version, setVersion] = useState(0);
  /** Lists the folder again (after a backup, a restore or a new limit). */
  const refresh = useCallback((): void => setVersion((current) => current + 1), []);

  useEffect(() => {
    if (!desktop) return;
    let live = true;
    void services.bridge.invoke('backup:list', {}).then((listed) => {
      if (!live) return;
      if (!listed.ok) return setProblem(listed.error.message);
      setProblem(null);
      setList(listed.value);
      setKeep(String(listed.value.keep));
    });
    return () => {
      live = false;
    };
  }, [desktop, services.bridge, version]);

  if (!desktop) {
    return (
      <section className="panel" aria-labelledby="snapshots-heading">
        <h2 id="snapshots-heading">{t('backups.snapshots.title')}</h2>
        <p className="muted">{t('backups.snapshots.desktopOnly')}</p>
      </section>
    );
  }

  const onBackUpNow = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const { written, failed } = await services.actions.backUpChangedMissions();
      setMessage(failed.length > 0 ? { tone: 'error', text: failed.join(' ') } : { tone: 'success', text: t('backups.snapshots.written', { count: written.length }) });
      refresh();
    } catch (error) {
      setMessage({ tone: 'error', text: t('backups.snapshots.failed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const onSaveKeep = async (): Promise<void> => {
    const value = Number(keep);
    if (!Number.isInteger(value) || value < MIN_BACKUPS_KEPT || value > MAX_BACKUPS_KEPT) {
      return setMessage({ tone: 'error', text: t('backups.snapshots.keepInvalid', { min: MIN_BACKUPS_KEPT, max: MAX_BACKUPS_KEPT }) });
    }
    const saved = await services.bridge.invoke('backup:settings', { keep: value });
    setMessage(saved.ok ? { tone: 'success', text: t('backups.snapshots.keepSaved', { count: saved.value.keep }) } : { tone: 'error', text: saved.error.message });
    refresh();
  };

  const onRestore = async (entry: BackupEntry): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const restored = await services.actions.restoreSnapshot(entry);
      setConfirming(null);
      setMessage(
        restored.ok
          ? { tone: 'success', text: t('backups.snapshots.restored', { title: entry.missionTitle, time: new Date(entry.createdAt).toLocaleString(i18n.language) }) }
          : { tone: 'error', text: restored.error.message },
      );
      refresh();
    } catch (error) {
      setMessage({ tone: 'error', text: t('backups.snapshots.failed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const byMission = new Map<string, BackupEntry[]>();
  for (const entry of list?.entries ?? []) byMission.set(entry.missionId, [...(byMission.get(entry.missionId) ?? []), entry]);

  return (
    // aria-busy tells assistive technology (and tests) that a backup or restore is still running.
    <section className="panel" aria-labelledby="snapshots-heading" aria-busy={busy}>
      <h2 id="snapshots-heading">{t('backups.snapshots.title')}</h2>
      <p className="muted">{t('backups.snapshots.help', { folder: list?.folder ?? '…' })}</p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void onBackUpNow()}>
          {t('backups.snapshots.now')}
        </button>
        <label className="inline-field">
          {t('backups.snapshots.keep')}
          <input type="number" min={MIN_BACKUPS_KEPT} max={MAX_BACKUPS_KEPT} value={keep} onChange={(event) => setKeep(event.target.value)} />
        </label>
        <button type="button" className="button small" onClick={() => void onSaveKeep()}>
          {t('common.save')}
        </button>
      </div>
      {problem ? (
        <p className="small error" role="alert">
          {problem}
        </p>
      ) : null}
      {message ? (
        <p className={`small ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      {list && list.entries.length === 0 ? <p>{t('backups.snapshots.none')}</p> : null}
      {[...byMission].map(([missionId, entries]) => (
        <section key={missionId} aria-label={entries[0]?.missionTitle ?? missionId} data-testid="backup-mission">
          <h3>{entries[0]?.missionTitle ?? missionId}</h3>
          <ul className="backup-list">
            {entries.map((entry) => (
              <li key={entry.id} data-testid="backup-entry">
                <span>
                  {new Date(entry.createdAt).toLocaleString(i18n.language)} · {t(`backups.reason.${entry.reason}`)} · {formatFileSize(entry.bytes, i18n.language)}
                </span>{' '}
                {confirming?.id === entry.id && confirming.missionId === entry.missionId ? (
                  <span role="group" aria-label={t('backups.snapshots.confirmLabel')} className="confirm">
                    <span>{t('backups.snapshots.confirm', { title: entry.missionTitle, time: new Date(entry.createdAt).toLocaleString(i18n.language) })}</span>{' '}
                    <button type="button" className="button small danger" disabled={busy} onClick={() => void onRestore(entry)}>
                      {t('backups.snapshots.confirmRestore')}
                    </button>{' '}
                    <button type="button" className="button small" disabled={busy} onClick={() => setConfirming(null)}>
                      {t('common.cancel')}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="button small" disabled={busy} onClick={() => setConfirming(entry)}>
                    {t('backups.snapshots.restore')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
