/**
 * Key agreement and payload sealing for the LAN sync hub, on WebCrypto (Node 20+, Electron and
 * browsers). Like bundle-crypto.ts, the few WebCrypto members used are typed locally because
 * shared/ compiles without the DOM library.
 *
 * ## Pairing key schedule
 *
 *     codeKey    = PBKDF2-HMAC-SHA-256(code, "mission-kit/hub pairing code" ‖ hubPublicKey, iterations)
 *     shared     = ECDH-P256(own private key, peer public key)
 *     transcript = UTF-8 JSON [protocol, version, hubPublicKey, clientPublicKey, device, member]
 *     X(label)   = HKDF-SHA-256(ikm = shared, salt = codeKey, info = label ‖ 0x00 ‖ transcript [‖ token]), 32 bytes
 *     clientProof = X("client proof"), sessionKey = X("session key"), hubProof = X("hub proof", token)
 *
 * The device sends clientProof instead of the code; the hub answers with hubProof. Each proof
 * shows its sender knows the code AND holds the private half of the ECDH key it announced, so
 * neither side can be impersonated, nor a public key swapped, without the code.
 *
 * ## Sealed envelope (every request and response after pairing)
 *
 *     "MKH1" (4) ‖ nonce (12, random) ‖ AES-256-GCM(sessionKey, plaintext) with its 16-byte tag
 *     additional data = "MKH1" ‖ direction (1 = device → hub, 2 = hub → device)
 *     plaintext       = header length (uint32 big-endian) ‖ header (UTF-8 JSON) ‖ body bytes
 *
 * The direction byte stops a response from being reflected back as a request; the headers
 * (hub-protocol.ts) carry the replay counter, method and path, and which request a response
 * answers.
 *
 * ## Threat model (no TLS certificates on a field LAN, so this is what protects the traffic)
 *
 * - A passive eavesdropper, even one who records the pairing, learns neither the code nor any
 *   session key: the code never travels, and both proofs are HKDF outputs over an ECDH secret
 *   the eavesdropper cannot compute, so they cannot even test guesses of the code against them.
 * - An active attacker after pairing cannot read, forge or alter a request or an answer (GCM),
 *   replay one (counter; 409), point one at another route or mission (sealed method and path)
 *   or swap answers (sealed reply-to counter).
 * - Without the code nobody pairs: ~8.5e11 codes, 5 wrong tries a minute per address, and the
 *   code retired after 20 wrong tries in all.
 * - Not covered: a man in the middle DURING a pairing can stop it (the device then reports
 *   that someone may be intercepting, or a wrong code) and keeps one proof made against his own
 *   key, from which he can search the code offline: ~8.5e11 × 600,000 PBKDF2 iterations, on
 *   average about a GPU-year (days on a hundred rented GPUs). The code is only worth that
 *   while the hub still accepts it: a new one at every start, or on request.
 * - Not hidden: mission ids and attachment hashes (they are in the URL paths), sizes, timing,
 *   which device talks when. Anyone on the LAN can deny service (flood, or retire the code).
 * - A paired device is a trusted team member: it can push to and pull from every mission on
 *   that hub. One hub (data folder) per team.
 * - At rest nothing is encrypted: the hub's data folder holds the missions in plain JSON and
 *   the session keys (sessions.json, mode 0600); a device must keep its session as a secret.
 *   Session keys are long-lived: whoever steals one can read that device's recorded traffic;
 *   pairing again replaces it.
 */
import { HUB_PROTOCOL, HUB_PROTOCOL_VERSION, MAX_SEALED_HEADER_BYTES } from './hub-protocol';
import { utf8Decode, utf8Encode } from './bundle-crypto';

/** An opaque WebCrypto key handle. */
export type CryptoKeyLike = object;

type KeyUsageLike = 'deriveBits' | 'encrypt' | 'decrypt';

