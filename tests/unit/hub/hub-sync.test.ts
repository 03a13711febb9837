import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../main/hub/hub-server';
import { compareStamps } from '../../../shared/hlc';
import { sha256Hex } from '../../../shared/sync/bundle-crypto';
import { createHubClient, HubError, type HubFetch, type PullPage } from '../../../shared/sync/hub-client';
import { vectorOf } from '../../../shared/sync/version-vector';
import { CODE, MISSION, SimulatedDevice, changeLines, fixtureBytes, listFiles, makeHubFolder, platformFetch } from './hub-test-kit';

let folder: Awaited<ReturnType<typeof makeHubFolder>>;
let hub: RunningHub;
const logs: string[] = [];

beforeAll(async () => {
  folder = await makeHubFolder();
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: (line) => logs.push(line) });
});
afterAll(async () => {
  await hub.close();
  await folder.cleanUp();
});

function hlcsOf(device: SimulatedDevice): string[] {
  return device.changes.map((change) => change.hlc).sort(compareStamps);
}

// Pairing runs PBKDF2 (600,000 iterations) on both sides: seconds on a loaded two-core machine,
// where the default 5 s timed these out in a full run. The timeout bounds a hang, not the speed.
const SLOW = { timeout: 30_000 };

describe('three devices syncing through the hub', SLOW, () => {
  it('pair, push, pull and end with the same changes, the same state and every attachment', async () => {
    const lead = new SimulatedDevice('dev-lead', 'member-lead', hub.url, { startMillis: 1_436_745_600_000 });
    const border = new SimulatedDevice('dev-border', 'member-border', hub.url, { startMillis: 1_436_745_600_003 });
    const asylum = new SimulatedDevice('dev-asylum', 'member-asylum', hub.url, { startMillis: 1_436_745_600_005 });
    const devices = [lead, border, asylum];
    for (const device of devices) {
      const session = await device.client.pair(CODE.toLowerCase().replace(/(.{4})/, '$1-'), device.device, device.member);
      expect(session).toMatchObject({ device: device.device, member: device.member, counter: 0 });
      expect(session.token).toMatch(/^[0-9a-f]{64}$/);
    }

    // The lead creates the assessment everyone comments on; each expert files findings offline.
    const assessment = lead.create('assessment', 'assessment-b2-1', { missionId: MISSION, requirementId: 'b2-1', rating: null, narrative: 'To be agreed.' });
    await lead.sync();
    await border.sync();
    await asylum.sync();
    expect(border.changes).toContainEqual(assessment);

    for (const [index, device] of [border, asylum].entries()) {
      for (let n = 0; n < 12; n += 1) {
        const created = device.create('finding', `finding-${device.device}-${n}`, {
          missionId: MISSION,
          requirementId: `b2-${n}`,
          authorId: device.member,
          narrative: `Observation ${n} at Merdare/Merdarë by ${device.member}`,
        });
        device.edit('finding', created.id, 'rating', n % 2 === 0 ? 'fulfilled' : 'partly', created.hlc);
      }
      // Both experts rewrite the assessment's narrative from the same base: a conflict to keep.
      device.edit('assessment', assessment.id, 'narrative', `Expert view ${index}: queues at Vërmica.`, assessment.hlc);
      device.edit('assessment', assessment.id, 'rating', index === 0 ? 'partly' : 'fulfilled', assessment.hlc);
      const photo = fixtureBytes(20_000 + index * 999, index);
      device.attachments.set(await sha256Hex(photo), photo);
    }

    // Two rounds: what the last device pushes in round one reaches the others in round two.
    for (let round = 0; round < 2; round += 1) {
      for (const device of devices) await device.sync();
    }

    const expected = hlcsOf(lead);
    expect(expected).toHaveLength(1 + 2 * (24 + 2));
    for (const device of devices) expect(hlcsOf(device)).toEqual(expected);
    expect(border.state()).toEqual(lead.state());
    expect(asylum.state()).toEqual(lead.state());
    // The concurrent narratives are both kept, on every device.
    expect(lead.state()[`assessment/${assessment.id}`]?.conflicts.narrative).toHaveLength(2);
    expect(await changeLines(folder.dataDir)).toHaveLength(expected.length);

    // Every attachment reached the hub and comes back verified on another device.
    const hashes = [...border.attachments.keys(), ...asylum.attachments.keys()];
    expect(await lead.client.missingAttachments(MISSION, hashes)).toEqual([]);
    for (const [sha256, bytes] of [...border.attachments, ...asylum.attachments]) {
      expect(await lead.client.getAttachment(MISSION, sha256)).toEqual(bytes);
    }
    expect(await lead.client.putAttachment(MISSION, border.attachments.values().next().value ?? new Uint8Array())).toMatchObject({ stored: false });
    const files = await listFiles(folder.dataDir);
    expect(files).toEqual(expect.arrayContaining(hashes.map((sha256) => path.join('missions', MISSION, 'attachments', sha256))));
    // No temporary file of the atomic writes is left behind.
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(logs.filter((line) => line.startsWith('Paired device'))).toHaveLength(3);
  });

  it('lists the attachments the hub lacks and refuses one that does not exist', async () => {
    const device = new SimulatedDevice('dev-attachments', 'member-x', hub.url);
    await device.client.pair(CODE, device.device, null);
    const stored = fixtureBytes(5000, 9);
    const absent = fixtureBytes(5000, 10);
    const { sha256, stored: fresh } = await device.client.putAttachment(MISSION, stored);
    expect(fresh).toBe(true);
    const absentHash = await sha256Hex(absent);
    expect(await device.client.missingAttachments(MISSION, [sha256, absentHash, absentHash])).toEqual([absentHash]);
    await expect(device.client.getAttachment(MISSION, absentHash)).rejects.toMatchObject({ code: 'not-found', status: 404 });
  });
});

