import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import type { Bridge } from '../../../shared/ipc-contract';
import type { BackupEntry, BackupReason } from '../../../shared/backup-contract';
import { fail, ok, type Result } from '../../../shared/result';
import { readBundle } from '../../../shared/sync/bundle';
import { MAX_BUNDLE_FILE_BYTES, formatByteSize, formatSizeOverLimit, type Bundle } from '../../../shared/sync/bundle-format';
import { ZIP_METHOD_STORED, ZipRefusal, readZipDirectory, readZipEntry, type ZipEntry, type ZipLimits } from '../../../shared/sync/bundle-zip';
import { formatIssuePath } from '../../../shared/template-validation';
import { parseJsonWithinLimits } from '../../../shared/json-limits';
import type { MissionKitDatabase } from '../db/database';
import type { Repository } from '../db/repository';
import { checkDeliveries, receive, type ApplySummary, type Delivery } from '../db/receive';
import { exportBundle } from '../sync/sync-service';
import {
  FULL_BACKUP_FORMAT,
  FULL_BACKUP_FORMAT_VERSION,
  FULL_BACKUP_MANIFEST,
  FullBackupManifestSchema,
  MAX_FULL_BACKUP_BYTES,
  MAX_FULL_BACKUP_MANIFEST_BYTES,
  MAX_FULL_BACKUP_MISSIONS,
  type FullBackupManifest,
} from './full-backup-format';

export interface BackupServices {
  db: MissionKitDatabase;
  repository: Repository;
  bridge: Bridge;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The missions a backup covers: every one not deleted on this device. */
async function liveMissions(db: MissionKitDatabase): Promise<{ id: string; title: string }[]> {
  return (await db.missions.toArray()).filter((mission) => !mission._deleted).map((mission) => ({ id: mission.id, title: mission.title }));
}

/** The newest change of a mission, by its place in this device's log: what a snapshot is of. */
async function lastChangeSeq(db: MissionKitDatabase, missionId: string): Promise<number | null> {
  return (await db.changes.where('missionId').equals(missionId).last())?.seq ?? null;
}

/** Writes one snapshot of the mission (its whole log, template and photos) to the desktop app's backup folder. */
export async function backUpMission({ db, repository, bridge }: BackupServices, missionId: string, reason: BackupReason): Promise<Result<BackupEntry>> {
  const mission = await db.missions.get(missionId);
  if (!mission) return fail('not-found', `There is no mission ${missionId} on this device.`);
  const seq = await lastChangeSeq(db, missionId);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = (await exportBundle(db, repository, missionId, null, undefined, { stayOnDevice: true })).bytes;
  } catch (error) {
    return fail('io-error', `The snapshot of "${mission.title}" could not be made: ${messageOf(error)}`);
  }
  const written = await bridge.invoke('backup:write', { missionId, missionTitle: mission.title, reason, data: bytes });
  if (written.ok && seq !== null) await repository.recordBackup(missionId, seq);
  return written;
}

/**
 * One pass of the automatic backups: a snapshot of every mission whose change log grew since
 * its last snapshot. Returns what was written and what failed, so the screen can say so.
 */
export async function backUpChangedMissions(services: BackupServices): Promise<{ written: BackupEntry[]; failed: string[] }> {
  const written: BackupEntry[] = [];
  const failed: string[] = [];
  for (const mission of await liveMissions(services.db)) {
    const seq = await lastChangeSeq(services.db, mission.id);
    if (seq === null || seq === (await services.repository.lastBackupSeq(mission.id))) continue;
    const result = await backUpMission(services, mission.id, 'automatic');
    if (result.ok) written.push(result.value);
    else failed.push(`${mission.title}: ${result.error.message}`);
  }
  return { written, failed };
}

/**
 * Starts automatic backups (desktop app only): a first pass soon after start, then one every
 * `intervalMs`. `onPass` hears each pass's failures (none: the last problem is over).
 * Returns the function that stops them.
 */