interface AesGcmParamsLike {
  name: 'AES-GCM';
  iv: Uint8Array;
  additionalData: Uint8Array;
  tagLength: 128;
}

type DeriveBitsParams =
  | { name: 'ECDH'; public: CryptoKeyLike }
  | { name: 'PBKDF2'; salt: Uint8Array; iterations: number; hash: 'SHA-256' }
  | { name: 'HKDF'; salt: Uint8Array; info: Uint8Array; hash: 'SHA-256' };

interface SubtleLike {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  generateKey(
    algorithm: { name: 'ECDH'; namedCurve: 'P-256' },
    extractable: boolean,
    usages: KeyUsageLike[],
  ): Promise<{ publicKey: CryptoKeyLike; privateKey: CryptoKeyLike }>;
  exportKey(format: 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: 'PBKDF2' | 'HKDF' | 'AES-GCM' | { name: 'ECDH'; namedCurve: 'P-256' },
    extractable: false,
    usages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  deriveBits(algorithm: DeriveBitsParams, baseKey: CryptoKeyLike, length: number): Promise<ArrayBuffer>;
  encrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
}

/** The part of WebCrypto the hub and its client use; `globalThis.crypto` satisfies it. */
export interface HubCrypto {
  subtle: SubtleLike;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** The platform's WebCrypto; throws when there is none (a programming error, not bad input). */
export function platformHubCrypto(): HubCrypto {
  const crypto = (globalThis as unknown as { crypto?: Partial<HubCrypto> }).crypto;
  if (!crypto?.subtle || typeof crypto.getRandomValues !== 'function') {
    throw new Error('WebCrypto (globalThis.crypto.subtle) is not available: the sync hub needs Node 20+ or a modern browser');
  }
  return crypto as HubCrypto;
}

export const ENVELOPE_MAGIC = Uint8Array.of(0x4d, 0x4b, 0x48, 0x31); // "MKH1"
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LENGTH_BYTES = 4;
const MIN_ENVELOPE_BYTES = ENVELOPE_MAGIC.length + NONCE_BYTES + TAG_BYTES + LENGTH_BYTES;

export type SealDirection = 'request' | 'response';
const DIRECTION_BYTE: Record<SealDirection, number> = { request: 1, response: 2 };

export function randomBytes(crypto: HubCrypto, length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Lowercase or uppercase hex to bytes; null for anything else (odd length, other characters). */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** Compares all bytes whatever the first difference, so timing does not reveal where it is. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

export interface EcdhKeyPair {
  privateKey: CryptoKeyLike;
  /** Uncompressed point, 65 bytes. */
  publicKey: Uint8Array;
}

/** A fresh P-256 key pair; the private half cannot be exported. */
export async function generateEcdhKeyPair(crypto: HubCrypto): Promise<EcdhKeyPair> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)) };
}

const CODE_SALT_LABEL = 'mission-kit/hub pairing code';

/**
 * The pairing code stretched with PBKDF2, salted with the hub's public key of this run: guessing
 * the code from a captured proof costs the iterations for every one of the ~8.5e11 codes, and no
 * table computed in advance helps.
 */
export async function pairingCodeKey(crypto: HubCrypto, code: string, hubPublicKey: Uint8Array, iterations: number): Promise<Uint8Array> {
  const label = utf8Encode(CODE_SALT_LABEL);
  const salt = new Uint8Array(label.length + hubPublicKey.length);
  salt.set(label, 0);
  salt.set(hubPublicKey, label.length);
  const material = await crypto.subtle.importKey('raw', utf8Encode(code), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, material, 256));
}

/** What both proofs and the session key are bound to. */
export function pairingTranscript(hubPublicKey: string, clientPublicKey: string, device: string, member: string | null): Uint8Array {
  return utf8Encode(JSON.stringify([HUB_PROTOCOL, HUB_PROTOCOL_VERSION, hubPublicKey, clientPublicKey, device, member]));
}

