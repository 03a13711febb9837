/**
 * A careful zip reader for bundles and backups. fflate's `unzipSync` trusts the archive: it
 * inflates into a buffer of the declared size and silently drops what does not fit, skips CRC
 * checks and keeps only the last of two entries with the same name. Bundles and backups come
 * from other machines, so this module reads the central directory itself, checks every offset
 * and size against the file and against the caller's {@link ZipLimits} before inflating
 * anything, refuses two entries that would unpack to the same file, and inflates with fflate's
 * streaming `Inflate` in small steps, stopping as soon as an entry produces more than it
 * declared or the caller's inspector refuses what it has seen so far.
 */
import { Inflate } from 'fflate';
import { formatSizeOverLimit } from './bundle-format';

/** Why a zip was refused; bundle-read.ts turns these into bundle error codes. */
export class ZipRefusal extends Error {
  override name = 'ZipRefusal';
  constructor(
    readonly code: 'truncated' | 'tampered' | 'hostile' | 'too-large' | 'not-a-bundle',
    message: string,
  ) {
    super(message);
  }
}

/**
 * What one kind of zip may hold. Every reader passes its own: the caps are checked against the
 * file and the central directory, before a single byte is inflated, and inflation never goes
 * past an entry's declared size, so these numbers bound the memory a zip can make us use.
 */
export interface ZipLimits {
  /** The zip file itself, in bytes: everything compressed. */
  maxZipBytes: number;
  maxEntries: number;
  /** The declared uncompressed size of any one entry, in bytes. */
  maxEntryBytes: number;
  /** The declared uncompressed sizes of all entries together, in bytes. */
  maxTotalBytes: number;
}

export interface ReadEntryOptions {
  /**
   * Sees the uncompressed bytes in order, in chunks of at most about 4 MiB, as they are
   * produced (before the CRC check); throwing stops the inflation at once, so a caller can
   * refuse an entry by what it holds without unpacking the rest of it.
   */
  inspect?: (chunk: Uint8Array) => void;
}

export interface ZipEntry {
  /** The name as stored, decoded as Latin-1 so that every byte is visible. */
  name: string;
  /** True when every byte of the name is printable ASCII. */
  asciiName: boolean;
  method: number;
  crc32: number;
  compressedSize: number;
  /** The uncompressed size the central directory declares. */
  size: number;
  localHeaderOffset: number;
  dataOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
const MAX_COMMENT = 0xffff;
/** The compression method of an entry stored as it is. */
export const ZIP_METHOD_STORED = 0;
const METHOD_STORED = ZIP_METHOD_STORED;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const CUT_SHORT = 'the zip ends before its table of contents (the file was probably cut short while copying)';
/**
 * Compressed bytes fed to the inflater per step. Deflate expands at most about 1032×, so one
 * step produces at most about 4 MiB: that, not the entry's size, is what an entry refused
 * mid-way costs (fflate holds a step's output two or three times while it works).
 */
const INFLATE_STEP = 4 * 1024;
/** The output buffer starts at this size (or the declared size, if smaller) and doubles as needed. */
const FIRST_OUTPUT_BYTES = 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The zip (ISO-HDLC) CRC-32 of the bytes. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  const table = CRC_TABLE;
  for (let i = 0; i < bytes.length; i++) {
    crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function quoteName(name: string): string {
  return JSON.stringify(name);
}

function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/**
 * The file an entry name would become once unpacked by a common tool on Windows or macOS:
 * backslashes are separators there, `.` and empty segments vanish, and case does not count.
 * Two entries with the same key would overwrite each other, and which one wins depends on the
 * tool, so a zip holding them is refused whatever the reader would make of it.
 */
function unpackedKey(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/')
    .toLowerCase();
}

function checkLimits(limits: ZipLimits): void {
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`zip limit ${key} must be a positive integer, not ${String(value)}`);
  }
}

/**
 * Lists the entries of a zip from its central directory, after checking that the directory,
 * every local header and every entry's data lie inside the file, that local and central
 * headers agree, that no two entries share bytes (overlapping entries are a zip-bomb
 * technique) or would unpack to the same file, and that the file, the entry count and the
 * declared sizes stay within `limits`. Throws {@link ZipRefusal}; a RangeError for limits that
 * are not positive integers (a programming error).
 */
