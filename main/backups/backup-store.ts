import { promises as nodeFs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../atomic-write';
import { readFileAtMost } from '../bounded-read';
import { formatSizeOverLimit } from '../../shared/sync/bundle-format';
import type { FileSystem } from '../file-system';
import { BACKUP_FILE_PATTERN, DEFAULT_BACKUPS_KEPT, MAX_BACKUP_BYTES, MAX_BACKUPS_KEPT, MIN_BACKUPS_KEPT, type BackupEntry, type BackupReason } from '../../shared/backup-contract';

/** What the store needs from `node:fs/promises` (which satisfies it), injectable for tests. */
export interface BackupFileSystem extends FileSystem {
  mkdir(folder: string, options: { recursive: true }): Promise<string | undefined>;
  readdir(folder: string): Promise<string[]>;
  readFile(filePath: string): Promise<Buffer>;
}

const SETTINGS_FILE = 'settings.json';
const MISSION_FILE = 'mission.json';
/** Ids made of these are folder names as they are; others (":" is not allowed on Windows) are hex-coded. */
const PLAIN_ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;
const HEX_FOLDER_PREFIX = 'x_';
const FOLDER_PATTERN = /^(?:[A-Za-z0-9-]{1,100}|x_(?:[0-9a-f]{2}){1,128})$/;

/** The folder of a mission's snapshots: a plain id as it is, anything else as hex after "x_". */
export function missionFolderName(missionId: string): string {
  if (PLAIN_ID_PATTERN.test(missionId)) return missionId;
  if (missionId.length === 0 || missionId.length > 128) throw new RangeError(`"${missionId}" is not a mission id.`);
  return HEX_FOLDER_PREFIX + Buffer.from(missionId, 'utf8').toString('hex');
}

function missionIdOfFolder(folder: string): string {
  return folder.startsWith(HEX_FOLDER_PREFIX) ? Buffer.from(folder.slice(HEX_FOLDER_PREFIX.length), 'hex').toString('utf8') : folder;
}

export interface BackupSettings {
  keep: number;
}

/**
 * Rolling snapshots of each mission in the app's user-data folder, one folder per mission:
 * `<root>/<missionId>/<UTC time>-<reason>.mkbundle`. Every file name is made here from a
 * timestamp; names coming from the renderer are only ever matched against that pattern, so no
 * request can reach a file outside the folder.
 */
export class BackupStore {
  constructor(
    readonly root: string,
    private readonly fs: BackupFileSystem = nodeFs,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async settings(): Promise<BackupSettings> {
    try {
      const raw: unknown = JSON.parse((await this.fs.readFile(path.join(this.root, SETTINGS_FILE))).toString('utf8'));
      const keep = (raw as { keep?: unknown } | null)?.keep;
      if (typeof keep === 'number' && Number.isInteger(keep) && keep >= MIN_BACKUPS_KEPT && keep <= MAX_BACKUPS_KEPT) return { keep };
    } catch {
      // No settings yet, or a damaged file: the default is the safe answer either way.
    }
    return { keep: DEFAULT_BACKUPS_KEPT };
  }

  /** Stores how many snapshots to keep per mission and prunes every mission to it at once. */
  async setKeep(keep: number): Promise<BackupSettings> {
    if (!Number.isInteger(keep) || keep < MIN_BACKUPS_KEPT || keep > MAX_BACKUPS_KEPT) {
      throw new RangeError(`Keep between ${MIN_BACKUPS_KEPT} and ${MAX_BACKUPS_KEPT} backups per mission, not ${keep}.`);
    }
    await this.fs.mkdir(this.root, { recursive: true });
    await writeFileAtomically(this.fs, path.join(this.root, SETTINGS_FILE), new TextEncoder().encode(JSON.stringify({ keep })));
    for (const missionId of await this.missionFolders()) await this.prune(missionId, keep);
    return { keep };
  }

  /** Writes one snapshot (whole or not at all), then drops the oldest beyond the limit. */
  async write(missionId: string, missionTitle: string, reason: BackupReason, data: Uint8Array): Promise<BackupEntry> {
    const folder = this.missionFolder(missionId);
    await this.fs.mkdir(folder, { recursive: true });
    const existing = new Set(await this.fileNames(missionId));
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace('.', '');
    // Two snapshots within one millisecond (a restore right after an automatic one) keep both.
    let id = `${stamp}-${reason}.mkbundle`;
    for (let n = 2; existing.has(id); n++) id = `${stamp}-${reason}-${n}.mkbundle`;
    await writeFileAtomically(this.fs, path.join(folder, id), data);
    await writeFileAtomically(this.fs, path.join(folder, MISSION_FILE), new TextEncoder().encode(JSON.stringify({ missionId, missionTitle })));
    await this.prune(missionId, (await this.settings()).keep);
    return this.entry(missionId, missionTitle, id, data.byteLength);
  }

  /** Snapshots of one mission, or of every mission, newest first. */
  async list(missionId?: string): Promise<BackupEntry[]> {
    const missions = missionId === undefined ? await this.missionFolders() : [missionId];
    const entries: BackupEntry[] = [];
    for (const id of missions) {
      const title = await this.missionTitle(id);
      for (const file of await this.fileNames(id)) {
        const stats = await this.fs.stat(path.join(this.missionFolder(id), file)).catch(() => null);
        if (stats?.isFile()) entries.push(this.entry(id, title, file, stats.size));
      }
    }
    return entries.sort((a, b) => b.id.localeCompare(a.id));
  }

  /**
   * A snapshot's bytes, at most {@link MAX_BACKUP_BYTES} (what write accepts): the folder is
   * the user's, and a file swapped in there must not make main allocate without bound.
   */
  async read(missionId: string, id: string): Promise<Uint8Array> {
    if (!BACKUP_FILE_PATTERN.test(id)) throw new RangeError(`"${id}" is not the name of a backup.`);
    const read = await readFileAtMost(this.fs, path.join(this.missionFolder(missionId), id), MAX_BACKUP_BYTES);
    if (!read.ok) {
      throw new RangeError(
        read.reason === 'too-large' ? `it is ${formatSizeOverLimit(read.size, MAX_BACKUP_BYTES)} for a snapshot` : 'it is not a regular file',
      );
    }
    return read.data;
  }

  private entry(missionId: string, missionTitle: string, id: string, bytes: number): BackupEntry {
    const match = BACKUP_FILE_PATTERN.exec(id);
    const stamp = match?.[1] ?? '';
    const createdAt = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`;
    return { id, missionId, missionTitle, createdAt, reason: (match?.[2] ?? 'automatic') as BackupReason, bytes };
  }

  private async prune(missionId: string, keep: number): Promise<void> {
    const files = (await this.fileNames(missionId)).sort();
    for (const file of files.slice(0, Math.max(0, files.length - keep))) {
      await this.fs.rm(path.join(this.missionFolder(missionId), file), { force: true });
    }
  }

  private missionFolder(missionId: string): string {
    return path.join(this.root, missionFolderName(missionId));
  }

  /** The ids of the missions that have a snapshot folder. */
  private async missionFolders(): Promise<string[]> {
    const names = await this.fs.readdir(this.root).catch(() => []);
    return names.filter((name) => FOLDER_PATTERN.test(name)).map(missionIdOfFolder);
  }

  /** Snapshot files only: the atomic writer's temporary files and the title file are not. */
  private async fileNames(missionId: string): Promise<string[]> {
    const names = await this.fs.readdir(this.missionFolder(missionId)).catch(() => []);
    return names.filter((name) => BACKUP_FILE_PATTERN.test(name));
  }

  private async missionTitle(missionId: string): Promise<string> {
    try {
      const raw: unknown = JSON.parse((await this.fs.readFile(path.join(this.missionFolder(missionId), MISSION_FILE))).toString('utf8'));
      const title = (raw as { missionTitle?: unknown } | null)?.missionTitle;
      if (typeof title === 'string') return title;
    } catch {
      // Title file missing or damaged: the snapshots are still listed, under the mission id.
    }
    return missionId;
  }
}
