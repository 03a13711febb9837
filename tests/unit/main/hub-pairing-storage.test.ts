/**
 * Where a device keeps its hub pairings. A pairing holds the session's AES key and token: whoever
 * copies it can push and pull as this device. So it is written only encrypted by the OS
 * keychain; without one (or with Linux's "basic_text" store, whose key is built into Chromium)
 * it stays in memory until the app closes, the status says so, and a file left in plain text by
 * an earlier version is taken into memory and removed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { HubService, type SecretBox } from '../../../main/hub-service';
import { keychainSecretBox, type SafeStorageLike } from '../../../main/keychain-secret-box';
import type { HubFetch } from '../../../shared/sync/hub-client';
import { CODE, MISSION, listFiles, makeHubFolder } from '../hub/hub-test-kit';
import { importFresh, type ElectronMock } from './fresh-import';

let hubFolder: Awaited<ReturnType<typeof makeHubFolder>>;
let hub: RunningHub;
let device: Awaited<ReturnType<typeof makeHubFolder>>;
/** Every session token a hub handed out in this file: none may be found in a file on disk. */
const tokens: string[] = [];

beforeAll(async () => {
  hubFolder = await makeHubFolder();
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: hubFolder.dataDir, pairingCode: CODE, log: () => undefined });
});
afterAll(async () => {
  await hub.close();
  await hubFolder.cleanUp();
});
beforeEach(async () => {
  device = await makeHubFolder();
});
afterEach(async () => {
  await device.cleanUp();
});

/** The platform fetch, noting the token of every pairing it carries. */
const platformFetch = globalThis.fetch;
async function recordingFetch(url: string, init: RequestInit): Promise<Response> {
  const response = await platformFetch(url, init);
  const bytes = await response.arrayBuffer();
  if (init.method === 'POST' && url.endsWith('/pair')) {
    const token = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { token?: unknown }).token;
    if (typeof token === 'string') tokens.push(token);
  }
  return new Response(bytes, { status: response.status, headers: response.headers });
}
const recordingHubFetch: HubFetch = (url, init) => recordingFetch(url, init);

const sessionsFile = (): string => path.join(device.root, 'hub-sessions');

function service(secretBox?: SecretBox): HubService {
  return new HubService({ dataDir: path.join(device.root, 'own-hub'), sessionsFile: sessionsFile(), fetch: recordingHubFetch, secretBox });
}

const exchange = (hubService: HubService) => hubService.exchange({ url: hub.url, missionId: MISSION, vector: {}, changes: [], attachments: [] });

/** A stand-in keychain: reversible, but nothing readable on disk. */
const keychain: SecretBox = {
  encrypt: (text) => Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((byte) => byte ^ 0xa5)]),
  decrypt: (data) => {
    if (data.subarray(0, 3).toString() !== 'v10') throw new Error('not encrypted by this keychain');
    return Buffer.from(data.subarray(3).map((byte) => byte ^ 0xa5)).toString('utf8');
  },
};
/** What an earlier version wrote without a keychain: the sessions as plain JSON. */
const plainText: SecretBox = { encrypt: (text) => Buffer.from(text, 'utf8'), decrypt: (data) => data.toString('utf8') };

/** Every file under the device's folder that holds a session token, as text or in hex. */
async function filesHoldingAToken(): Promise<string[]> {
  const holding: string[] = [];
  for (const file of await listFiles(device.root)) {
    const content = await readFile(path.join(device.root, file));
    const texts = [content.toString('utf8'), content.toString('hex'), content.toString('base64')];
    if (tokens.some((token) => texts.some((text) => text.includes(token)))) holding.push(file);
  }
  return holding;
}

describe('without a keychain', () => {
  it('keeps pairings in memory only: nothing is written, the status says so, sync works until the app closes', async () => {
    const tokensBefore = tokens.length;
    const lead = service();
    expect(lead.status().pairingsKept).toBe('until-quit');
    await lead.pair(hub.url, CODE, 'dev-ana', 'ana');
    expect(tokens.length).toBe(tokensBefore + 1);
    await expect(exchange(lead)).resolves.toMatchObject({ pushed: 0 });
    expect(await listFiles(device.root)).toEqual([]);

    // The next run knows no pairing: pair again.
    await expect(exchange(service())).rejects.toMatchObject({ code: 'not-paired' });
  });

  it('takes a plain-text file of an earlier version into memory and removes it', async () => {
    await service(plainText).pair(hub.url, CODE, 'dev-ana', 'ana');
    expect(await filesHoldingAToken()).toEqual(['hub-sessions']);

    const upgraded = service();
    await expect(exchange(upgraded)).resolves.toMatchObject({ pushed: 0 });
    expect(await listFiles(device.root)).toEqual([]);
  });

  it('leaves an encrypted file alone, for when the keychain is back', async () => {
    await service(keychain).pair(hub.url, CODE, 'dev-ana', 'ana');
    const encrypted = await readFile(sessionsFile());
    await expect(exchange(service())).rejects.toMatchObject({ code: 'not-paired' });
    expect(await readFile(sessionsFile())).toEqual(encrypted);
    await expect(exchange(service(keychain))).resolves.toMatchObject({ pushed: 0 });
  });
});

