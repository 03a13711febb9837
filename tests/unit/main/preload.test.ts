import { beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, createBridge } from '../../../main/bridge';
import { BRIDGE_GLOBAL, IPC_CHANNELS, type Bridge, type IpcChannel } from '../../../shared/ipc-contract';
import { importFresh, type ElectronMock } from './fresh-import';

describe('preload', () => {
  let bridge: Bridge;
  let contextBridge: ElectronMock['contextBridge'];
  let ipcRenderer: ElectronMock['ipcRenderer'];

  beforeEach(async () => {
    ({ contextBridge, ipcRenderer } = await importFresh('../../../main/preload'));
    bridge = contextBridge.exposed.get(BRIDGE_GLOBAL) as Bridge;
  });

  it('exposes only missionKit, with only host and invoke', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...contextBridge.exposed.keys()]).toEqual(['missionKit']);
    expect(Object.keys(bridge).sort()).toEqual(['host', 'invoke']);
    expect(bridge.host).toBe('electron');
  });

  it('passes a contract channel to ipcRenderer.invoke and returns its result', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { opened: true } });
    const result = await bridge.invoke('link:open-external', { url: 'https://ec.europa.eu/' });
    expect(result).toEqual({ ok: true, value: { opened: true } });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('link:open-external', { url: 'https://ec.europa.eu/' });
  });

  it.each(['shell:exec', '__proto__', 'toString', 'constructor'])('refuses the unknown channel %s without calling ipcRenderer', async (channel) => {
    const result = await bridge.invoke(channel as IpcChannel, { url: 'x' });
    expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: expect.stringContaining(channel) } });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed invoke into a Result instead of a rejection', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const result = await bridge.invoke('file:open', {});
    expect(result).toEqual({ ok: false, error: { code: 'io-error', message: expect.stringContaining('could not be cloned') } });
  });
});

describe('createBridge', () => {
  it('knows exactly the channels of the contract', () => {
    expect([...BRIDGE_CHANNELS].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('is frozen, so page scripts cannot swap invoke', () => {
    const bridge = createBridge({ invoke: () => Promise.resolve(undefined) });
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
