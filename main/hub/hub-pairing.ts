import { randomBytes, timingSafeEqual } from 'node:crypto';
import { toHex } from '../../shared/sync/bundle-crypto';
import { MIN_PBKDF2_ITERATIONS } from '../../shared/sync/bundle-format';
import {
  fromHex,
  generateEcdhKeyPair,
  pairingCodeKey,
  pairingSecrets,
  pairingTranscript,
  type EcdhKeyPair,
  type HubCrypto,
  type PairingSecrets,
} from '../../shared/sync/hub-crypto';
import {
  HUB_PROTOCOL,
  HUB_PROTOCOL_VERSION,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  normalizePairingCode,
  type HubHello,
  type PairRequest,
} from '../../shared/sync/hub-protocol';
import type { HubLog } from './hub-store';

/**
 * Brute-force limits. Each address may get FREE_FAILURES_PER_ADDRESS codes wrong; after that it
 * waits before its next attempt, 1 s after the first extra failure, doubling each time up to
 * an hour. The code itself (attempts from every address together) may be got wrong
 * FREE_FAILURES_PER_CODE times; after that everyone waits, doubling up to a minute. A guesser
 * gets at most about one try a minute however many addresses it has, so it would need about
 * 800,000 years for an even chance on 8.5e11 codes; a burst of guesses never closes pairing
 * for good (while a guesser keeps at it, a team member's attempt waits up to a minute), and a
 * team member who mistyped the code a few times waits seconds. A new code forgets every failure.
 */
export const FREE_FAILURES_PER_ADDRESS = 5;
export const FREE_FAILURES_PER_CODE = 10;
export const FIRST_BACKOFF_MS = 1_000;
export const MAX_ADDRESS_BACKOFF_MS = 60 * 60_000;
export const MAX_CODE_BACKOFF_MS = 60_000;
/** Addresses remembered at once; past that the one quiet longest is forgotten (memory stays bounded). */
export const MAX_TRACKED_ADDRESSES = 4096;
/** PBKDF2 iterations on the code; the client accepts 600,000 to 10,000,000, as for bundles. */
export const PAIRING_ITERATIONS = MIN_PBKDF2_ITERATIONS;

export type PairingRefusal = { status: 429; code: 'rate-limited'; message: string; retryAfterSeconds: number };

export type PairingOutcome =
  | { ok: true; secrets: PairingSecrets }
  | { ok: false; refusal: PairingRefusal }
  | { ok: false; wrongCode: true }
  /** The request names a public key that is not a P-256 point: malformed, not a guess. */
  | { ok: false; badKey: true };

/** Failures so far, and when the last one started. */
interface FailureCount {
  failures: number;
  lastAt: number;
}

/** The wait after `failures` wrong attempts, of which `free` cost nothing. */
export function backoffMs(failures: number, free: number, max: number): number {
  if (failures < free) return 0;
  // 2 ** 40 ms is far past every cap: stop doubling there so the number stays finite.
  return Math.min(max, FIRST_BACKOFF_MS * 2 ** Math.min(40, failures - free));
}

/** A random code from the unambiguous alphabet, without modulo bias. */
export function randomPairingCode(): string {
  const alphabet = PAIRING_CODE_ALPHABET;
  const limit = 256 - (256 % alphabet.length);
  let code = '';
  // Rejection sampling: each byte is accepted with probability 248/256, so this ends quickly;
  // the bound only guards against a broken random source.
  for (let round = 0; round < 1000 && code.length < PAIRING_CODE_LENGTH; round += 1) {
    for (const byte of randomBytes(16)) {
      if (byte < limit && code.length < PAIRING_CODE_LENGTH) code += alphabet[byte % alphabet.length];
    }
  }
  if (code.length < PAIRING_CODE_LENGTH) throw new Error('the random source keeps returning the same bytes');
  return code;
}

/**
 * The pairing side of the hub: the code, the hub's ECDH key of this run, and brute-force
 * protection (see FREE_FAILURES_PER_ADDRESS). An attempt counts as a failure from the moment it
 * starts until it is shown right, so parallel guesses cannot slip past the limits.
 */
export class HubPairing {
  private code: string;
  private codeKey: Uint8Array;
  private codeFailures: FailureCount = { failures: 0, lastAt: 0 };
  private alarmed = false;
  private readonly byAddress = new Map<string, FailureCount>();

  private constructor(
    private readonly crypto: HubCrypto,
    private readonly keyPair: EcdhKeyPair,
    code: string,
    codeKey: Uint8Array,
    private readonly now: () => number,
    private readonly log: HubLog,
  ) {
    this.code = code;
    this.codeKey = codeKey;
  }

  static async create(crypto: HubCrypto, code: string | undefined, now: () => number, log: HubLog): Promise<HubPairing> {
    const chosen = checkedCode(code ?? randomPairingCode());
    const keyPair = await generateEcdhKeyPair(crypto);
    return new HubPairing(crypto, keyPair, chosen, await pairingCodeKey(crypto, chosen, keyPair.publicKey, PAIRING_ITERATIONS), now, log);
  }

