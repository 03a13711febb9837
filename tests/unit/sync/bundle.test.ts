import { describe, expect, it, beforeAll } from 'vitest';
import { createHash, webcrypto } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { formatStamp } from '../../../shared/hlc';
import type { Change } from '../../../shared/schemas/change';
import { BUILTIN_TEMPLATES } from '../../../shared/templates/builtin-templates';
import {
  BundleManifestSchema,
  MIN_PBKDF2_ITERATIONS,
  bundleInfo,
  formatBundleInfo,
  isEncryptedBundle,
  readBundle,
  writeBundle,
  type BundleInput,
  type BundleManifest,
  type BundleReadResult,
} from '../../../shared/sync/bundle';

const template = required(BUILTIN_TEMPLATES.find((candidate) => candidate.id === 'schengen-evaluation-sample'));
const MISSION = 'mission-kosovo-2015';

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('test fixture is missing a value');
  return value;
}

function removeEntry(files: Record<string, Uint8Array>, name: string): void {
  Reflect.deleteProperty(files, name);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function change(index: number, overrides: Partial<Change> = {}): Change {
  return {
    entity: 'finding',
    id: `finding-${index}`,
    missionId: MISSION,
    field: 'narrative',
    value: `Observation ${index}: the border police at Merdare/Merdarë check every document — «ok» ✓`,
    hlc: formatStamp(1_436_745_600_000 + index, 0, 'laptop-a'),
    device: 'laptop-a',
    member: 'expert-1',
    base: null,
    ...overrides,
  };
}

const photo = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)]);
const statistics = strToU8('returnees,1542\nregistered,2744\n'.repeat(50));

function input(overrides: Partial<BundleInput> = {}): BundleInput {
  const attachments = new Map([
    [sha256(photo), photo],
    [sha256(statistics), statistics],
  ]);
  return {
    manifest: {
      missionId: MISSION,
      missionTitle: 'Kosovo visa roadmap — on-site assessment, July 2015',
      templateId: template.id,
      templateVersion: template.version,
      createdAt: '2015-07-16T18:30:00.000Z',
      device: 'laptop-a',
      member: 'expert-1',
      scope: 'since',
      senderVector: { 'laptop-a': formatStamp(1_436_745_600_009, 0, 'laptop-a') },
    },
    changes: Array.from({ length: 10 }, (_, i) => change(i)),
    template,
    attachments,
    ...overrides,
  };
}

function expectError(result: BundleReadResult, code: string): string {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.message.length).toBeGreaterThan(20);
  return result.error.message;
}

/** Unzips with fflate (an independent reader), lets the test change entries, zips again. */
function rezip(bundle: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bundle);
  edit(files);
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) zippable[name] = bytes;
  return zipSync(zippable);
}

function editManifest(bundle: Uint8Array, edit: (manifest: Record<string, unknown>) => void): Uint8Array {
  return rezip(bundle, (files) => {
    const manifest = JSON.parse(strFromU8(required(files['manifest.json']))) as Record<string, unknown>;
    edit(manifest);
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
  });
}

let plain: Uint8Array;
let encrypted: Uint8Array;

beforeAll(async () => {
  plain = await writeBundle(input());
  encrypted = await writeBundle(input(), { passphrase: 'Merdare border crossing 2015', iterations: MIN_PBKDF2_ITERATIONS });
});

