import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bridge, BridgeRequests, BridgeResponses, IpcChannel } from '../../../shared/ipc-contract';
import { ok, fail, type Result } from '../../../shared/result';
import type { Change } from '../../../shared/schemas/change';
import { changesSince, vectorOf } from '../../../shared/sync/version-vector';
import { MissionKitDatabase } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';
import { readDeviceNames } from '../../../renderer/src/db/device-names';
import { syncWithHub } from '../../../renderer/src/sync/hub-sync';
import { buildKosovoDemo } from '../../../shared/demo/kosovo-2015-demo';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';

const URL = 'http://127.0.0.1:7420/';
const opened: MissionKitDatabase[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await MissionKitDatabase.delete(db.name);
  }
});

interface FakeHub {
  changes: Change[];
  attachments: Map<string, Uint8Array>;
  deviceNames?: Record<string, string>;
}

/** The hub seen through the bridge, in memory: what main's HubService does over the network. */
function fakeHubBridge(hub: FakeHub, options: { dropFirstExchange?: boolean } = {}): Bridge {
  let drop = options.dropFirstExchange ?? false;
  const handlers: Partial<{ [C in IpcChannel]: (request: BridgeRequests[C]) => Promise<Result<BridgeResponses[C]>> }> = {
    'hub:exchange': async (request) => {
      const known = new Set(hub.changes.map((change) => change.hlc));
      const fresh = (request.changes as Change[]).filter((change) => !known.has(change.hlc));
      hub.changes.push(...fresh);
      for (const item of request.attachments) hub.attachments.set(item.sha256, item.data);
      if (request.deviceNames) hub.deviceNames = { ...hub.deviceNames, ...request.deviceNames };
      if (drop) {
        // The connection drops after the push reached the hub, before the answer came back.
        drop = false;
        return fail('hub-error', 'Sync with the hub stopped: connection reset');
      }
      const pulled = changesSince(hub.changes, request.vector);
      return ok({ pushed: fresh.length, pulled, hubVector: vectorOf(hub.changes), attachments: [], ...(hub.deviceNames ? { deviceNames: hub.deviceNames } : {}) });
    },
  };
  return {
    host: 'electron',
    invoke: (channel, request) => {
      const handler = handlers[channel] as ((request: unknown) => Promise<Result<never>>) | undefined;
      return handler ? handler(request) : Promise.resolve(fail('unsupported', channel));
    },
  };
}

async function device(): Promise<{ db: MissionKitDatabase; repo: Repository }> {
  const db = new MissionKitDatabase(`hub-sync-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return { db, repo: await Repository.open(db) };
}

describe('syncing with a hub', () => {
  it('brings the lead’s mission to an expert and the expert’s finding back, resuming after a dropped exchange', async () => {
    const hub: FakeHub = { changes: [], attachments: new Map() };
    const lead = await device();
    await lead.repo.nameThisDevice('Jürgen’s laptop');
    const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
    if (!roadmap) throw new Error('roadmap missing');
    const demo = buildKosovoDemo();
    await lead.repo.importMission({ template: roadmap, ...demo });
    const missionId = demo.mission.id;

    const leadBridge = fakeHubBridge(hub);
    expect(await syncWithHub(lead.db, lead.repo, leadBridge, URL, missionId)).toMatchObject({ ok: true, value: { pushed: await lead.db.changes.count() } });

    const expert = await device();
    await expert.repo.importTemplate(roadmap);
    const first = await syncWithHub(expert.db, expert.repo, fakeHubBridge(hub), URL, missionId);
    expect(first.ok).toBe(true);
    expect(await expert.db.findings.count()).toBe(demo.findings.length);
    // The lead's name came with the exchange, as it would in a bundle.
    expect(hub.deviceNames).toEqual({ [lead.repo.deviceId]: 'Jürgen’s laptop' });
    expect((await readDeviceNames(expert.db)).get(lead.repo.deviceId)).toBe('Jürgen’s laptop');

    const finding = demo.findings[0];
    if (!finding) throw new Error('demo has no finding');
    await expert.repo.patch('finding', finding.id, { narrative: 'Edited on the expert’s laptop.' });
    const dropping = fakeHubBridge(hub, { dropFirstExchange: true });
    const dropped = await syncWithHub(expert.db, expert.repo, dropping, URL, missionId);
    expect(dropped).toEqual({ ok: false, error: { code: 'hub-error', message: expect.stringContaining('connection reset') } });
    const resumed = await syncWithHub(expert.db, expert.repo, dropping, URL, missionId);
    expect(resumed.ok).toBe(true);
    expect(hub.changes.filter((change) => change.field === 'narrative')).toHaveLength(1);

    const back = await syncWithHub(lead.db, lead.repo, leadBridge, URL, missionId);
    expect(back.ok && back.value.summary).toMatchObject({ applied: 1, updated: 1, conflicts: [] });
    expect((await lead.db.findings.get(finding.id))?.narrative).toBe('Edited on the expert’s laptop.');
  });
});
