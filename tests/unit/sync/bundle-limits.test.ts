/**
 * Every size limit of a bundle (bundle-format.ts), each refused by readBundle with its own
 * message and before anything is unpacked; and a text beyond the input limit refused while
 * changes.json is still unpacking, plain or encrypted, at exactly the limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { strToU8 } from 'fflate';
import { formatStamp } from '../../../shared/hlc';
import { MAX_TEXT_LENGTH } from '../../../shared/input-limits';
import type { Change } from '../../../shared/schemas/change';
import type { Template } from '../../../shared/schemas/template';
import { BUILTIN_TEMPLATES } from '../../../shared/templates/builtin-templates';
import { encryptBundleBytes } from '../../../shared/sync/bundle-crypto';
import {
  MAX_ATTACHMENT_ENTRY_BYTES,
  MAX_BUNDLE_ENTRIES,
  MAX_BUNDLE_FILE_BYTES,
  MAX_CHANGES_ENTRY_BYTES,
  MAX_MANIFEST_ENTRY_BYTES,
  MAX_TEMPLATE_ENTRY_BYTES,
  MIN_PBKDF2_ITERATIONS,
  formatByteSize,
  readBundle,
  writeBundle,
  type BundleInput,
  type BundleReadResult,
} from '../../../shared/sync/bundle';
import { deflateRepeated, entriesOf, narrativeBombBundle, rawZip, repeatedEntry, zeros, type RawEntry } from '../../fixtures/hostile-zip';

const MIB = 1024 * 1024;
const MISSION = 'mission-1';
const template = BUILTIN_TEMPLATES[BUILTIN_TEMPLATES.length - 1] as Template;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A small valid bundle whose first text change is a finding's narrative. */
function input(): BundleInput {
  const changes: Change[] = ['finding-1', 'finding-2'].map((id, i) => ({
    entity: 'finding',
    id,
    missionId: MISSION,
    field: 'narrative',
    value: `narrative of ${id}`,
    hlc: formatStamp(1_700_000_000_000 + i, 0, 'device-1'),
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
      scope: 'since',
      senderVector: { 'device-1': formatStamp(1_700_000_000_001, 0, 'device-1') },
    },
    changes,
    template,
    attachments: new Map([[sha256(strToU8('a photo')), strToU8('a photo')]]),
  };
}

function refused(result: BundleReadResult): { code: string; message: string } {
  if (result.ok) throw new Error('the bundle was read, but it should have been refused');
  return result.error;
}

let plain: Uint8Array;

beforeAll(async () => {
  plain = await writeBundle(input());
  const check = await readBundle(plain);
  if (!check.ok) throw new Error(check.error.message);
});

/** The bundle's entries with one replaced or added. */
function withEntry(extra: RawEntry): Uint8Array {
  const entries = entriesOf(plain).filter((entry) => entry.name !== extra.name);
  return rawZip([...entries, extra]);
}

describe('size limits, checked before anything is unpacked', () => {
  it('refuses a file larger than 512 MiB before looking inside', async () => {
    // Allocated, never written: the pages stay untouched, so this costs no real memory.
    const huge = new Uint8Array(MAX_BUNDLE_FILE_BYTES + MIB);
    huge.set(strToU8('PK'));
    expect(refused(await readBundle(huge))).toEqual({ code: 'hostile', message: 'The bundle was refused as too large: the file is 513 MiB, more than the limit of 512 MiB.' });
  });

  it(`refuses more than ${MAX_BUNDLE_ENTRIES.toLocaleString('en')} entries`, async () => {
    // The bundle holds 4 entries: one more than the limit in all.
    const extra: RawEntry[] = Array.from({ length: MAX_BUNDLE_ENTRIES - 3 }, (_, index) => ({
      name: `attachments/${index.toString(16).padStart(64, '0')}`,
      data: new Uint8Array(0),
      method: 0,
    }));
    const zip = rawZip([...entriesOf(plain), ...extra]);
    expect(refused(await readBundle(zip))).toEqual({ code: 'hostile', message: 'The bundle was refused as too large: the zip holds 50,004 entries, more than the limit of 50,003.' });
  });

  it.each([
    ['manifest.json', MAX_MANIFEST_ENTRY_BYTES, 'manifest.json'],
    ['template.json', MAX_TEMPLATE_ENTRY_BYTES, 'template.json'],
    [`attachments/${sha256(strToU8('a photo'))}`, MAX_ATTACHMENT_ENTRY_BYTES, 'an attachment'],
  ])('refuses a %s that would unpack to more than its limit, naming it', async (name, limit, what) => {
    const zip = withEntry(repeatedEntry(name, zeros(limit + MIB), 0));
    expect(refused(await readBundle(zip))).toEqual({
      code: 'hostile',
      message: `The bundle was refused as too large: its entry ${JSON.stringify(name)} would unpack to ${formatByteSize(limit + MIB)}, more than the limit of ${formatByteSize(limit)} for ${what}.`,
    });
  });

  it('refuses a changes.json of more than 256 MiB, the largest entry any bundle may hold', async () => {
    const zip = withEntry(repeatedEntry('changes.json', zeros(MAX_CHANGES_ENTRY_BYTES + MIB), 0));
    expect(refused(await readBundle(zip))).toEqual({
      code: 'hostile',
      message: 'The bundle was refused as too large: the zip entry "changes.json" would unpack to 257 MiB, more than the limit of 256 MiB for one entry.',
    });
  });

  it('refuses entries that together would unpack to more than 500 MiB', async () => {
    // Eleven attachments of 50 MiB: each within its limit, together over the total.
    const stream = deflateRepeated(zeros(MAX_ATTACHMENT_ENTRY_BYTES));
    const attachments: RawEntry[] = Array.from({ length: 11 }, (_, index) => ({
      name: `attachments/${String(index).padStart(64, 'f')}`,
      data: new Uint8Array(0),
      compressed: stream,
      declaredSize: MAX_ATTACHMENT_ENTRY_BYTES,
      crc: 0,
    }));
    const zip = rawZip([...entriesOf(plain), ...attachments]);
    expect(zip.length).toBeLessThan(4 * MIB);
    expect(refused(await readBundle(zip))).toEqual({
      code: 'hostile',
      message: 'The bundle was refused as too large: it would unpack to 550 MiB, more than the limit of 500 MiB (a zip bomb?).',
    });
  });
});

describe('duplicate names', () => {
  it('refuses two names that differ only by case, whichever comes first', async () => {
    const [photo] = [...input().attachments.keys()];
    const upper = `ATTACHMENTS/${photo}`;
    for (const zip of [withEntry({ name: upper, data: strToU8('x') }), rawZip([{ name: upper, data: strToU8('x') }, ...entriesOf(plain)])]) {
      const error = refused(await readBundle(zip));
      expect(error.code).toBe('hostile');
      expect(error.message).toMatch(/^The bundle was refused as unsafe: the zip holds two entries, "[^"]+" and "[^"]+", that would unpack to the same file\.$/);
      expect(error.message).toContain(upper);
    }
  });

  it('refuses a backslash twin of an entry', async () => {
    const error = refused(await readBundle(rawZip([...entriesOf(plain), { name: 'attachments\\' + [...input().attachments.keys()].join(''), data: strToU8('x') }])));
    expect(error.message).toContain('that would unpack to the same file');
  });
});

describe('texts beyond the input limit, refused while changes.json unpacks', () => {
  const message = `The bundle's changes.json was refused: it holds a text longer than ${MAX_TEXT_LENGTH.toLocaleString('en')} characters, the limit for any text.`;

  it(`reads a narrative of exactly ${MAX_TEXT_LENGTH.toLocaleString('en')} characters and refuses one more`, async () => {
    const atLimit = await readBundle(narrativeBombBundle(plain, MAX_TEXT_LENGTH));
    if (!atLimit.ok) throw new Error(atLimit.error.message);
    expect(atLimit.bundle.changes[0]?.value).toHaveLength(MAX_TEXT_LENGTH);
    expect(refused(await readBundle(narrativeBombBundle(plain, MAX_TEXT_LENGTH + 1)))).toEqual({ code: 'invalid', message });
  });

  it('refuses a 100 MB narrative packed into a small file', async () => {
    const bomb = narrativeBombBundle(plain, 100_000_000);
    expect(bomb.length).toBeLessThan(MIB);
    expect(refused(await readBundle(bomb))).toEqual({ code: 'invalid', message });
  });

  it('refuses it the same way inside an encrypted bundle (decrypted first, then unpacked under the same limits)', async () => {
    const bomb = narrativeBombBundle(plain, 100_000_000);
    const sealed = await encryptBundleBytes(bomb, 'a passphrase', MIN_PBKDF2_ITERATIONS);
    expect(refused(await readBundle(sealed, { passphrase: 'a passphrase' }))).toEqual({ code: 'invalid', message });
  });

  it('refuses a changes.json nested deeper than the input limit', async () => {
    const entries = entriesOf(plain);
    const changes = new TextDecoder().decode(entries.find((entry) => entry.name === 'changes.json')?.data);
    const deep = changes.replace('"narrative of finding-1"', `${'['.repeat(70)}${']'.repeat(70)}`);
    expect(deep).not.toBe(changes);
    const zip = rawZip(entries.map((entry) => (entry.name === 'changes.json' ? { name: 'changes.json', data: strToU8(deep) } : entry)));
    expect(refused(await readBundle(zip))).toEqual({
      code: 'invalid',
      message: "The bundle's changes.json was refused: it is nested more than 64 levels deep (arrays and objects inside each other); Mission Kit reads at most 64.",
    });
  });
});
