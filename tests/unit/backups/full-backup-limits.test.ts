/**
 * The limits of the full backup file (.mkbackup) and of snapshot restores: a zip bomb, a file
 * or manifest too large, too many entries, duplicate or stray entries are refused with their
 * own message before anything is inflated or written, and the database stays as it was.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { MissionKitDatabase } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';
import { exportFullBackup, restoreFullBackup, restoreSnapshot, type BackupServices } from '../../../renderer/src/backups/backup-service';
import { MAX_FULL_BACKUP_BYTES, MAX_FULL_BACKUP_MANIFEST_BYTES, MAX_FULL_BACKUP_MISSIONS } from '../../../renderer/src/backups/full-backup-format';
import { exportBundle } from '../../../renderer/src/sync/sync-service';
import type { BackupEntry } from '../../../shared/backup-contract';
import { buildKosovoDemo } from '../../../shared/demo/kosovo-2015-demo';
import type { Bridge } from '../../../shared/ipc-contract';
import { fail, ok } from '../../../shared/result';
import type { Template } from '../../../shared/schemas/template';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';
import { entriesOf, rawZip, repeatedEntry, zeros, type RawEntry } from '../../fixtures/hostile-zip';

const MIB = 1024 * 1024;
const MANIFEST = 'mission-kit-backup.json';
const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012') as Template;
const opened: MissionKitDatabase[] = [];

/** One snapshot file, served by backup:read; backup:write keeps what it is given. */
function snapshotBridge(snapshot: { entry: BackupEntry; data: Uint8Array }, written: BackupEntry[]): Bridge {
  return {
    host: 'electron',
    invoke: async (channel, request) => {
      if (channel === 'backup:read') return ok({ data: snapshot.data }) as never;
      if (channel === 'backup:write') {
        const entry = { ...snapshot.entry, id: `20260327T101500${written.length}00Z-before-restore.mkbundle`, reason: 'before-restore' as const };
        written.push(entry);
        return ok(entry) as never;
      }
      return fail('unsupported', `${channel} ${JSON.stringify(request).slice(0, 20)} is not used here`) as never;
    },
  };
}

async function device(bridge: Bridge = snapshotBridge({ entry: {} as BackupEntry, data: new Uint8Array(0) }, [])): Promise<BackupServices> {
  const db = new MissionKitDatabase(`backup-limits-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return { db, repository: await Repository.open(db), bridge };
}

async function withDemo(bridge?: Bridge): Promise<BackupServices & { missionId: string }> {
  const services = await device(bridge);
  const demo = buildKosovoDemo();
  const imported = await services.repository.importMission({ template: roadmap, ...demo });
  if (!imported.ok) throw new Error(imported.error.message);
  return { ...services, missionId: demo.mission.id };
}

/** Everything the device holds, to show that a refused restore changed nothing. */
async function contents(db: MissionKitDatabase): Promise<unknown> {
  return { missions: await db.missions.toArray(), findings: await db.findings.toArray(), changes: await db.changes.count(), attachments: await db.attachments.count() };
}

function manifestOf(files: readonly string[], missionId = 'demo'): Uint8Array {
  return strToU8(
    JSON.stringify({
      format: 'mission-kit/full-backup',
      formatVersion: 1,
      createdAt: '2026-03-27T10:00:00Z',
      missions: files.map((file) => ({ missionId, missionTitle: 'Demo', file })),
    }),
  );
}

let goodBackup: Uint8Array;
let demoMissionId: string;

beforeAll(async () => {
  const source = await withDemo();
  demoMissionId = source.missionId;
  goodBackup = (await exportFullBackup(source)).bytes;
});

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await MissionKitDatabase.delete(db.name);
  }
});

/** Restores `file` on a device holding the demo mission and expects `message` and no change at all. */
async function expectRefused(file: Uint8Array, message: string | RegExp): Promise<void> {
  const target = await withDemo();
  const before = await contents(target.db);
  const result = await restoreFullBackup(target, file);
  if (result.ok) throw new Error('the backup was restored, but it should have been refused');
  if (typeof message === 'string') expect(result.error.message).toBe(message);
  else expect(result.error.message).toMatch(message);
  expect(await contents(target.db)).toEqual(before);
}

describe('the zip of a full backup', () => {
  it('restores the real file (the baseline of every case below)', async () => {
    const target = await device();
    const restored = await restoreFullBackup(target, goodBackup);
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.missions.map((mission) => mission.missionId)).toEqual([demoMissionId]);
  });

  it('refuses a 6.8 MB file holding a 1 GiB zip bomb before inflating it', async () => {
    const bomb = rawZip([{ name: MANIFEST, data: manifestOf(['missions/1.mkbundle']) }, repeatedEntry('missions/1.mkbundle', zeros(1024 * MIB), 0)]);
    expect(bomb.length).toBeLessThan(7 * MIB);
    await expectRefused(bomb, 'This full backup was refused as unsafe: the zip entry "missions/1.mkbundle" would unpack to 1.0 GiB, more than the limit of 512 MiB for one entry.');
  });

  it('refuses a bundle entry that unpacks to far more than its packed size, under the size limit', async () => {
    const bomb = rawZip([{ name: MANIFEST, data: manifestOf(['missions/1.mkbundle']) }, repeatedEntry('missions/1.mkbundle', zeros(100 * MIB), 0)]);
    await expectRefused(
      bomb,
      /^This full backup was refused as unsafe: its missions\/1\.mkbundle would unpack to 100 MiB from \d+ KiB, but a bundle is compressed already and cannot shrink like that \(a zip bomb\?\)\.$/,
    );
  });

  it('refuses a file larger than 1 GiB before looking inside', async () => {
    // Allocated, never written: the pages stay untouched, so this costs no real memory.
    const huge = new Uint8Array(MAX_FULL_BACKUP_BYTES + MIB);
    // Rounded, both would read "1.0 GiB": the message gives them in bytes.
    await expectRefused(huge, 'This full backup was refused as too large: the file is 1,074,790,400 bytes, more than the limit of 1,073,741,824 bytes.');
  });

  it(`refuses more than ${(MAX_FULL_BACKUP_MISSIONS + 1).toLocaleString('en')} entries`, async () => {
    const entries: RawEntry[] = Array.from({ length: MAX_FULL_BACKUP_MISSIONS + 1 }, (_, index) => ({ name: `missions/${index + 1}.mkbundle`, data: new Uint8Array(0), method: 0 }));
    const file = rawZip([{ name: MANIFEST, data: manifestOf([]) }, ...entries]);
    await expectRefused(file, 'This full backup was refused as unsafe: the zip holds 10,002 entries, more than the limit of 10,001.');
  });

  it('refuses a manifest that would unpack to more than 16 MiB', async () => {
    const file = rawZip([repeatedEntry(MANIFEST, zeros(MAX_FULL_BACKUP_MANIFEST_BYTES + 1), 0)]);
    await expectRefused(file, 'This full backup was refused as too large: its mission-kit-backup.json would unpack to 16,777,217 bytes, more than the limit of 16,777,216 bytes.');
  });

  it('refuses a manifest nested deeper than the input limit, naming where', async () => {
    const file = rawZip([{ name: MANIFEST, data: strToU8(`{"missions":${'['.repeat(100)}${']'.repeat(100)}}`) }]);
    await expectRefused(
      file,
      `The backup's ${MANIFEST} is not valid: missions${'[0]'.repeat(63)}: nested more than 64 levels deep (arrays and objects inside each other); Mission Kit reads at most 64.`,
    );
  });
});