describe('with a keychain', () => {
  it('writes pairings encrypted only, and they survive a restart', async () => {
    const lead = service(keychain);
    expect(lead.status().pairingsKept).toBe('encrypted');
    await lead.pair(hub.url, CODE, 'dev-ana', 'ana');
    expect(await listFiles(device.root)).toEqual(['hub-sessions']);
    expect(await filesHoldingAToken()).toEqual([]);
    await expect(exchange(service(keychain))).resolves.toMatchObject({ pushed: 0 });
  });

  it('encrypts a plain-text file of an earlier version in place', async () => {
    await service(plainText).pair(hub.url, CODE, 'dev-ana', 'ana');
    await expect(exchange(service(keychain))).resolves.toMatchObject({ pushed: 0 });
    expect(await listFiles(device.root)).toEqual(['hub-sessions']);
    expect(await filesHoldingAToken()).toEqual([]);
    expect(keychain.decrypt(await readFile(sessionsFile()))).toContain('dev-ana');
  });
});

describe('keychainSecretBox', () => {
  const storage = (available: boolean, backend: string): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(text),
    decryptString: (data) => data.toString(),
    getSelectedStorageBackend: () => backend,
  });

  it.each([
    ['no keychain', false, storage(false, 'gnome_libsecret'), 'linux'],
    ['Linux basic_text, whose key is built into Chromium', false, storage(true, 'basic_text'), 'linux'],
    ['Linux before ready', false, storage(true, 'unknown'), 'linux'],
    ['Linux with libsecret', true, storage(true, 'gnome_libsecret'), 'linux'],
    ['Linux with KWallet', true, storage(true, 'kwallet6'), 'linux'],
    ['the macOS Keychain', true, storage(true, 'unknown'), 'darwin'],
    ['Windows DPAPI', true, storage(true, 'unknown'), 'win32'],
  ] as const)('%s: usable %s', (_label, usable, safeStorage, platform) => {
    expect(keychainSecretBox(safeStorage, platform) !== undefined).toBe(usable);
  });
});

describe('main wires the keychain once the app is ready', () => {
  const FROM_APP = { senderFrame: { url: 'app://mission-kit/index.html' } };

  async function startMain(keychainAfterReady: boolean): Promise<ElectronMock> {
    let ready = false;
    const electron = await importFresh('../../../main/main', (mock) => {
      mock.app.paths.set('appData', device.root);
      // As on Linux: no keychain answer before 'ready'.
      mock.safeStorage.isEncryptionAvailable.mockImplementation(() => ready && keychainAfterReady);
      mock.safeStorage.getSelectedStorageBackend.mockImplementation(() => (ready ? 'gnome_libsecret' : 'unknown'));
    });
    ready = true;
    electron.app.ready.resolve();
    await vi.waitFor(() => expect(electron.ipcMain.handlers.size).toBeGreaterThan(0));
    return electron;
  }

  it('without one, says pairings last until quit and writes no secret under userData', async () => {
    const electron = await startMain(false);
    expect(await electron.ipcMain.invokeWith('hub:status', FROM_APP, {})).toMatchObject({ ok: true, value: { pairingsKept: 'until-quit' } });
    const tokensBefore = tokens.length;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => recordingFetch(String(input), init ?? {}));
    try {
      const paired = await electron.ipcMain.invokeWith('hub:pair', FROM_APP, { url: hub.url, code: CODE, device: 'dev-tom', member: null });
      expect(paired).toEqual({ ok: true, value: { paired: true } });
    } finally {
      spy.mockRestore();
    }
    expect(globalThis.fetch).toBe(platformFetch);
    expect(tokens.length).toBe(tokensBefore + 1);
    expect(await filesHoldingAToken()).toEqual([]);
    expect(await listFiles(device.root)).not.toContain(path.join('Mission Kit', 'hub-sessions'));
  });

  it('with one available once ready, keeps pairings encrypted', async () => {
    const electron = await startMain(true);
    expect(await electron.ipcMain.invokeWith('hub:status', FROM_APP, {})).toMatchObject({ ok: true, value: { pairingsKept: 'encrypted' } });
  });
});

// A plain-text file must not survive just because it could not be parsed as sessions.
it('a sessions file that is neither plain JSON nor decryptable is left for a re-pairing, not trusted', async () => {
  await writeFile(sessionsFile(), 'garbage');
  await expect(exchange(service(keychain))).rejects.toMatchObject({ code: 'not-paired' });
});
