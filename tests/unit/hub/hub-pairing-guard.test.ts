import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, UsageError } from '../../../main/cli/cli-errors';
import { nodeIo, Output, type CliIo } from '../../../main/cli/cli-io';
import { createHubCommand } from '../../../main/cli/hub-command';
import { FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_CODE } from '../../../main/hub/hub-pairing';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { toHex } from '../../../shared/sync/bundle-crypto';
import { createHubClient } from '../../../shared/sync/hub-client';
import { generateEcdhKeyPair, platformHubCrypto } from '../../../shared/sync/hub-crypto';
import { HubErrorBodySchema } from '../../../shared/sync/hub-protocol';
import { CODE, WRONG_CODE, makeHubFolder, platformFetch, rawRequest, type RawResponse } from './hub-test-kit';

let folder: Awaited<ReturnType<typeof makeHubFolder>>;
let clock: number;
const hubs: RunningHub[] = [];

beforeEach(async () => {
  folder = await makeHubFolder();
  clock = 1_700_000_000_000;
});
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  await folder.cleanUp();
});

async function start(): Promise<RunningHub> {
  const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, now: () => clock, log: () => undefined });
  hubs.push(hub);
  return hub;
}

/** A stranger's guess: a valid key, a made-up proof. */
async function guessBody(): Promise<Uint8Array> {
  const { publicKey } = await generateEcdhKeyPair(platformHubCrypto());
  return Buffer.from(JSON.stringify({ device: 'dev-guess', member: null, publicKey: toHex(publicKey), proof: randomBytes(32).toString('hex') }));
}

function errorOf(response: RawResponse): { error: string; message: string } {
  return HubErrorBodySchema.parse(response.json());
}

function pair(hub: RunningHub, code: string, device: string) {
  return createHubClient({ baseUrl: hub.url, fetch: platformFetch }).pair(code, device, null);
}

