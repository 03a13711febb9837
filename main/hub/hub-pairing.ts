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

/** Wrong attempts allowed from one address within the window, before 429. */
export const MAX_FAILURES_PER_ADDRESS = 5;
export const FAILURE_WINDOW_MS = 60_000;
/** Wrong attempts in all, after which the code is retired: ~20 guesses in 8.5e11 is no risk. */
export const MAX_FAILURES_PER_CODE = 20;
/** PBKDF2 iterations on the code; the client accepts 600,000 to 10,000,000, as for bundles. */
export const PAIRING_ITERATIONS = MIN_PBKDF2_ITERATIONS;

export type PairingRefusal =
  | { status: 403; code: 'pairing-closed'; message: string }
  | { status: 429; code: 'rate-limited'; message: string; retryAfterSeconds: number };

export type PairingOutcome =
  | { ok: true; secrets: PairingSecrets }
  | { ok: false; refusal: PairingRefusal }
  | { ok: false; wrongCode: true }
  /** The request names a public key that is not a P-256 point: malformed, not a guess. */
  | { ok: false; badKey: true };

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
 * protection. Wrong attempts are counted per remote address (at most 5 a minute, then 429 with
 * Retry-After) and in all (after 20 the code is retired: pairing stays closed until a new code
 * is issued). An attempt counts as a failure from the moment it starts until it is shown right,
 * so parallel guesses cannot slip past the limit.
 */
export class HubPairing {
  private code: string;
  private codeKey: Uint8Array;
  private failures = 0;
  private retired = false;
  private readonly recent = new Map<string, number[]>();

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

  get isRetired(): boolean {
    return this.retired;
  }

  /** A new code (random unless given); reopens pairing and forgets the failures. */
  async renew(code?: string): Promise<string> {
    const chosen = checkedCode(code ?? randomPairingCode());
    this.codeKey = await pairingCodeKey(this.crypto, chosen, this.keyPair.publicKey, PAIRING_ITERATIONS);
    this.code = chosen;
    this.failures = 0;
    this.retired = false;
    this.recent.clear();
    return chosen;
  }

  hello(): HubHello {
    return { protocol: HUB_PROTOCOL, version: HUB_PROTOCOL_VERSION, publicKey: toHex(this.keyPair.publicKey), iterations: PAIRING_ITERATIONS };
  }

  /** Why an attempt from this address would be refused right now, if it would. */
  refusal(address: string): PairingRefusal | null {
    if (this.retired) {
      return { status: 403, code: 'pairing-closed', message: 'Pairing is closed: too many wrong codes were tried. Ask the team lead for a new pairing code.' };
    }
    const now = this.now();
    const recent = (this.recent.get(address) ?? []).filter((time) => now - time < FAILURE_WINDOW_MS);
    if (recent.length === 0) this.recent.delete(address);
    else this.recent.set(address, recent);
    const oldest = recent[0];
    if (recent.length >= MAX_FAILURES_PER_ADDRESS && oldest !== undefined) {
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - now) / 1000));
      return { status: 429, code: 'rate-limited', message: `Too many wrong pairing codes; try again in ${retryAfterSeconds} s.`, retryAfterSeconds };
    }
    return null;
  }

  /** Checks the device's proof of the code; counts the attempt against the limits. */
  async verify(address: string, request: PairRequest): Promise<PairingOutcome> {
    const refusal = this.refusal(address);
    if (refusal) return { ok: false, refusal };
    const startedAt = this.now();
    const attempts = this.recent.get(address) ?? [];
    attempts.push(startedAt);
    this.recent.set(address, attempts);
    const release = (): void => {
      const list = this.recent.get(address);
      const index = list?.indexOf(startedAt) ?? -1;
      if (list && index >= 0) list.splice(index, 1);
    };

    const clientKey = fromHex(request.publicKey) ?? new Uint8Array(0);
    const transcript = pairingTranscript(toHex(this.keyPair.publicKey), request.publicKey, request.device, request.member);
    const codeAtStart = this.code;
    const secrets = await pairingSecrets(this.crypto, this.keyPair.privateKey, clientKey, this.codeKey, transcript);
    if (!secrets) {
      release();
      return { ok: false, badKey: true };
    }
    const proof = fromHex(request.proof) ?? new Uint8Array(0);
    // timingSafeEqual: how long the comparison takes says nothing about how much matched.
    const right = proof.length === secrets.clientProof.length && timingSafeEqual(proof, secrets.clientProof);
    const sameCode = codeAtStart === this.code;
    if (!right) {
      if (sameCode) this.recordFailure();
      return { ok: false, wrongCode: true };
    }
    release();
    // The code was renewed, or retired by other guesses, while this proof was being checked.
    if (!sameCode || this.retired) return { ok: false, wrongCode: true };
    return { ok: true, secrets };
  }

  private recordFailure(): void {
    this.failures += 1;
    if (this.failures >= MAX_FAILURES_PER_CODE && !this.retired) {
      this.retired = true;
      this.log(
        `Pairing code retired after ${this.failures} wrong attempts (someone may be guessing). Devices already paired keep syncing; issue a new pairing code (restart the hub) to pair more.`,
      );
    }
  }
}

function checkedCode(code: string): string {
  const normalized = normalizePairingCode(code);
  if (normalized === null) {
    throw new RangeError(`a pairing code must be ${PAIRING_CODE_LENGTH} characters from ${PAIRING_CODE_ALPHABET}`);
  }
  return normalized;
}
