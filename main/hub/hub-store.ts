import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { compareStamps } from '../../shared/hlc';
import { parseJsonWithinLimits } from '../../shared/json-limits';
import { ChangeSchema, type Change } from '../../shared/schemas/change';
import { IdSchema } from '../../shared/schemas/ids';
import { cleanDeviceName } from '../../shared/sync/device-name';
import { MAX_ATTACHMENT_BYTES, MAX_HUB_DEVICE_NAMES, PULL_PAGE_TARGET_BYTES, SHA256_HEX_PATTERN, deviceNamesSchema } from '../../shared/sync/hub-protocol';
import type { VersionVector } from '../../shared/sync/sync-types';
import { hasSeen, mergeVectors, vectorOf } from '../../shared/sync/version-vector';
import { writeFileAtomically } from '../atomic-write';
import { readFileAtMost } from '../bounded-read';
import type { FileSystem } from '../file-system';

/**
 * The hub's storage, all under one data folder:
 *
 *     missions/<mission folder>/changes.jsonl          one Change per line, append-only
 *     missions/<mission folder>/attachments/<sha256>   attachment bytes, named by their hash
 *     missions/<mission folder>/device-names.json      device id → human name, rewritten whole
 *
 * The mission folder is the mission id when that id is safe as a folder name on every system
 * (lowercase letters, digits, "-" and "_", not a Windows device name); any other id becomes
 * "~" + the SHA-256 of the id, so "A" and "a" cannot share a folder on a case-insensitive disk
 * and a ":" can never reach NTFS (where it names an alternate data stream).
 *
 * Each mission's changes are loaded on first use into memory, with the set of their clock
 * stamps (the deduplication index) and the version vector; a torn last line left by a crash
 * is skipped and the next append starts on a fresh line.
 */

export type HubLog = (line: string) => void;

/**
 * The folders the hub creates for missions (missions/, each mission, its attachments) are its
 * user's alone: the change log and photos are restricted findings in plain text, and on a
 * shared computer (or a home folder other accounts may read, as on Ubuntu before 21.04)
 * another account must not be able to open them. Windows ignores the mode; its user folders are
 * private already.
 */
export const PRIVATE_FOLDER_MODE = 0o700;

const PLAIN_FOLDER = /^[a-z0-9][a-z0-9_-]{0,127}$/;
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const CHANGES_FILE = 'changes.jsonl';
const ATTACHMENTS_FOLDER = 'attachments';
const DEVICE_NAMES_FILE = 'device-names.json';
const MAX_DEVICE_NAMES_FILE_BYTES = 1024 * 1024;
const StoredDeviceNamesSchema = deviceNamesSchema(MAX_HUB_DEVICE_NAMES);

const nodeFileSystem: FileSystem = { stat: nodeFs.stat, open: nodeFs.open, rename: nodeFs.rename, rm: nodeFs.rm };

/** Thrown for an id or hash that must not become part of a path; the server answers 400. */
export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}

export function isMissionId(value: string): boolean {
  return IdSchema.safeParse(value).success;
}

export function isSha256(value: string): boolean {
  return SHA256_HEX_PATTERN.test(value);
}

export function missionFolderName(missionId: string): string {
  if (!isMissionId(missionId)) throw new UnsafePathError(`"${missionId}" is not a mission id`);
  if (PLAIN_FOLDER.test(missionId) && !WINDOWS_DEVICE_NAME.test(missionId)) return missionId;
  return `~${createHash('sha256').update(missionId, 'utf8').digest('hex')}`;
}

/** `root` joined with `parts`, refused unless the result lies strictly inside `root`. */
export function pathInside(root: string, ...parts: string[]): string {
  const target = path.resolve(root, ...parts);
  const relative = path.relative(root, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UnsafePathError(`${parts.join('/')} would leave the hub's data folder`);
  }
  return target;
}

interface MissionLog {
  /** Sorted by clock stamp. */
  changes: Change[];
  stamps: Set<string>;
  vector: VersionVector;
  /** Device id → name, as devices told the hub. */
  deviceNames: Map<string, string>;
  /** False after a crash left a torn last line: the next append must start a new line. */
  endsWithNewline: boolean;
  /** Appends run one after the other. */
  queue: Promise<unknown>;
}

export interface PushOutcome {
  accepted: number;
  duplicates: number;
  hubVector: VersionVector;
}

export interface PullPage {
  changes: Change[];
  more: boolean;
  hubVector: VersionVector;
  /** On the last page only, and only when the hub knows any. */
  deviceNames?: Record<string, string>;
}

