import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { errorCode } from './hub-store';

/**
 * One hub per data folder: two would append to the same change logs behind each other's
 * in-memory index.
 *
 * Why not a PID in a file: the OS reuses process ids, so a lock left by a hub that was killed
 * could name a live, unrelated process, and the data folder stayed locked until someone
 * deleted the file by hand. A process's start time would tell them apart, but no portable API
 * gives it. What the OS does release, however a process dies (Ctrl+C, kill -9, a power cut),
 * is a listening socket. So the lock holder listens on a local socket (a Unix socket in the
 * temporary folder, a named pipe on Windows) whose name comes from a random token, and writes
 * that token (and its PID, for messages) into `hub.lock`. A lock whose socket accepts a
 * connection is held; one whose socket is gone is stale and is taken over.
 *
 * The socket exists before the lock file names it, so whoever reads a lock file finds the
 * socket of a live holder. The lock file appears whole (written aside, then hard-linked into
 * place, which fails if a lock is there), so nobody reads half of one.
 */

export const LOCK_FILE = 'hub.lock';

const LockRecordSchema = z.object({ pid: z.number().int().positive(), token: z.string().regex(/^[0-9a-f]{32}$/) });
export type HubLockRecord = z.infer<typeof LockRecordSchema>;

export interface HubLock {
  release(): Promise<void>;
}

/** The lock's socket, from its token (never a path read from the file: a forged file must not point us anywhere). */
function socketPath(token: string): string {
  return process.platform === 'win32' ? `\\\\.\\pipe\\mission-kit-hub-${token}` : path.join(tmpdir(), `mission-kit-hub-${token}.sock`);
}

/** Takes the data folder's lock, or throws naming the hub that holds it. */
export async function takeHubLock(dataDir: string): Promise<HubLock> {
  const lockFile = path.join(dataDir, LOCK_FILE);
  const token = randomBytes(16).toString('hex');
  const server = await listenOn(socketPath(token));
  try {
    const record: HubLockRecord = { pid: process.pid, token };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await placeLockFile(lockFile, `${JSON.stringify(record)}\n`)) {
        return {
          release: async () => {
            // Only our own lock: never remove one that another hub took over.
            if ((await readLock(lockFile))?.token === token) await nodeFs.rm(lockFile, { force: true });
            await new Promise<void>((resolve) => server.close(() => resolve()));
          },
        };
      }
      const holder = await readLock(lockFile);
      if (holder && (await isHeld(holder))) {
        throw new Error(`another hub (process ${holder.pid}) is already using the data folder ${dataDir}`);
      }
      await nodeFs.rm(lockFile, { force: true });
      if (holder && process.platform !== 'win32') await nodeFs.rm(socketPath(holder.token), { force: true });
    }
    throw new Error(`cannot lock the data folder ${dataDir}`);
  } catch (error) {
    server.close();
    throw error;
  }
}

/** The hub holding the data folder's lock now, or null if none does (no lock, or a stale one). */
export async function runningHub(dataDir: string): Promise<HubLockRecord | null> {
  const holder = await readLock(path.join(dataDir, LOCK_FILE));
  return holder && (await isHeld(holder)) ? holder : null;
}

async function listenOn(where: string): Promise<Server> {
  // Whoever connects only learns that the lock is held: the connection is closed at once.
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The lock must not keep a process alive that has nothing else to do.
  server.unref();
  return server;
}

/** Writes the file aside and links it into place: false if a lock file is already there. */
async function placeLockFile(lockFile: string, text: string): Promise<boolean> {
  const aside = `${lockFile}.${randomBytes(6).toString('hex')}.tmp`;
  await nodeFs.writeFile(aside, text, { flag: 'wx', mode: 0o600 });
  try {
    await nodeFs.link(aside, lockFile);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    // A file system without hard links (FAT on a USB stick): exclusive create, then write.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    try {
      await nodeFs.writeFile(lockFile, text, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (fallback) {
      if (errorCode(fallback) === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    await nodeFs.rm(aside, { force: true });
  }
}

/** The lock file's record; null if there is none or it is not one (an older hub's, a torn one): stale either way. */
async function readLock(lockFile: string): Promise<HubLockRecord | null> {
  let text: string;
  try {
    const handle = await nodeFs.open(lockFile, 'r');
    try {
      const buffer = Buffer.alloc(1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = LockRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether the holder's socket accepts a connection: its process is alive, whatever its PID became. */
function isHeld(holder: HubLockRecord): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath(holder.token));
    const settle = (held: boolean): void => {
      socket.destroy();
      resolve(held);
    };
    socket.once('connect', () => settle(true));
    // ENOENT or ECONNREFUSED: nobody listens there any more.
    socket.once('error', () => settle(false));
    // A local socket answers at once; one that does not is taken as held, to err on the safe side.
    socket.setTimeout(5_000, () => settle(true));
  });
}
