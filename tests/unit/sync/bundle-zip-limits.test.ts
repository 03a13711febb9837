/**
 * The zip reader's own limits, with small numbers: every cap is checked against the file and
 * the directory before anything is inflated, names that one file system would confuse are
 * refused, and an inspector that refuses an entry stops the inflation there, having seen (and
 * the reader having kept) only the first few megabytes of a much larger entry.
 */
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { ZipRefusal, readZipDirectory, readZipEntry, type ZipLimits } from '../../../shared/sync/bundle-zip';
import { rawZip, repeatedEntry, zeros } from '../../fixtures/hostile-zip';

const MIB = 1024 * 1024;
const roomy: ZipLimits = { maxZipBytes: 64 * MIB, maxEntries: 100, maxEntryBytes: 1024 * MIB, maxTotalBytes: 2048 * MIB };

function refusal(run: () => unknown): ZipRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipRefusal) return error;
    throw error;
  }
  throw new Error('expected a ZipRefusal');
}

const three = rawZip([
  { name: 'a.json', data: strToU8('{"a":1}') },
  { name: 'b.json', data: strToU8('[1,2,3]'), method: 0 },
  { name: 'c.txt', data: strToU8('hello hello hello hello') },
]);

describe('limits checked before inflating', () => {
  it('accepts a zip within every limit', () => {
    expect(readZipDirectory(three, roomy).map((entry) => entry.name)).toEqual(['a.json', 'b.json', 'c.txt']);
  });

  it('refuses a file larger than maxZipBytes', () => {
    const error = refusal(() => readZipDirectory(three, { ...roomy, maxZipBytes: three.length - 1 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`the file is ${three.length} bytes, more than the limit of ${three.length - 1} bytes`);
  });

  it('refuses more entries than maxEntries', () => {
    const error = refusal(() => readZipDirectory(three, { ...roomy, maxEntries: 2 }));
    expect(error).toMatchObject({ code: 'too-large', message: 'the zip holds 3 entries, more than the limit of 2' });
  });

  it('refuses an entry that declares more than maxEntryBytes, naming it, without inflating it', () => {
    // 1 GiB of zeros in 6.8 MB: inflating it would take seconds and a gigabyte.
    const bomb = rawZip([repeatedEntry('bomb.bin', zeros(1024 * MIB), 0)]);
    expect(bomb.length).toBeLessThan(7 * MIB);
    const error = refusal(() => readZipDirectory(bomb, { ...roomy, maxEntryBytes: 512 * MIB }));
    expect(error).toMatchObject({ code: 'too-large', message: 'the zip entry "bomb.bin" would unpack to 1.0 GiB, more than the limit of 512 MiB for one entry' });
  });

  it('refuses entries that together declare more than maxTotalBytes', () => {
    const two = rawZip([repeatedEntry('one.bin', zeros(3 * MIB)), repeatedEntry('two.bin', zeros(3 * MIB))]);
    const error = refusal(() => readZipDirectory(two, { ...roomy, maxEntryBytes: 4 * MIB, maxTotalBytes: 5 * MIB }));
    expect(error).toMatchObject({ code: 'too-large', message: 'it would unpack to 6.0 MiB, more than the limit of 5.0 MiB (a zip bomb?)' });
  });

  it('takes only positive integers as limits', () => {
    expect(() => readZipDirectory(three, { ...roomy, maxEntries: 0 })).toThrow(RangeError);
    expect(() => readZipDirectory(three, { ...roomy, maxTotalBytes: Number.NaN })).toThrow(RangeError);
  });
});

describe('names that would unpack to the same file', () => {
  const pairs: [string, string][] = [
    ['data/x.json', 'data/x.json'],
    ['data/x.json', 'DATA/X.json'],
    ['data/x.json', 'data\\x.json'],
    ['data/x.json', './data/x.json'],
    ['data/x.json', 'data//x.json'],
    ['data/x.json', 'data/./x.json'],
  ];

  it.each(pairs)('refuses %j next to %j, first or last', (first, second) => {
    for (const names of [
      [first, second],
      [second, first],
    ]) {
      const zip = rawZip(names.map((name, index) => ({ name, data: strToU8(`content ${index}`) })));
      const error = refusal(() => readZipDirectory(zip, roomy));
      expect(error.code).toBe('hostile');
      expect(error.message).toBe(
        names[0] === names[1]
          ? `the zip holds two entries named ${JSON.stringify(names[0])}`
          : `the zip holds two entries, ${JSON.stringify(names[0])} and ${JSON.stringify(names[1])}, that would unpack to the same file`,
      );
    }
  });

  it('keeps names that differ in more than that', () => {
    const zip = rawZip(['data/x.json', 'data/x.json.bak', 'data/y.json', 'x.json'].map((name) => ({ name, data: strToU8(name) })));
    expect(readZipDirectory(zip, roomy)).toHaveLength(4);
  });
});

describe('reading an entry', () => {
  it('returns exactly the bytes of an entry larger than its first output buffer', () => {
    const data = new Uint8Array(5 * MIB + 123).map((_, index) => (index * 7) % 251);
    const zip = rawZip([{ name: 'big.bin', data }]);
    const [entry] = readZipDirectory(zip, roomy);
    if (!entry) throw new Error('no entry');
    // Buffer.equals: toEqual walks five million elements one by one.
    expect(Buffer.from(readZipEntry(zip, entry)).equals(data)).toBe(true);
  });

  it('stops inflating when the inspector throws: a 512 MiB entry is refused after its first few MiB', () => {
    // The checksum is never reached: the inspector stops the entry first.
    const zip = rawZip([repeatedEntry('huge.txt', { prefix: strToU8('"'), byte: 0x61, count: 512 * MIB, suffix: strToU8('"') }, 0)]);
    const [entry] = readZipDirectory(zip, roomy);
    if (!entry) throw new Error('no entry');
    let seen = 0;
    const stop = new Error('enough');
    expect(() =>
      readZipEntry(zip, entry, {
        inspect: (chunk) => {
          seen += chunk.length;
          if (seen > MIB) throw stop;
        },
      }),
    ).toThrow(stop);
    // One inflate step produces at most about 4 MiB; the reader never went on past it.
    expect(seen).toBeGreaterThan(MIB);
    expect(seen).toBeLessThan(MIB + 5 * MIB);
  });

  it('inspects stored entries too, and every byte of an entry it lets through', () => {
    const zip = rawZip([{ name: 'stored.txt', data: strToU8('stored text'), method: 0 }, repeatedEntry('packed.txt', zeros(3 * MIB))]);
    const entries = readZipDirectory(zip, roomy);
    for (const entry of entries) {
      let seen = 0;
      const bytes = readZipEntry(zip, entry, { inspect: (chunk) => (seen += chunk.length) });
      expect(seen).toBe(bytes.length);
      expect(bytes.length).toBe(entry.size);
    }
  });
});