export interface PairingSecrets {
  clientProof: Uint8Array;
  /** Raw AES-256-GCM key of the session. */
  sessionKey: Uint8Array;
  hubProof(token: string): Promise<Uint8Array>;
}

/**
 * Derives the proofs and the session key from one side's private key and the other side's
 * public key. Null when the peer's public key is not a valid P-256 point.
 */
export async function pairingSecrets(
  crypto: HubCrypto,
  privateKey: CryptoKeyLike,
  peerPublicKey: Uint8Array,
  codeKey: Uint8Array,
  transcript: Uint8Array,
): Promise<PairingSecrets | null> {
  let shared: Uint8Array;
  try {
    const peer = await crypto.subtle.importKey('raw', peerPublicKey, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, privateKey, 256));
  } catch {
    return null;
  }
  const base = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const expand = async (label: string, extra: Uint8Array = new Uint8Array(0)): Promise<Uint8Array> => {
    const info = concat([utf8Encode(label), Uint8Array.of(0), transcript, extra]);
    return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', salt: codeKey, info, hash: 'SHA-256' }, base, 256));
  };
  return {
    clientProof: await expand('client proof'),
    sessionKey: await expand('session key'),
    hubProof: (token) => expand('hub proof', utf8Encode(token)),
  };
}

export function importSessionKey(crypto: HubCrypto, raw: Uint8Array): Promise<CryptoKeyLike> {
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function additionalData(direction: SealDirection): Uint8Array {
  return concat([ENVELOPE_MAGIC, Uint8Array.of(DIRECTION_BYTE[direction])]);
}

/** Seals a header (JSON-serialisable) and body bytes into one envelope. */
export async function sealEnvelope(
  crypto: HubCrypto,
  key: CryptoKeyLike,
  direction: SealDirection,
  header: object,
  body: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const headerBytes = utf8Encode(JSON.stringify(header));
  if (headerBytes.length > MAX_SEALED_HEADER_BYTES) throw new RangeError('sealed header too long');
  const plain = new Uint8Array(LENGTH_BYTES + headerBytes.length + body.length);
  new DataView(plain.buffer).setUint32(0, headerBytes.length, false);
  plain.set(headerBytes, LENGTH_BYTES);
  plain.set(body, LENGTH_BYTES + headerBytes.length);
  const nonce = randomBytes(crypto, NONCE_BYTES);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: additionalData(direction), tagLength: 128 }, key, plain),
  );
  return concat([ENVELOPE_MAGIC, nonce, sealed]);
}

export interface OpenedEnvelope {
  /** Parsed JSON, still to be checked against its schema. */
  header: unknown;
  body: Uint8Array;
}

/** Opens an envelope; null when it is malformed or was not sealed with this key in this direction. */
export async function openEnvelope(crypto: HubCrypto, key: CryptoKeyLike, direction: SealDirection, envelope: Uint8Array): Promise<OpenedEnvelope | null> {
  if (envelope.length < MIN_ENVELOPE_BYTES) return null;
  if (!ENVELOPE_MAGIC.every((byte, index) => envelope[index] === byte)) return null;
  const nonce = envelope.subarray(ENVELOPE_MAGIC.length, ENVELOPE_MAGIC.length + NONCE_BYTES);
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: nonce, additionalData: additionalData(direction), tagLength: 128 },
        key,
        envelope.subarray(ENVELOPE_MAGIC.length + NONCE_BYTES),
      ),
    );
  } catch {
    return null;
  }
  if (plain.length < LENGTH_BYTES) return null;
  const headerLength = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(0, false);
  if (headerLength > MAX_SEALED_HEADER_BYTES || LENGTH_BYTES + headerLength > plain.length) return null;
  try {
    const header: unknown = JSON.parse(utf8Decode(plain.subarray(LENGTH_BYTES, LENGTH_BYTES + headerLength)));
    return { header, body: plain.subarray(LENGTH_BYTES + headerLength) };
  } catch {
    return null;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
