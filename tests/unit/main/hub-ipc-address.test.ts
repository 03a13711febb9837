/**
 * hub:pair and hub:exchange as the page calls them, through main's handlers, HubService and the
 * local-only fetch, against a real hub on loopback. The page chooses a URL; main must talk only
 * to local addresses, only to the port given, never follow a redirect, and sync only with the
 * hub a pairing was made with. Each refusal has its own code (the panel words it in the user's
 * language) and sends nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostLookup } from '../../../main/hub-address';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { HubService } from '../../../main/hub-service';
import { createIpcHandlers, type InvokeEvent, type IpcDependencies } from '../../../main/ipc-handlers';
import { createLocalHubFetch, type PlatformFetch } from '../../../main/local-hub-fetch';
import { CODE, MISSION, listFiles, makeHubFolder } from '../hub/hub-test-kit';

const FROM_APP: InvokeEvent = { senderFrame: { url: 'app://mission-kit/index.html' } };

let hubFolder: Awaited<ReturnType<typeof makeHubFolder>>;
let clientFolder: Awaited<ReturnType<typeof makeHubFolder>>;
let hub: RunningHub;
const closers: (() => Promise<void>)[] = [];

// One hub for the file (it takes a while to start); a fresh device folder for each test.
beforeAll(async () => {
  hubFolder = await makeHubFolder();
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: hubFolder.dataDir, pairingCode: CODE, log: () => undefined });
});
afterAll(async () => {
  await hub.close();
  await hubFolder.cleanUp();
});
beforeEach(async () => {
  clientFolder = await makeHubFolder();
  closers.push(clientFolder.cleanUp);
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const hubPort = (): string => new URL(hub.url).port;

/** main's handlers over a HubService with the local-only fetch; counts what reaches the network. */
function desktop(lookup: HostLookup = () => Promise.reject(new Error('no name to resolve here'))) {
  const platform = vi.fn<PlatformFetch>((url, init) => fetch(url, init));
  const service = new HubService({
    dataDir: path.join(clientFolder.root, 'own-hub'),
    sessionsFile: path.join(clientFolder.root, 'hub-sessions'),
    fetch: createLocalHubFetch({ lookup, fetch: platform }),
  });
  closers.push(() => service.close());
  const unused = (): Promise<never> => Promise.reject(new Error('not used here'));
  const deps: IpcDependencies = {
    dialog: { showSaveDialog: unused, showOpenDialog: unused },
    fs: { stat: unused, open: unused, rename: unused, rm: unused },
    openExternal: unused,
    documentsFolder: () => clientFolder.root,
    hub: service,
    lookupHost: lookup,
    backups: { root: clientFolder.root, write: unused, list: unused, read: unused, settings: unused, setKeep: unused },
  };
  return { handlers: createIpcHandlers(deps), platform };
}

const pairRequest = (url: string) => ({ url, code: CODE, device: 'dev-ana', member: 'ana' });
const exchangeRequest = (url: string) => ({ url, missionId: MISSION, vector: {}, changes: [], attachments: [] });

