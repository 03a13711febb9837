/**
 * Bundles come from other machines: these tests feed readBundle hostile zips (path-like and
 * duplicate names, zip bombs, entries that lie about their size) and fuzz it with random,
 * truncated and bit-flipped files. It must refuse with a code, never throw, and never return
 * content other than what was written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { deflateSync, strToU8 } from 'fflate';
import { formatStamp } from '../../../shared/hlc';
import type { Change } from '../../../shared/schemas/change';
import { BUILTIN_TEMPLATES } from '../../../shared/templates/builtin-templates';
import { BUNDLE_ERROR_CODES, readBundle, writeBundle, type Bundle, type BundleInput, type BundleReadResult } from '../../../shared/sync/bundle';
import { crc32 } from '../../../shared/sync/bundle-zip';
import { deflateRepeated, entriesOf, rawZip, repeatedCrc, zeros } from '../../fixtures/hostile-zip';

const MISSION = 'mission-1';
const PASSPHRASE = 'correct horse battery staple';
const template = required(BUILTIN_TEMPLATES[BUILTIN_TEMPLATES.length - 1]);

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('test fixture is missing a value');
  return value;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function input(attachments: Uint8Array[] = [strToU8('photo bytes '.repeat(40)), strToU8('a statistics table')]): BundleInput {
  const changes: Change[] = Array.from({ length: 6 }, (_, i) => ({
    entity: i % 2 ? 'finding' : 'site',
    id: `entity-${i}`,
    missionId: MISSION,
    field: i % 2 ? 'narrative' : 'name',
    value: i % 2 ? `narrative ${i}` : `Site ${i}/Vendi ${i}`,
    hlc: formatStamp(1_700_000_000_000 + i, i, 'device-1'),
    device: 'device-1',
    member: null,
    base: null,
  }));
  return {
    manifest: {
      missionId: MISSION,
      missionTitle: 'Test mission',
      templateId: template.id,
      templateVersion: template.version,
      createdAt: '2024-05-01T10:00:00Z',
      device: 'device-1',
      member: null,
      scope: 'everything',
      senderVector: { 'device-1': required(changes[changes.length - 1]).hlc },
    },
    changes,
    template,
    attachments: new Map(attachments.map((bytes) => [sha256(bytes), bytes])),
  };
}

/** A deflate stream of `1 + 258 × copies` zero bytes (see deflateRepeated): a 600 MiB bomb costs 4.7 MB. */
function zeroBomb(copies: number): Uint8Array {
  return deflateRepeated(zeros(1 + 258 * copies));
}

function zerosCrc(n: number): number {
  return repeatedCrc(zeros(n));
}

function codeOf(result: BundleReadResult): string {
  return result.ok ? 'ok' : result.error.code;
}

let plain: Uint8Array;
let encrypted: Uint8Array;
let original: Bundle;

beforeAll(async () => {
  plain = await writeBundle(input());
  encrypted = await writeBundle(input(), { passphrase: PASSPHRASE });
  const result = await readBundle(plain, {});
  if (!result.ok) throw new Error(result.error.message);
  original = result.bundle;
});

describe('the zip helpers of this test', () => {
  it('writes zips the reader accepts, and a hand-made deflate stream fflate inflates', async () => {
    expect(codeOf(await readBundle(rawZip(entriesOf(plain)), {}))).toBe('ok');
    const small = zeroBomb(10);
    expect(deflateSync(new Uint8Array(0)).length).toBeGreaterThan(0);
    const { inflateSync } = await import('fflate');
    expect(inflateSync(small)).toEqual(new Uint8Array(1 + 2580));
    expect(crc32(new Uint8Array(1234))).toBe(zerosCrc(1234));
  });
});

