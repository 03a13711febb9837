import type { Bridge } from '../../../shared/ipc-contract';
import { fail, ok, type Result } from '../../../shared/result';
import { attachmentHashes } from '../../../shared/sync/attachment-hashes';
import { namesForPush } from '../../../shared/sync/hub-protocol';
import { changesSince, vectorOf } from '../../../shared/sync/version-vector';
import type { MissionKitDatabase } from '../db/database';
import { knownDeviceNames } from '../db/device-names';
import type { Repository } from '../db/repository';
import { receive, type ApplySummary } from '../db/receive';
import { getPeer } from './peers';

/** Hubs are remembered as peers under this prefix, apart from the devices of bundle exchanges. */
export const HUB_PEER_PREFIX = 'hub:';

export function hubPeerId(url: string): string {
  return `${HUB_PEER_PREFIX}${url.replace(/\/+$/, '')}`;
}

export interface HubSyncResult {
  pushed: number;
  summary: ApplySummary;
}

/**
 * One exchange with a hub: send the changes it has not seen (and their photos), receive the
 * ones this device has not seen, apply them in one transaction. Safe to repeat after a dropped
 * connection: both sides skip what they already hold.
 */
export async function syncWithHub(db: MissionKitDatabase, repository: Repository, bridge: Bridge, url: string, missionId: string): Promise<Result<HubSyncResult>> {
  const all = (await db.changes.where('missionId').equals(missionId).toArray()).map(({ seq: _seq, ...change }) => change);
  const peer = await getPeer(db, missionId, hubPeerId(url));
  const outgoing = changesSince(all, peer?.vector ?? {});
  // What the hub receives may reach every device: later edits follow it instead of replacing it.
  // With nothing to send, nothing leaves, and a pull that is refused leaves no trace.
  if (outgoing.length > 0) await repository.markExported();
  const rows = await db.attachments.bulkGet([...attachmentHashes(outgoing)]);
  const attachments: { sha256: string; data: Uint8Array<ArrayBuffer> }[] = [];
  for (const row of rows) if (row) attachments.push({ sha256: row.sha256, data: new Uint8Array(await row.blob.arrayBuffer()) });
  // Names travel as they do in bundles, so devices that only meet through the hub see who wrote what.
  const names = namesForPush(await knownDeviceNames(db, repository.deviceId), repository.deviceId);
  const exchanged = await bridge.invoke('hub:exchange', {
    url,
    missionId,
    vector: vectorOf(all),
    changes: outgoing,
    attachments,
    ...(Object.keys(names).length > 0 ? { deviceNames: names } : {}),
  });
  if (!exchanged.ok) return fail(exchanged.error.code, exchanged.error.message);
  // The hub carries no template: the pulled changes are checked against the one installed here.
  const received = await receive(repository, [
    {
      missionId,
      changes: exchanged.value.pulled,
      attachments: new Map(exchanged.value.attachments.map((item) => [item.sha256, item.data] as const)),
      ...(exchanged.value.deviceNames ? { deviceNames: exchanged.value.deviceNames } : {}),
      peer: { device: hubPeerId(url), member: null, vector: exchanged.value.hubVector, lastSyncAt: new Date().toISOString(), lastDirection: 'received' },
    },
  ]);
  if (!received.ok) return received;
  const [summary] = received.value;
  if (!summary) throw new Error('receive() returned no summary for the hub pull');
  return ok({ pushed: exchanged.value.pushed, summary });
}