export function readZipDirectory(zip: Uint8Array, limits: ZipLimits): ZipEntry[] {
  checkLimits(limits);
  if (zip.length > limits.maxZipBytes) {
    throw new ZipRefusal('too-large', `the file is ${formatSizeOverLimit(zip.length, limits.maxZipBytes)}`);
  }
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (offset: number): number => view.getUint16(offset, true);
  const u32 = (offset: number): number => view.getUint32(offset, true);

  if (zip.length < EOCD_BYTES) throw new ZipRefusal('truncated', CUT_SHORT);
  let eocd = -1;
  const lowest = Math.max(0, zip.length - EOCD_BYTES - MAX_COMMENT);
  for (let offset = zip.length - EOCD_BYTES; offset >= lowest; offset--) {
    if (u32(offset) === EOCD_SIGNATURE && offset + EOCD_BYTES + u16(offset + 20) === zip.length) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusal('truncated', CUT_SHORT);

  const diskNumber = u16(eocd + 4);
  const directoryDisk = u16(eocd + 6);
  const entriesOnDisk = u16(eocd + 8);
  const entryCount = u16(eocd + 10);
  const directorySize = u32(eocd + 12);
  const directoryOffset = u32(eocd + 16);
  if (diskNumber !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) {
    throw new ZipRefusal('not-a-bundle', 'the zip is split over several disks, which bundles never are');
  }
  if (directoryOffset + directorySize !== eocd) {
    throw new ZipRefusal('tampered', 'the zip directory does not end where the end-of-directory record says it does');
  }
  if (entryCount * CENTRAL_BYTES > directorySize) {
    throw new ZipRefusal('tampered', `the zip directory is too small for the ${entryCount} entries it declares`);
  }
  if (entryCount > limits.maxEntries) {
    throw new ZipRefusal('too-large', `the zip holds ${formatCount(entryCount)} entries, more than the limit of ${formatCount(limits.maxEntries)}`);
  }

  const entries: ZipEntry[] = [];
  const byKey = new Map<string, string>();
  let totalSize = 0;
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (offset + CENTRAL_BYTES > eocd || u32(offset) !== CENTRAL_SIGNATURE) {
      throw new ZipRefusal('tampered', `zip directory record ${index + 1} of ${entryCount} is damaged`);
    }
    const flags = u16(offset + 8);
    const method = u16(offset + 10);
    const crc = u32(offset + 16);
    const compressedSize = u32(offset + 20);
    const size = u32(offset + 24);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    const startDisk = u16(offset + 34);
    const localHeaderOffset = u32(offset + 42);
    const nameStart = offset + CENTRAL_BYTES;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > eocd) throw new ZipRefusal('tampered', `zip directory record ${index + 1} of ${entryCount} runs past the directory`);
    const nameBytes = zip.subarray(nameStart, nameStart + nameLength);
    let name = '';
    for (const byte of nameBytes) name += String.fromCharCode(byte);
    const asciiName = nameBytes.every((byte) => byte >= 0x20 && byte < 0x7f);

    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
      throw new ZipRefusal('not-a-bundle', `the zip entry ${quoteName(name)} uses zip encryption, which bundles never do`);
    }
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
      throw new ZipRefusal('not-a-bundle', `the zip entry ${quoteName(name)} uses compression method ${method}; bundles only use deflate or none`);
    }
    if (startDisk !== 0) throw new ZipRefusal('not-a-bundle', 'the zip is split over several disks, which bundles never are');
    const key = unpackedKey(name);
    const earlier = byKey.get(key);
    if (earlier === name) throw new ZipRefusal('hostile', `the zip holds two entries named ${quoteName(name)}`);
    if (earlier !== undefined) {
      throw new ZipRefusal('hostile', `the zip holds two entries, ${quoteName(earlier)} and ${quoteName(name)}, that would unpack to the same file`);
    }
    byKey.set(key, name);
    // Checked before anything is inflated: the declared size is all inflation may produce.
    if (size > limits.maxEntryBytes) {
      throw new ZipRefusal(
        'too-large',
        `the zip entry ${quoteName(name)} would unpack to ${formatSizeOverLimit(size, limits.maxEntryBytes)} for one entry`,
      );
    }
    totalSize += size;

    // The local header repeats the name and method; its sizes may be zero (data descriptor).
    if (localHeaderOffset + LOCAL_BYTES > directoryOffset || u32(localHeaderOffset) !== LOCAL_SIGNATURE) {
      throw new ZipRefusal('tampered', `the zip entry ${quoteName(name)} points to a local header that is not there`);
    }
    const localNameLength = u16(localHeaderOffset + 26);
    const localExtraLength = u16(localHeaderOffset + 28);
    const localName = zip.subarray(localHeaderOffset + LOCAL_BYTES, localHeaderOffset + LOCAL_BYTES + localNameLength);
    if (localNameLength !== nameLength || !localName.every((byte, i) => byte === nameBytes[i])) {
      throw new ZipRefusal('tampered', `the zip entry ${quoteName(name)} has a different name in its local header`);
    }
    if (u16(localHeaderOffset + 8) !== method) {
      throw new ZipRefusal('tampered', `the zip entry ${quoteName(name)} has a different compression method in its local header`);
    }
    const dataOffset = localHeaderOffset + LOCAL_BYTES + localNameLength + localExtraLength;
    if (dataOffset + compressedSize > directoryOffset) {
      throw new ZipRefusal('tampered', `the data of the zip entry ${quoteName(name)} runs past the end of the entries`);
    }
    entries.push({ name, asciiName, method, crc32: crc, compressedSize, size, localHeaderOffset, dataOffset });
    offset = next;
  }
  if (offset !== eocd) throw new ZipRefusal('tampered', 'the zip directory holds more than the entries it declares');
  if (totalSize > limits.maxTotalBytes) {
    throw new ZipRefusal(
      'too-large',
      `it would unpack to ${formatSizeOverLimit(totalSize, limits.maxTotalBytes)} (a zip bomb?)`,
    );
  }

  const byPosition = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byPosition.length; i++) {
    const previous = byPosition[i - 1] as ZipEntry;
    const current = byPosition[i] as ZipEntry;
    if (previous.dataOffset + previous.compressedSize > current.localHeaderOffset) {
      throw new ZipRefusal('hostile', `the zip entries ${quoteName(previous.name)} and ${quoteName(current.name)} overlap, a zip-bomb technique`);
    }
  }
  return entries;
}

