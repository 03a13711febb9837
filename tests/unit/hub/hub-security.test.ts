import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { formatStamp } from '../../../shared/hlc';
import type { Change } from '../../../shared/schemas/change';
import { createHubClient, HubError, type HubClient } from '../../../shared/sync/hub-client';
import { fromHex, importSessionKey, platformHubCrypto, sealEnvelope } from '../../../shared/sync/hub-crypto';
import { HubErrorBodySchema } from '../../../shared/sync/hub-protocol';
import {
  CODE,
  MISSION,
  SimulatedDevice,
  WRONG_CODE,
  changeLines,
  fixtureBytes,
  listFiles,
  makeHubFolder,
  platformFetch,
  rawRequest,
  recordingFetch,
  type RawResponse,
} from './hub-test-kit';

let folder: Awaited<ReturnType<typeof makeHubFolder>>;
let hub: RunningHub;
let device: SimulatedDevice;
let recorder: ReturnType<typeof recordingFetch>;
let token: string;

beforeAll(async () => {
  folder = await makeHubFolder();
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: () => undefined });
  recorder = recordingFetch();
  device = new SimulatedDevice('dev-a', 'member-a', hub.url, { fetch: recorder.fetch });
  token = (await device.client.pair(CODE, device.device, device.member)).token;
  for (let n = 0; n < 5; n += 1) device.create('finding', `finding-${n}`, { missionId: MISSION, requirementId: 'r-1', narrative: `note ${n}` });
  await device.client.push(MISSION, device.changes);
});
afterAll(async () => {
  await hub.close();
  await folder.cleanUp();
});

function errorOf(response: RawResponse): { error: string; message: string } {
  return HubErrorBodySchema.parse(response.json());
}

/** Every answer, refusals included, forbids caching. */
function expectNoStore(response: RawResponse): void {
  expect(response.headers['cache-control']).toBe('no-store');
}

const someHash = 'a'.repeat(64);