  get currentCode(): string {
    return this.code;
  }

  /** A new code (random unless given); forgets every failure, of the code and of each address. */
  async renew(code?: string): Promise<string> {
    const chosen = checkedCode(code ?? randomPairingCode());
    this.codeKey = await pairingCodeKey(this.crypto, chosen, this.keyPair.publicKey, PAIRING_ITERATIONS);
    this.code = chosen;
    this.codeFailures = { failures: 0, lastAt: 0 };
    this.alarmed = false;
    this.byAddress.clear();
    return chosen;
  }

  hello(): HubHello {
    return { protocol: HUB_PROTOCOL, version: HUB_PROTOCOL_VERSION, publicKey: toHex(this.keyPair.publicKey), iterations: PAIRING_ITERATIONS };
  }

  /** Why an attempt from this address would be refused right now, if it would. */
  refusal(address: string): PairingRefusal | null {
    const now = this.now();
    const own = this.byAddress.get(address);
    const ownUntil = own ? own.lastAt + backoffMs(own.failures, FREE_FAILURES_PER_ADDRESS, MAX_ADDRESS_BACKOFF_MS) : 0;
    const codeUntil = this.codeFailures.lastAt + backoffMs(this.codeFailures.failures, FREE_FAILURES_PER_CODE, MAX_CODE_BACKOFF_MS);
    if (ownUntil <= now && codeUntil <= now) return null;
    const retryAfterSeconds = Math.max(1, Math.ceil((Math.max(ownUntil, codeUntil) - now) / 1000));
    const who = ownUntil > now ? 'from this address' : 'on this hub';
    return { status: 429, code: 'rate-limited', message: `Too many wrong pairing codes were tried ${who}; try again in ${retryAfterSeconds} s.`, retryAfterSeconds };
  }

  /** Checks the device's proof of the code; counts the attempt against the limits. */
  async verify(address: string, request: PairRequest): Promise<PairingOutcome> {
    const refusal = this.refusal(address);
    if (refusal) return { ok: false, refusal };
    const codeAtStart = this.code;
    const own = this.countFailure(address);
    const codeCount = this.codeFailures;
    // Undone when the attempt turns out to be no guess (a malformed key) or right; only counts
    // still current (a new code replaced them all). A right code also clears the address: it
    // knows the code, so its earlier typos say nothing about guessing.
    const release = (right: boolean): void => {
      if (this.byAddress.get(address) === own) {
        own.failures -= 1;
        if (right || own.failures <= 0) this.byAddress.delete(address);
      }
      if (this.codeFailures === codeCount) codeCount.failures = Math.max(0, codeCount.failures - 1);
    };

    const clientKey = fromHex(request.publicKey) ?? new Uint8Array(0);
    const transcript = pairingTranscript(toHex(this.keyPair.publicKey), request.publicKey, request.device, request.member);
    const secrets = await pairingSecrets(this.crypto, this.keyPair.privateKey, clientKey, this.codeKey, transcript);
    if (!secrets) {
      release(false);
      return { ok: false, badKey: true };
    }
    const proof = fromHex(request.proof) ?? new Uint8Array(0);
    // timingSafeEqual: how long the comparison takes says nothing about how much matched.
    const right = proof.length === secrets.clientProof.length && timingSafeEqual(proof, secrets.clientProof);
    if (!right) {
      this.alarmOnce();
      return { ok: false, wrongCode: true };
    }
    release(true);
    // The code was renewed while this proof was being checked.
    if (codeAtStart !== this.code) return { ok: false, wrongCode: true };
    return { ok: true, secrets };
  }

  /** Counts an attempt as failed (until shown right) for the address and the code. */
  private countFailure(address: string): FailureCount {
    const now = this.now();
    const own = this.byAddress.get(address) ?? { failures: 0, lastAt: now };
    own.failures += 1;
    own.lastAt = now;
    // Re-inserted at the end: the Map's first entry is then always the one quiet longest.
    this.byAddress.delete(address);
    this.byAddress.set(address, own);
    if (this.byAddress.size > MAX_TRACKED_ADDRESSES) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest !== undefined) this.byAddress.delete(oldest);
    }
    this.codeFailures.failures += 1;
    this.codeFailures.lastAt = now;
    return own;
  }

  private alarmOnce(): void {
    if (this.alarmed || this.codeFailures.failures < FREE_FAILURES_PER_CODE) return;
    this.alarmed = true;
    this.log(
      `${this.codeFailures.failures} wrong pairing codes were tried (someone may be guessing): pairing now slows down, to one attempt a minute at most. Devices already paired keep syncing; issue a new pairing code (the app's button, or mission-kit hub --data DIR --new-code) to start afresh.`,
    );
  }
}

function checkedCode(code: string): string {
  const normalized = normalizePairingCode(code);
  if (normalized === null) {
    throw new RangeError(`a pairing code must be ${PAIRING_CODE_LENGTH} characters from ${PAIRING_CODE_ALPHABET}`);
  }
  return normalized;
}
