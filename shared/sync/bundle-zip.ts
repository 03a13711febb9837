/**
 * A careful zip reader for bundles. fflate's `unzipSync` trusts the archive: it inflates into a
 * buffer of the declared size and silently drops what does not fit, skips CRC checks and keeps
 * only the last of two entries with the same name. Bundles come from other machines, so this
 * module reads the central directory itself, checks every offset and size against the file,
 * and inflates with fflate's streaming `Inflate` in small steps, stopping as soon as an entry
 * produces more than it declared.
 */
import { Inflate } from 'fflate';

/** Why a zip was refused; bundle-read.ts turns these into bundle error codes. */
export class ZipRefusal extends Error {
  override name = 'ZipRefusal';
  constructor(
    readonly code: 'truncated' | 'tampered' | 'hostile' | 'not-a-bundle',
    message: string,
  ) {
    super(message);
  }
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
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const CUT_SHORT = 'the zip ends before its table of contents (the file was probably cut short while copying)';
/** Compressed bytes fed to the inflater per step: caps what one step can produce (about 1032×). */
const INFLATE_STEP = 32 * 1024;

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

/**
 * Lists the entries of a zip from its central directory, after checking that the directory,
 * every local header and every entry's data lie inside the file, that local and central
 * headers agree, and that no two entries share bytes (overlapping entries are a zip-bomb
 * technique). Throws {@link ZipRefusal}.
 */
export function readZipDirectory(zip: Uint8Array): ZipEntry[] {
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

  const entries: ZipEntry[] = [];
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
 * CRC-32. Never allocates more than the declared size plus one inflate step. Throws
 * {@link ZipRefusal}.
 */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry): Uint8Array<ArrayBuffer> {
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
    bytes = data.slice();
  } else {
    bytes = inflateExactly(data, entry.size, name);
  }
  if (crc32(bytes) !== entry.crc32) throw new ZipRefusal('tampered', `the checksum of the zip entry ${name} does not match its content`);
  return bytes;
}

function inflateExactly(data: Uint8Array, size: number, name: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (written + chunk.length > size) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
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
    } while (offset < data.length);
  } catch (error) {
    if (error instanceof ZipRefusal) throw error;
    const unexpectedEnd = typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 0;
    throw new ZipRefusal(
      unexpectedEnd ? 'truncated' : 'tampered',
      unexpectedEnd ? `the compressed data of the zip entry ${name} ends too early` : `the compressed data of the zip entry ${name} is damaged`,
    );
  }
  if (written !== size) {
    throw new ZipRefusal('tampered', `the zip entry ${name} unpacks to ${written} bytes but declares ${size}`);
  }
  return out;
}
