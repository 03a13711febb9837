import { fail, ok, type Result } from '../../../shared/result';
import { readBundle, writeBundle } from '../../../shared/sync/bundle';
import { changesSince, vectorOf } from '../../../shared/sync/version-vector';
import { attachmentHashes } from '../../../shared/sync/attachment-hashes';
import type { MissionKitDatabase } from '../db/database';
import type { Repository } from '../db/repository';
import { receive, type ApplySummary } from '../db/receive';
import { knownDeviceNames } from '../db/device-names';
import { getPeer } from './peers';

export interface BundleExport {
  bytes: Uint8Array<ArrayBuffer>;
  changes: number;
  attachments: number;
  scope: 'since' | 'everything';
}

/**
 * A bundle of this mission's changes: everything, or only what the chosen peer has not seen
 * (as of the last bundle we received from it), with each attachment it needs once.
 */
export async function exportBundle(
  db: MissionKitDatabase,
  repository: Repository,
  missionId: string,
  peerDevice: string | null,
  passphrase?: string,
  options: { stayOnDevice?: boolean } = {},
): Promise<BundleExport> {
  const mission = await db.missions.get(missionId);
  if (!mission) throw new Error('The mission does not exist on this device.');
  const templateRow = await db.templates.get([mission.templateId, mission.templateVersion]);
  if (!templateRow) throw new Error(`Template ${mission.templateId} version ${mission.templateVersion} is not installed.`);
  // Once in a bundle, a change may be anywhere: later edits follow it instead of replacing it.
  // An automatic snapshot stays in this device's own backup folder, so it does not count.
  if (!options.stayOnDevice) await repository.markExported();
  const all = (await db.changes.where('missionId').equals(missionId).toArray()).map(({ seq: _seq, ...change }) => change);
  const peer = peerDevice ? await getPeer(db, missionId, peerDevice) : undefined;
  const changes = peer ? changesSince(all, peer.vector) : all;
  const hashes = attachmentHashes(changes);
  const deviceNames = await knownDeviceNames(db, repository.deviceId);
  const rows = await db.attachments.bulkGet([...hashes]);
  const attachments = new Map<string, Uint8Array>();
  for (const row of rows) if (row) attachments.set(row.sha256, new Uint8Array(await row.blob.arrayBuffer()));
  const bytes = await writeBundle(
    {
      manifest: {
        missionId,
        missionTitle: mission.title,
        templateId: mission.templateId,
        templateVersion: mission.templateVersion,
        createdAt: new Date().toISOString(),
        device: repository.deviceId,
        member: repository.currentMemberId,
        scope: peer ? 'since' : 'everything',
        senderVector: vectorOf(all),
        ...(Object.keys(deviceNames).length > 0 ? { deviceNames } : {}),
      },
      changes,
      template: templateRow.template,
      attachments,
    },
    passphrase ? { passphrase } : {},
  );
  // fflate and WebCrypto produce plain ArrayBuffer-backed arrays, as the bridge requires.
  return { bytes: bytes as Uint8Array<ArrayBuffer>, changes: changes.length, attachments: attachments.size, scope: peer ? 'since' : 'everything' };
}

export interface BundleImport {
  missionId: string;
  missionTitle: string;
  from: { device: string; member: string | null };
  summary: ApplySummary;
}

/**
 * Reads and checks the bundle, then receives it through the one way in (db/receive.ts): its
 * template, changes, photos, the sender's peer record and device names in one transaction, or —
 * refused, with the problems named — nothing at all.
 */
export async function importBundle(_db: MissionKitDatabase, repository: Repository, bytes: Uint8Array, options: { passphrase?: string; expectedMissionId?: string }): Promise<Result<BundleImport>> {
  const read = await readBundle(bytes, { ...(options.passphrase ? { passphrase: options.passphrase } : {}), ...(options.expectedMissionId ? { expectedMissionId: options.expectedMissionId } : {}) });
  if (!read.ok) return fail('invalid-payload', read.error.message);
  const { manifest, changes, template, attachments } = read.bundle;
  const received = await receive(repository, [
    {
      missionId: manifest.missionId,
      template,
      changes,
      attachments,
      ...(manifest.deviceNames ? { deviceNames: manifest.deviceNames } : {}),
      peer: { device: manifest.device, member: manifest.member, vector: manifest.senderVector, lastSyncAt: new Date().toISOString(), lastDirection: 'received' },
    },
  ]);
  if (!received.ok) return received;
  const [summary] = received.value;
  if (!summary) throw new Error('receive() returned no summary for the bundle');
  return ok({ missionId: manifest.missionId, missionTitle: manifest.missionTitle, from: { device: manifest.device, member: manifest.member }, summary });
}