describe('hostile entry names', () => {
  const hostileNames = [
    '../evil',
    'attachments/../../x',
    'attachments/../../etc/passwd',
    '/abs',
    '/etc/passwd',
    'attachments\\x',
    '..\\..\\windows\\system32',
    'C:/Windows/evil.dll',
    './manifest.json',
    'attachments//' + 'a'.repeat(64),
    'attachments/',
    'attachments/' + 'A'.repeat(64),
    'attachments/' + 'a'.repeat(63),
    'attachments/' + 'a'.repeat(64) + '/x',
    'Manifest.json',
    'manifest.json ',
    'readme.txt',
    'manifest.json\u0000.txt',
    'attachments/\n',
  ];

  it.each(hostileNames)('refuses an entry named %j', async (name) => {
    const zip = rawZip([...entriesOf(plain), { name, data: strToU8('payload') }]);
    const result = await readBundle(zip, {});
    expect(codeOf(result)).toBe('hostile');
    if (!result.ok) expect(result.error.message).toContain(JSON.stringify(name));
  });

  it('refuses an entry whose name is not ASCII', async () => {
    const zip = rawZip([...entriesOf(plain), { name: Uint8Array.of(0x61, 0xc3, 0xa9, 0x2e, 0x74), data: strToU8('x') }]);
    expect(codeOf(await readBundle(zip, {}))).toBe('hostile');
  });

  it.each(['manifest.json', 'changes.json', 'template.json', 'attachment'])('refuses a duplicate %s entry', async (which) => {
    const entries = entriesOf(plain);
    const target = required(entries.find((entry) => (which === 'attachment' ? String(entry.name).startsWith('attachments/') : entry.name === which)));
    // The duplicate comes first and last, so neither "first wins" nor "last wins" is safe.
    const zip = rawZip([{ ...target, data: strToU8('{}') }, ...entries, { ...target, data: strToU8('[]') }]);
    const result = await readBundle(zip, {});
    expect(codeOf(result)).toBe('hostile');
    if (!result.ok) expect(result.error.message).toContain('two entries named');
  });

  it('refuses any path-like name among otherwise valid entries (property)', async () => {
    const segment = fc.constantFrom('..', '.', '', 'attachments', 'etc', 'passwd', 'manifest.json', 'C:', '~', 'a'.repeat(64));
    const name = fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('/', '\\'), fc.boolean())
      .map(([segments, separator, absolute]) => `${absolute ? separator : ''}${segments.join(separator)}`)
      .filter((candidate) => !/^(manifest|changes|template)\.json$|^attachments\/[0-9a-f]{64}$/.test(candidate));
    const entries = entriesOf(plain);
    await fc.assert(
      fc.asyncProperty(name, async (hostile) => {
        expect(codeOf(await readBundle(rawZip([...entries, { name: hostile, data: strToU8('x') }]), {}))).toBe('hostile');
      }),
      { numRuns: 150 },
    );
  });
});