export function startAutomaticBackups(services: BackupServices, options: { intervalMs?: number; firstAfterMs?: number; onPass?: (failures: string[]) => void } = {}): () => void {
  if (services.bridge.host !== 'electron') return () => undefined;
  let running = false;
  const pass = (): void => {
    if (running) return;
    running = true;
    void backUpChangedMissions(services)
      .then(({ failed }) => options.onPass?.(failed))
      .catch((error: unknown) => options.onPass?.([messageOf(error)]))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(pass, options.firstAfterMs ?? 15_000);
  const every = setInterval(pass, options.intervalMs ?? 5 * 60_000);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

/** A bundle read from a backup, as a delivery for the one way in. */
function deliveryOf(bundle: Bundle): Delivery {
  return {
    missionId: bundle.manifest.missionId,
    template: bundle.template,
    changes: bundle.changes,
    attachments: bundle.attachments,
    ...(bundle.manifest.deviceNames ? { deviceNames: bundle.manifest.deviceNames } : {}),
  };
}

/**
 * Restores a mission to an automatic snapshot. The mission's current state is saved as a
 * snapshot first, so a restore can itself be undone; if that save fails nothing is restored.
 */
export async function restoreSnapshot(services: BackupServices, entry: Pick<BackupEntry, 'missionId' | 'id'>): Promise<Result<ApplySummary>> {
  const read = await services.bridge.invoke('backup:read', { missionId: entry.missionId, id: entry.id });
  if (!read.ok) return read;
  const bundle = await readBundle(read.value.data, { expectedMissionId: entry.missionId });
  if (!bundle.ok) return fail('invalid-payload', `The backup ${entry.id} is damaged: ${bundle.error.message}`);
  const delivery = deliveryOf(bundle.bundle);
  // Checked before the current state is saved, so a refused restore leaves nothing behind.
  const checked = checkDeliveries(services.repository, [delivery], 'replace');
  if (!checked.ok) return fail(checked.error.code, `Nothing was restored: ${checked.error.message}`);
  if (await services.db.missions.get(entry.missionId)) {
    const saved = await backUpMission(services, entry.missionId, 'before-restore');
    if (!saved.ok) return fail(saved.error.code, `Nothing was restored: the current state could not be saved first (${saved.error.message}).`);
  }
  const restored = await receive(services.repository, [delivery], { mode: 'replace' });
  if (!restored.ok) return fail(restored.error.code, `Nothing was restored: ${restored.error.message}`);
  const [summary] = restored.value;
  if (!summary) throw new Error('receive() returned no summary for the snapshot');
  return ok(summary);
}

/** Every mission on this device in one file, to keep on a USB stick or another laptop. */
export async function exportFullBackup({ db, repository }: Pick<BackupServices, 'db' | 'repository'>, now: Date = new Date()): Promise<{ bytes: Uint8Array<ArrayBuffer>; missions: number }> {
  // The file may end up anywhere: what it holds is never replaced by a later edit.
  await repository.markExported();
  const missions = await liveMissions(db);
  const files: Zippable = {};
  const manifest: FullBackupManifest = { format: FULL_BACKUP_FORMAT, formatVersion: FULL_BACKUP_FORMAT_VERSION, createdAt: now.toISOString(), missions: [] };
  for (const [index, mission] of missions.entries()) {
    const file = `missions/${index + 1}.mkbundle`;
    const bundle = await exportBundle(db, repository, mission.id, null, undefined, { stayOnDevice: true });
    // Bundles are compressed already: stored as they are.
    files[file] = [bundle.bytes, { level: 0 }];
    manifest.missions.push({ missionId: mission.id, missionTitle: mission.title, file });
  }
  files[FULL_BACKUP_MANIFEST] = strToU8(JSON.stringify(manifest, null, 2));
  return { bytes: zipSync(files) as Uint8Array<ArrayBuffer>, missions: missions.length };
}

export interface FullRestoreSummary {
  missions: { missionId: string; missionTitle: string; applied: number }[];
}

/** The zip of a full backup: a manifest and one stored bundle per mission. */
const FULL_BACKUP_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: MAX_FULL_BACKUP_BYTES,
  maxEntries: 1 + MAX_FULL_BACKUP_MISSIONS,
  maxEntryBytes: MAX_BUNDLE_FILE_BYTES,
  maxTotalBytes: MAX_FULL_BACKUP_BYTES,
};

/** Why a full backup file cannot be restored; caught in restoreFullBackup, never escapes. */
class BackupRefusal extends Error {
  override name = 'BackupRefusal';
}

const MIB = 1024 * 1024;
/**
 * A bundle is compressed (or encrypted) already: zipped again it shrinks by a few percent, its
 * zip directory by about half. exportFullBackup stores bundles as they are; an entry that
 * claims to unpack to more than four times its size plus 1 MiB is refused before inflating.
 */
const MAX_BUNDLE_PACKING_RATIO = 4;

/**
 * The manifest and the bundles of a full backup file, every one checked as a bundle from
 * another device would be. Nothing is inflated before the zip's directory has passed its
 * limits, and a bundle entry that would unpack to far more than its packed size (which no
 * real bundle does) is refused before it is inflated, so a zip bomb costs nothing.
 */
async function readFullBackup(bytes: Uint8Array): Promise<{ manifest: FullBackupManifest; bundles: Bundle[] }> {
  if (bytes.length > MAX_FULL_BACKUP_BYTES) {
    throw new BackupRefusal(`This full backup was refused as too large: the file is ${formatSizeOverLimit(bytes.length, MAX_FULL_BACKUP_BYTES)}.`);
  }
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, FULL_BACKUP_ZIP_LIMITS);
  } catch (error) {
    if (error instanceof ZipRefusal && (error.code === 'too-large' || error.code === 'hostile')) {
      throw new BackupRefusal(`This full backup was refused as unsafe: ${error.message}.`);
    }
    throw error;
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const manifestEntry = byName.get(FULL_BACKUP_MANIFEST);
  if (!manifestEntry) throw new BackupRefusal(`This is not a Mission Kit full backup: it has no ${FULL_BACKUP_MANIFEST}.`);
  const manifest = readManifest(bytes, manifestEntry);

  const listed = new Set<string>();
  for (const mission of manifest.missions) {
    if (listed.has(mission.file)) throw new BackupRefusal(`The backup's ${FULL_BACKUP_MANIFEST} lists ${mission.file} twice.`);
    listed.add(mission.file);
  }
  const stray = entries.find((entry) => entry.name !== FULL_BACKUP_MANIFEST && !listed.has(entry.name));
  if (stray) {
    throw new BackupRefusal(`This full backup was refused as unsafe: it holds ${JSON.stringify(stray.name)}, which its ${FULL_BACKUP_MANIFEST} does not list.`);
  }

  const bundles: Bundle[] = [];
  for (const mission of manifest.missions) {
    const entry = byName.get(mission.file);
    if (!entry) throw new BackupRefusal(`The backup lists ${mission.file} for "${mission.missionTitle}", but the file is not in it.`);
    if (entry.method !== ZIP_METHOD_STORED && entry.size > entry.compressedSize * MAX_BUNDLE_PACKING_RATIO + MIB) {
      throw new BackupRefusal(
        `This full backup was refused as unsafe: its ${mission.file} would unpack to ${formatByteSize(entry.size)} from ${formatByteSize(entry.compressedSize)}, but a bundle is compressed already and cannot shrink like that (a zip bomb?).`,
      );
    }
    const read = await readBundle(readZipEntry(bytes, entry), { expectedMissionId: mission.missionId });
    if (!read.ok) throw new BackupRefusal(`The backup of "${mission.missionTitle}" is damaged: ${read.error.message}`);
    bundles.push(read.bundle);
  }
  return { manifest, bundles };
}

