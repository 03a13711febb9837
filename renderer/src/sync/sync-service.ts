import { fail, ok, type Result } from '../../../shared/result';
import { readBundle, writeBundle } from '../../../shared/sync/bundle';
import { changesSince, vectorOf } from '../../../shared/sync/version-vector';
import { attachmentHashes } from '../../../shared/sync/attachment-hashes';
import type { MissionKitDatabase } from '../db/database';
import type { ApplySummary, Repository } from '../db/repository';
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
 * Checks everything first (format, hashes, mission, template, schemas), then applies in one
 * transaction; on any refusal the database is unchanged.
 */
export async function importBundle(db: MissionKitDatabase, repository: Repository, bytes: Uint8Array, options: { passphrase?: string; expectedMissionId?: string }): Promise<Result<BundleImport>> {
  const read = await readBundle(bytes, { ...(options.passphrase ? { passphrase: options.passphrase } : {}), ...(options.expectedMissionId ? { expectedMissionId: options.expectedMissionId } : {}) });
  if (!read.ok) return fail('invalid-payload', read.error.message);
  const { manifest, changes, template, attachments } = read.bundle;
  const local = await db.missions.get(manifest.missionId);
  if (local && local.templateId !== template.id) {
    return fail('conflict', `The bundle uses template "${template.id}", but this mission uses "${local.templateId}".`);
  }
  const installed = await repository.importTemplate(template);
  if (!installed.ok) return fail(installed.error.code, installed.error.message);
  const blobs = new Map([...attachments].map(([sha256, data]) => [sha256, new Blob([data as Uint8Array<ArrayBuffer>])] as const));
  let summary: ApplySummary;
  try {
    summary = await repository.applyChanges(changes, blobs);
  } catch (error) {
    return fail('invalid-payload', error instanceof Error ? error.message : String(error));
  }
  await repository.recordPeer(manifest.missionId, {
    device: manifest.device,
    member: manifest.member,
    vector: manifest.senderVector,
    lastSyncAt: new Date().toISOString(),
    lastDirection: 'received',
  });
  return ok({ missionId: manifest.missionId, missionTitle: manifest.missionTitle, from: { device: manifest.device, member: manifest.member }, summary });
}
