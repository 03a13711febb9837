import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { MissionKitDatabase } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';
import {
  backUpChangedMissions,
  exportFullBackup,
  restoreFullBackup,
  restoreSnapshot,
  type BackupServices,
} from '../../../renderer/src/backups/backup-service';
import type { Bridge, BridgeRequests, BridgeResponses, IpcChannel } from '../../../shared/ipc-contract';
import type { BackupEntry } from '../../../shared/backup-contract';
import { fail, ok, type Result } from '../../../shared/result';
import { buildKosovoDemo } from '../../../shared/demo/kosovo-2015-demo';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';
import type { Template } from '../../../shared/schemas/template';
import { writeBundle } from '../../../shared/sync/bundle';
import { exportBundle } from '../../../renderer/src/sync/sync-service';

/** The desktop app's backup folder, in memory: what main's BackupStore does, minus the disk. */
class MemoryBackups {
  readonly files = new Map<string, { entry: BackupEntry; data: Uint8Array }>();
  failWrites = false;
  private tick = 0;

  bridge(): Bridge {
    const handle = async <C extends IpcChannel>(channel: C, request: BridgeRequests[C]): Promise<Result<BridgeResponses[C]>> => {
      switch (channel) {
        case 'backup:write': {
          const { missionId, missionTitle, reason, data } = request as BridgeRequests['backup:write'];
          if (this.failWrites) return fail('io-error', 'the disk is full');
          const id = `20260327T1015${String(this.tick++).padStart(5, '0')}Z-${reason}.mkbundle`;
          const entry: BackupEntry = { id, missionId, missionTitle, createdAt: '2026-03-27T10:15:00.000Z', reason, bytes: data.byteLength };
          this.files.set(`${missionId}/${id}`, { entry, data });
          return ok(entry) as Result<BridgeResponses[C]>;
        }
        case 'backup:read': {
          const { missionId, id } = request as BridgeRequests['backup:read'];
          const file = this.files.get(`${missionId}/${id}`);
          return (file ? ok({ data: file.data }) : fail('not-found', `no ${id}`)) as Result<BridgeResponses[C]>;
        }
        default:
          return fail('unsupported', `${channel} is not used here`);
      }
    };
    return { host: 'electron', invoke: handle };
  }

  entries(reason?: string): BackupEntry[] {
    return [...this.files.values()].map((file) => file.entry).filter((entry) => reason === undefined || entry.reason === reason);
  }
}

const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012') as Template;
const opened: MissionKitDatabase[] = [];
let backups: MemoryBackups;

