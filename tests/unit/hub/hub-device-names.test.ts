import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { fromHex, importSessionKey, platformHubCrypto, sealEnvelope } from '../../../shared/sync/hub-crypto';
import { HubErrorBodySchema, MAX_PUSHED_DEVICE_NAMES, namesForPush } from '../../../shared/sync/hub-protocol';
import { CODE, MISSION, SimulatedDevice, makeHubFolder, rawRequest } from './hub-test-kit';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanups.splice(0).reverse()) await cleanUp();
});

async function paired(id: string, url: string): Promise<SimulatedDevice> {
  const device = new SimulatedDevice(id, `member-${id}`, url);
  await device.client.pair(CODE, device.device, device.member);
  return device;
}

/** Counters for pushes sealed by hand: above the client's, and never reused (the client resyncs by itself). */
let handCounter = 0;

/** A push sealed by hand, so the hub sees exactly this body (the client would trim it first). */
async function rawPush(hub: RunningHub, device: SimulatedDevice, body: unknown): Promise<{ status: number; error: { error: string; message: string } }> {
  const session = device.client.session();
  if (!session) throw new Error('not paired');
  const crypto = platformHubCrypto();
  const key = await importSessionKey(crypto, fromHex(session.key) ?? new Uint8Array());
  const target = `/missions/${MISSION}/push`;
  const envelope = await sealEnvelope(crypto, key, 'request', { counter: session.counter + (handCounter += 100), sentAt: Date.now(), method: 'POST', path: target }, Buffer.from(JSON.stringify(body), 'utf8'));
  const response = await rawRequest(hub.url, target, { method: 'POST', headers: { authorization: `Bearer ${session.token}` }, body: envelope });
  return { status: response.status, error: HubErrorBodySchema.parse(response.json()) };
}

// Pairing runs PBKDF2 (600,000 iterations) on both sides: seconds on a loaded two-core machine,
// where the default 5 s timed these out in a full run. The timeout bounds a hang, not the speed.
const SLOW = { timeout: 30_000 };

describe('device names through the hub', SLOW, () => {
  it('reach a device that never met the namer, survive a hub restart, and only their owner renames them', async () => {
    const folder = await makeHubFolder();
    cleanups.push(folder.cleanUp);
    const first = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: () => undefined });
    // close() runs once however often it is called: this only matters when an assertion fails first.
    cleanups.push(() => first.close());
    const ana = await paired('dev-ana', first.url);
    const tom = await paired('dev-tom', first.url);
    ana.create('finding', 'finding-1', { missionId: MISSION, requirementId: 'r-1', narrative: 'note' });

    // Cleaned on the hub as the app cleans them: control characters gone, trimmed.
    await ana.client.push(MISSION, ana.changes, { deviceNames: { 'dev-ana': ' Ana’s laptop\u0007 ' } });
    const pulled = await tom.client.pull(MISSION, {});
    expect(pulled.changes).toHaveLength(1);
    expect(pulled.deviceNames).toEqual({ 'dev-ana': 'Ana’s laptop' });

    // Tom's stale belief about Ana's name does not undo hers; his own name is learnt.
    await tom.client.push(MISSION, [], { deviceNames: { 'dev-ana': 'Someone else', 'dev-tom': 'Tom (field)' } });
    expect((await ana.client.pull(MISSION, ana.vector())).deviceNames).toEqual({ 'dev-ana': 'Ana’s laptop', 'dev-tom': 'Tom (field)' });
    await ana.client.push(MISSION, [], { deviceNames: { 'dev-ana': 'Ana, renamed' } });
    await first.close();

    const second = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: () => undefined });
    cleanups.push(() => second.close());
    const stored = JSON.parse(await readFile(path.join(folder.dataDir, 'missions', MISSION, 'device-names.json'), 'utf8')) as unknown;
    expect(stored).toEqual({ 'dev-ana': 'Ana, renamed', 'dev-tom': 'Tom (field)' });
    const restarted = new SimulatedDevice('dev-tom', 'member-dev-tom', second.url);
    await restarted.client.pair(CODE, restarted.device, restarted.member);
    expect((await restarted.client.pull(MISSION, {})).deviceNames).toEqual({ 'dev-ana': 'Ana, renamed', 'dev-tom': 'Tom (field)' });
  });

  it('refuses a push with too many or over-long names, naming the problem, and stores none of it', async () => {
    const folder = await makeHubFolder();
    cleanups.push(folder.cleanUp);
    const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: () => undefined });
    cleanups.push(() => hub.close());
    const ana = await paired('dev-ana', hub.url);
    const longName = await rawPush(hub, ana, { changes: [], deviceNames: { 'dev-ana': 'A'.repeat(81) } });
    expect(longName).toMatchObject({ status: 400, error: { error: 'bad-request', message: expect.stringContaining('deviceNames.dev-ana: a device name may hold at most 80 characters') } });
    const many = Object.fromEntries(Array.from({ length: MAX_PUSHED_DEVICE_NAMES + 1 }, (_, n) => [`dev-${n}`, `Laptop ${n}`]));
    const tooMany = await rawPush(hub, ana, { changes: [], deviceNames: many });
    expect(tooMany).toMatchObject({ status: 400, error: { error: 'bad-request', message: expect.stringContaining('lists more than 200 device names') } });
    expect((await ana.client.pull(MISSION, {})).deviceNames).toEqual({});

    // The client trims what it sends to what the hub accepts, its own name first.
    const trimmed = namesForPush({ ...many, 'dev-ana': `Ana ${'x'.repeat(100)}` }, 'dev-ana');
    expect(Object.keys(trimmed)).toHaveLength(MAX_PUSHED_DEVICE_NAMES);
    expect(trimmed['dev-ana']).toHaveLength(80);
    await ana.client.push(MISSION, [], { deviceNames: { ...many, 'dev-ana': 'Ana' } });
    const known = (await ana.client.pull(MISSION, {})).deviceNames;
    expect(Object.keys(known)).toHaveLength(MAX_PUSHED_DEVICE_NAMES);
    expect(known['dev-ana']).toBe('Ana');
  });
});
