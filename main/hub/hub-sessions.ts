import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { z } from 'zod';
import { IdSchema } from '../../shared/schemas/ids';
import { MAX_COUNTER_STEP } from '../../shared/sync/hub-protocol';
import { toHex } from '../../shared/sync/bundle-crypto';
import { fromHex, importSessionKey, type CryptoKeyLike, type HubCrypto } from '../../shared/sync/hub-crypto';
import { writeFileAtomically } from '../atomic-write';
import type { FileSystem } from '../file-system';
import { errorCode, type HubLog } from './hub-store';

/**
 * Paired devices, kept in `<data>/sessions.json` so that they stay paired when the hub
 * restarts: one session per device (pairing again replaces it).
 *
 * The file holds the SHA-256 of each token, never the token, but it must hold each session's
 * AES key, since the hub needs it to open that device's requests. Anyone who can read the data
 * folder can read the missions in it anyway (changes.jsonl is plain JSON): protect the folder,
 * not just this file. It is written with mode 0600.
 *
 * The replay counter of each session is saved before the hub acts on a request (the file is
 * rewritten atomically, then the request is handled and answered), so a request captured on
 * the network is refused after a crash and restart as it was before: the counter it carries
 * is not above the saved one.
 */

const SESSIONS_FORMAT = 'mission-kit/hub-sessions';
/** A mission has 3–15 experts; this bounds what a leaked pairing code can make the hub store. */
export const MAX_SESSIONS = 256;

const StoredSessionSchema = z.object({
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  device: IdSchema,
  member: IdSchema.nullable(),
  pairedAt: z.string(),
  lastCounter: z.number().int().nonnegative(),
});
type StoredSession = z.infer<typeof StoredSessionSchema>;

const SessionsFileSchema = z.object({
  format: z.literal(SESSIONS_FORMAT),
  version: z.literal(1),
  sessions: z.array(StoredSessionSchema).max(MAX_SESSIONS),
});

export interface HubSessionState {
  readonly tokenSha256: string;
  readonly device: string;
  readonly member: string | null;
  readonly pairedAt: string;
  readonly rawKey: Uint8Array;
  readonly key: CryptoKeyLike;
  lastCounter: number;
}

/** Writes the file readable by its owner only (the temporary file gets the mode, the rename keeps it). */
const privateFileSystem: FileSystem = {
  stat: nodeFs.stat,
  open: (file, flags) => nodeFs.open(file, flags, 0o600),
  rename: nodeFs.rename,
  rm: nodeFs.rm,
};

export class HubSessions {
  private readonly byToken = new Map<string, HubSessionState>();
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly crypto: HubCrypto,
  ) {}

  static async load(file: string, crypto: HubCrypto, log: HubLog): Promise<HubSessions> {
    const sessions = new HubSessions(file, crypto);
    let text: string;
    try {
      text = await nodeFs.readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return sessions;
      throw error;
    }
    let parsed;
    try {
      parsed = SessionsFileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      // Not mission data: at worst every device pairs again. Do not refuse to start over it.
      log(`${file} is unreadable; paired devices must pair again (it is replaced at the next pairing).`);
      return sessions;
    }
    for (const stored of parsed.data.sessions) {
      const rawKey = fromHex(stored.key) ?? new Uint8Array(0);
      sessions.byToken.set(stored.tokenSha256, { ...stored, rawKey, key: await importSessionKey(crypto, rawKey) });
    }
    return sessions;
  }

  /** The session an `Authorization: Bearer <token>` header names, or null. */
  find(authorization: string | undefined): HubSessionState | null {
    const token = /^Bearer ([0-9a-f]{64})$/.exec(authorization ?? '')?.[1];
    // Looked up by hash: the lookup's timing can only reveal bits of a hash, not of the token.
    return token === undefined ? null : (this.byToken.get(hashToken(token)) ?? null);
  }

  canAdd(device: string): boolean {
    return this.byToken.size < MAX_SESSIONS || [...this.byToken.values()].some((session) => session.device === device);
  }

  /** A new session for a device (replacing its previous one); returns the token, saved first. */
  async add(device: string, member: string | null, rawKey: Uint8Array, pairedAt: string): Promise<string> {
    const token = randomBytes(32).toString('hex');
    for (const [hash, session] of this.byToken) if (session.device === device) this.byToken.delete(hash);
    const tokenSha256 = hashToken(token);
    this.byToken.set(tokenSha256, { tokenSha256, device, member, pairedAt, rawKey, key: await importSessionKey(this.crypto, rawKey), lastCounter: 0 });
    await this.save();
    return token;
  }

  /**
   * Records the counter of an authenticated request: "replay" unless it is above every earlier
   * one, "out-of-range" if it jumps more than MAX_COUNTER_STEP ahead (the session keeps its
   * counter and stays usable). Call `save()` before acting on an accepted request.
   */
  accept(session: HubSessionState, counter: number): 'accepted' | 'replay' | 'out-of-range' {
    if (counter <= session.lastCounter) return 'replay';
    if (counter - session.lastCounter > MAX_COUNTER_STEP) return 'out-of-range';
    session.lastCounter = counter;
    return 'accepted';
  }

  get size(): number {
    return this.byToken.size;
  }

  /** Writes the file atomically; saves never overlap. */
  save(): Promise<void> {
    const write = async (): Promise<void> => {
      const sessions: StoredSession[] = [...this.byToken.values()].map((session) => ({
        tokenSha256: session.tokenSha256,
        key: toHex(session.rawKey),
        device: session.device,
        member: session.member,
        pairedAt: session.pairedAt,
        lastCounter: session.lastCounter,
      }));
      const text = `${JSON.stringify({ format: SESSIONS_FORMAT, version: 1, sessions }, null, 2)}\n`;
      await writeFileAtomically(privateFileSystem, this.file, new TextEncoder().encode(text));
    };
    const run = this.saving.then(write, write);
    this.saving = run.catch(() => undefined);
    return run;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
