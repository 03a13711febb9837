import { mkdtemp, readdir, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupStore, missionFolderName } from '../../../main/backups/backup-store';
import { MAX_BACKUP_BYTES } from '../../../shared/backup-contract';

let root: string;
let clock: number;

function store(): BackupStore {
  return new BackupStore(root, undefined, () => new Date(clock));
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

beforeEach(async () => {
  root = path.join(await mkdtemp(path.join(tmpdir(), 'mission-kit-backups-')), 'backups');
  clock = Date.UTC(2026, 2, 27, 10, 15, 0);
});
afterEach(() => rm(path.dirname(root), { recursive: true, force: true }));

describe('BackupStore', () => {
  it('lists snapshots newest first, with the mission title, time, reason and size', async () => {
    const backups = store();
    await backups.write('m-1', 'Kosovo, July 2015', 'automatic', bytes(1, 2, 3));
    clock += 60_000;
    await backups.write('m-1', 'Kosovo, July 2015 (renamed)', 'manual', bytes(4));
    clock += 60_000;
    await backups.write('m-2', 'Ruritania AML', 'automatic', bytes(5, 6));

    const all = await backups.list();
    expect(all.map((entry) => [entry.missionId, entry.reason, entry.createdAt, entry.bytes])).toEqual([
      ['m-2', 'automatic', '2026-03-27T10:17:00.000Z', 2],
      ['m-1', 'manual', '2026-03-27T10:16:00.000Z', 1],
      ['m-1', 'automatic', '2026-03-27T10:15:00.000Z', 3],
    ]);
    expect(all[1]?.missionTitle).toBe('Kosovo, July 2015 (renamed)');
    expect((await backups.list('m-1')).map((entry) => entry.missionId)).toEqual(['m-1', 'm-1']);
    expect(await backups.read('m-1', all[2]?.id ?? '')).toEqual(bytes(1, 2, 3));
  });

  it('keeps only the newest N snapshots of each mission, N from the settings', async () => {
    const backups = store();
    await backups.setKeep(3);
    for (let index = 0; index < 5; index++) {
      await backups.write('m-1', 'M', 'automatic', bytes(index));
      clock += 1_000;
    }
    await backups.write('m-2', 'Other', 'automatic', bytes(9));
    const kept = await backups.list('m-1');
    expect(kept).toHaveLength(3);
    expect(await Promise.all(kept.map((entry) => backups.read('m-1', entry.id)))).toEqual([bytes(4), bytes(3), bytes(2)]);
    expect(await backups.list('m-2')).toHaveLength(1);

    // Lowering the limit prunes at once; the setting survives a new store (an app restart).
    await backups.setKeep(1);
    expect((await store().list('m-1')).map((entry) => entry.bytes)).toEqual([1]);
    expect(await store().settings()).toEqual({ keep: 1 });
  });

  it('refuses a limit out of range and keeps the previous one', async () => {
    const backups = store();
    await backups.setKeep(5);
    await expect(backups.setKeep(0)).rejects.toThrow('between 1 and 200');
    await expect(backups.setKeep(2.5)).rejects.toThrow(RangeError);
    expect(await backups.settings()).toEqual({ keep: 5 });
  });

  it('falls back to the default limit when the settings file is damaged', async () => {
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, 'settings.json'), '{"keep": "many"');
    expect(await store().settings()).toEqual({ keep: 20 });
  });

  it('keeps two snapshots taken in the same millisecond', async () => {
    const backups = store();
    await backups.write('m-1', 'M', 'before-restore', bytes(1));
    await backups.write('m-1', 'M', 'before-restore', bytes(2));
    expect((await backups.list('m-1')).map((entry) => entry.bytes)).toHaveLength(2);
  });

  it('leaves no temporary file behind and only complete snapshots in the folder', async () => {
    const backups = store();
    await backups.write('m-1', 'M', 'automatic', bytes(1, 2));
    const files = await readdir(path.join(root, 'm-1'));
    expect(files.sort()).toEqual(['20260327T101500000Z-automatic.mkbundle', 'mission.json']);
  });

  it('reads nothing outside its folder, whatever name it is given', async () => {
    await writeFile(path.join(path.dirname(root), 'secret.txt'), 'not a backup');
    const backups = store();
    await backups.write('m-1', 'M', 'automatic', bytes(1));
    for (const id of ['../secret.txt', '../../secret.txt', '/etc/passwd', 'mission.json', '20260327T101500000Z-automatic.mkbundle/../../secret.txt']) {
      await expect(backups.read('m-1', id)).rejects.toThrow('is not the name of a backup');
    }
    // A mission id is a folder name only through missionFolderName: nothing path-like survives it.
    for (const id of ['..', '../..', 'a/b', 'a:b', 'x_41']) expect(missionFolderName(id)).toMatch(/^(?:[A-Za-z0-9-]+|x_[0-9a-f]+)$/);
    expect(missionFolderName('..')).not.toBe('..');
  });

  it('lists a mission whose id is not a plain folder name under its real id', async () => {
    const backups = store();
    await backups.write('demo:kosovo.2015', 'Demo', 'automatic', bytes(1));
    const [entry] = await backups.list();
    expect(entry?.missionId).toBe('demo:kosovo.2015');
    expect(await backups.read('demo:kosovo.2015', entry?.id ?? '')).toEqual(bytes(1));
    expect(JSON.parse(await readFile(path.join(root, missionFolderName('demo:kosovo.2015'), 'mission.json'), 'utf8'))).toMatchObject({ missionTitle: 'Demo' });
  });

  it('refuses to read a snapshot file larger than a snapshot can be, without reading it', async () => {
    const backups = store();
    const entry = await backups.write('m-1', 'M', 'automatic', bytes(1));
    // A sparse file: 513 MiB long, nothing on disk.
    await truncate(path.join(root, 'm-1', entry.id), MAX_BACKUP_BYTES + 1024 * 1024);
    await expect(backups.read('m-1', entry.id)).rejects.toThrow('it is 513 MiB, more than the limit of 512 MiB for a snapshot');
  });
});
