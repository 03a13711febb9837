/**
 * The hardening rules of the issue, one `describe` each, named as the issue words them:
 *
 *   Electron: navigation to another origin blocked, `window.open` denied, the CSP present on
 *   every response of the app:// scheme, the sandbox on, external links only to an allow-list;
 *   IPC handlers given forged or oversized payloads return an error and act on nothing.
 *   LAN hub: brute-forcing the pairing code is rate-limited; requests are size-limited; the hub
 *   never serves files outside its data folder.
 *
 * The Electron rules are checked on what main.ts itself wires up (it runs against the Electron
 * mock, as Electron would start it): its window, that window's web contents, the app://
 * handler and the IPC handlers it registers. Testing the helpers alone would miss a rule that
 * is implemented but not plugged in. The hub rules run against a real hub on loopback.
 * Each test here fails when the protection it names is taken out of the code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../main/app-origin';
import { CONTENT_SECURITY_POLICY } from '../../../main/content-security-policy';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_CODE, HubPairing, MAX_CODE_BACKOFF_MS } from '../../../main/hub/hub-pairing';
import { HubStore, UnsafePathError, missionFolderName, pathInside } from '../../../main/hub/hub-store';
import { MAX_IPC_CONTAINERS, createIpcHandlers, type IpcDependencies } from '../../../main/ipc-handlers';
import { attachNavigationGuard } from '../../../main/navigation-guard';
import { IPC_CHANNELS, MAX_IPC_FILE_BYTES, ipcRequestSchemas, type IpcChannel } from '../../../shared/ipc-contract';
import { MAX_JSON_DEPTH } from '../../../shared/input-limits';
import { toHex } from '../../../shared/sync/bundle-crypto';
import { createHubClient } from '../../../shared/sync/hub-client';
import { fromHex, generateEcdhKeyPair, importSessionKey, platformHubCrypto, sealEnvelope, type CryptoKeyLike } from '../../../shared/sync/hub-crypto';
import {
  HubErrorBodySchema,
  MAX_ATTACHMENT_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_PAIR_BODY_BYTES,
  SEAL_HEADER,
  SEAL_OVERHEAD_BYTES,
} from '../../../shared/sync/hub-protocol';
import { MockWebContents, type MockInvokeEvent } from '../../mocks/electron';
import { CODE, MISSION, SimulatedDevice, listFiles, makeHubFolder, platformFetch, rawRequest, type RawResponse } from '../hub/hub-test-kit';
import { importFresh, type ElectronMock } from './fresh-import';

type MockWindow = InstanceType<ElectronMock['BrowserWindow']>;

/** Imports main.ts afresh (it wires everything at import time), lets 'ready' fire, returns its window. */
async function startMain(appData?: string): Promise<{ electron: ElectronMock; window: MockWindow }> {
  const electron = await importFresh('../../../main/main', (mock) => {
    // main derives userData (where the hub keeps its files) from appData.
    if (appData !== undefined) mock.app.paths.set('appData', appData);
  });
  electron.app.ready.resolve();
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
  const [window] = electron.BrowserWindow.instances;
  if (!window) throw new Error('main opened no window');
  return { electron, window };
}

/** Places a page may try to take the app to, none of them app://mission-kit. */
const OTHER_ORIGINS = [
  'https://evil.example/',
  'http://127.0.0.1:5180/',
  'file:///etc/passwd',
  'app://mission-kit.evil/index.html',
  'app://evil.example/index.html',
  'app://mission-kit:8080/index.html',
  'app://user@mission-kit/index.html',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  // Allow-listed for the system browser, but never inside the app.
  'https://ec.europa.eu/',
];

const OWN_ORIGIN = ['app://mission-kit/index.html', 'app://mission-kit/index.html#/missions/42', 'app://mission-kit/assets/app.js'];