describe('a dropped connection', SLOW, () => {
  /** Fails the `failOn`-th push or pull request: before it reaches the hub, or after the hub handled it. */
  function flakyFetch(route: 'push' | 'pull', failOn: number, when: 'before' | 'after'): HubFetch {
    let count = 0;
    return async (url, init) => {
      if (!url.endsWith(`/${route}`)) return platformFetch(url, init);
      count += 1;
      if (count === failOn && when === 'before') throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      const response = await platformFetch(url, init);
      if (count === failOn) throw new TypeError('fetch failed', { cause: new Error('other side closed') });
      return response;
    };
  }

  for (const when of ['before', 'after'] as const) {
    it(`mid-push (${when} the hub stored the batch) throws; pushing again completes without duplicates`, async () => {
      const missionFolder = await makeHubFolder();
      const own = await startHub({ port: 0, host: '127.0.0.1', dataDir: missionFolder.dataDir, pairingCode: CODE, log: () => undefined });
      try {
        const device = new SimulatedDevice('dev-flaky', 'member-flaky', own.url, { fetch: flakyFetch('push', 2, when), pushBatchSize: 10 });
        await device.client.pair(CODE, device.device, device.member);
        for (let n = 0; n < 35; n += 1) device.create('finding', `finding-${n}`, { missionId: MISSION, requirementId: 'r-1', narrative: `note ${n}` });

        const failure = await device.client.push(MISSION, device.changes).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(HubError);
        expect(failure).toMatchObject({ code: 'network' });
        expect((failure as Error).message).toContain('could not be reached or the connection dropped');
        const storedBefore = when === 'before' ? 10 : 20;
        expect(await changeLines(missionFolder.dataDir)).toHaveLength(storedBefore);

        const retry = await device.client.push(MISSION, device.changes);
        expect(retry).toEqual({ accepted: 35 - storedBefore, duplicates: storedBefore, hubVector: device.vector() });
        const lines = await changeLines(missionFolder.dataDir);
        expect(lines).toHaveLength(35);
        expect(new Set(lines.map((line) => (JSON.parse(line) as { hlc: string }).hlc)).size).toBe(35);
      } finally {
        await own.close();
        await missionFolder.cleanUp();
      }
    });
  }

  it('mid-pull throws; pulling again from the pages applied resumes where it stopped', async () => {
    const source = new SimulatedDevice('dev-source', 'member-source', hub.url);
    await source.client.pair(CODE, source.device, source.member);
    const before = (await source.client.pull(MISSION, {})).changes.length;
    for (let n = 0; n < 25; n += 1) source.create('site', `site-${n}`, { missionId: MISSION, name: `Crossing ${n}` });
    await source.client.push(MISSION, source.changes);

    const sink = new SimulatedDevice('dev-sink', 'member-sink', hub.url, { fetch: flakyFetch('pull', 3, 'before'), pullPageSize: 10 });
    await sink.client.pair(CODE, sink.device, sink.member);
    const pages: number[] = [];
    const apply = (page: PullPage): void => {
      pages.push(page.changes.length);
      sink.receive(page.changes);
    };
    await expect(sink.client.pull(MISSION, sink.vector(), { onPage: apply })).rejects.toMatchObject({ code: 'network' });
    expect(sink.changes).toHaveLength(20);

    const resumed = await sink.client.pull(MISSION, sink.vector(), { onPage: apply });
    expect(resumed.changes).toHaveLength(before + 25 - 20);
    expect(pages.every((size) => size <= 10)).toBe(true);
    expect(sink.changes).toHaveLength(before + 25);
    expect(resumed.vector).toEqual(resumed.hubVector);
    expect(vectorOf(sink.changes)).toEqual(resumed.hubVector);
  });
});