describe('zip bombs and lying sizes', () => {
  it('refuses a bundle that declares more than maxBytes unpacked (2 MiB of zeros, limit 1 MiB)', async () => {
    const zeros = new Uint8Array(2 * 1024 * 1024);
    const bundle = await writeBundle(input([zeros]));
    expect(bundle.length).toBeLessThan(20_000);
    const result = await readBundle(bundle, { maxBytes: 1024 * 1024 });
    expect(codeOf(result)).toBe('hostile');
    if (!result.ok) expect(result.error.message).toMatch(/2\.0 MiB, more than the limit of 1\.0 MiB/);
    expect(codeOf(await readBundle(bundle, {}))).toBe('ok');
  });

  it('refuses an honest 600 MiB zip bomb (over the 256 MiB limit for one entry), without inflating it', async () => {
    const copies = Math.ceil((600 * 1024 * 1024) / 258);
    const size = 1 + 258 * copies;
    const bomb = zeroBomb(copies);
    expect(bomb.length).toBeLessThan(5_000_000);
    const hash = sha256(strToU8('not the real hash: the reader never gets that far'));
    const zip = rawZip([...entriesOf(plain), { name: `attachments/${hash}`, data: new Uint8Array(0), compressed: bomb, declaredSize: size, crc: zerosCrc(size) }]);
    const started = performance.now();
    const result = await readBundle(zip, {});
    expect(codeOf(result)).toBe('hostile');
    if (!result.ok) expect(result.error.message).toContain('would unpack to 600 MiB, more than the limit of 256 MiB for one entry');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops inflating an entry that declares 1,000 bytes but unpacks to 600 MiB', async () => {
    const copies = Math.ceil((600 * 1024 * 1024) / 258);
    const bomb = zeroBomb(copies);
    const entries = entriesOf(plain).map((entry) =>
      entry.name === 'changes.json' ? { ...entry, compressed: bomb, declaredSize: 1000, crc: 0 } : entry,
    );
    const started = performance.now();
    const result = await readBundle(rawZip(entries), {});
    expect(codeOf(result)).toBe('hostile');
    if (!result.ok) expect(result.error.message).toMatch(/changes\.json" unpacks to more than the 1000 bytes it declares/);
    // Inflating all 600 MiB would take seconds; stopping after the first step takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses an attachment that unpacks to more than it declares', async () => {
    const entries = entriesOf(plain).map((entry) =>
      String(entry.name).startsWith('attachments/') ? { ...entry, declaredSize: Math.max(1, entry.data.length - 5) } : entry,
    );
    // The manifest lists the real size, so this is caught as a mismatch before inflating...
    expect(codeOf(await readBundle(rawZip(entries), {}))).toBe('tampered');
    // ...and a stored entry holding more than it declares is refused as hostile.
    const stored = entriesOf(plain).map((entry) => (entry.name === 'template.json' ? { ...entry, method: 0 as const, declaredSize: 10 } : entry));
    expect(codeOf(await readBundle(rawZip(stored), {}))).toBe('hostile');
  });

  it('refuses an entry that unpacks to less than it declares, or whose checksum is wrong', async () => {
    const short = entriesOf(plain).map((entry) => (entry.name === 'manifest.json' ? { ...entry, declaredSize: entry.data.length + 10 } : entry));
    expect(codeOf(await readBundle(rawZip(short), {}))).toBe('tampered');
    const badCrc = entriesOf(plain).map((entry) => (entry.name === 'manifest.json' ? { ...entry, crc: 12345 } : entry));
    const result = await readBundle(rawZip(badCrc), {});
    expect(codeOf(result)).toBe('tampered');
    if (!result.ok) expect(result.error.message).toContain('checksum');
  });

  it('refuses overlapping entries (two directory records pointing at the same bytes)', async () => {
    const zip = rawZip(entriesOf(plain));
    const view = new DataView(zip.buffer);
    const directory = view.getUint32(zip.length - 6, true);
    // Point the second directory record at the first local header.
    const second = directory + 46 + view.getUint16(directory + 28, true);
    view.setUint32(second + 42, 0, true);
    const result = await readBundle(zip, {});
    expect(['hostile', 'tampered']).toContain(codeOf(result));
  });
});

describe('fuzzing: never throws, never returns altered content', () => {
  const codes = new Set<string>(BUNDLE_ERROR_CODES);

  it('refuses random bytes with a code', async () => {
    const prefixes = [[], [0x50, 0x4b], [0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x4d, 0x4b, 0x42, 0x45, 0x01]];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 600 }), async (prefix, rest) => {
        const bytes = Uint8Array.from([...prefix, ...rest]);
        const result = await readBundle(bytes, {});
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(codes.has(result.error.code)).toBe(true);
          expect(result.error.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuses random bytes placed where a zip directory or entry belongs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), async (seed, noise) => {
        const bytes = plain.slice();
        const at = seed % bytes.length;
        bytes.set(noise.subarray(0, bytes.length - at), at);
        const result = await readBundle(bytes, {});
        if (!result.ok) expect(codes.has(result.error.code)).toBe(true);
        else expect(result.bundle).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every N-th truncation of a plain bundle', async () => {
    const step = Math.max(1, Math.floor(plain.length / 300));
    const lengths = new Set<number>();
    for (let length = 0; length < plain.length; length += step) lengths.add(length);
    for (let length = Math.max(0, plain.length - 80); length < plain.length; length++) lengths.add(length);
    for (const length of lengths) {
      const result = await readBundle(plain.subarray(0, length), {});
      expect([length, codeOf(result)]).not.toEqual([length, 'ok']);
      expect(codes.has(codeOf(result))).toBe(true);
    }
  });

  it('refuses truncations of an encrypted bundle', async () => {
    // Every cut inside the header is refused without deriving a key; a few cuts in the
    // ciphertext each cost one 600,000-round derivation.
    for (let length = 0; length < 80; length++) {
      const result = await readBundle(encrypted.subarray(0, length), { passphrase: PASSPHRASE });
      expect([length, codeOf(result)]).not.toEqual([length, 'ok']);
    }
    for (const length of [encrypted.length - 1, encrypted.length - 17, Math.floor(encrypted.length / 2)]) {
      const result = await readBundle(encrypted.subarray(0, length), { passphrase: PASSPHRASE });
      expect(codeOf(result)).toBe('wrong-passphrase');
    }
    expect(codeOf(await readBundle(encrypted.subarray(0, 10), {}))).toBe('truncated');
    // Eight key derivations: seconds on a two-core machine busy with other test runs.
  }, 60_000);

  it('flipped bytes anywhere: refused, or read back identical', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: plain.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }),
        async (flips) => {
          const bytes = plain.slice();
          for (const [position, mask] of flips) bytes[position] = required(bytes[position]) ^ mask;
          const result = await readBundle(bytes, {});
          if (result.ok) {
            accepted += 1;
            expect(result.bundle).toEqual(original);
          } else {
            expect(codes.has(result.error.code)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
    // Most flips hit content and are refused; some hit fields nothing depends on (timestamps).
    expect(accepted).toBeLessThan(250);
  });

  it('flipped bytes in an encrypted bundle are refused', async () => {
    for (const position of [3, 4, 10, 30, 35, 40, encrypted.length - 1]) {
      const bytes = encrypted.slice();
      bytes[position] = required(bytes[position]) ^ 0x04;
      const result = await readBundle(bytes, { passphrase: PASSPHRASE });
      expect([position, codeOf(result)]).not.toEqual([position, 'ok']);
    }
  });

  it('refuses arbitrary zips with arbitrary entries', async () => {
    const entryName = fc.oneof(
      fc.constantFrom('manifest.json', 'changes.json', 'template.json', `attachments/${'0'.repeat(64)}`),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: entryName, data: fc.uint8Array({ maxLength: 200 }), method: fc.constantFrom<0 | 8>(0, 8) }), { maxLength: 6 }),
        async (entries) => {
          const result = await readBundle(rawZip(entries), {});
          expect(result.ok).toBe(false);
          if (!result.ok) expect(codes.has(result.error.code)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses valid-looking manifests with random JSON in changes and template', async () => {
    const entries = entriesOf(plain);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('changes.json', 'template.json', 'manifest.json'), async (value, target) => {
        const replaced = entries.map((entry) => (entry.name === target ? { ...entry, data: strToU8(JSON.stringify(value) ?? 'null') } : entry));
        const result = await readBundle(rawZip(replaced), {});
        expect(result.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