describe('requests without a valid session', () => {
  const attempts: [string, string, Record<string, string>][] = [
    ['no token', 'POST', {}],
    ['a forged token', 'POST', { authorization: `Bearer ${randomBytes(32).toString('hex')}` }],
    ['a malformed header', 'POST', { authorization: 'Bearer ../../etc/passwd' }],
    ['a token as Basic auth', 'POST', { authorization: 'Basic xyz' }],
  ];
  for (const [what, method, headers] of attempts) {
    it(`are refused with 401 and store nothing: ${what}`, async () => {
      const before = await listFiles(folder.dataDir);
      for (const target of [`/missions/${MISSION}/push`, `/missions/other-mission/push`, `/missions/${MISSION}/attachments/${someHash}`]) {
        const response = await rawRequest(hub.url, target, {
          method: target.includes('attachments') ? 'PUT' : method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ changes: device.changes })),
        });
        expect(response.status).toBe(401);
        expect(errorOf(response)).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('not paired') });
        expectNoStore(response);
      }
      expect(await listFiles(folder.dataDir)).toEqual(before);
    });
  }

  it('is refused with 400 when the token is right but the body is not sealed with its key', async () => {
    const response = await rawRequest(hub.url, `/missions/${MISSION}/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: Buffer.from(JSON.stringify({ changes: [] })),
    });
    expect(response.status).toBe(400);
    expect(errorOf(response).error).toBe('bad-seal');
  });
});

describe('a replayed request', () => {
  it('(the same sealed bytes sent again) is refused with 409 and changes nothing', async () => {
    const push = recorder.requests.filter((request) => request.url.endsWith('/push')).at(-1);
    if (!push) throw new Error('no push recorded');
    const linesBefore = await changeLines(folder.dataDir);
    const replay = await rawRequest(hub.url, new URL(push.url).pathname, { method: 'POST', headers: push.init.headers, body: push.init.body as Uint8Array });
    expect(replay.status).toBe(409);
    expect(errorOf(replay)).toMatchObject({ error: 'replay', message: expect.stringContaining('nothing was done') });
    expect(await changeLines(folder.dataDir)).toEqual(linesBefore);
  });

  it('sent to another mission or route is refused: the seal names the path', async () => {
    const push = recorder.requests.filter((request) => request.url.endsWith('/push')).at(-1);
    if (!push) throw new Error('no push recorded');
    for (const target of ['/missions/other-mission/push', `/missions/${MISSION}/pull`]) {
      const response = await rawRequest(hub.url, target, { method: 'POST', headers: push.init.headers, body: push.init.body as Uint8Array });
      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({ error: 'bad-seal', message: 'The sealed request was made for another method or path.' });
    }
    expect(await listFiles(path.join(folder.dataDir, 'missions'))).not.toContainEqual(expect.stringContaining('other-mission'));
  });

  it('would be harmless anyway: the same changes pushed again are counted as duplicates, not stored twice', async () => {
    const linesBefore = await changeLines(folder.dataDir);
    expect(await device.client.push(MISSION, device.changes)).toEqual({ accepted: 0, duplicates: 5, hubVector: device.vector() });
    expect(await changeLines(folder.dataDir)).toEqual(linesBefore);
  });
});

describe('bad input from a paired device', () => {
  it('refuses invalid changes, or changes of another mission, naming them; nothing is stored', async () => {
    const linesBefore = await changeLines(folder.dataDir);
    const good = device.create('finding', 'finding-good', { missionId: MISSION, requirementId: 'r-1' });
    const foreign = { ...device.create('finding', 'finding-foreign', { missionId: 'other' }), missionId: 'other-mission' };
    const broken = { ...good, hlc: 'yesterday' };
    await expect(device.client.push(MISSION, [good, foreign])).rejects.toMatchObject({
      code: 'invalid-changes',
      status: 400,
      message: expect.stringContaining('belongs to mission other-mission, not mission-kosovo-2015'),
    });
    await expect(device.client.push(MISSION, [good, broken])).rejects.toMatchObject({
      code: 'invalid-changes',
      message: expect.stringMatching(/changes\[\d\]\.hlc: must be a hybrid logical clock stamp/),
    });
    expect(await changeLines(folder.dataDir)).toEqual(linesBefore);
    device.changes.splice(device.changes.indexOf(good), 2);
  });

  it('refuses a change stamped more than ten minutes ahead of its clock, naming the device and how far; nothing is stored', async () => {
    const linesBefore = await changeLines(folder.dataDir);
    const fromTheFuture: Change = {
      entity: 'finding',
      id: 'finding-2031',
      missionId: MISSION,
      field: 'narrative',
      value: 'Written on a laptop that says 2031.',
      hlc: formatStamp(Date.now() + (5 * 365 + 3) * 86_400_000 + 3_600_000, 0, 'dev-2031'),
      device: 'dev-2031',
      member: null,
      base: null,
    };
    await expect(device.client.push(MISSION, [fromTheFuture])).rejects.toMatchObject({
      code: 'clock-ahead',
      status: 400,
      message: expect.stringContaining("No change was stored: device dev-2031 is 5 years, 3 days ahead of the hub's clock"),
    });
    // Another laptop, nine minutes fast: within what clocks drift, so it is stored.
    const nineMinutesAhead = { ...fromTheFuture, id: 'finding-soon', hlc: formatStamp(Date.now() + 9 * 60_000, 0, 'dev-b'), device: 'dev-b' };
    await expect(device.client.push(MISSION, [nineMinutesAhead])).resolves.toMatchObject({ accepted: 1 });
    expect((await changeLines(folder.dataDir)).length).toBe(linesBefore.length + 1);
    device.changes.push(nineMinutesAhead);
  });

  it('refuses an attachment whose bytes do not hash to its address, and stores nothing', async () => {
    const bytes = fixtureBytes(1000, 3);
    const session = device.client.session();
    if (!session) throw new Error('not paired');
    const crypto = platformHubCrypto();
    const key = await importSessionKey(crypto, fromHex(session.key) ?? new Uint8Array());
    const target = `/missions/${MISSION}/attachments/${someHash}`;
    // Sealed properly (as a device would), but for the wrong address; a high counter, as allowed.
    const envelope = await sealEnvelope(crypto, key, 'request', { counter: session.counter + 100, sentAt: Date.now(), method: 'PUT', path: target }, bytes);
    const response = await rawRequest(hub.url, target, { method: 'PUT', headers: { authorization: `Bearer ${session.token}` }, body: envelope });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ error: 'hash-mismatch', message: expect.stringContaining(`not to ${someHash}; nothing was stored`) });

    // Redirected on the way to another address: the seal names the real path.
    const redirected: HubClient = createHubClient({
      baseUrl: hub.url,
      session: device.client.session() ?? undefined,
      fetch: (url, init) => platformFetch(url.replace(/attachments\/[0-9a-f]{64}$/, `attachments/${someHash}`), init),
    });
    await expect(redirected.putAttachment(MISSION, bytes)).rejects.toMatchObject({ code: 'bad-seal' });
    expect(await listFiles(folder.dataDir)).not.toContainEqual(expect.stringContaining('attachments'));
    // The device's own counter is now behind the one used above: its next request resyncs by itself.
    await expect(device.client.missingAttachments(MISSION, [someHash])).resolves.toEqual([someHash]);
  });
});

// Size limits, rate limits and paths that try to leave the data folder: hardening-rules.test.ts.
describe('routing', () => {
  it('answers 404 to unknown routes and 405 to a wrong method', async () => {
    for (const [method, target, status] of [
      ['GET', '/', 404],
      ['GET', '/missions', 404],
      ['POST', `/missions/${MISSION}/delete`, 404],
      ['POST', `/missions/${MISSION}/push/extra`, 404],
      ['DELETE', '/pair', 405],
      ['GET', `/missions/${MISSION}/push`, 405],
      ['GET', 'http://example.com/pair', 400],
    ] as const) {
      const response = await rawRequest(hub.url, target, { method });
      expect([target, response.status]).toEqual([target, status]);
      expectNoStore(response);
    }
  });
});

describe('pairing', () => {
  it('refuses a wrong code with 403 and a message, and a code that cannot be one before asking the hub', async () => {
    const client = createHubClient({ baseUrl: hub.url, fetch: platformFetch });
    const refused = await client.pair(WRONG_CODE, 'dev-wrong', null).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HubError);
    expect(refused).toMatchObject({ code: 'wrong-code', status: 403, message: 'The pairing code is wrong. Check the code the hub shows and try again.' });
    expect(client.session()).toBeNull();
    await expect(client.pair('O0I1', 'dev-wrong', null)).rejects.toMatchObject({ code: 'invalid-code', status: 0 });
  });

  it('never sends the code itself', async () => {
    const pairing = recorder.requests.find((request) => request.url.endsWith('/pair') && request.init.method === 'POST');
    expect(typeof pairing?.init.body).toBe('string');
    expect(String(pairing?.init.body)).not.toContain(CODE);
    expect(JSON.parse(String(pairing?.init.body))).toEqual({ device: 'dev-a', member: 'member-a', publicKey: expect.stringMatching(/^04/), proof: expect.any(String) });
  });

  it('refuses a hub that cannot prove it knows the code', async () => {
    // A stand-in for the hub (a man in the middle without the code) that answers with its own token and proof.
    const impostor = createHubClient({
      baseUrl: hub.url,
      fetch: async (url, init) => {
        const response = await platformFetch(url, init);
        if (init.method !== 'POST') return response;
        const body = JSON.stringify({ token: randomBytes(32).toString('hex'), proof: randomBytes(32).toString('hex') });
        return { status: 200, headers: response.headers, arrayBuffer: async () => new TextEncoder().encode(body).buffer };
      },
    });
    await expect(impostor.pair(CODE, 'dev-b', null)).rejects.toMatchObject({ code: 'bad-response', message: expect.stringContaining('someone may be intercepting') });
    expect(impostor.session()).toBeNull();
  });
});

describe('sealed answers', () => {
  it('are refused by the client when altered on the way', async () => {
    const tampering = createHubClient({
      baseUrl: hub.url,
      session: device.client.session() ?? undefined,
      fetch: async (url, init) => {
        const response = await platformFetch(url, init);
        const bytes = new Uint8Array(await response.arrayBuffer());
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
        return { status: response.status, headers: response.headers, arrayBuffer: async () => bytes.buffer };
      },
    });
    await expect(tampering.pull(MISSION, {})).rejects.toMatchObject({ code: 'bad-response', message: expect.stringContaining('could not be authenticated') });
  });

  it('carry no plain text of the changes', async () => {
    const response = recorder.requests.find((request) => request.url.endsWith('/push'));
    const body = Buffer.from(response?.init.body as Uint8Array).toString('latin1');
    expect(body.startsWith('MKH1')).toBe(true);
    expect(body).not.toContain('note 1');
    expect(body).not.toContain('finding-1');
  });
});