describe('bundle round trip', () => {
  it('reads back exactly what was written, without a passphrase', async () => {
    expect(strFromU8(plain.subarray(0, 2), true)).toBe('PK');
    expect(isEncryptedBundle(plain)).toBe(false);
    const result = await readBundle(plain, { expectedMissionId: MISSION });
    if (!result.ok) throw new Error(result.error.message);
    const { manifest, changes, template: readTemplate, attachments } = result.bundle;
    expect(changes).toEqual(input().changes);
    expect(readTemplate).toEqual(template);
    expect(attachments).toEqual(input().attachments);
    expect(manifest).toMatchObject({
      format: 'mission-kit/bundle',
      formatVersion: 1,
      missionId: MISSION,
      scope: 'since',
      member: 'expert-1',
      counts: { changes: 10, attachments: 2 },
      senderVector: input().manifest.senderVector,
    });
    expect(manifest.attachments).toEqual(
      [
        { sha256: sha256(photo), size: photo.length },
        { sha256: sha256(statistics), size: statistics.length },
      ].sort((a, b) => a.sha256.localeCompare(b.sha256)),
    );
    // The hashes in the manifest are those of the exact entry bytes, checked here with Node's hash.
    const files = unzipSync(plain);
    expect(manifest.changesSha256).toBe(sha256(required(files['changes.json'])));
    expect(manifest.templateSha256).toBe(sha256(required(files['template.json'])));
  });

  it('reads back exactly what was written, with a passphrase (600,000 PBKDF2 rounds)', async () => {
    expect(strFromU8(encrypted.subarray(0, 4), true)).toBe('MKBE');
    expect(encrypted[4]).toBe(1);
    expect(new DataView(encrypted.buffer, encrypted.byteOffset).getUint32(33, false)).toBe(600_000);
    expect(isEncryptedBundle(encrypted)).toBe(true);
    const result = await readBundle(encrypted, { passphrase: 'Merdare border crossing 2015' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.bundle.changes).toEqual(input().changes);
    expect(result.bundle.template).toEqual(template);
    expect(result.bundle.attachments).toEqual(input().attachments);
  });

  it('accepts the passphrase typed with decomposed accents (NFC normalisation)', async () => {
    const sealed = await writeBundle(input({ changes: [] }), { passphrase: 'Merdarë' });
    const result = await readBundle(sealed, { passphrase: 'Merdare\u0308' });
    expect(result.ok).toBe(true);
  });

  it('reads a bundle that sits at an odd offset inside a larger buffer (a Node Buffer from a pool)', async () => {
    const backing = new Uint8Array(plain.length + 13);
    backing.set(plain, 7);
    const result = await readBundle(Buffer.from(backing.buffer, 7, plain.length), {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.bundle.changes).toEqual(input().changes);
    const sealed = new Uint8Array(encrypted.length + 5);
    sealed.set(encrypted, 3);
    expect((await readBundle(sealed.subarray(3, 3 + encrypted.length), { passphrase: 'Merdare border crossing 2015' })).ok).toBe(true);
  });

  it('writes a bundle with no changes and no attachments', async () => {
    const empty = await writeBundle(input({ changes: [], attachments: new Map() }));
    const result = await readBundle(empty, {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.bundle.changes).toEqual([]);
    expect(result.bundle.attachments.size).toBe(0);
    expect(result.bundle.manifest.counts).toEqual({ changes: 0, attachments: 0 });
  });

  it('is a zip other tools can open, with exactly the documented entries', () => {
    const names = Object.keys(unzipSync(plain)).sort();
    expect(names).toEqual(['attachments/' + sha256(photo), 'attachments/' + sha256(statistics), 'changes.json', 'manifest.json', 'template.json'].sort());
    const manifest = BundleManifestSchema.parse(JSON.parse(strFromU8(required(unzipSync(plain)['manifest.json']))));
    expect(manifest.format).toBe('mission-kit/bundle');
  });

  it('includes each attachment once per content hash, whatever refers to it', async () => {
    const shared = strToU8('the same scanned passport page');
    const hash = sha256(shared);
    const evidence = [1, 2, 3].map((i) =>
      change(i, { entity: 'evidence', id: `evidence-${i}`, field: '*', value: { missionId: MISSION, findingId: 'finding-1', kind: 'attachment', fileName: `page-${i}.png`, sha256: hash, size: shared.length, mediaType: 'image/png', caption: '' } }),
    );
    const bundle = await writeBundle(input({ changes: evidence, attachments: new Map([[hash, shared]]) }));
    const names = Object.keys(unzipSync(bundle)).filter((name) => name.startsWith('attachments/'));
    expect(names).toEqual([`attachments/${hash}`]);
    const result = await readBundle(bundle, {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.bundle.manifest.attachments).toEqual([{ sha256: hash, size: shared.length }]);
    expect(result.bundle.attachments.get(hash)).toEqual(shared);
  });

  it('summarises a bundle for "mission-kit bundle info"', async () => {
    const result = await bundleInfo(encrypted, 'Merdare border crossing 2015');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.info).toMatchObject({
      encrypted: true,
      fileBytes: encrypted.length,
      changesByEntity: { finding: 10 },
      devices: ['laptop-a'],
      attachmentBytes: photo.length + statistics.length,
    });
    expect(result.info.firstStamp).toBe(change(0).hlc);
    expect(result.info.lastStamp).toBe(change(9).hlc);
    const text = formatBundleInfo(result.info);
    expect(text).toContain('Kosovo visa roadmap');
    expect(text).toContain('Changes:     10 (10 finding)');
    expect(text).toContain('Encrypted:   yes');
    expect((await bundleInfo(encrypted)).ok).toBe(false);
  });
});

describe('writing refuses programming errors', () => {
  it('throws for an attachment whose bytes do not hash to its key', async () => {
    const wrong = new Map([[sha256(photo), statistics]]);
    await expect(writeBundle(input({ attachments: wrong }))).rejects.toThrow(/does not match its bytes/);
    await expect(writeBundle(input({ attachments: new Map([['ABC', photo]]) }))).rejects.toThrow(/not a lowercase hex SHA-256/);
  });

  it('throws for a change of another mission, a mismatched template or an invalid manifest', async () => {
    await expect(writeBundle(input({ changes: [change(1, { missionId: 'other' })] }))).rejects.toThrow(/belongs to mission "other"/);
    await expect(writeBundle(input({ manifest: { ...input().manifest, templateVersion: 99 } }))).rejects.toThrow(/version 99/);
    await expect(writeBundle(input({ manifest: { ...input().manifest, createdAt: 'yesterday' } }))).rejects.toThrow(/createdAt/);
    await expect(writeBundle(input({ changes: [change(1, { hlc: 'noon' })] }))).rejects.toThrow(/\[0\]\.hlc/);
  });

  it('throws for an empty passphrase or too few PBKDF2 rounds', async () => {
    await expect(writeBundle(input(), { passphrase: '' })).rejects.toThrow(/must not be empty/);
    await expect(writeBundle(input(), { passphrase: 'x', iterations: 1000 })).rejects.toThrow(/600000/);
  });
});

describe('reading refuses bad bundles with a code and a plain message', () => {
  it('refuses what is not a bundle', async () => {
    expectError(await readBundle(new Uint8Array(0), {}), 'not-a-bundle');
    expect(expectError(await readBundle(strToU8('%PDF-1.7 a report'), {}), 'not-a-bundle')).toContain('"PK"');
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(expectError(await readBundle(docx, {}), 'not-a-bundle')).toContain('no manifest.json');
    const otherFormat = editManifest(plain, (manifest) => (manifest['format'] = 'mission-kit/template'));
    expect(expectError(await readBundle(otherFormat, {}), 'not-a-bundle')).toContain('mission-kit/template');
  });

  it('asks for the passphrase of an encrypted bundle', async () => {
    expect(expectError(await readBundle(encrypted, {}), 'needs-passphrase')).toContain('encrypted');
    expectError(await readBundle(encrypted, { passphrase: '' }), 'needs-passphrase');
  });

  it('says "wrong passphrase, or the bundle was damaged" when decryption fails', async () => {
    expect(expectError(await readBundle(encrypted, { passphrase: 'Merdare border crossing 2016' }), 'wrong-passphrase')).toContain(
      'wrong passphrase, or the bundle was damaged',
    );
    const damaged = encrypted.slice();
    damaged[damaged.length - 100] = required(damaged[damaged.length - 100]) ^ 0x01;
    expectError(await readBundle(damaged, { passphrase: 'Merdare border crossing 2015' }), 'wrong-passphrase');
    // The header is authenticated too: another nonce fails like a wrong passphrase.
    const otherNonce = encrypted.slice();
    otherNonce[25] = required(otherNonce[25]) ^ 0x80;
    expectError(await readBundle(otherNonce, { passphrase: 'Merdare border crossing 2015' }), 'wrong-passphrase');
  });

  it('refuses encrypted files that declare too few or absurdly many PBKDF2 rounds, before deriving a key', async () => {
    for (const rounds of [1, 1000, 599_999, 10_000_001, 0xffffffff]) {
      const forged = encrypted.slice();
      new DataView(forged.buffer).setUint32(33, rounds, false);
      const message = expectError(await readBundle(forged, { passphrase: 'Merdare border crossing 2015' }), 'hostile');
      expect(message).toContain(rounds.toLocaleString('en'));
    }
  });

  it('refuses a well-formed encrypted bundle sealed with a weak test-only round count', async () => {
    // Sealed here with Node's WebCrypto exactly as the format says, but with 1,000 rounds.
    const zip = plain;
    const header = new Uint8Array(37);
    header.set(strToU8('MKBE'), 0);
    header[4] = 1;
    header.set(webcrypto.getRandomValues(new Uint8Array(28)), 5);
    new DataView(header.buffer).setUint32(33, 1000, false);
    const material = await webcrypto.subtle.importKey('raw', strToU8('weak'), 'PBKDF2', false, ['deriveKey']);
    const key = await webcrypto.subtle.deriveKey(
      { name: 'PBKDF2', salt: header.slice(5, 21), iterations: 1000, hash: 'SHA-256' },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt'],
    );
    const sealed = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv: header.slice(21, 33), additionalData: header }, key, zip));
    const file = new Uint8Array(37 + sealed.length);
    file.set(header);
    file.set(sealed, 37);
    expectError(await readBundle(file, { passphrase: 'weak' }), 'hostile');
  });

  it('refuses an encrypted bundle of an unknown encryption version', async () => {
    const future = encrypted.slice();
    future[4] = 2;
    expect(expectError(await readBundle(future, { passphrase: 'x' }), 'not-a-bundle')).toContain('version 2');
  });

  it('names both missions when the bundle belongs to another one', async () => {
    const message = expectError(
      await readBundle(plain, { expectedMissionId: 'mission-moldova-2013', expectedMissionTitle: 'Moldova visa action plan' }),
      'wrong-mission',
    );
    expect(message).toContain(MISSION);
    expect(message).toContain('Kosovo visa roadmap');
    expect(message).toContain('mission-moldova-2013');
    expect(message).toContain('Moldova visa action plan');
    expect(expectError(await readBundle(plain, { expectedMissionId: 'mission-moldova-2013' }), 'wrong-mission')).toContain('mission-moldova-2013');
  });

  it('detects altered attachment bytes', async () => {
    const tampered = rezip(plain, (files) => {
      const name = `attachments/${sha256(statistics)}`;
      const bytes = required(files[name]).slice();
      bytes[10] = required(bytes[10]) ^ 0x20; // same size, other content
      files[name] = bytes;
    });
    expect(expectError(await readBundle(tampered, {}), 'tampered')).toContain(sha256(statistics));
  });

  it('detects an altered changes.json', async () => {
    const tampered = rezip(plain, (files) => {
      const changes = JSON.parse(strFromU8(required(files['changes.json']))) as Change[];
      required(changes[3]).value = 'a quieter narrative';
      files['changes.json'] = strToU8(JSON.stringify(changes));
    });
    expect(expectError(await readBundle(tampered, {}), 'tampered')).toContain('changes.json');
  });

  it('detects an altered template.json', async () => {
    const tampered = rezip(plain, (files) => {
      files['template.json'] = strToU8(strFromU8(required(files['template.json'])).replace('Schengen', 'Shengen'));
    });
    expect(expectError(await readBundle(tampered, {}), 'tampered')).toContain('template.json');
  });

  it('detects counts that do not match', async () => {
    const changeCount = editManifest(plain, (manifest) => ((manifest['counts'] as { changes: number }).changes = 9));
    expect(expectError(await readBundle(changeCount, {}), 'tampered')).toMatch(/counts 9 changes, but changes.json holds 10/);
    const attachmentCount = editManifest(plain, (manifest) => ((manifest['counts'] as { attachments: number }).attachments = 3));
    expect(expectError(await readBundle(attachmentCount, {}), 'tampered')).toMatch(/counts 3 attachments but lists 2/);
    const size = editManifest(plain, (manifest) => (required((manifest['attachments'] as BundleManifest['attachments'])[0]).size += 1));
    expectError(await readBundle(size, {}), 'tampered');
  });

  it('detects attachments the manifest does not list, and reports listed ones that are missing', async () => {
    const extra = strToU8('smuggled');
    const smuggled = rezip(plain, (files) => (files[`attachments/${sha256(extra)}`] = extra));
    expect(expectError(await readBundle(smuggled, {}), 'tampered')).toContain(sha256(extra));
    const missing = rezip(plain, (files) => removeEntry(files, `attachments/${sha256(photo)}`));
    expect(expectError(await readBundle(missing, {}), 'truncated')).toContain(sha256(photo));
    const noChanges = rezip(plain, (files) => removeEntry(files, 'changes.json'));
    expect(expectError(await readBundle(noChanges, {}), 'truncated')).toContain('changes.json is missing');
  });

  it('names the JSON path of what fails the schemas', async () => {
    const manifest = editManifest(plain, (value) => {
      value['createdAt'] = 'last Tuesday';
      value['scope'] = 'some';
    });
    const message = expectError(await readBundle(manifest, {}), 'invalid');
    expect(message).toContain('manifest.json');
    expect(message).toContain('createdAt');
    expect(message).toContain('scope');

    const future = editManifest(plain, (value) => (value['formatVersion'] = 2));
    expect(expectError(await readBundle(future, {}), 'invalid')).toContain('newer Mission Kit');

    const badChange = await writeBundleWithRawChanges((changes) => (required(changes[4])['hlc'] = 'noon'));
    expect(expectError(await readBundle(badChange, {}), 'invalid')).toContain('[4].hlc');

    const notJson = await writeBundleWithRawText('[{"entity": "finding",');
    expect(expectError(await readBundle(notJson, {}), 'invalid')).toContain('not valid JSON');
  });

  it('refuses a change that belongs to another mission than the manifest', async () => {
    const stray = await writeBundleWithRawChanges((changes) => (required(changes[2])['missionId'] = 'mission-albania-2010'));
    const message = expectError(await readBundle(stray, {}), 'invalid');
    expect(message).toContain('[2]');
    expect(message).toContain('mission-albania-2010');
  });

  it('refuses a template that is not the one the manifest names', async () => {
    const other = required(BUILTIN_TEMPLATES.find((candidate) => candidate.id !== template.id));
    const bundle = rezip(plain, (files) => {
      files['template.json'] = strToU8(JSON.stringify(other));
    });
    const rehashed = editManifest(bundle, (manifest) => (manifest['templateSha256'] = sha256(strToU8(JSON.stringify(other)))));
    expect(expectError(await readBundle(rehashed, {}), 'invalid')).toContain(other.id);
  });
});

/** A bundle whose changes.json holds the edited JSON, with the manifest's hash updated to match. */
async function writeBundleWithRawChanges(edit: (changes: Record<string, unknown>[]) => void): Promise<Uint8Array> {
  const changes = input().changes.map((item) => ({ ...item }) as Record<string, unknown>);
  edit(changes);
  return writeBundleWithRawText(JSON.stringify(changes));
}

async function writeBundleWithRawText(text: string): Promise<Uint8Array> {
  const bytes = strToU8(text);
  const withChanges = rezip(plain, (files) => (files['changes.json'] = bytes));
  return editManifest(withChanges, (manifest) => (manifest['changesSha256'] = sha256(bytes)));
}