describe('navigation to another origin is blocked', () => {
  let electron: ElectronMock;
  let window: MockWindow;
  beforeEach(async () => {
    ({ electron, window } = await startMain());
  });

  it.each(OTHER_ORIGINS)('the main window cannot go to %s, in its main frame or in a subframe', (url) => {
    expect(window.webContents.pageNavigates(url).prevented).toBe(true);
    expect(window.webContents.pageNavigates(url, { mainFrame: false }).prevented).toBe(true);
  });

  it('a subframe may show an object URL of the app\'s own page and Chromium\'s PDF viewer; the main frame may not', () => {
    for (const url of ['blob:app://mission-kit/6f1c2a4e-0d3b-4f5a-9e61-2b7c8d9e0f10', 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html']) {
      expect(window.webContents.pageNavigates(url, { mainFrame: false }).prevented).toBe(false);
      expect(window.webContents.pageNavigates(url).prevented).toBe(true);
    }
  });

  it.each([
    'blob:https://evil.example/6f1c2a4e-0d3b-4f5a-9e61-2b7c8d9e0f10',
    'blob:app://mission-kit.evil/6f1c2a4e-0d3b-4f5a-9e61-2b7c8d9e0f10',
    'blob:null/6f1c2a4e-0d3b-4f5a-9e61-2b7c8d9e0f10',
    'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/index.html',
    'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai.evil/index.html',
  ])('no frame may show %s', (url) => {
    expect(window.webContents.pageNavigates(url, { mainFrame: false }).prevented).toBe(true);
    expect(window.webContents.pageNavigates(url).prevented).toBe(true);
  });

  it('the main window moves freely within app://mission-kit, in every frame', () => {
    for (const url of OWN_ORIGIN) {
      expect(window.webContents.pageNavigates(url).prevented).toBe(false);
      expect(window.webContents.pageNavigates(url, { mainFrame: false }).prevented).toBe(false);
    }
  });

  it('a redirect away from app://mission-kit is refused, even to an allow-listed site, and opens nothing', () => {
    for (const url of OTHER_ORIGINS) expect(window.webContents.navigate('will-redirect', url).prevented).toBe(true);
    expect(window.webContents.navigate('will-redirect', APP_ENTRY_URL).prevented).toBe(false);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('no <webview> can be attached to the main window', () => {
    expect(window.webContents.attachWebview('https://evil.example/').prevented).toBe(true);
    expect(window.webContents.attachWebview(APP_ENTRY_URL).prevented).toBe(true);
  });

  it('a web contents main did not create itself (devtools, a guest page) is held to the origin too', () => {
    const contents = new MockWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.pageNavigates('https://evil.example/').prevented).toBe(true);
    expect(contents.pageNavigates('https://evil.example/', { mainFrame: false }).prevented).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.example/').prevented).toBe(true);
    expect(contents.attachWebview('https://evil.example/').prevented).toBe(true);
    expect(contents.pageNavigates(APP_ENTRY_URL).prevented).toBe(false);
  });
});

describe('`window.open` is denied', () => {
  let electron: ElectronMock;
  let window: MockWindow;
  beforeEach(async () => {
    ({ electron, window } = await startMain());
  });

  it.each([APP_ENTRY_URL, 'about:blank', 'https://evil.example/', 'https://ec.europa.eu/', 'javascript:alert(1)'])(
    'the main window opens no window for %s',
    (url) => {
      expect(window.webContents.openWindow(url)).toEqual({ action: 'deny' });
    },
  );

  it('an allow-listed https target goes to shell.openExternal instead; nothing else does', () => {
    window.webContents.openWindow('https://eur-lex.europa.eu/eli/reg/2018/1806/oj');
    window.webContents.openWindow('http://ec.europa.eu/');
    window.webContents.openWindow('https://evil.example/');
    window.webContents.openWindow(APP_ENTRY_URL);
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://eur-lex.europa.eu/eli/reg/2018/1806/oj']]);
  });

  it('a web contents main did not create itself opens no window either', () => {
    const contents = new MockWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('stays denied when the system browser fails, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', record);
    try {
      const contents = new MockWebContents();
      const attempts: string[] = [];
      // A plain function, not a vi.fn(): a mock attaches its own handlers to the promises it
      // returns, which would hide a rejection the guard leaves unhandled.
      attachNavigationGuard(contents, (url) => {
        attempts.push(url);
        return Promise.reject(new Error('no browser'));
      });
      expect(contents.openWindow('https://ec.europa.eu/')).toEqual({ action: 'deny' });
      expect(contents.pageNavigates('https://ec.europa.eu/').prevented).toBe(true);
      expect(attempts).toEqual(['https://ec.europa.eu/', 'https://ec.europa.eu/']);
      // Node reports a rejection that nobody handles as soon as the microtasks after it have
      // run, before the next macrotask: once that has begun, it has been reported or never will be.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});

/** Word for word, so that a weakened directive fails here and gets a review. */
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; font-src 'self'; " +
  "connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * A request as the app:// handler receives it. The URL is pinned on the object because Node's
 * Request resolves "/../" while parsing, and the handler must hold even for a URL that was not
 * normalised (what reaches it is Chromium's business, not ours).
 */
function appRequest(url: string, method = 'GET'): Request {
  const request = new Request(APP_ENTRY_URL, { method });
  Object.defineProperty(request, 'url', { value: url });
  return request;
}

const RENDERER_ROOT = fileURLToPath(new URL('../../../renderer/', import.meta.url));

describe('the CSP is present on every response of the app:// scheme', () => {
  let handler: (request: Request) => Response | Promise<Response>;
  beforeAll(async () => {
    const { electron } = await startMain();
    const registered = electron.protocol.handlers.get('app');
    if (!registered) throw new Error('main registered no app:// handler');
    handler = registered;
  });

  it('the policy is the strict one, word for word', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('the entry page is served from the renderer folder with the CSP', async () => {
    const response = await handler(appRequest(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(await response.text()).toBe(await readFile(path.join(RENDERER_ROOT, 'index.html'), 'utf8'));
  });

  it.each([
    ['the folder index', 'app://mission-kit/', 'GET', 200],
    ['a HEAD request', APP_ENTRY_URL, 'HEAD', 200],
    ['a missing file', 'app://mission-kit/missing.js', 'GET', 404],
    ['a folder', 'app://mission-kit/src', 'GET', 404],
    ['a POST', APP_ENTRY_URL, 'POST', 405],
    ['an OPTIONS request', APP_ENTRY_URL, 'OPTIONS', 405],
    ['another host', 'app://evil.example/index.html', 'GET', 404],
    ['a look-alike host', 'app://mission-kit.evil/index.html', 'GET', 404],
    ['credentials in the URL', 'app://user@mission-kit/index.html', 'GET', 404],
    ['a string that is no URL', 'not a url', 'GET', 404],
    // URL parsing resolves these against the root: they can only name files inside it.
    ['dot-dot segments', 'app://mission-kit/../../etc/passwd', 'GET', 404],
    ['dot-dot segments to the project', 'app://mission-kit/../package.json', 'GET', 404],
    ['encoded dot-dot segments', 'app://mission-kit/%2e%2e/%2e%2e/etc/passwd', 'GET', 404],
    // Encoded slashes and backslashes survive parsing and are refused once decoded.
    ['an encoded dot-dot-slash', 'app://mission-kit/%2e%2e%2fpackage.json', 'GET', 403],
    ['an encoded dot-dot-slash below a folder', 'app://mission-kit/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'GET', 403],
    ['an encoded backslash', 'app://mission-kit/..%5cpackage.json', 'GET', 403],
    ['an encoded NUL', 'app://mission-kit/index.html%00.js', 'GET', 403],
    ['a Windows drive', 'app://mission-kit/C:%5cWindows%5cwin.ini', 'GET', 403],
    ['malformed percent-encoding', 'app://mission-kit/%E0%A4%A', 'GET', 400],
    ['a name the file system refuses (an internal error)', `app://mission-kit/${'a'.repeat(300)}`, 'GET', 500],
  ] as const)('%s is answered with the CSP', async (_label, url, method, status) => {
    const response = await handler(appRequest(url, method));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // A refusal says only what went wrong: nothing of /etc/passwd or package.json leaks.
    if (status >= 400) expect(await response.text()).toMatch(/^[A-Za-z ]+\n$/);
  });
});

describe('the sandbox is on', () => {
  let electron: ElectronMock;
  let window: MockWindow;
  beforeEach(async () => {
    ({ electron, window } = await startMain());
  });

  function webPreferencesOf(opened: MockWindow): Record<string, unknown> {
    const { webPreferences } = opened.options as { webPreferences?: Record<string, unknown> };
    if (!webPreferences) throw new Error('the window was opened without webPreferences');
    return webPreferences;
  }

  it('the window main opens is sandboxed, context-isolated, without Node and with web security on', () => {
    const preferences = webPreferencesOf(window);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    // The only script with more reach than the page: the bundled preload next to main.
    expect(preferences.preload).toBe(path.join(path.dirname(fileURLToPath(new URL('../../../main/main.ts', import.meta.url))), 'preload.cjs'));
  });

  it('a window reopened from the dock (macOS "activate") is just as locked down', () => {
    window.destroyed = true;
    electron.app.emit('activate');
    const reopened = electron.BrowserWindow.instances[1];
    if (!reopened) throw new Error('no window was reopened');
    expect(webPreferencesOf(reopened)).toEqual(webPreferencesOf(window));
  });

  it('every renderer is sandboxed app-wide, switched on before the app is ready', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    // Electron ignores enableSandbox once the app is ready.
    const sandboxed = electron.app.enableSandbox.mock.invocationCallOrder[0] ?? Infinity;
    const readyAwaited = electron.app.whenReady.mock.invocationCallOrder[0] ?? -Infinity;
    expect(sandboxed).toBeLessThan(readyAwaited);
  });
});

const ALLOWED_LINKS: [string, string][] = [
  ['https://europa.eu', 'https://europa.eu/'],
  ['https://ec.europa.eu', 'https://ec.europa.eu/'],
  ['https://ec.europa.eu/home-affairs/policies_en', 'https://ec.europa.eu/home-affairs/policies_en'],
  ['https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018R1806', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018R1806'],
  ['https://EC.EUROPA.EU/', 'https://ec.europa.eu/'],
  // What was checked is what is opened: the normalised form.
  ['https://EC.europa.eu/a b', 'https://ec.europa.eu/a%20b'],
];

const REFUSED_LINKS: [string, string][] = [
  ['plain http', 'http://ec.europa.eu'],
  ['javascript:', 'javascript:alert(1)'],
  ['file:', 'file:///etc/passwd'],
  ['a custom scheme', 'ms-msdt://europa.eu'],
  ['a look-alike host', 'https://europa.eu.evil.com'],
  ['a host merely ending in the name', 'https://noteuropa.eu'],
  ['credentials', 'https://user:pw@europa.eu'],
  ['a username hiding the real host', 'https://europa.eu@evil.example/'],
  ['a non-default port', 'https://europa.eu:8443/'],
  ['not a URL', 'europa.eu'],
  ['the empty string', ''],
  ['an over-long URL', `https://europa.eu/${'a'.repeat(2048)}`],
];

describe('external links open only to an allow-list', () => {
  let electron: ElectronMock;
  let window: MockWindow;
  beforeEach(async () => {
    ({ electron, window } = await startMain());
  });

  /** The three ways a page can ask for a link: clicking it, window.open, and the bridge. */
  async function askEveryWay(url: string): Promise<unknown> {
    window.webContents.pageNavigates(url);
    window.webContents.openWindow(url);
    return electron.ipcMain.invoke('link:open-external', APP_ENTRY_URL, { url });
  }

  it.each(ALLOWED_LINKS)('%s opens in the system browser as %s, by a click, window.open or the bridge', async (url, opened) => {
    expect(await askEveryWay(url)).toEqual({ ok: true, value: { opened: true } });
    expect(electron.shell.openExternal.mock.calls).toEqual([[opened], [opened], [opened]]);
  });

  it.each(REFUSED_LINKS)('%s never reaches the system browser, by a click, window.open or the bridge', async (_label, url) => {
    const result = await askEveryWay(url);
    // Not opened: either a plain "no", or (for the over-long URL) refused by the contract.
    expect([{ ok: true, value: { opened: false } }, { ok: false, error: { code: 'invalid-payload', message: expect.any(String) } }]).toContainEqual(result);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

/** A port nothing listens on right now, for a hub the test may start. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface ChannelSamples {
  /** Accepted by the contract, so that a refusal can only be about who sent it. */
  valid: unknown;
  /** Beyond a size bound of the contract, by label. */
  oversized: Record<string, unknown>;
  /** Of the wrong shape, by label (on top of the non-objects every channel gets). */
  malformed: Record<string, unknown>;
}

const HUB_URL = 'http://192.168.1.20:7420/';

/** Every channel needs samples here; a channel added to the contract without them fails below. */
function samplesFor(port: number, tooLarge: Uint8Array): Partial<Record<IpcChannel, ChannelSamples>> {
  const validSave = { suggestedName: 'report.docx', filters: [{ name: 'Word', extensions: ['docx'] }], data: new Uint8Array([1, 2, 3]) };
  const filter = { name: 'Template', extensions: ['json'] };
  const validPair = { url: HUB_URL, code: CODE, device: 'dev-forged', member: null };
  const validExchange = { url: HUB_URL, missionId: MISSION, vector: {}, changes: [], attachments: [], deviceNames: { 'dev-a': 'Ana’s laptop' } };
  const validBackup = { missionId: 'mission-1', missionTitle: 'Kosovo, July 2015', reason: 'manual', data: new Uint8Array([80, 75, 3, 4]) };
  return {
    'file:save': {
      valid: validSave,
      oversized: {
        'data over 50 MiB': { ...validSave, data: tooLarge },
        'a 201-character name': { ...validSave, suggestedName: `${'a'.repeat(196)}.docx` },
        '11 filters': { ...validSave, filters: Array.from({ length: 11 }, () => filter) },
      },
      malformed: {
        'a path as the name': { ...validSave, suggestedName: '../../.bashrc' },
        'data as a list': { ...validSave, data: [1, 2, 3] },
      },
    },
    'file:open': {
      valid: { filters: [filter] },
      oversized: { 'maxBytes over 50 MiB': { maxBytes: MAX_IPC_FILE_BYTES + 1 }, '11 filters': { filters: Array.from({ length: 11 }, () => filter) } },
      malformed: { 'a negative maxBytes': { maxBytes: -1 }, 'filters as text': { filters: 'json' } },
    },
    'link:open-external': {
      valid: { url: 'https://ec.europa.eu/' },
      oversized: { 'a URL over 2048 characters': { url: `https://ec.europa.eu/${'a'.repeat(2048)}` } },
      malformed: { 'no url': { href: 'https://ec.europa.eu/' }, 'a url that is no string': { url: 42 } },
    },
    'hub:host': {
      valid: { port, host: '127.0.0.1' },
      oversized: { 'a port over 65535': { port: 65536 }, 'a 1 MiB host': { port, host: 'a'.repeat(1024 * 1024) } },
      malformed: { 'a privileged port': { port: 80 }, 'a host of its own': { port, host: '192.168.1.20' } },
    },
    // No field, so nothing to make oversized; see the KNOWN DEFECT test below.
    'hub:stop': { valid: {}, oversized: {}, malformed: {} },
    'hub:status': { valid: {}, oversized: {}, malformed: {} },
    'hub:newCode': { valid: {}, oversized: {}, malformed: {} },
    'hub:pair': {
      valid: validPair,
      oversized: {
        'a 33-character code': { ...validPair, code: 'K'.repeat(33) },
        'a 301-character URL': { ...validPair, url: `http://${'a'.repeat(292)}.lan/` },
        'a 129-character device id': { ...validPair, device: 'd'.repeat(129) },
      },
      malformed: { 'a file: URL': { ...validPair, url: 'file:///etc/passwd' }, 'a path as device id': { ...validPair, device: '../../etc' } },
    },
    'hub:exchange': {
      valid: validExchange,
      oversized: {
        'attachments over 50 MiB': { ...validExchange, attachments: [{ sha256: 'a'.repeat(64), data: tooLarge }] },
        'an 81-character device name': { ...validExchange, deviceNames: { 'dev-a': 'a'.repeat(81) } },
        '201 device names': { ...validExchange, deviceNames: Object.fromEntries(Array.from({ length: 201 }, (_, n) => [`dev-${n}`, 'Laptop'])) },
      },
      malformed: {
        'a path as mission id': { ...validExchange, missionId: '../../etc' },
        'changes that are not changes': { ...validExchange, changes: [{ id: 1 }] },
        'a path as a named device id': { ...validExchange, deviceNames: { '../../etc': 'Laptop' } },
      },
    },
    'backup:write': {
      valid: validBackup,
      // Data over the 512 MiB limit is left out: allocating it would cost more than it shows.
      oversized: { 'a 501-character title': { ...validBackup, missionTitle: 't'.repeat(501) }, 'a 129-character mission id': { ...validBackup, missionId: 'm'.repeat(129) } },
      malformed: { 'a path as mission id': { ...validBackup, missionId: '../..' }, 'a reason of its own': { ...validBackup, reason: 'forced' } },
    },
    'backup:list': {
      valid: { missionId: 'mission-1' },
      oversized: { 'a 129-character mission id': { missionId: 'm'.repeat(129) } },
      malformed: { 'a path as mission id': { missionId: '../..' } },
    },
    'backup:read': {
      valid: { missionId: 'mission-1', id: '20260327T101500000Z-automatic.mkbundle' },
      oversized: { 'a 1 MiB name': { missionId: 'mission-1', id: `${'2'.repeat(1024 * 1024)}.mkbundle` } },
      malformed: {
        'a path as name': { missionId: 'mission-1', id: '../../settings.json' },
        'an absolute path as name': { missionId: 'mission-1', id: '/etc/passwd' },
        'a path as mission id': { missionId: '../..', id: '20260327T101500000Z-automatic.mkbundle' },
      },
    },
    'backup:settings': {
      valid: { keep: 3 },
      oversized: { 'keep over 200': { keep: 201 } },
      malformed: { 'keep 0': { keep: 0 }, 'keep as text': { keep: '3' } },
    },
  };
}

/** Not an object at all: every channel must refuse these. */
const NOT_OBJECTS: Record<string, unknown> = { 'no payload': undefined, null: null, 'a string': 'file:save', 'a number': 42, 'a boolean': true, 'a list': [] };

const FROM_APP: MockInvokeEvent = { senderFrame: { url: APP_ENTRY_URL } };

const FORGED_SENDERS: [string, MockInvokeEvent][] = [
  ['another origin', { senderFrame: { url: 'https://evil.example/' } }],
  ['a look-alike app host', { senderFrame: { url: 'app://mission-kit.evil/index.html' } }],
  ['our host on another port', { senderFrame: { url: 'app://mission-kit:8080/index.html' } }],
  ['our host with credentials', { senderFrame: { url: 'app://user:pw@mission-kit/index.html' } }],
  ['the browser fallback server', { senderFrame: { url: 'http://127.0.0.1:5180/' } }],
  ['a file: page', { senderFrame: { url: 'file:///work/renderer/index.html' } }],
  ['a srcdoc frame', { senderFrame: { url: 'about:srcdoc' } }],
  ['a blob: document', { senderFrame: { url: `blob:${APP_ORIGIN}/8d1f5f6e-2f0e-4d5c-9a59-1c2b3d4e5f60` } }],
  ['a frame that is gone', { senderFrame: null }],
];

describe('IPC handlers given forged or oversized payloads return an error and act on nothing', () => {
  let electron: ElectronMock;
  let appData: string;
  let elsewhere: string;
  let fetchSpy: MockInstance<typeof fetch>;
  let hostPort: number;
  let samples: Partial<Record<IpcChannel, ChannelSamples>>;

  beforeAll(async () => {
    appData = await mkdtemp(path.join(tmpdir(), 'mission-kit-hardening-ipc-'));
    elsewhere = await mkdtemp(path.join(tmpdir(), 'mission-kit-hardening-open-'));
    ({ electron } = await startMain(appData));
    // The dialogs answer as a user would, so a request that got through really writes and reads.
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(appData, 'saved.docx') });
    const openable = path.join(elsewhere, 'template.json');
    await writeFile(openable, '{}');
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [openable] });
    // Pairing and sync reach the network through the global fetch: count, never connect.
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in this test'));
    hostPort = await freePort();
    samples = samplesFor(await freePort(), new Uint8Array(MAX_IPC_FILE_BYTES + 1));
  });
  afterAll(async () => {
    fetchSpy.mockRestore();
    // Whatever a failing test left running.
    await electron.ipcMain.invokeWith('hub:stop', FROM_APP, {});
    await rm(appData, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  /**
   * Everything a handler could do: show a dialog, open the browser, reach the network, create or
   * change a file under userData (saved reports, hub data and sessions, backups and their
   * settings), start or stop the hosted hub.
   */
  async function effects(): Promise<Record<string, unknown>> {
    const files: Record<string, string> = {};
    for (const file of await listFiles(appData)) {
      files[file] = createHash('sha256').update(await readFile(path.join(appData, file))).digest('hex');
    }
    return {
      saveDialogs: electron.dialog.showSaveDialog.mock.calls.length,
      openDialogs: electron.dialog.showOpenDialog.mock.calls.length,
      openedExternally: electron.shell.openExternal.mock.calls.length,
      fetches: fetchSpy.mock.calls.length,
      files,
      hub: await electron.ipcMain.invokeWith('hub:status', FROM_APP, {}),
    };
  }

  async function expectRefused(channel: IpcChannel, event: MockInvokeEvent, payload: unknown, code: string, what: string): Promise<void> {
    const before = await effects();
    const result = await electron.ipcMain.invokeWith(channel, event, payload);
    expect(result, `${channel}, ${what}`).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    expect(await effects(), `${channel}, ${what}: must act on nothing`).toEqual(before);
  }

  it('main registers a handler for every channel of the contract, and for nothing else', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('the same requests from our own page do act (so the checks below can see an effect)', async () => {
    const before = await effects();
    expect(await electron.ipcMain.invokeWith('link:open-external', FROM_APP, { url: 'https://ec.europa.eu/' })).toEqual({ ok: true, value: { opened: true } });
    expect(await electron.ipcMain.invokeWith('file:save', FROM_APP, samples['file:save']?.valid)).toEqual({ ok: true, value: { canceled: false, fileName: 'saved.docx' } });
    expect(await effects()).toMatchObject({
      saveDialogs: Number(before.saveDialogs) + 1,
      openedExternally: Number(before.openedExternally) + 1,
      files: { 'saved.docx': createHash('sha256').update(new Uint8Array([1, 2, 3])).digest('hex') },
    });
    await rm(path.join(appData, 'saved.docx'));
  });

  it.each(IPC_CHANNELS)('%s: forged senders, oversized and malformed payloads get an error and change nothing, hub hosted or not', async (channel) => {
    const forChannel = samples[channel];
    if (!forChannel) {
      throw new Error(
        `IPC channel "${channel}" has no sample payloads in tests/unit/main/hardening-rules.test.ts: add valid, oversized and malformed ones to samplesFor() (and to effects() any new kind of side effect it can have), so that this rule covers it.`,
      );
    }
    expect(ipcRequestSchemas[channel].safeParse(forChannel.valid).success, `the valid sample of ${channel} must pass the contract`).toBe(true);

    for (const hosting of [false, true]) {
      // Hosted, a forged hub:stop would have something to stop; not hosted, a forged hub:host something to start.
      if (hosting) expect(await electron.ipcMain.invokeWith('hub:host', FROM_APP, { port: hostPort, host: '127.0.0.1' })).toMatchObject({ ok: true, value: { hosting: true } });
      const state = hosting ? 'while hosting a hub' : 'with no hub hosted';
      for (const [sender, event] of FORGED_SENDERS) await expectRefused(channel, event, forChannel.valid, 'forbidden-sender', `from ${sender}, ${state}`);
      for (const [what, payload] of Object.entries(forChannel.oversized)) await expectRefused(channel, FROM_APP, payload, 'invalid-payload', `${what}, ${state}`);
      for (const [what, payload] of Object.entries({ ...NOT_OBJECTS, ...forChannel.malformed })) {
        await expectRefused(channel, FROM_APP, payload, 'invalid-payload', `${what}, ${state}`);
      }
      if (hosting) expect(await electron.ipcMain.invokeWith('hub:stop', FROM_APP, {})).toMatchObject({ ok: true, value: { hosting: false } });
    }
  });

  /**
   * Handlers over stand-ins that record instead of acting, for the known defects below: those
   * requests get through, and with main's real dependencies they would start hubs and write
   * files. Every dependency, whatever its shape, is a proxy that records each call by name.
   */
  function recordingHandlers(): { handlers: ReturnType<typeof createIpcHandlers>; acted: string[] } {
    const acted: string[] = [];
    const recorder = (name: string): unknown =>
      new Proxy(() => undefined, {
        // 'then' stays undefined, so that awaiting a dependency's result does not call it.
        get: (_target, key) => (key === 'then' ? undefined : recorder(`${name}.${String(key)}`)),
        apply: () => {
          acted.push(name);
          return undefined;
        },
      });
    return { handlers: createIpcHandlers(recorder('deps') as IpcDependencies), acted };
  }

  // Plain z.object schemas would strip the unknown field and act on the rest.
  it('a valid request padded with an unknown 50 MiB field is refused on every channel', async () => {
    const { handlers, acted } = recordingHandlers();
    const padding = 'x'.repeat(MAX_IPC_FILE_BYTES);
    for (const channel of IPC_CHANNELS) {
      const valid = samples[channel]?.valid;
      const result = await handlers[channel](FROM_APP, { ...(valid as object), padding });
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(acted).toEqual([]);
  });

  // zod recurses once per level of a change's JSON value: 2,000 levels (which Electron's IPC
  // serialises fine) overflow its stack, which must become an answer, not a throw across IPC.
  it('hub:exchange answers invalid-payload to a change value nested 2,000 deep', async () => {
    const { handlers } = recordingHandlers();
    let value: unknown = 'deep';
    for (let depth = 0; depth < 2000; depth += 1) value = [value];
    const change = { entity: 'finding', id: 'f-1', missionId: MISSION, field: 'narrative', value, hlc: 'not-a-stamp', device: 'dev-a', member: null, base: null };
    const request = { url: HUB_URL, missionId: MISSION, vector: {}, changes: [change], attachments: [] };
    await expect(handlers['hub:exchange'](FROM_APP, request)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  // The limits walk of files (shared/json-limits.ts) runs before the schema, so the answer names
  // where the nesting broke the limit instead of relying on a stack overflow being caught.
  it('a request nested 5,000 deep is refused on every channel with the depth limit and its path, acting on nothing', async () => {
    const { handlers, acted } = recordingHandlers();
    let deep: unknown = 'deep';
    for (let depth = 0; depth < 5000; depth += 1) deep = { inner: deep };
    for (const channel of IPC_CHANNELS) {
      const valid = samples[channel]?.valid;
      const result = await handlers[channel](FROM_APP, { ...(valid as object), deep });
      expect(result, channel).toEqual({
        ok: false,
        error: { code: 'invalid-payload', message: expect.stringMatching(new RegExp(`^${channel}: deep(\\.inner)+: nested more than ${MAX_JSON_DEPTH} levels deep`)) },
      });
    }
    expect(acted).toEqual([]);
  });

  // Structured clone keeps shared references: 60 levels of [a, a] are 2^60 visits for any walk
  // or schema, which would hang main. The walk counts every visit and stops at the cap.
  it('hub:exchange refuses a change value that repeats one array in pairs 60 deep, with the container limit', async () => {
    const { handlers, acted } = recordingHandlers();
    let value: unknown = 'leaf';
    for (let depth = 0; depth < 60; depth += 1) value = [value, value];
    const change = { entity: 'finding', id: 'f-1', missionId: MISSION, field: 'narrative', value, hlc: 'not-a-stamp', device: 'dev-a', member: null, base: null };
    const request = { url: HUB_URL, missionId: MISSION, vector: {}, changes: [change], attachments: [] };
    const result = await handlers['hub:exchange'](FROM_APP, request);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringMatching(new RegExp(`^hub:exchange: changes\\[0\\]\\.value(\\[[01]\\])+: holds more than ${MAX_IPC_CONTAINERS.toLocaleString('en')} arrays and objects`)) },
    });
    expect(acted).toEqual([]);
    // The walk is bounded by the cap's count; the timeout only bounds a hang on a loaded machine.
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// The LAN hub

function errorOf(response: RawResponse): { error: string; message: string } {
  return HubErrorBodySchema.parse(response.json());
}

/** A stranger's guess: a valid key, a made-up proof. */
async function guessBody(): Promise<Uint8Array> {
  const { publicKey } = await generateEcdhKeyPair(platformHubCrypto());
  return Buffer.from(JSON.stringify({ device: 'dev-guess', member: null, publicKey: toHex(publicKey), proof: randomBytes(32).toString('hex') }));
}

describe('LAN hub: brute-forcing the pairing code is rate-limited', () => {
  let folder: Awaited<ReturnType<typeof makeHubFolder>>;
  beforeEach(async () => {
    folder = await makeHubFolder();
  });
  afterEach(() => folder.cleanUp());

  it('5 wrong codes free per address, then a wait that doubles, with Retry-After, even for the right code', async () => {
    let clock = 1_700_000_000_000;
    const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, now: () => clock, log: () => undefined });
    try {
      const body = await guessBody();
      const guess = (): Promise<RawResponse> => rawRequest(hub.url, '/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

      // A malformed request is no guess and does not count.
      expect((await rawRequest(hub.url, '/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"device":') })).status).toBe(400);
      for (let n = 0; n < FREE_FAILURES_PER_ADDRESS; n += 1) expect((await guess()).status).toBe(403);
      const limited = await guess();
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');
      expect(errorOf(limited)).toEqual({ error: 'rate-limited', message: 'Too many wrong pairing codes were tried from this address; try again in 1 s.' });
      // Even the right code waits: the limit is on the address, before any check.
      const client = createHubClient({ baseUrl: hub.url, fetch: platformFetch });
      await expect(client.pair(CODE, 'dev-right', null)).rejects.toMatchObject({ code: 'rate-limited', status: 429, retryAfterSeconds: 1 });

      // Each further wrong code doubles the wait: 1 s, 2 s, 4 s.
      for (const wait of [1, 2, 4]) {
        clock += wait * 1000;
        expect((await guess()).status).toBe(403);
        expect((await guess()).headers['retry-after']).toBe(String(wait * 2));
      }
      clock += 8_000;
      await expect(client.pair(CODE, 'dev-right', null)).resolves.toMatchObject({ device: 'dev-right' });
      // The right code clears the address: its typos said nothing about guessing.
      expect((await guess()).status).toBe(403);
    } finally {
      await hub.close();
    }
    // Three PBKDF2 runs (the hub's and two pairings): seconds on a loaded two-core machine.
  }, 30_000);

  it('once an address is limited, its requests are refused before their body is even read', async () => {
    const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, now: () => 1_700_000_000_000, log: () => undefined });
    try {
      const body = await guessBody();
      const headers = { 'content-type': 'application/json' };
      for (let n = 0; n < FREE_FAILURES_PER_ADDRESS; n += 1) expect((await rawRequest(hub.url, '/pair', { method: 'POST', headers, body })).status).toBe(403);
      // A few bytes of the body, and the rest only once the hub has answered: a hub that waited
      // for the whole body before refusing would never answer.
      const slow = await rawRequest(hub.url, '/pair', {
        method: 'POST',
        headers: { ...headers, 'content-length': String(body.length) },
        body: async function* (answered) {
          yield body.subarray(0, 10);
          await answered;
          yield body.subarray(10);
        },
      });
      expect(slow.status).toBe(429);
      expect(slow.headers.connection).toBe('close');
    } finally {
      await hub.close();
    }
  });

  it('a guess counts from the moment it arrives, so a burst of parallel guesses cannot slip past the limit', async () => {
    const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, now: () => 1_700_000_000_000, log: () => undefined });
    try {
      const body = await guessBody();
      const burst = await Promise.all(
        Array.from({ length: 12 }, () => rawRequest(hub.url, '/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body })),
      );
      const statuses = burst.map((response) => response.status).sort();
      expect(statuses).toEqual([...Array<number>(FREE_FAILURES_PER_ADDRESS).fill(403), ...Array<number>(12 - FREE_FAILURES_PER_ADDRESS).fill(429)]);
    } finally {
      await hub.close();
    }
  });

  it('a guesser spread over many addresses is slowed down for everyone, to one try a minute, and pairing never closes for good', async () => {
    let clock = 1_700_000_000_000;
    const crypto = platformHubCrypto();
    const logs: string[] = [];
    const pairing = await HubPairing.create(crypto, CODE, () => clock, (line) => logs.push(line));
    const { publicKey } = await generateEcdhKeyPair(crypto);
    const guess = { device: 'dev-guess', member: null, publicKey: toHex(publicKey), proof: randomBytes(32).toString('hex') };
    // Each address stays within its own free tries: 10 addresses, one guess each.
    for (let address = 1; address <= FREE_FAILURES_PER_CODE; address += 1) {
      expect(await pairing.verify(`192.168.1.${address}`, guess)).toEqual({ ok: false, wrongCode: true });
    }
    expect(logs).toEqual([expect.stringContaining('10 wrong pairing codes were tried (someone may be guessing)')]);
    // Now everyone waits, a fresh address too, and the wait doubles up to a minute.
    const waits: number[] = [];
    for (let address = 100; address < 110; address += 1) {
      const refusal = pairing.refusal(`192.168.1.${address}`);
      expect(refusal).toMatchObject({ status: 429, code: 'rate-limited', message: expect.stringContaining('tried on this hub') });
      waits.push(refusal?.retryAfterSeconds ?? 0);
      clock += (refusal?.retryAfterSeconds ?? 0) * 1000;
      expect(await pairing.verify(`192.168.1.${address}`, guess)).toEqual({ ok: false, wrongCode: true });
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
    expect(MAX_CODE_BACKOFF_MS).toBe(60_000);
    // Never closed: once the wait is over, anyone may try again; a new code forgets every failure.
    clock += MAX_CODE_BACKOFF_MS;
    expect(pairing.refusal('192.168.1.200')).toBeNull();
    await pairing.renew();
    expect(pairing.refusal('192.168.1.100')).toBeNull();
  });
});

/** A hub on loopback with one paired device, whose session can also seal hand-made requests. */
interface PairedHub {
  folder: Awaited<ReturnType<typeof makeHubFolder>>;
  hub: RunningHub;
  device: SimulatedDevice;
  token: string;
  /** Sends `target` exactly as given, sealed with the device's session key as a real client would. */
  sealed(method: string, target: string, body?: Uint8Array): Promise<RawResponse>;
}

async function startPairedHub(): Promise<PairedHub> {
  const folder = await makeHubFolder();
  const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: () => undefined });
  const device = new SimulatedDevice('dev-a', 'member-a', hub.url);
  const session = await device.client.pair(CODE, device.device, device.member);
  // A second paired device for the hand-made requests, so their counters do not disturb dev-a's.
  const raw = createHubClient({ baseUrl: hub.url, fetch: platformFetch });
  const rawSession = await raw.pair(CODE, 'dev-raw', null);
  const crypto = platformHubCrypto();
  const key: CryptoKeyLike = await importSessionKey(crypto, fromHex(rawSession.key) ?? new Uint8Array(0));
  let counter = rawSession.counter;
  return {
    folder,
    hub,
    device,
    token: session.token,
    async sealed(method, target, body = new Uint8Array(0)) {
      counter += 1;
      const envelope = await sealEnvelope(crypto, key, 'request', { counter, sentAt: Date.now(), method, path: target }, body);
      const headers: Record<string, string> = { authorization: `Bearer ${rawSession.token}` };
      if (method === 'GET') return rawRequest(hub.url, target, { method, headers: { ...headers, [SEAL_HEADER]: toHex(envelope) } });
      return rawRequest(hub.url, target, { method, headers: { ...headers, 'content-type': 'application/octet-stream' }, body: envelope });
    },
  };
}

describe('LAN hub: requests are size-limited', () => {
  let paired: PairedHub;
  beforeAll(async () => {
    paired = await startPairedHub();
  });
  afterAll(async () => {
    await paired.hub.close();
    await paired.folder.cleanUp();
  });

  it('a push over 16 MiB gets 413 without being read whole, and nothing is stored', async () => {
    const { hub, folder, token } = paired;
    const before = await listFiles(folder.dataDir);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' };
    // Declared too large: refused before a byte of the body is read.
    const declared = await rawRequest(hub.url, `/missions/${MISSION}/push`, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(MAX_JSON_BODY_BYTES + 1) },
      body: async function* (answered) {
        yield new Uint8Array(1024);
        // The hub answers while the client still has most of its body to send: the body ends
        // (short of what it declared) only after the answer.
        await answered;
      },
    });
    expect(declared.status).toBe(413);
    expect(errorOf(declared)).toMatchObject({ error: 'too-large', message: 'The request body is larger than the 16 MiB the hub accepts.' });
    expect(declared.headers.connection).toBe('close');

    // Chunked, no length given: the hub answers as soon as the limit is passed, while the body
    // is still open (it ends only after the answer), so it cannot have waited for (or kept) the
    // rest. The client sends no more than that meanwhile: bytes the hub never read would make
    // its close a reset, which can destroy the answer before the client reads it.
    const chunk = new Uint8Array(1024 * 1024);
    const chunked = await rawRequest(hub.url, `/missions/${MISSION}/push`, {
      method: 'POST',
      headers,
      body: async function* (answered) {
        for (let sent = 0; sent < MAX_JSON_BODY_BYTES / chunk.length; sent += 1) yield chunk;
        yield new Uint8Array(1);
        await answered;
      },
    });
    expect(chunked.status).toBe(413);
    expect(errorOf(chunked).error).toBe('too-large');
    expect(chunked.headers.connection).toBe('close');
    expect(await listFiles(folder.dataDir)).toEqual(before);
  });

  it('a pairing request over 16 KiB gets 413, and pairs nothing', async () => {
    const { hub, folder } = paired;
    const sessionsBefore = await readFile(path.join(folder.dataDir, 'sessions.json'), 'utf8');
    const response = await rawRequest(hub.url, '/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ device: 'dev-big', member: null, publicKey: '04', proof: 'a'.repeat(MAX_PAIR_BODY_BYTES) })),
    });
    expect(response.status).toBe(413);
    expect(errorOf(response).error).toBe('too-large');
    expect(await readFile(path.join(folder.dataDir, 'sessions.json'), 'utf8')).toBe(sessionsBefore);
  });

  it('an attachment over 50 MiB gets 413, declared too large or found so once unsealed, and nothing is stored', async () => {
    const { hub, folder, token } = paired;
    const before = await listFiles(folder.dataDir);
    const bytes = new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(7);
    const target = `/missions/${MISSION}/attachments/${createHash('sha256').update(bytes).digest('hex')}`;

    const declared = await rawRequest(hub.url, target, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-length': String(MAX_ATTACHMENT_BYTES + SEAL_OVERHEAD_BYTES + 1) },
      body: async function* (answered) {
        yield new Uint8Array(1024);
        await answered;
      },
    });
    expect(declared.status).toBe(413);

    // The envelope fits the transport limit (which leaves room for the seal); its content does not.
    const sealed = await paired.sealed('PUT', target, bytes);
    expect(sealed.status).toBe(413);
    expect(errorOf(sealed)).toMatchObject({ error: 'too-large', message: 'An attachment may hold at most 50 MiB.' });
    expect(await listFiles(folder.dataDir)).toEqual(before);
  });

  it('headers over the limit get 431', async () => {
    // Just over Node's 16 KiB: the less the hub leaves unread, the surer the answer arrives.
    const response = await rawRequest(paired.hub.url, '/pair', { headers: { 'x-padding': 'a'.repeat(17 * 1024) } });
    expect(response.status).toBe(431);
  });
});

describe('LAN hub: the hub never serves files outside its data folder', () => {
  let paired: PairedHub;
  /** A file beside the data folder, and its hash: what a traversal would try to fetch. */
  const secret = Buffer.from('SECRET-OUTSIDE-THE-DATA-FOLDER');
  const secretHash = createHash('sha256').update(secret).digest('hex');

  beforeAll(async () => {
    paired = await startPairedHub();
    for (const place of ['', 'attachments', 'missions', 'data/attachments']) {
      await mkdir(path.join(paired.folder.root, place), { recursive: true });
      await writeFile(path.join(paired.folder.root, place, secretHash), secret);
      await writeFile(path.join(paired.folder.root, place, 'secret'), secret);
    }
  });
  afterAll(async () => {
    await paired.hub.close();
    await paired.folder.cleanUp();
  });

  async function everyFile(): Promise<string[]> {
    return listFiles(paired.folder.root);
  }

  it('paths naming no valid mission or hash are refused (400/404), with or without a token, touching nothing', async () => {
    const targets: [string, string, number][] = [
      ['POST', '/missions/..%2F..%2Fetc/push', 400],
      ['POST', '/missions/%2e%2e/pull', 400],
      ['POST', '/missions/../../etc/push', 404],
      ['POST', '/missions/.hidden/push', 400],
      ['PUT', `/missions/${MISSION}/attachments/..%2F..%2F..%2Fetc%2Fpasswd`, 400],
      ['PUT', `/missions/${MISSION}/attachments/${'A'.repeat(64)}`, 400],
      ['GET', `/missions/${MISSION}/attachments/../../sessions.json`, 404],
      ['GET', '/missions/..%5C..%5Csessions.json/attachments/missing', 400],
      ['POST', '/missions/..%5C..%5Csessions.json/attachments/missing', 400],
      ['GET', '/../../etc/passwd', 404],
    ];
    const before = await everyFile();
    for (const [method, target, status] of targets) {
      const withAndWithoutToken: Record<string, string>[] = [{}, { authorization: `Bearer ${paired.token}`, [SEAL_HEADER]: '00' }];
      for (const headers of withAndWithoutToken) {
        const response = await rawRequest(paired.hub.url, target, { method, headers, body: method === 'GET' ? undefined : Buffer.from('{}') });
        expect([target, response.status]).toEqual([target, status]);
      }
    }
    expect(await everyFile()).toEqual(before);
  });

  it('a paired device sending properly sealed traversals is refused too: nothing outside is read or written', async () => {
    const planted = Buffer.from('PLANTED-BY-A-TRAVERSAL');
    const plantedHash = createHash('sha256').update(planted).digest('hex');
    const attempts: [string, string, Uint8Array?][] = [
      ['GET', `/missions/../attachments/${secretHash}`],
      ['GET', `/missions/./attachments/${secretHash}`],
      ['GET', `/missions/%2e%2e/attachments/${secretHash}`],
      ['GET', `/missions/..%2F..%2F..%2F/attachments/${secretHash}`],
      ['GET', `/missions/..%5C..%5C..%5C/attachments/${secretHash}`],
      ['GET', `/missions/%2Ftmp/attachments/${secretHash}`],
      ['GET', `/missions/C:%5CWindows/attachments/${secretHash}`],
      ['GET', `/missions/${MISSION}/attachments/..%2F..%2F..%2F..%2Fsecret`],
      ['GET', `/missions/${MISSION}/attachments/%2e%2e`],
      ['PUT', `/missions/..%2F..%2F..%2F/attachments/${plantedHash}`, planted],
      ['PUT', `/missions/../attachments/${plantedHash}`, planted],
      ['POST', '/missions/%2e%2e/push', Buffer.from(JSON.stringify({ changes: [] }))],
      ['POST', `/missions/${MISSION}/attachments/missing`, Buffer.from(JSON.stringify({ hashes: ['../../../secret'] }))],
    ];
    const before = await everyFile();
    for (const [method, target, body] of attempts) {
      const response = await paired.sealed(method, target, body);
      expect([method, target, response.status]).toEqual([method, target, 400]);
      expect(response.body.includes(secret)).toBe(false);
    }
    expect(await everyFile()).toEqual(before);
  });

  it('the store refuses ids and hashes that could name a path by itself, before touching the disk', async () => {
    // Defence in depth: the store does not rely on the router having checked.
    const store = new HubStore(paired.folder.dataDir, () => undefined);
    const before = await everyFile();
    for (const missionId of ['..', '.', '../..', '../../etc', '/etc', 'C:\\Windows', '..\\..', '', 'a/b', `${'a'.repeat(129)}`]) {
      await expect(store.push(missionId, []), missionId).rejects.toBeInstanceOf(UnsafePathError);
      await expect(store.pull(missionId, {}, 10), missionId).rejects.toBeInstanceOf(UnsafePathError);
      await expect(store.readAttachment(missionId, secretHash), missionId).rejects.toBeInstanceOf(UnsafePathError);
      await expect(store.putAttachment(missionId, secretHash, secret), missionId).rejects.toBeInstanceOf(UnsafePathError);
    }
    for (const hash of ['../../secret', '..', secretHash.toUpperCase(), `${secretHash}/..`, '']) {
      await expect(store.readAttachment(MISSION, hash), hash).rejects.toBeInstanceOf(UnsafePathError);
      await expect(store.putAttachment(MISSION, hash, secret), hash).rejects.toBeInstanceOf(UnsafePathError);
      await expect(store.missingAttachments(MISSION, [hash]), hash).rejects.toBeInstanceOf(UnsafePathError);
    }
    expect(await everyFile()).toEqual(before);
  });

  it('every path the store builds must resolve strictly inside the data folder', () => {
    const root = paired.folder.dataDir;
    for (const parts of [['..'], ['..', 'secret'], ['missions', '..', '..', 'secret'], ['/etc/passwd'], [''], ['.'], ['missions', '..']]) {
      expect(() => pathInside(root, ...parts), parts.join('/')).toThrow(UnsafePathError);
    }
    expect(pathInside(root, 'missions', MISSION)).toBe(path.join(root, 'missions', MISSION));
  });

  it('mission ids that are not portable folder names get a hashed folder inside missions/', async () => {
    const odd = ['Mission:CON.2015', 'con', 'NUL', 'a..b', 'Upper-Case'];
    for (const missionId of odd) expect(missionFolderName(missionId)).toMatch(/^~[0-9a-f]{64}$/);
    for (const missionId of odd) {
      const change = { ...paired.device.create('site', `site-${missionId}`, { name: 'Jarinje' }), missionId };
      paired.device.changes.pop();
      await paired.device.client.push(missionId, [change]);
      expect((await paired.device.client.pull(missionId, {})).changes).toEqual([change]);
    }
    const folders = await readdir(path.join(paired.folder.dataDir, 'missions'));
    expect(folders.filter((name) => !name.startsWith('~'))).toEqual([]);
    expect(folders).toHaveLength(odd.length);
  });
});
