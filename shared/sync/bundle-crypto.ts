/**
 * Hashing, UTF-8 and passphrase encryption for bundles, on WebCrypto (`globalThis.crypto`),
 * which Node 20+, Electron and every browser provide. shared/ compiles without the DOM
 * library, so the few WebCrypto members used here are typed locally.
 */
import {
  ENCRYPTED_HEADER_BYTES,
  ENCRYPTED_MAGIC,
  ENCRYPTION_VERSION,
  GCM_TAG_BYTES,
  MAX_PBKDF2_ITERATIONS,
  MIN_PBKDF2_ITERATIONS,
  NONCE_BYTES,
  SALT_BYTES,
} from './bundle-format';

/** An opaque WebCrypto key handle. */
type CryptoKeyLike = object;

interface AesGcmParamsLike {
  name: 'AES-GCM';
  iv: Uint8Array;
  additionalData?: Uint8Array;
  tagLength?: number;
}

interface SubtleCryptoLike {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: 'PBKDF2', extractable: false, usages: ['deriveKey']): Promise<CryptoKeyLike>;
  deriveKey(
    algorithm: { name: 'PBKDF2'; salt: Uint8Array; iterations: number; hash: 'SHA-256' },
    baseKey: CryptoKeyLike,
    derivedKeyType: { name: 'AES-GCM'; length: 256 },
    extractable: false,
    usages: ('encrypt' | 'decrypt')[],
  ): Promise<CryptoKeyLike>;
  encrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
}

interface CryptoLike {
  subtle: SubtleCryptoLike;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

interface TextEncoderLike {
  encode(text: string): Uint8Array;
}

interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}

interface TextGlobals {
  TextEncoder: new () => TextEncoderLike;
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean; ignoreBOM: boolean }) => TextDecoderLike;
}

function webCrypto(): CryptoLike {
  const crypto = (globalThis as unknown as { crypto?: Partial<CryptoLike> }).crypto;
  if (!crypto?.subtle || typeof crypto.getRandomValues !== 'function') {
    throw new Error('WebCrypto (globalThis.crypto.subtle) is not available: bundles need Node 20+ or a modern browser');
  }
  return crypto as CryptoLike;
}

function textGlobals(): TextGlobals {
  const globals = globalThis as unknown as Partial<TextGlobals>;
  if (!globals.TextEncoder || !globals.TextDecoder) throw new Error('TextEncoder/TextDecoder are not available');
  return globals as TextGlobals;
}

/** Throws when the platform lacks what bundles need: a programming error, not bad input. */
export function assertBundleCryptoAvailable(): void {
  webCrypto();
  textGlobals();
}

export function utf8Encode(text: string): Uint8Array {
  const { TextEncoder } = textGlobals();
  return new TextEncoder().encode(text);
}

/** Strict UTF-8 decoding: invalid byte sequences throw instead of becoming U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  const { TextDecoder } = textGlobals();
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += HEX[byte] ?? '';
  return text;
}

/** Lowercase hex SHA-256 of the bytes. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await webCrypto().subtle.digest('SHA-256', bytes)));
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}

export function isEncryptedBundleBytes(bytes: Uint8Array): boolean {
  return startsWith(bytes, ENCRYPTED_MAGIC);
}

export function isValidIterationCount(iterations: number): boolean {
  return Number.isInteger(iterations) && iterations >= MIN_PBKDF2_ITERATIONS && iterations <= MAX_PBKDF2_ITERATIONS;
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKeyLike> {
  const { subtle } = webCrypto();
  // NFC, so "é" typed as one code point on one laptop and as e + accent on another match.
  const material = await subtle.importKey('raw', utf8Encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

const VERSION_OFFSET = ENCRYPTED_MAGIC.length;
const SALT_OFFSET = VERSION_OFFSET + 1;
const NONCE_OFFSET = SALT_OFFSET + SALT_BYTES;
const ITERATIONS_OFFSET = NONCE_OFFSET + NONCE_BYTES;

/** Seals a zip into the "MKBE" format described in bundle-format.ts. */
export async function encryptBundleBytes(plain: Uint8Array, passphrase: string, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  if (passphrase.length === 0) throw new Error('the bundle passphrase must not be empty');
  if (!isValidIterationCount(iterations)) {
    throw new RangeError(`PBKDF2 iterations must be an integer from ${MIN_PBKDF2_ITERATIONS} to ${MAX_PBKDF2_ITERATIONS}, not ${iterations}`);
  }
  const crypto = webCrypto();
  const header = new Uint8Array(ENCRYPTED_HEADER_BYTES);
  header.set(ENCRYPTED_MAGIC, 0);
  header[ENCRYPTED_MAGIC.length] = ENCRYPTION_VERSION;
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  header.set(salt, SALT_OFFSET);
  header.set(nonce, NONCE_OFFSET);
  new DataView(header.buffer).setUint32(ITERATIONS_OFFSET, iterations, false);
  const key = await deriveKey(passphrase, salt, iterations);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: header, tagLength: GCM_TAG_BYTES * 8 }, key, plain),
  );
  const file = new Uint8Array(header.length + sealed.length);
  file.set(header, 0);
  file.set(sealed, header.length);
  return file;
}

export interface EncryptedHeader {
  version: number;
  salt: Uint8Array;
  nonce: Uint8Array;
  iterations: number;
}

/** Reads the header fields; the caller has checked the magic and the length. */
export function readEncryptedHeader(file: Uint8Array): EncryptedHeader {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  return {
    version: file[VERSION_OFFSET] ?? 0,
    salt: file.subarray(SALT_OFFSET, SALT_OFFSET + SALT_BYTES),
    nonce: file.subarray(NONCE_OFFSET, NONCE_OFFSET + NONCE_BYTES),
    iterations: view.getUint32(ITERATIONS_OFFSET, false),
  };
}

/**
 * Opens a file the caller has checked (magic, version, length, iteration range). Returns null
 * when GCM authentication fails: the passphrase is wrong or a byte of the file changed.
 */
export async function decryptBundleBytes(file: Uint8Array, header: EncryptedHeader, passphrase: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const key = await deriveKey(passphrase, header.salt, header.iterations);
  try {
    const plain = await webCrypto().subtle.decrypt(
      { name: 'AES-GCM', iv: header.nonce, additionalData: file.subarray(0, ENCRYPTED_HEADER_BYTES), tagLength: GCM_TAG_BYTES * 8 },
      key,
      file.subarray(ENCRYPTED_HEADER_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
