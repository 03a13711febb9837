import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubStatus } from '../../../shared/ipc-contract';
import type { AppError } from '../../../shared/result';
import { useServices } from '../app/services';
import { usePeers } from '../db/read-hooks';
import { HUB_PEER_PREFIX, hubPeerId } from './hub-sync';

type Message = { tone: 'success' | 'error'; text: string };

/** Host a hub (the lead's desktop app), pair with one, and sync through it. */
export function HubPanel({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const { actions, repository, bridge } = useServices();
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [port, setPort] = useState('7420');
  // Loopback unless the lead chooses the LAN: a hub must not reach a hotel network by default.
  const [lanWide, setLanWide] = useState(false);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const hubs = usePeers(missionId)?.filter((peer) => peer.device.startsWith(HUB_PEER_PREFIX));

  useEffect(() => {
    void bridge.invoke('hub:status', {}).then((result) => {
      if (result.ok) setStatus(result.value);
    });
  }, [bridge]);

  const run = async (work: () => Promise<Message>): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await work());
    } finally {
      setBusy(false);
    }
  };

  /** What main refused before sending anything, in the user's language; other errors as worded. */
  const hubErrorText = (error: AppError): string => {
    switch (error.code) {
      case 'hub-not-local':
        return t('hubPairing.notLocal');
      case 'hub-redirect':
        return t('hubPairing.redirected');
      case 'hub-not-paired':
        return t('hubPairing.notPaired');
      case 'clock-ahead':
        return `${error.message} ${t('sync.clockAheadHelp')}`;
      default:
        return error.message;
    }
  };

  const sync = (url: string): Promise<void> =>
    run(async () => {
      const result = await actions.syncWithHub(url, missionId);
      if (!result.ok) return { tone: 'error', text: hubErrorText(result.error) };
      const { summary, pushed } = result.value;
      return { tone: 'success', text: t('hub.synced', { pushed, created: summary.created, updated: summary.updated, conflicts: summary.conflicts.length }) };
    });

  if (bridge.host === 'web') {
    return (
      <section className="panel" aria-labelledby="hub-heading">
        <h3 id="hub-heading">{t('hub.title')}</h3>
        <p className="muted">{t('hub.desktopOnly')}</p>
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="hub-heading" data-testid="hub-panel">
      <h3 id="hub-heading">{t('hub.title')}</h3>
      <div className="dashboard-columns">
        <div>
          <h4>{t('hub.hostTitle')}</h4>
          {status?.hosting ? (
            <>
              <p>
                {t('hub.hosting')} <strong data-testid="hub-code">{status.pairingCode}</strong>
              </p>
              {status.listening ? (
                <p data-testid="hub-listening">
                  {t(status.listening.reach === 'network' ? 'hub.listeningNetwork' : 'hub.listeningMachine', {
                    address: `${status.listening.address.includes(':') ? `[${status.listening.address}]` : status.listening.address}:${status.listening.port}`,
                  })}
                </p>
              ) : null}
              <ul className="plain-list">
                {status.urls.map((url) => (
                  <li key={url}>
                    <code>{url}</code>
                  </li>
                ))}
              </ul>
              <div className="actions wrap hub-actions">
                <button type="button" className="button" disabled={busy} onClick={() => void run(async () => {
                  const renewed = await bridge.invoke('hub:newCode', {});
                  if (!renewed.ok) return { tone: 'error', text: renewed.error.message };
                  setStatus(renewed.value);
                  return { tone: 'success', text: t('hub.newCodeIssued') };
                })}>
                  {t('hub.newCode')}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => void run(async () => {
                  const stopped = await bridge.invoke('hub:stop', {});
                  if (stopped.ok) setStatus(stopped.value);
                  return { tone: 'success', text: t('hub.stopped') };
                })}>
                  {t('hub.stop')}
                </button>
              </div>
            </>
          ) : (
            <>
              <div className="field">
                <label htmlFor="hub-port">{t('hub.port')}</label>
                <input id="hub-port" inputMode="numeric" className="narrow" value={port} onChange={(event) => setPort(event.target.value)} />
              </div>
              <fieldset className="checkbox-group">
                <legend>{t('hub.interface')}</legend>
                <label className="radio">
                  <input type="radio" name="hub-interface" checked={!lanWide} onChange={() => setLanWide(false)} /> {t('hub.loopback')}
                </label>
                <label className="radio">
                  <input type="radio" name="hub-interface" checked={lanWide} onChange={() => setLanWide(true)} /> {t('hub.lan')}
                </label>
              </fieldset>
              <button type="button" className="button" disabled={busy} onClick={() => void run(async () => {
                const number = Number(port);
                if (!Number.isInteger(number) || number < 1024 || number > 65535) return { tone: 'error', text: t('hub.badPort') };
                const hosted = await bridge.invoke('hub:host', { port: number, host: lanWide ? '0.0.0.0' : '127.0.0.1' });
                if (!hosted.ok) return { tone: 'error', text: hosted.error.message };
                setStatus(hosted.value);
                return { tone: 'success', text: t('hub.started') };
              })}>
                {t('hub.host')}
              </button>
            </>
          )}
        </div>
        <div>
          <h4>{t('hub.joinTitle')}</h4>
          {status?.pairingsKept === 'until-quit' ? (
            <p className="muted" data-testid="hub-pairings-kept">
              {t('hubPairing.keptUntilQuit')}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="hub-address">{t('hub.address')}</label>
            <input id="hub-address" placeholder="http://192.168.1.20:7420/" value={address} onChange={(event) => setAddress(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="hub-code">{t('hub.code')}</label>
            <input id="hub-code" autoComplete="off" className="narrow" value={code} onChange={(event) => setCode(event.target.value.toUpperCase())} />
          </div>
          <button type="button" className="button" disabled={busy || !address || !code} onClick={() => void run(async () => {
            const device = repository.deviceId;
            const paired = await bridge.invoke('hub:pair', { url: address.trim(), code: code.trim(), device, member: repository.currentMemberId });
            if (!paired.ok) return { tone: 'error', text: hubErrorText(paired.error) };
            await repository.recordPeer(missionId, { device: hubPeerId(address.trim()), member: null, vector: {}, lastSyncAt: new Date().toISOString(), lastDirection: 'sent' });
            return { tone: 'success', text: t('hub.paired') };
          })}>
            {t('hub.pair')}
          </button>
        </div>
      </div>
      {(hubs ?? []).length > 0 ? (
        <ul className="plain-list hub-list">
          {(hubs ?? []).map((hub) => {
            const url = hub.device.slice(HUB_PEER_PREFIX.length);
            return (
              <li key={hub.device}>
                <code>{url}</code>{' '}
                <button type="button" className="button small primary" disabled={busy} onClick={() => void sync(url)}>
                  {t('hub.syncNow')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {busy ? <progress aria-label={t('hub.working')} /> : null}
      {message ? (
        <p className={`notice ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="hub-outcome">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