async function device(): Promise<BackupServices> {
  const db = new MissionKitDatabase(`backups-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return { db, repository: await Repository.open(db), bridge: backups.bridge() };
}

async function withDemo(): Promise<BackupServices & { missionId: string }> {
  const services = await device();
  const demo = buildKosovoDemo();
  const imported = await services.repository.importMission({ template: roadmap, ...demo });
  if (!imported.ok) throw new Error(imported.error.message);
  return { ...services, missionId: demo.mission.id };
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

beforeEach(() => {
  backups = new MemoryBackups();
});

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await MissionKitDatabase.delete(db.name);
  }
});

describe('automatic backups', () => {
  it('snapshot each mission whose log grew since its last snapshot, and only those', async () => {
    const services = await withDemo();
    const other = await services.repository.createMission(roadmap, { title: 'Follow-up', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2016-03-01', endDate: '2016-03-04', classification: '', reportVersion: '1.0' });

    expect((await backUpChangedMissions(services)).written.map((entry) => entry.missionTitle).sort()).toEqual(['Follow-up', 'Kosovo — visa roadmap assessment mission, July 2015']);
    expect((await backUpChangedMissions(services)).written).toEqual([]);

    await services.repository.updateMission(other.id, { title: 'Follow-up mission' });
    expect((await backUpChangedMissions(services)).written.map((entry) => entry.missionTitle)).toEqual(['Follow-up mission']);
  });

  it('report a failed write and try again on the next pass', async () => {
    const services = await withDemo();
    backups.failWrites = true;
    expect((await backUpChangedMissions(services)).failed).toEqual([expect.stringContaining('the disk is full')]);
    backups.failWrites = false;
    expect((await backUpChangedMissions(services)).written).toHaveLength(1);
  });
});

describe('restoring a snapshot', () => {
  it('puts the mission back as it was, after saving the current state as a snapshot of its own', async () => {
    const services = await withDemo();
    const { db, repository, missionId } = services;
    await backUpChangedMissions(services);
    const [snapshot] = backups.entries('automatic');
    const rowsAtSnapshot = { findings: await db.findings.where('missionId').equals(missionId).toArray(), mission: await db.missions.get(missionId) };

    // After the snapshot: a renamed mission and a deleted finding.
    await repository.updateMission(missionId, { title: 'Renamed by mistake' });
    const victim = rowsAtSnapshot.findings[0];
    if (!victim || !snapshot) throw new Error('the demo has findings and a snapshot');
    await repository.remove('finding', victim.id);

    const restored = await restoreSnapshot(services, snapshot);
    expect(restored.ok).toBe(true);
    expect(await db.missions.get(missionId)).toEqual(rowsAtSnapshot.mission);
    expect(await db.findings.where('missionId').equals(missionId).toArray()).toEqual(rowsAtSnapshot.findings);

    // The state before the restore was kept, and restoring it undoes the restore.
    const [before] = backups.entries('before-restore');
    if (!before) throw new Error('no before-restore snapshot');
    expect((await restoreSnapshot(services, before)).ok).toBe(true);
    expect((await db.missions.get(missionId))?.title).toBe('Renamed by mistake');
    expect((await db.findings.get(victim.id))?._deleted).toBe(true);
  });

  it('restores nothing when the current state cannot be saved first', async () => {
    const services = await withDemo();
    await backUpChangedMissions(services);
    const [snapshot] = backups.entries('automatic');
    if (!snapshot) throw new Error('no snapshot');
    await services.repository.updateMission(services.missionId, { title: 'Newer title' });
    backups.failWrites = true;
    const result = await restoreSnapshot(services, snapshot);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Nothing was restored') } });
    expect((await services.db.missions.get(services.missionId))?.title).toBe('Newer title');
  });

  it('refuses a damaged snapshot by name and leaves the mission untouched', async () => {
    const services = await withDemo();
    await backUpChangedMissions(services);
    const [snapshot] = backups.entries('automatic');
    const file = snapshot ? backups.files.get(`${snapshot.missionId}/${snapshot.id}`) : undefined;
    if (!snapshot || !file) throw new Error('no snapshot');
    file.data = file.data.slice(0, file.data.length - 40);
    const changesBefore = await services.db.changes.count();
    const result = await restoreSnapshot(services, snapshot);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(`The backup ${snapshot.id} is damaged`) } });
    expect(await services.db.changes.count()).toBe(changesBefore);
    expect(backups.entries('before-restore')).toEqual([]);
  });
});

describe('full backup file', () => {
  it('brings every mission, its change log and its photos back to an empty device', async () => {
    const source = await withDemo();
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const hash = await sha256(photo);
    const finding = await source.db.findings.where('missionId').equals(source.missionId).first();
    if (!finding) throw new Error('the demo has findings');
    await source.repository.addAttachment(
      { id: 'ev-photo', missionId: source.missionId, findingId: finding.id, kind: 'attachment', fileName: 'Merdarë.jpg', mediaType: 'image/jpeg', size: photo.byteLength, sha256: hash, caption: 'Booth 3' },
      new Blob([photo], { type: 'image/jpeg' }),
    );
    const other = await source.repository.createMission(roadmap, { title: 'Follow-up', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2016-03-01', endDate: '2016-03-04', classification: '', reportVersion: '1.0' });
    const file = await exportFullBackup(source);
    expect(file.missions).toBe(2);

    const target = await device();
    const restored = await restoreFullBackup(target, file.bytes);
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.missions.map((mission) => mission.missionId).sort()).toEqual([source.missionId, other.id].sort());
    expect(await target.db.findings.toArray()).toEqual(await source.db.findings.toArray());
    expect(await target.db.missions.toArray()).toEqual(await source.db.missions.toArray());
    expect(await target.db.changes.count()).toBe(await source.db.changes.count());
    expect(new Uint8Array(await ((await target.db.attachments.get(hash))?.blob.arrayBuffer() ?? new ArrayBuffer(0)))).toEqual(photo);

    // Restoring the same file again changes nothing.
    const again = await restoreFullBackup(target, file.bytes);
    expect(again.ok && again.value.missions.every((mission) => mission.applied === 0)).toBe(true);
  });

  it('writes nothing at all when one mission of the file cannot be restored', async () => {
    const source = await withDemo();
    const other = await source.repository.createMission(roadmap, { title: 'Follow-up', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2016-03-01', endDate: '2016-03-04', classification: '', reportVersion: '1.0' });
    await source.repository.updateMission(other.id, { title: 'Follow-up mission' });
    // A well-formed bundle whose mission cannot be rebuilt: the edit is there, its creation is not.
    const titleEdit = (await source.db.changes.where('missionId').equals(other.id).toArray()).filter((change) => change.field === 'title').map(({ seq: _seq, ...change }) => change);
    const broken = await writeBundle({
      manifest: { missionId: other.id, missionTitle: 'Follow-up mission', templateId: roadmap.id, templateVersion: roadmap.version, createdAt: '2026-03-27T10:00:00Z', device: source.repository.deviceId, member: null, scope: 'everything', senderVector: {} },
      changes: titleEdit,
      template: roadmap,
      attachments: new Map(),
    });
    const demo = await exportBundle(source.db, source.repository, source.missionId, null);
    const file = zipSync({
      'mission-kit-backup.json': strToU8(JSON.stringify({ format: 'mission-kit/full-backup', formatVersion: 1, createdAt: '2026-03-27T10:00:00Z', missions: [{ missionId: source.missionId, missionTitle: 'Demo', file: 'missions/1.mkbundle' }, { missionId: other.id, missionTitle: 'Follow-up mission', file: 'missions/2.mkbundle' }] })),
      'missions/1.mkbundle': demo.bytes,
      'missions/2.mkbundle': broken,
    });

    const target = await device();
    const result = await restoreFullBackup(target, file);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Nothing was restored') } });
    expect(await target.db.changes.count()).toBe(0);
    expect(await target.db.findings.count()).toBe(0);
    expect(await target.db.missions.count()).toBe(0);

    // The rollback also undid what the merge had counted as stored: the good part restores alone.
    const good = zipSync({
      'mission-kit-backup.json': strToU8(JSON.stringify({ format: 'mission-kit/full-backup', formatVersion: 1, createdAt: '2026-03-27T10:00:00Z', missions: [{ missionId: source.missionId, missionTitle: 'Demo', file: 'missions/1.mkbundle' }] })),
      'missions/1.mkbundle': demo.bytes,
    });
    const retried = await restoreFullBackup(target, good);
    expect(retried.ok && retried.value.missions[0]?.applied).toBe(await source.db.changes.where('missionId').equals(source.missionId).count());
  });

  it('reports a file that lists a mission it does not hold', async () => {
    const target = await device();
    const listed = zipSync({ 'mission-kit-backup.json': strToU8(JSON.stringify({ format: 'mission-kit/full-backup', formatVersion: 1, createdAt: '2026-03-27T10:00:00Z', missions: [{ missionId: 'm-1', missionTitle: 'Demo', file: 'missions/1.mkbundle' }] })) });
    expect(await restoreFullBackup(target, listed)).toMatchObject({ ok: false, error: { message: 'The backup lists missions/1.mkbundle for "Demo", but the file is not in it.' } });
  });

  it('says what is wrong with a file that is not a full backup', async () => {
    const target = await device();
    expect(await restoreFullBackup(target, strToU8('not a zip at all'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a readable full backup') } });
    expect(await restoreFullBackup(target, zipSync({ 'notes.txt': strToU8('hello') }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('has no mission-kit-backup.json') } });
    expect(await restoreFullBackup(target, zipSync({ 'mission-kit-backup.json': strToU8('{"format":"something-else"}') }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('format') } });
    expect(await target.db.changes.count()).toBe(0);
  });
});