export class HubStore {
  private readonly missions = new Map<string, Promise<MissionLog>>();

  /** `root` must be an absolute, resolved path (see startHub). */
  constructor(
    private readonly root: string,
    private readonly log: HubLog,
  ) {}

  private missionFolder(missionId: string): string {
    return pathInside(this.root, 'missions', missionFolderName(missionId));
  }

  private attachmentPath(missionId: string, sha256: string): string {
    if (!isSha256(sha256)) throw new UnsafePathError(`"${sha256}" is not a SHA-256 digest`);
    return pathInside(this.root, 'missions', missionFolderName(missionId), ATTACHMENTS_FOLDER, sha256);
  }

  private mission(missionId: string): Promise<MissionLog> {
    let loaded = this.missions.get(missionId);
    if (!loaded) {
      loaded = this.load(missionId);
      // A failed load (an unreadable disk) is retried on the next request, not cached.
      loaded.catch(() => this.missions.delete(missionId));
      this.missions.set(missionId, loaded);
    }
    return loaded;
  }

  private async load(missionId: string): Promise<MissionLog> {
    const file = pathInside(this.missionFolder(missionId), CHANGES_FILE);
    const log: MissionLog = {
      changes: [],
      stamps: new Set(),
      vector: {},
      deviceNames: await this.loadDeviceNames(missionId),
      endsWithNewline: true,
      queue: Promise.resolve(),
    };
    let handle;
    try {
      handle = await nodeFs.open(file, 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return log;
      throw error;
    }
    let skipped = 0;
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = new Uint8Array(1);
        await handle.read(last, 0, 1, size - 1);
        log.endsWithNewline = last[0] === 0x0a;
      }
      const lines = createInterface({ input: handle.createReadStream({ start: 0, encoding: 'utf8', autoClose: false }), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() === '') continue;
        const change = parseLine(line, missionId);
        if (!change) skipped += 1;
        else if (!log.stamps.has(change.hlc)) {
          log.stamps.add(change.hlc);
          log.changes.push(change);
        }
      }
    } finally {
      await handle.close();
    }
    if (skipped > 0) this.log(`Mission ${missionId}: skipped ${skipped} unreadable line(s) of ${CHANGES_FILE} (a torn write after a crash?).`);
    log.changes.sort(byStamp);
    log.vector = vectorOf(log.changes);
    return log;
  }

  /** The names kept for a mission; an unreadable file loses only names, which devices send again. */
  private async loadDeviceNames(missionId: string): Promise<Map<string, string>> {
    const file = pathInside(this.missionFolder(missionId), DEVICE_NAMES_FILE);
    let read;
    try {
      read = await readFileAtMost(nodeFileSystem, file, MAX_DEVICE_NAMES_FILE_BYTES);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return new Map();
      throw error;
    }
    let parsed;
    try {
      parsed = read.ok ? StoredDeviceNamesSchema.safeParse(JSON.parse(Buffer.from(read.data).toString('utf8'))) : null;
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      this.log(`Mission ${missionId}: ignored an unreadable ${DEVICE_NAMES_FILE}; devices will send their names again.`);
      return new Map();
    }
    return new Map(Object.entries(parsed.data));
  }

  /**
   * Learns the names a device sent. A device's name for itself always wins; what it believes
   * others are called only fills gaps, so a stale copy cannot undo a rename. Names are cleaned
   * as the app cleans them, and the hub keeps at most MAX_HUB_DEVICE_NAMES per mission.
   */
  private async learnDeviceNames(missionId: string, log: MissionLog, names: Readonly<Record<string, string>>, sender: string): Promise<void> {
    const next = new Map(log.deviceNames);
    for (const [deviceId, name] of Object.entries(names)) {
      const cleaned = cleanDeviceName(name);
      if (cleaned === null || next.get(deviceId) === cleaned) continue;
      if (next.has(deviceId) ? deviceId !== sender : next.size >= MAX_HUB_DEVICE_NAMES) continue;
      next.set(deviceId, cleaned);
    }
    if (next.size === log.deviceNames.size && [...next].every(([id, name]) => log.deviceNames.get(id) === name)) return;
    const folder = this.missionFolder(missionId);
    await nodeFs.mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // Temporary file + rename, like attachments: a crash leaves the old names or the new ones.
    await writeFileAtomically(nodeFileSystem, pathInside(folder, DEVICE_NAMES_FILE), Buffer.from(JSON.stringify(Object.fromEntries(next)), 'utf8'));
    log.deviceNames = next;
  }

  /**
   * Stores the changes not yet held (by clock stamp); all of them are valid changes of this
   * mission. `sender` is the pushing device, whose own entry in `deviceNames` is authoritative.
   */
  async push(missionId: string, changes: readonly Change[], deviceNames: Readonly<Record<string, string>> = {}, sender = ''): Promise<PushOutcome> {
    const log = await this.mission(missionId);
    const run = log.queue.then(async (): Promise<PushOutcome> => {
      await this.learnDeviceNames(missionId, log, deviceNames, sender);
      const fresh: Change[] = [];
      const seen = new Set<string>();
      for (const change of changes) {
        if (log.stamps.has(change.hlc) || seen.has(change.hlc)) continue;
        seen.add(change.hlc);
        fresh.push(change);
      }
      if (fresh.length > 0) {
        await this.append(missionId, log, fresh);
        for (const change of fresh) log.stamps.add(change.hlc);
        log.changes.push(...fresh);
        log.changes.sort(byStamp);
        log.vector = mergeVectors(log.vector, vectorOf(fresh));
      }
      return { accepted: fresh.length, duplicates: changes.length - fresh.length, hubVector: log.vector };
    });
    log.queue = run.catch(() => undefined);
    return run;
  }

  private async append(missionId: string, log: MissionLog, fresh: readonly Change[]): Promise<void> {
    const folder = this.missionFolder(missionId);
    await nodeFs.mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const text = `${log.endsWithNewline ? '' : '\n'}${fresh.map((change) => JSON.stringify(change)).join('\n')}\n`;
    const handle = await nodeFs.open(pathInside(folder, CHANGES_FILE), 'a');
    try {
      // Until the write is known complete, assume it may have torn.
      log.endsWithNewline = false;
      await handle.writeFile(text, 'utf8');
      await handle.sync();
      log.endsWithNewline = true;
    } finally {
      await handle.close();
    }
  }

  /**
   * The oldest changes (by stamp) that `vector` has not seen, at most `limit` and about
   * PULL_PAGE_TARGET_BYTES of JSON. A prefix of the stamp order: applying it leaves the puller
   * with an exact vector, from which the next page continues.
   */
  async pull(missionId: string, vector: VersionVector, limit: number): Promise<PullPage> {
    const log = await this.mission(missionId);
    const changes: Change[] = [];
    let size = 0;
    let more = false;
    for (const change of log.changes) {
      if (hasSeen(vector, change)) continue;
      const changeSize = JSON.stringify(change).length;
      if (changes.length >= limit || (changes.length > 0 && size + changeSize > PULL_PAGE_TARGET_BYTES)) {
        more = true;
        break;
      }
      changes.push(change);
      size += changeSize;
    }
    const names = !more && log.deviceNames.size > 0 ? { deviceNames: Object.fromEntries(log.deviceNames) } : {};
    return { changes, more, hubVector: log.vector, ...names };
  }

  /** Stores an attachment whose hash the caller has checked; false when it was already there. */
  async putAttachment(missionId: string, sha256: string, bytes: Uint8Array): Promise<boolean> {
    const file = this.attachmentPath(missionId, sha256);
    if (await isFile(file)) return false;
    await nodeFs.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // Temporary file + rename: a reader never sees half an attachment under its final name.
    await writeFileAtomically(nodeFileSystem, file, bytes);
    return true;
  }

  async readAttachment(missionId: string, sha256: string): Promise<Uint8Array | null> {
    const file = this.attachmentPath(missionId, sha256);
    try {
      const read = await readFileAtMost(nodeFileSystem, file, MAX_ATTACHMENT_BYTES);
      return read.ok ? read.data : null;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  async missingAttachments(missionId: string, hashes: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    for (const sha256 of new Set(hashes)) {
      if (!(await isFile(this.attachmentPath(missionId, sha256)))) missing.push(sha256);
    }
    return missing;
  }
}

function parseLine(line: string, missionId: string): Change | null {
  // The limits walk first, as for every push: zod recurses per level, and a line nested
  // thousands deep (an edited or damaged file) would otherwise throw and make the whole mission
  // unreadable, every pull answered 500, instead of costing that one line.
  const json = parseJsonWithinLimits(line);
  if (!json.ok) return null;
  const parsed = ChangeSchema.safeParse(json.value);
  return parsed.success && parsed.data.missionId === missionId ? parsed.data : null;
}

function byStamp(a: Change, b: Change): number {
  return compareStamps(a.hlc, b.hlc);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await nodeFs.stat(file)).isFile();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}
