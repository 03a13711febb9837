/**
 * A paired device (or whoever holds its session key) sends sealed bodies that open fine but hold
 * JSON nested far too deep or texts far too long. The hub must refuse them with 400 or 413 and
 * the limit's message, store nothing, and keep serving; before the depth walk, the schema's
 * recursion overflowed the stack and the hub answered 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { MAX_JSON_DEPTH, MAX_TEXT_LENGTH } from '../../../shared/input-limits';
import { createHubClient } from '../../../shared/sync/hub-client';
import { fromHex, importSessionKey, openEnvelope, platformHubCrypto, sealEnvelope } from '../../../shared/sync/hub-crypto';
import { HubErrorBodySchema } from '../../../shared/sync/hub-protocol';
import { CODE, MISSION, SimulatedDevice, changeLines, listFiles, makeHubFolder, platformFetch, rawRequest } from './hub-test-kit';

let folder: Awaited<ReturnType<typeof makeHubFolder>>;
let hub: RunningHub;
let device: SimulatedDevice;
/** The counter of the last sealed request sent by hand; above the client's own. */
let counter = 1_000;

beforeAll(async () => {
  folder = await makeHubFolder();
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: () => undefined });
  device = new SimulatedDevice('dev-a', 'member-a', hub.url);
  await device.client.pair(CODE, device.device, device.member);
  device.create('finding', 'finding-1', { missionId: MISSION, requirementId: 'r-1', narrative: 'first note' });
  await device.client.push(MISSION, device.changes);
});
afterAll(async () => {
  await hub.close();
  await folder.cleanUp();
});

/** Seals `json` (text, so it can be nested beyond what JSON.stringify would build) as the device would, and posts it. */
async function sealedPost(route: 'push' | 'pull', json: string): Promise<{ status: number; error: string; message: string } | { status: 200 }> {
  const session = device.client.session();
  if (!session) throw new Error('not paired');
  const crypto = platformHubCrypto();
  const key = await importSessionKey(crypto, fromHex(session.key) ?? new Uint8Array());
  const target = `/missions/${MISSION}/${route}`;
  counter += 1;
  const envelope = await sealEnvelope(crypto, key, 'request', { counter, sentAt: Date.now(), method: 'POST', path: target }, new TextEncoder().encode(json));
  const response = await rawRequest(hub.url, target, { method: 'POST', headers: { authorization: `Bearer ${session.token}` }, body: envelope });
  if (response.status === 200) return { status: 200 };
  return { status: response.status, ...HubErrorBodySchema.pick({ error: true, message: true }).parse(response.json()) };
}

/** A change of this mission whose value is `valueJson`, as JSON text. */
function changeJson(id: string, valueJson: string): string {
  const change = device.edit('finding', id, 'narrative', '', null);
  device.changes.pop();
  return JSON.stringify({ ...change, value: 0 }).replace('"value":0', `"value":${valueJson}`);
}

describe('sealed hub requests beyond the input limits', () => {
  it('answers 400 for a push whose change value is nested 5,000 deep, and stores nothing', async () => {
    const before = await listFiles(folder.dataDir);
    const linesBefore = await changeLines(folder.dataDir);
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const answer = await sealedPost('push', `{"changes":[${changeJson('finding-deep', deep)}]}`);
    expect(answer).toEqual({
      status: 400,
      error: 'bad-request',
      message: expect.stringMatching(/^The request was refused and nothing was stored: changes\[0\]\.value(\[0\])+: nested more than 64 levels deep/),
    });
    expect(await changeLines(folder.dataDir)).toEqual(linesBefore);
    expect(await listFiles(folder.dataDir)).toEqual(before);
  });

  it('answers 400 for a pull request nested too deep', async () => {
    const answer = await sealedPost('pull', `{"vector":${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}}`);
    expect(answer).toMatchObject({ status: 400, error: 'bad-request', message: expect.stringContaining(`nested more than ${MAX_JSON_DEPTH} levels deep`) });
  });

  it('answers 413 for a narrative one character over the text limit, and stores nothing', async () => {
    const linesBefore = await changeLines(folder.dataDir);
    const answer = await sealedPost('push', `{"changes":[${changeJson('finding-long', JSON.stringify('n'.repeat(MAX_TEXT_LENGTH + 1)))}]}`);
    expect(answer).toEqual({
      status: 413,
      error: 'too-large',
      message: 'The request was refused and nothing was stored: changes[0].value: text of 1,000,001 characters is longer than the limit of 1,000,000 characters.',
    });
    expect(await changeLines(folder.dataDir)).toEqual(linesBefore);
  });

  it('stores a narrative exactly at the limit, so the limit is the one refused above', async () => {
    const linesBefore = await changeLines(folder.dataDir);
    const answer = await sealedPost('push', `{"changes":[${changeJson('finding-at-limit', JSON.stringify('n'.repeat(MAX_TEXT_LENGTH)))}]}`);
    expect(answer).toEqual({ status: 200 });
    expect((await changeLines(folder.dataDir)).length).toBe(linesBefore.length + 1);
  });

  it('keeps serving the device afterwards', async () => {
    device.edit('finding', 'finding-1', 'narrative', 'second note', null);
    // The client's own counter is behind the hand-sealed ones: its one automatic retry catches up.
    await expect(device.client.push(MISSION, device.changes)).resolves.toMatchObject({ accepted: 1 });
  });
});

describe('a hub answer beyond the input limits', () => {
  it('is refused by the device as a bad response, with the limit, instead of overflowing its stack', async () => {
    const session = device.client.session();
    if (!session) throw new Error('not paired');
    const crypto = platformHubCrypto();
    const key = await importSessionKey(crypto, fromHex(session.key) ?? new Uint8Array());
    const deepChange = changeJson('finding-from-hub', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    // Whoever holds the session key can seal answers: here, one that answers a pull with a
    // change nested 5,000 deep, sealed as a reply to the request's own counter.
    const client = createHubClient({
      baseUrl: hub.url,
      session: { ...session },
      fetch: async (url, init) => {
        if (!url.endsWith('/pull') || !(init.body instanceof Uint8Array)) return platformFetch(url, init);
        const opened = await openEnvelope(crypto, key, 'request', init.body);
        const counter = (opened?.header as { counter?: number } | undefined)?.counter ?? 0;
        const body = new TextEncoder().encode(`{"changes":[${deepChange}],"more":false,"vector":{}}`);
        const sealed = await sealEnvelope(crypto, key, 'response', { replyTo: counter, sentAt: Date.now() }, body);
        return { status: 200, headers: { get: () => 'application/octet-stream' }, arrayBuffer: () => Promise.resolve(sealed.buffer) };
      },
    });
    await expect(client.pull(MISSION, {})).rejects.toMatchObject({
      code: 'bad-response',
      message: expect.stringMatching(/^The hub’s answer was refused: changes\[0\]\.value(\.a)+: nested more than 64 levels deep/),
    });
  });
});