/**
 * The uncompressed bytes of an entry, which must be exactly its declared size and match its
 * CRC-32. Never allocates more than the declared size plus one inflate step (the declared size
 * was checked against the limits by {@link readZipDirectory}); the output grows as the data
 * comes, so an entry refused early by `options.inspect` never costs its declared size. Throws
 * {@link ZipRefusal}, or whatever `inspect` throws.
 */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry, options: ReadEntryOptions = {}): Uint8Array<ArrayBuffer> {
  const data = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const name = quoteName(entry.name);
  let bytes: Uint8Array<ArrayBuffer>;
  if (entry.method === METHOD_STORED) {
    if (data.length > entry.size) {
      throw new ZipRefusal('hostile', `the zip entry ${name} holds ${data.length} bytes but declares only ${entry.size}`);
    }
    if (data.length < entry.size) {
      throw new ZipRefusal('tampered', `the zip entry ${name} holds ${data.length} bytes but declares ${entry.size}`);
    }
    options.inspect?.(data);
    bytes = data.slice();
  } else {
    bytes = inflateExactly(data, entry.size, name, options.inspect);
  }
  if (crc32(bytes) !== entry.crc32) throw new ZipRefusal('tampered', `the checksum of the zip entry ${name} does not match its content`);
  return bytes;
}

/** An output buffer that doubles up to `limit` bytes, so memory follows what was produced. */
class GrowingBytes {
  private buffer: Uint8Array<ArrayBuffer>;
  length = 0;

  constructor(private readonly limit: number) {
    this.buffer = new Uint8Array(Math.min(limit, FIRST_OUTPUT_BYTES));
  }

  /** The caller checks that the chunk fits within the limit. */
  append(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.limit, Math.max(needed, this.buffer.length * 2)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length = needed;
  }

  /** The bytes produced; the buffer itself when it is exactly full, as it is for a whole entry. */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.length === this.buffer.length ? this.buffer : this.buffer.slice(0, this.length);
  }
}

function inflateExactly(data: Uint8Array, size: number, name: string, inspect: ((chunk: Uint8Array) => void) | undefined): Uint8Array<ArrayBuffer> {
  const out = new GrowingBytes(size);
  let overflow = false;
  // Errors thrown inside fflate's callback would be caught by the catch below and mistaken
  // for damaged data; they are kept here and rethrown after the step.
  let refused: unknown = null;
  const inflater = new Inflate((chunk) => {
    if (overflow || refused !== null) return;
    if (out.length + chunk.length > size) {
      overflow = true;
      return;
    }
    // Inspected before it is kept, so a refused chunk is never copied.
    try {
      inspect?.(chunk);
    } catch (error) {
      refused = error;
      return;
    }
    out.append(chunk);
  });
  try {
    let offset = 0;
    do {
      const end = Math.min(offset + INFLATE_STEP, data.length);
      inflater.push(data.subarray(offset, end), end === data.length);
      offset = end;
      if (overflow) {
        throw new ZipRefusal('hostile', `the zip entry ${name} unpacks to more than the ${size} bytes it declares (a zip bomb?)`);
      }
      if (refused !== null) break;
    } while (offset < data.length);
  } catch (error) {
    if (error instanceof ZipRefusal) throw error;
    const unexpectedEnd = typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 0;
    throw new ZipRefusal(
      unexpectedEnd ? 'truncated' : 'tampered',
      unexpectedEnd ? `the compressed data of the zip entry ${name} ends too early` : `the compressed data of the zip entry ${name} is damaged`,
    );
  }
  if (refused !== null) throw refused;
  if (out.length !== size) {
    throw new ZipRefusal('tampered', `the zip entry ${name} unpacks to ${out.length} bytes but declares ${size}`);
  }
  return out.bytes();
}