function readManifest(bytes: Uint8Array, entry: ZipEntry): FullBackupManifest {
  if (entry.size > MAX_FULL_BACKUP_MANIFEST_BYTES) {
    throw new BackupRefusal(
      `This full backup was refused as too large: its ${FULL_BACKUP_MANIFEST} would unpack to ${formatSizeOverLimit(entry.size, MAX_FULL_BACKUP_MANIFEST_BYTES)}.`,
    );
  }
  // The size cap above bounds memory, so the manifest is parsed whole and checked by the same
  // walk as every other JSON document, whose messages name the path.
  const json = parseJsonWithinLimits(strFromU8(readZipEntry(bytes, entry)));
  if (!json.ok) {
    if (json.problem.limit === 'syntax') throw new BackupRefusal(`The backup's ${FULL_BACKUP_MANIFEST} is ${json.problem.message}.`);
    throw new BackupRefusal(`The backup's ${FULL_BACKUP_MANIFEST} is not valid: ${json.problem.path}: ${json.problem.message}.`);
  }
  const parsed = FullBackupManifestSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupRefusal(`The backup's ${FULL_BACKUP_MANIFEST} is not valid: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'unreadable'}.`);
  }
  return parsed.data;
}

/**
 * Brings back every mission of a full backup file by merging it: nothing on this device is
 * removed, and whatever the device lost comes back. Every bundle is read and checked before
 * anything is written, and all missions are written in one transaction: all or nothing.
 */
export async function restoreFullBackup({ repository }: Pick<BackupServices, 'repository'>, bytes: Uint8Array): Promise<Result<FullRestoreSummary>> {
  let bundles: Bundle[];
  try {
    ({ bundles } = await readFullBackup(bytes));
  } catch (error) {
    if (error instanceof BackupRefusal) return fail('invalid-payload', error.message);
    return fail('invalid-payload', `This file is not a readable full backup: ${messageOf(error)}`);
  }
  const received = await receive(repository, bundles.map(deliveryOf));
  if (!received.ok) return fail(received.error.code, `Nothing was restored: ${received.error.message}`);
  const summaries = received.value;
  return ok({ missions: bundles.map((bundle, index) => ({ missionId: bundle.manifest.missionId, missionTitle: bundle.manifest.missionTitle, applied: summaries[index]?.applied ?? 0 })) });
}

export function fullBackupFileName(now: Date = new Date()): string {
  return `mission-kit-backup-${now.toISOString().slice(0, 10)}.mkbackup`;
}
