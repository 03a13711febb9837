import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { normalizePairingCode } from '../../shared/sync/hub-protocol';
import { writeFileAtomically } from '../atomic-write';
import type { FileSystem } from '../file-system';
import { runningHub } from './hub-lock';
import { randomPairingCode } from './hub-pairing';
import { errorCode } from './hub-store';

/**
 * The pairing code of the hub running on a data folder, in `<data>/pairing-code`. The running
 * hub writes it at start and whenever it issues a new code; `mission-kit hub --new-code` writes
 * a new one there, and the hub takes it up before it checks the next pairing attempt. A file
 * rather than a control socket or signal: it works the same on every system, needs no open
 * port, and only someone who can already write the data folder can change it (and that
 * someone can read every mission and session key there anyway).
 */

export const CODE_FILE = 'pairing-code';

/** Owner-only, like the sessions file. */
const privateFileSystem: FileSystem = {
  stat: nodeFs.stat,
  open: (file, flags) => nodeFs.open(file, flags, 0o600),
  rename: nodeFs.rename,
  rm: nodeFs.rm,
};

export async function writePairingCodeFile(dataDir: string, code: string): Promise<void> {
  await writeFileAtomically(privateFileSystem, path.join(dataDir, CODE_FILE), new TextEncoder().encode(`${code}\n`));
}

/** What identifies one version of the file; a rename-into-place always changes the inode or the time. */
function versionOf(stats: { ino: number; mtimeMs: number; size: number }): string {
  return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
}

/**
 * Watches the code file by looking at it (a stat) before each pairing attempt: no file watcher,
 * whose events differ from one system to the next, and no timer.
 */
export class PairingCodeFile {
  private seen = '';

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(this.dataDir, CODE_FILE);
  }

  /** Writes the code the hub now uses, and remembers that version as its own. */
  async write(code: string): Promise<void> {
    await writePairingCodeFile(this.dataDir, code);
    this.seen = versionOf(await nodeFs.stat(this.file));
  }

  /**
   * The code written there by someone else since the hub last looked, or null (unchanged,
   * missing, or not a code: the hub keeps its code then, and `problem` says why).
   */
  async changed(): Promise<{ code: string } | { problem: string } | null> {
    let stats;
    try {
      stats = await nodeFs.stat(this.file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    const version = versionOf(stats);
    if (version === this.seen) return null;
    this.seen = version;
    const text = stats.size <= 64 ? await nodeFs.readFile(this.file, 'utf8') : '';
    const code = normalizePairingCode(text.trim());
    return code === null ? { problem: `${this.file} does not hold a pairing code; the hub keeps its current one.` } : { code };
  }
}

/**
 * `mission-kit hub --data DIR --new-code`: a fresh random code for the hub running on DIR,
 * which takes it up before it checks the next pairing attempt. Refused when no hub runs there:
 * a hub shows a new code at each start anyway.
 */
export async function issueNewPairingCode(dataDir: string): Promise<{ code: string; pid: number }> {
  const holder = await runningHub(dataDir);
  if (!holder) throw new NoRunningHubError(`no hub is running on ${dataDir} (a hub shows a new pairing code each time it starts)`);
  const code = randomPairingCode();
  await writePairingCodeFile(dataDir, code);
  return { code, pid: holder.pid };
}

export class NoRunningHubError extends Error {
  override name = 'NoRunningHubError';
}
