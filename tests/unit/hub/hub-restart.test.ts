import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { createHubClient } from '../../../shared/sync/hub-client';
import { fromHex, importSessionKey, platformHubCrypto, sealEnvelope } from '../../../shared/sync/hub-crypto';
import { HubErrorBodySchema, MAX_COUNTER_STEP } from '../../../shared/sync/hub-protocol';
import { PROJECT_ROOT } from '../cli/cli-test-io';
import { CODE, MISSION, SimulatedDevice, changeLines, makeHubFolder, platformFetch, rawRequest, recordingFetch, type RawResponse } from './hub-test-kit';

// Pairing runs PBKDF2 (600,000 iterations) on both sides: seconds on a loaded two-core machine.
const SLOW = { timeout: 60_000 };

let folder: Awaited<ReturnType<typeof makeHubFolder>>;
const hubs: RunningHub[] = [];

beforeEach(async () => {
  folder = await makeHubFolder();
});
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  await folder.cleanUp();
});

async function start(): Promise<RunningHub> {
  const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: () => undefined });
  hubs.push(hub);
  return hub;
}

function errorOf(response: RawResponse): { error: string; message: string; lastCounter?: number } {
  return HubErrorBodySchema.parse(response.json());
}

describe('replay protection across a crash', SLOW, () => {
  let bundleFolder: string;
  let cli: string;
  beforeAll(async () => {
    // The real command line, bundled on its own here so that no other test's build of dist/ can race it.
    bundleFolder = await mkdtemp(path.join(tmpdir(), 'mission-kit-hub-cli-'));
    cli = path.join(bundleFolder, 'mission-kit.cjs');
    await build({ absWorkingDir: PROJECT_ROOT, entryPoints: ['main/cli/mission-kit.ts'], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  }, 120_000);
  afterAll(() => rm(bundleFolder, { recursive: true, force: true }));

  /** `mission-kit hub` in a child process, once it has printed its address and code. */
  async function spawnHub(dataDir: string): Promise<{ child: ChildProcess; url: string; code: string }> {
    // The bundle exports main(), as bin/mission-kit.cjs calls it.
    const script = `require(${JSON.stringify(cli)}).main(process.argv.slice(1))`;
    const child = spawn(process.execPath, ['-e', script, 'hub', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout });
    let url = '';
    for await (const line of lines) {
      if (line.startsWith('  http://')) url = line.trim();
      const code = /^Pairing code: ([2-9A-Z]{8}) /.exec(line)?.[1];
      if (code !== undefined) return { child, url, code };
    }
    throw new Error('the hub exited before printing its pairing code');
  }

  it('a push captured before kill -9 is refused after the restart, and the device carries on', async () => {
    await mkdir(folder.dataDir, { recursive: true });
    const first = await spawnHub(folder.dataDir);
    const exited = new Promise<void>((resolve) => first.child.once('exit', () => resolve()));
    try {
      const recorder = recordingFetch();
      const device = new SimulatedDevice('dev-a', 'member-a', first.url, { fetch: recorder.fetch });
      await device.client.pair(first.code, device.device, device.member);
      device.create('finding', 'finding-1', { missionId: MISSION, requirementId: 'r-1', narrative: 'before the crash' });
      await device.client.push(MISSION, device.changes);

      // While it runs, the folder is locked to it.
      await expect(start()).rejects.toThrow(`another hub (process ${first.child.pid}) is already using the data folder`);

      first.child.kill('SIGKILL');
      await exited;

      // The lock it left names a dead process's socket: the new hub takes over.
      const second = await start();
      const push = recorder.requests.filter((request) => request.url.endsWith('/push')).at(-1);
      if (!push) throw new Error('no push recorded');
      const linesBefore = await changeLines(folder.dataDir);
      const replay = await rawRequest(second.url, new URL(push.url).pathname, { method: 'POST', headers: push.init.headers, body: push.init.body as Uint8Array });
      expect(replay.status).toBe(409);
      expect(errorOf(replay)).toMatchObject({ error: 'replay', message: expect.stringContaining('nothing was done') });
      expect(await changeLines(folder.dataDir)).toEqual(linesBefore);

      // The device itself was never refused: same session, next counter.
      const session = device.client.session();
      if (!session) throw new Error('not paired');
      const resumed = createHubClient({ baseUrl: second.url, fetch: platformFetch, session });
      device.create('finding', 'finding-2', { missionId: MISSION, requirementId: 'r-1', narrative: 'after the restart' });
      await expect(resumed.push(MISSION, device.changes)).resolves.toMatchObject({ accepted: 1, duplicates: 1 });
    } finally {
      first.child.kill('SIGKILL');
      await exited;
    }
  });
});

describe('the data folder lock', SLOW, () => {
  it('is not fooled by a stale lock whose PID now belongs to another live process', async () => {
    await mkdir(folder.dataDir, { recursive: true });
    // What a hub killed long ago left behind, its PID since reused by a process that is very much alive.
    const lockFile = path.join(folder.dataDir, 'hub.lock');
    await writeFile(lockFile, `${JSON.stringify({ pid: process.ppid, token: randomBytes(16).toString('hex') })}\n`);
    const hub = await start();
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await hub.close();
    hubs.length = 0;
    // An older hub's lock (a PID only) is stale too: it proves nothing about a live hub.
    await writeFile(lockFile, `${JSON.stringify({ pid: process.ppid })}\n`);
    await expect(start()).resolves.toMatchObject({ pairingCode: CODE });
  });

  it('keeps a second hub out while the first runs, and is gone once it stops', async () => {
    const hub = await start();
    await expect(startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, log: () => undefined })).rejects.toThrow(
      `another hub (process ${process.pid}) is already using the data folder`,
    );
    // The refused hub left the running one's lock (and code) alone.
    expect(JSON.parse(await readFile(path.join(folder.dataDir, 'hub.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await hub.close();
    hubs.length = 0;
    await expect(readFile(path.join(folder.dataDir, 'hub.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(start()).resolves.toMatchObject({ pairingCode: CODE });
  });
});

describe('request counters', SLOW, () => {
  it('refuses a counter far ahead with 400 and keeps the session usable', async () => {
    const hub = await start();
    const client = createHubClient({ baseUrl: hub.url, fetch: platformFetch });
    const session = await client.pair(CODE, 'dev-a', null);
    const crypto = platformHubCrypto();
    const key = await importSessionKey(crypto, fromHex(session.key) ?? new Uint8Array(0));
    const target = `/missions/${MISSION}/pull`;
    const sealedPull = async (counter: number): Promise<RawResponse> => {
      const envelope = await sealEnvelope(crypto, key, 'request', { counter, sentAt: Date.now(), method: 'POST', path: target }, Buffer.from(JSON.stringify({ vector: {} })));
      return rawRequest(hub.url, target, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/octet-stream' }, body: envelope });
    };

    for (const counter of [Number.MAX_SAFE_INTEGER, MAX_COUNTER_STEP + 1]) {
      const refused = await sealedPull(counter);
      expect(refused.status).toBe(400);
      expect(errorOf(refused)).toEqual({
        error: 'bad-counter',
        message: 'The request counter jumps more than 1,000,000 past the last one (0); nothing was done and the session is unchanged.',
        lastCounter: 0,
      });
    }
    // The device's own next request goes through, and so does a jump within the bound.
    await expect(client.pull(MISSION, {})).resolves.toMatchObject({ changes: [] });
    expect((await sealedPull(1 + MAX_COUNTER_STEP)).status).toBe(200);
    // The device is now behind; it catches up by itself (one retry) and carries on.
    await expect(client.pull(MISSION, {})).resolves.toMatchObject({ changes: [] });
  });

  it('are on disk before the answer: sessions.json holds the last counter accepted', async () => {
    const hub = await start();
    const client = createHubClient({ baseUrl: hub.url, fetch: platformFetch });
    await client.pair(CODE, 'dev-a', null);
    for (let n = 0; n < 3; n += 1) await client.pull(MISSION, {});
    const stored = JSON.parse(await readFile(path.join(folder.dataDir, 'sessions.json'), 'utf8')) as { sessions: { device: string; lastCounter: number }[] };
    expect(stored.sessions).toEqual([expect.objectContaining({ device: 'dev-a', lastCounter: client.session()?.counter })]);
    expect(client.session()?.counter).toBe(3);
  });
});
