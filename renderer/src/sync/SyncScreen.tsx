import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import { missionFileName } from '../../../shared/mission-file';
import { useServices } from '../app/services';
import type { MissionData } from '../mission/use-mission';
import { deviceLabel } from '../../../shared/sync/open-conflicts';
import { useDeviceNames, usePeers } from '../db/read-hooks';
import { DeviceNamePanel } from './DeviceNamePanel';
import { ConflictsPanel } from './ConflictsPanel';
import { ImportBundleButton } from './ImportBundleButton';
import { HubPanel } from './HubPanel';
import { HUB_PEER_PREFIX } from './hub-sync';

type Data = MissionData & { template: Template };

/** Bundles by file, the devices we exchanged with, and the conflicts waiting for the lead. */
export function SyncScreen({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const { actions, bridge } = useServices();
  const missionId = data.mission.id;
  const peers = usePeers(missionId);
  const devices = useDeviceNames();
  const [target, setTarget] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const names = new Map(data.members.map((member) => [member.id, member.name]));
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const onExport = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await actions.exportBundle(missionId, target || null, passphrase || undefined);
      const base = missionFileName(data.mission.title).replace(/\.mission\.json$/, '');
      const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
      const saved = await bridge.invoke('file:save', {
        suggestedName: `${base}-${stamp}.mkbundle`,
        filters: [{ name: 'Mission Kit bundle', extensions: ['mkbundle'] }],
        data: result.bytes,
      });
      if (!saved.ok) setMessage({ tone: 'error', text: t('sync.exportFailed', { message: saved.error.message }) });
      else if (!saved.value.canceled) setMessage({ tone: 'success', text: t('sync.exported', { file: saved.value.fileName, changes: result.changes, attachments: result.attachments }) });
    } catch (error) {
      setMessage({ tone: 'error', text: t('sync.exportFailed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sync-heading" className="sync">
      <h2 id="sync-heading">{t('sync.title')}</h2>
      <div className="dashboard-columns">
        <section className="panel" aria-labelledby="export-heading">
          <h3 id="export-heading">{t('sync.exportTitle')}</h3>
          <div className="field">
            <label htmlFor="bundle-target">{t('sync.for')}</label>
            <select id="bundle-target" value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">{t('sync.everything')}</option>
              {(peers ?? []).filter((peer) => !peer.device.startsWith(HUB_PEER_PREFIX)).map((peer) => (
                <option key={peer.device} value={peer.device}>
                  {t('sync.peerOption', { name: peer.member ? (names.get(peer.member) ?? peer.member) : peer.device, device: deviceLabel(peer.device, devices) })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="bundle-passphrase">{t('sync.passphrase')}</label>
            <input id="bundle-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} aria-describedby="bundle-passphrase-hint" />
            <p className="hint" id="bundle-passphrase-hint">
              {t('sync.passphraseHint')}
            </p>
          </div>
          <button type="button" className="button primary" disabled={busy} onClick={() => void onExport()}>
            {busy ? t('sync.exporting') : t('sync.export')}
          </button>
          {busy ? <progress aria-label={t('sync.exporting')} /> : null}
          {message ? (
            <p className={`notice ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="export-outcome">
              {message.text}
            </p>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="import-heading">
          <h3 id="import-heading">{t('sync.importTitle')}</h3>
          <ImportBundleButton expectedMissionId={missionId} />
        </section>
      </div>
      <DeviceNamePanel />
      <HubPanel missionId={missionId} />
      <section className="panel" aria-labelledby="peers-heading">
        <h3 id="peers-heading">{t('sync.peers')}</h3>
        {(peers ?? []).length === 0 ? (
          <p className="muted">{t('sync.noPeers')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('sync.columns.member')}</th>
                <th scope="col">{t('sync.columns.device')}</th>
                <th scope="col">{t('sync.columns.last')}</th>
              </tr>
            </thead>
            <tbody>
              {(peers ?? []).map((peer) => (
                <tr key={peer.device} data-testid="peer-row">
                  <td>{peer.member ? (names.get(peer.member) ?? peer.member) : '—'}</td>
                  <td title={peer.device}>{deviceLabel(peer.device, devices)}</td>
                  <td>
                    {when.format(new Date(peer.lastSyncAt))} · {t(`sync.direction.${peer.lastDirection}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConflictsPanel data={data} />
    </section>
  );
}