// Pairing runs PBKDF2 (600,000 iterations) on both sides: seconds on a loaded two-core machine.
describe('pairing from a web page', { timeout: 30_000 }, () => {
  it('is refused before it counts: a simple-content-type POST or a foreign Origin, however many', async () => {
    const hub = await start();
    const body = await guessBody();
    const attempts: [string, Record<string, string>, number, string][] = [
      ['text/plain, as a page may send without asking', { 'content-type': 'text/plain' }, 415, 'unsupported-media-type'],
      ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported-media-type'],
      ['no content type', {}, 415, 'unsupported-media-type'],
      ['JSON from another origin', { 'content-type': 'application/json', origin: 'https://evil.example' }, 403, 'foreign-origin'],
      ['JSON from an opaque origin', { 'content-type': 'application/json', origin: 'null' }, 403, 'foreign-origin'],
      ['JSON marked cross-site by the browser', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, 403, 'foreign-origin'],
      // DNS rebinding: a page on evil.example, whose name now points at the hub, posts to its own origin.
      ['JSON from a page rebound to the hub (its own origin)', { 'content-type': 'application/json', host: 'evil.example:7420', origin: 'http://evil.example:7420', 'sec-fetch-site': 'same-origin' }, 403, 'foreign-origin'],
      ['JSON naming the hub\'s own address as its origin', { 'content-type': 'application/json', origin: hub.url.replace(/\/$/, '') }, 403, 'foreign-origin'],
      ['JSON marked same-origin by the browser', { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, 403, 'foreign-origin'],
    ];
    for (const [what, headers, status, error] of attempts) {
      // Far more than the free tries of an address or of the code: none may count.
      for (let n = 0; n < 3; n += 1) {
        const response = await rawRequest(hub.url, '/pair', { method: 'POST', headers, body });
        expect([what, response.status, errorOf(response).error]).toEqual([what, status, error]);
        expect(errorOf(response).message).toContain('nothing was counted');
      }
    }
    expect(attempts.length * 3).toBeGreaterThan(FREE_FAILURES_PER_CODE);
    // The same address still has all its tries: the right code pairs at once.
    await expect(pair(hub, CODE, 'dev-after')).resolves.toMatchObject({ device: 'dev-after' });
  });
});

describe('a burst of wrong guesses from a few addresses', { timeout: 30_000 }, () => {
  it('slows pairing down for a while, but the right code pairs once the wait is over', async () => {
    const hub = await start();
    const body = await guessBody();
    // The burst: 4 addresses, 5 guesses each, in parallel.
    const sources = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
    const burst = await Promise.all(
      sources.flatMap((localAddress) =>
        Array.from({ length: FREE_FAILURES_PER_ADDRESS }, () => rawRequest(hub.url, '/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body, localAddress })),
      ),
    );
    const statuses = burst.map((response) => response.status);
    // The code allows 10 wrong tries; after that everyone waits.
    expect(statuses.filter((status) => status === 403)).toHaveLength(FREE_FAILURES_PER_CODE);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - FREE_FAILURES_PER_CODE);

    // A team member at another address waits too, and is told for how long.
    const waiting = await pair(hub, CODE, 'dev-lead').catch((error: unknown) => error);
    expect(waiting).toMatchObject({ code: 'rate-limited', status: 429, retryAfterSeconds: 1, message: expect.stringContaining('tried on this hub') });
    clock += 1000;
    await expect(pair(hub, CODE, 'dev-lead')).resolves.toMatchObject({ device: 'dev-lead' });
  });
});

describe('a new pairing code without restarting', { timeout: 30_000 }, () => {
  it('from the app: the old code stops working, the new one pairs, and every failure is forgotten', async () => {
    const hub = await start();
    const body = await guessBody();
    for (let n = 0; n < FREE_FAILURES_PER_ADDRESS; n += 1) {
      expect((await rawRequest(hub.url, '/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(403);
    }
    expect((await rawRequest(hub.url, '/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(429);

    const fresh = await hub.newPairingCode();
    expect(fresh).not.toBe(CODE);
    expect(hub.pairingCode).toBe(fresh);
    expect((await readFile(path.join(folder.dataDir, 'pairing-code'), 'utf8')).trim()).toBe(fresh);
    await expect(pair(hub, CODE, 'dev-old')).rejects.toMatchObject({ code: 'wrong-code', status: 403 });
    await expect(pair(hub, fresh, 'dev-new')).resolves.toMatchObject({ device: 'dev-new' });
  });

  it('from the command line: mission-kit hub --new-code tells the hub running on the folder, which uses it at once', async () => {
    const hub = await start();
    if (process.platform !== 'win32') expect((await stat(path.join(folder.dataDir, 'pairing-code'))).mode & 0o077).toBe(0);
    const printed: string[] = [];
    const command = createHubCommand({ startHub, waitForStop: async () => undefined, print: (line) => printed.push(line), interfaces: networkInterfaces });
    const io: CliIo = { ...nodeIo(), cwd: folder.root, env: {} };
    expect(await command.run(['--data', 'data', '--new-code'], { io, output: new Output() })).toBe(0);

    const fresh = /^New pairing code: ([2-9A-Z]{8})$/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(fresh).not.toBe('');
    expect(fresh).not.toBe(CODE);
    expect(printed[1]).toBe(`The hub running on data (process ${process.pid}) uses it from its next pairing attempt; the old code no longer works.`);
    await expect(pair(hub, CODE, 'dev-old')).rejects.toMatchObject({ code: 'wrong-code' });
    await expect(pair(hub, fresh, 'dev-new')).resolves.toMatchObject({ device: 'dev-new' });
    expect(hub.pairingCode).toBe(fresh);
  });

  it('from the command line, with no hub running there, says so and writes nothing', async () => {
    const command = createHubCommand({ startHub, waitForStop: async () => undefined, print: () => undefined, interfaces: networkInterfaces });
    const io: CliIo = { ...nodeIo(), cwd: folder.root, env: {} };
    const failure = await command.run(['--data', 'data', '--new-code'], { io, output: new Output() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).message).toBe('cannot issue a new pairing code: no hub is running on data (a hub shows a new code each time it starts)');
    await expect(stat(path.join(folder.dataDir, 'pairing-code'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(command.run(['--data', 'data', '--new-code', '--port', '7420'], { io, output: new Output() })).rejects.toThrow(UsageError);
  });

  it('a code file that holds no code leaves the hub on its own code', async () => {
    const logs: string[] = [];
    const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: (line) => logs.push(line) });
    hubs.push(hub);
    await writeFile(path.join(folder.dataDir, 'pairing-code'), 'not a code\n');
    await expect(pair(hub, WRONG_CODE, 'dev-x')).rejects.toMatchObject({ code: 'wrong-code' });
    expect(logs).toContainEqual(expect.stringContaining('does not hold a pairing code; the hub keeps its current one.'));
    await expect(pair(hub, CODE, 'dev-y')).resolves.toMatchObject({ device: 'dev-y' });
  });
});