describe('a restart', SLOW, () => {
  it('of the hub keeps its changes, attachments and paired devices; a torn last line is skipped', async () => {
    const restartFolder = await makeHubFolder();
    const hubLogs: string[] = [];
    const start = () => startHub({ port: 0, host: '127.0.0.1', dataDir: restartFolder.dataDir, log: (line) => hubLogs.push(line) });
    let first: RunningHub | null = await start();
    try {
      const device = new SimulatedDevice('dev-restart', 'member-restart', first.url);
      await device.client.pair(first.pairingCode, device.device, device.member);
      for (let n = 0; n < 20; n += 1) device.create('finding', `finding-${n}`, { missionId: MISSION, requirementId: 'r-1', narrative: `note ${n}` });
      await device.client.push(MISSION, device.changes);
      const photo = fixtureBytes(3000, 1);
      const { sha256 } = await device.client.putAttachment(MISSION, photo);
      await first.close();
      first = null;
      // A crash in the middle of an append leaves half a line.
      await appendFile(path.join(restartFolder.dataDir, 'missions', MISSION, 'changes.jsonl'), '{"entity":"finding","id":"torn');

      const second = await start();
      try {
        // A new random code: paired devices do not need it.
        expect(second.pairingCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
        // The same session, saved by the device, talks to the restarted hub (on another port here).
        const again = createHubClient({ baseUrl: second.url, fetch: platformFetch, session: device.client.session() ?? undefined });
        const pulled = await again.pull(MISSION, {});
        expect(pulled.changes).toEqual([...device.changes].sort((a, b) => compareStamps(a.hlc, b.hlc)));
        expect(hubLogs.some((line) => line.includes('skipped 1 unreadable line'))).toBe(true);
        expect(await again.getAttachment(MISSION, sha256)).toEqual(photo);

        for (let n = 20; n < 25; n += 1) device.create('finding', `finding-${n}`, { missionId: MISSION, requirementId: 'r-1', narrative: `note ${n}` });
        expect(await again.push(MISSION, device.changes)).toMatchObject({ accepted: 5, duplicates: 20 });
        // The torn line stays (nothing is deleted), and the next change starts on a line of its own.
        const lines = await changeLines(restartFolder.dataDir);
        expect(lines).toHaveLength(26);
        expect(lines.filter((line) => line.includes('"torn'))).toEqual(['{"entity":"finding","id":"torn']);
      } finally {
        await second.close();
      }
    } finally {
      await first?.close();
      await restartFolder.cleanUp();
    }
  });

  it('of the device: a session restored with a stale counter resyncs by itself', async () => {
    const device = new SimulatedDevice('dev-reboot', 'member-reboot', hub.url);
    await device.client.pair(CODE, device.device, device.member);
    await device.client.pull(MISSION, {});
    await device.client.pull(MISSION, {});
    const saved = device.client.session();
    expect(saved?.counter).toBe(2);
    // Saved before the last requests: the hub has seen counter 2, the device restarts from 0.
    const rebooted = createHubClient({ baseUrl: hub.url, fetch: platformFetch, session: { ...(saved ?? { token: '', key: '', device: '', member: null }), counter: 0 } });
    await expect(rebooted.pull(MISSION, {})).resolves.toMatchObject({ vector: expect.any(Object) });
    expect(rebooted.session()?.counter).toBe(3);
  });

  it('refuses a second hub on the same data folder', async () => {
    await expect(startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, log: () => undefined })).rejects.toThrow(/another hub \(process \d+\) is already using/);
  });
});