describe('duplicate and stray entries', () => {
  it('refuses two entries with the same name, whichever comes first', async () => {
    const entries = entriesOf(goodBackup);
    const bundle = entries.find((entry) => entry.name === 'missions/1.mkbundle');
    if (!bundle) throw new Error('no bundle in the backup');
    const decoy = { ...bundle, data: strToU8('not the bundle') };
    for (const order of [
      [...entries, decoy],
      [decoy, ...entries],
    ]) {
      await expectRefused(rawZip(order), 'This full backup was refused as unsafe: the zip holds two entries named "missions/1.mkbundle".');
    }
  });

  it('refuses two manifests', async () => {
    const entries = entriesOf(goodBackup);
    await expectRefused(rawZip([...entries, { name: MANIFEST, data: manifestOf([]) }]), `This full backup was refused as unsafe: the zip holds two entries named "${MANIFEST}".`);
  });

  it('refuses names that would unpack to the same file', async () => {
    const entries = entriesOf(goodBackup);
    const bundle = entries.find((entry) => entry.name === 'missions/1.mkbundle');
    if (!bundle) throw new Error('no bundle in the backup');
    await expectRefused(
      rawZip([...entries, { ...bundle, name: 'Missions/1.MKBUNDLE' }]),
      'This full backup was refused as unsafe: the zip holds two entries, "missions/1.mkbundle" and "Missions/1.MKBUNDLE", that would unpack to the same file.',
    );
    await expectRefused(
      rawZip([...entries, { ...bundle, name: 'missions\\1.mkbundle' }]),
      'This full backup was refused as unsafe: the zip holds two entries, "missions/1.mkbundle" and "missions\\\\1.mkbundle", that would unpack to the same file.',
    );
  });

  it('refuses an entry its manifest does not list', async () => {
    await expectRefused(
      rawZip([...entriesOf(goodBackup), { name: 'missions/2.mkbundle', data: strToU8('extra') }]),
      `This full backup was refused as unsafe: it holds "missions/2.mkbundle", which its ${MANIFEST} does not list.`,
    );
  });

  it('refuses a manifest that lists one file twice', async () => {
    const entries = entriesOf(goodBackup).map((entry) =>
      entry.name === MANIFEST ? { name: MANIFEST, data: manifestOf(['missions/1.mkbundle', 'missions/1.mkbundle'], demoMissionId) } : entry,
    );
    await expectRefused(rawZip(entries), `The backup's ${MANIFEST} lists missions/1.mkbundle twice.`);
  });
});

describe('restoring a snapshot', () => {
  it('refuses a snapshot with two entries of the same name, saves nothing and changes nothing', async () => {
    const written: BackupEntry[] = [];
    const snapshot = { entry: { id: '20260327T101500000Z-automatic.mkbundle', missionId: '', missionTitle: 'Demo', createdAt: '', reason: 'automatic' as const, bytes: 0 }, data: new Uint8Array(0) };
    const services = await withDemo(snapshotBridge(snapshot, written));
    snapshot.entry.missionId = services.missionId;
    const bundle = await exportBundle(services.db, services.repository, services.missionId, null, undefined, { stayOnDevice: true });
    const entries = entriesOf(bundle.bytes);
    const changes = entries.find((entry) => entry.name === 'changes.json');
    if (!changes) throw new Error('no changes.json');
    snapshot.data = rawZip([...entries, { ...changes, data: strToU8('[]') }]);

    const before = await contents(services.db);
    const result = await restoreSnapshot(services, snapshot.entry);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: `The backup ${snapshot.entry.id} is damaged: The bundle was refused as unsafe: the zip holds two entries named "changes.json".` },
    });
    expect(written).toEqual([]);
    expect(await contents(services.db)).toEqual(before);
  });
});