describe('hub:pair talks only to the local network', () => {
  it('pairs with a hub on loopback, by address or by a name that resolves there, and syncs with it', async () => {
    const { handlers } = desktop(() => Promise.resolve(['127.0.0.1']));
    expect(await handlers['hub:pair'](FROM_APP, pairRequest(hub.url))).toEqual({ ok: true, value: { paired: true } });
    expect(await handlers['hub:exchange'](FROM_APP, exchangeRequest(hub.url))).toMatchObject({ ok: true, value: { pushed: 0, pulled: [] } });

    const byName = `http://lead-laptop.local:${hubPort()}/`;
    expect(await handlers['hub:pair'](FROM_APP, pairRequest(byName))).toEqual({ ok: true, value: { paired: true } });
    expect(await handlers['hub:exchange'](FROM_APP, exchangeRequest(byName))).toMatchObject({ ok: true });
  });

  it.each([
    ['a public IP address', 'http://93.184.216.34:7420/', ['127.0.0.1']],
    ['a name that resolves to a public address', 'http://hub.example:7420/', ['93.184.216.34']],
    ['a name with one public address among local ones', 'http://hub.example:7420/', ['192.168.1.20', '93.184.216.34']],
  ])('refuses %s with hub-not-local and sends nothing', async (_label, url, addresses) => {
    const { handlers, platform } = desktop(() => Promise.resolve(addresses));
    const result = await handlers['hub:pair'](FROM_APP, pairRequest(url));
    expect(result).toEqual({ ok: false, error: { code: 'hub-not-local', message: expect.stringMatching(/^Pairing with .* refused: .* is not on a local network/) } });
    expect(platform).not.toHaveBeenCalled();
    expect(await listFiles(clientFolder.root)).toEqual([]);
  });

  it('refuses a name that resolves to a public address by the time main connects (DNS rebinding)', async () => {
    const lookup = vi.fn<HostLookup>().mockResolvedValueOnce(['127.0.0.1']).mockResolvedValue(['93.184.216.34']);
    const { handlers, platform } = desktop(lookup);
    const result = await handlers['hub:pair'](FROM_APP, pairRequest(`http://rebind.example:${hubPort()}/`));
    expect(result).toMatchObject({ ok: false, error: { code: 'hub-not-local', message: expect.stringContaining('rebind.example (93.184.216.34)') } });
    expect(platform).not.toHaveBeenCalled();
  });

  it('refuses a hub that redirects elsewhere, without following it', async () => {
    const redirects: string[] = [];
    const redirecting: Server = createServer((request, response) => {
      redirects.push(request.url ?? '');
      response.writeHead(302, { location: `${hub.url}pair` }).end();
    });
    await new Promise<void>((done) => redirecting.listen(0, '127.0.0.1', () => done()));
    closers.push(() => new Promise<void>((done) => redirecting.close(() => done())));
    const { handlers } = desktop();

    const result = await handlers['hub:pair'](FROM_APP, pairRequest(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/`));
    expect(result).toEqual({ ok: false, error: { code: 'hub-redirect', message: expect.stringContaining(`answered with a redirect to ${hub.url}pair`) } });
    expect(redirects).toEqual(['/pair']);
  });
});

describe('hub:exchange talks only to the hub a pairing was made with', () => {
  it('refuses the same host on another port, and a public address, sending nothing', async () => {
    const { handlers, platform } = desktop();
    expect(await handlers['hub:pair'](FROM_APP, pairRequest(hub.url))).toMatchObject({ ok: true });
    const calls = platform.mock.calls.length;

    const otherPort = `http://127.0.0.1:${Number(hubPort()) === 65535 ? 1024 : Number(hubPort()) + 1}/`;
    expect(await handlers['hub:exchange'](FROM_APP, exchangeRequest(otherPort))).toEqual({
      ok: false,
      error: { code: 'hub-not-paired', message: expect.stringContaining('not paired with http://127.0.0.1:') },
    });
    expect(await handlers['hub:exchange'](FROM_APP, exchangeRequest('http://93.184.216.34:7420/'))).toMatchObject({ ok: false, error: { code: 'hub-not-local' } });
    expect(platform.mock.calls.length).toBe(calls);
  });

  it('finds the pairing however the same address is written, and sends only to it', async () => {
    const { handlers, platform } = desktop();
    expect(await handlers['hub:pair'](FROM_APP, pairRequest(hub.url))).toMatchObject({ ok: true });
    platform.mockClear();
    const sameHub = `http://127.0.0.1:${hubPort()}`;
    expect(await handlers['hub:exchange'](FROM_APP, exchangeRequest(sameHub))).toMatchObject({ ok: true });
    expect(platform).toHaveBeenCalled();
    expect(platform.mock.calls.every(([url]) => url.startsWith(`${sameHub}/`))).toBe(true);
  });
});
