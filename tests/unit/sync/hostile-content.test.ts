import { strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { restoreFullBackup } from '../../../renderer/src/backups/backup-service';
import { FULL_BACKUP_MANIFEST } from '../../../renderer/src/backups/full-backup-format';
import { importMissionFile } from '../../../renderer/src/files/mission-file-io';
import { importTemplateFile } from '../../../renderer/src/screens/template-import';
import { importBundle } from '../../../renderer/src/sync/sync-service';
import type { Bridge } from '../../../shared/ipc-contract';
import { formatStamp } from '../../../shared/hlc';
import { MAX_JSON_DEPTH, MAX_TEXT_LENGTH } from '../../../shared/input-limits';
import { fail, ok } from '../../../shared/result';
import { readBundle, writeBundle } from '../../../shared/sync/bundle';
import { databaseHash } from './database-hash';
import { device, tinyTemplate } from './device-kit';

/**
 * Content nested too deep or too long, in every container that reaches the app: a bundle's
 * three JSON entries, a full backup's manifest, a mission file, a template. Each is refused with
 * the limit's message, before the schemas recurse into it, and the database is left as it was.
 */

const MISSION = 'mission-1';
const DEEP = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
const LONG = JSON.stringify('n'.repeat(MAX_TEXT_LENGTH + 1));

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function validBundle(): Promise<Uint8Array> {
  const hlc = formatStamp(1_700_000_000_000, 0, 'device-1');
  return writeBundle({
    manifest: { missionId: MISSION, missionTitle: 'Test mission', templateId: tinyTemplate.id, templateVersion: tinyTemplate.version, createdAt: '2024-05-01T10:00:00Z', device: 'device-1', member: null, scope: 'since', senderVector: { 'device-1': hlc } },
    changes: [{ entity: 'finding', id: 'finding-1', missionId: MISSION, field: 'narrative', value: 'seen', hlc, device: 'device-1', member: null, base: null }],
    template: tinyTemplate,
    attachments: new Map(),
  });
}

/** The marker a test puts where the hostile JSON text goes (text, so it can nest beyond what JSON.stringify builds). */
const HOSTILE = '__hostile__';

function withHostile(value: unknown, hostileJson: string): string {
  const text = JSON.stringify(value);
  if (!text.includes(`"${HOSTILE}"`)) throw new Error('the test put no marker in the document');
  return text.replace(`"${HOSTILE}"`, hostileJson);
}

type Entry = 'manifest.json' | 'changes.json' | 'template.json';

/**
 * The valid bundle with `edit` putting the marker into one entry, which then carries
 * `hostileJson` there; the manifest's checksums are made to match, so the reader gets as far as
 * parsing the edited entry.
 */
async function bundleWith(entry: Entry, edit: (value: Record<string, unknown> & unknown[]) => void, hostileJson: string): Promise<Uint8Array> {
  const files = unzipSync(await validBundle());
  const parse = (name: string): Record<string, unknown> & unknown[] => JSON.parse(new TextDecoder().decode(files[name])) as Record<string, unknown> & unknown[];
  const value = parse(entry);
  edit(value);
  files[entry] = strToU8(withHostile(value, hostileJson));
  if (entry !== 'manifest.json') {
    const manifest = parse('manifest.json');
    manifest[entry === 'changes.json' ? 'changesSha256' : 'templateSha256'] = sha256(files[entry] as Uint8Array);
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
  }
  return zipSync(files);
}

function bridgeOpening(fileName: string, text: string): Bridge {
  return {
    host: 'electron',
    invoke: (channel) => Promise.resolve(channel === 'file:open' ? ok({ canceled: false as const, fileName, data: strToU8(text) as Uint8Array<ArrayBuffer> }) : fail('unsupported', channel)),
  } as Bridge;
}

// In a bundle the streaming scanner (shared/json-stream-scanner.ts) stops these while the entry
// unpacks, before JSON.parse and the path-naming walk are reached: memory stays bounded, at the
// cost of a message without the path.
describe('a bundle whose JSON goes beyond the limits', () => {
  const inChange = (changes: unknown[]): void => {
    (changes[0] as Record<string, unknown>)['value'] = HOSTILE;
  };
  const cases: [string, Entry, (value: Record<string, unknown> & unknown[]) => void, string, RegExp][] = [
    ['a change value nested 5,000 deep', 'changes.json', inChange, DEEP, /^The bundle's changes\.json was refused: it is nested more than 64 levels deep/],
    ['an over-long narrative', 'changes.json', inChange, LONG, /^The bundle's changes\.json was refused: it holds a text longer than 1,000,000 characters, the limit for any text\.$/],
    ['a template nested too deep', 'template.json', (template) => void (template['framework'] = HOSTILE), DEEP, /^The bundle's template\.json was refused: it is nested more than 64 levels deep/],
    ['a manifest with an over-long title', 'manifest.json', (manifest) => void (manifest['missionTitle'] = HOSTILE), LONG, /^The bundle's manifest\.json was refused: it holds a text longer than 1,000,000 characters/],
  ];
  for (const [what, entry, edit, hostileJson, message] of cases) {
    it(`is refused as invalid: ${what}`, async () => {
      const bytes = await bundleWith(entry, edit, hostileJson);
      const result = await readBundle(bytes);
      expect(result).toEqual({ ok: false, error: { code: 'invalid', message: expect.stringMatching(message) } });
    });
  }

  it('leaves the database as it was when the app imports one', async () => {
    const receiver = await device();
    const before = await databaseHash(receiver.db);
    const result = await importBundle(receiver.db, receiver.repo, await bundleWith('changes.json', (changes) => void ((changes[0] as Record<string, unknown>)['value'] = HOSTILE), DEEP), {});
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(`nested more than ${MAX_JSON_DEPTH} levels deep`) } });
    expect(await databaseHash(receiver.db)).toBe(before);
  });
});

describe('a full backup whose manifest goes beyond the limits', () => {
  it('is refused with the limit and the path, and nothing is restored', async () => {
    const receiver = await device();
    const before = await databaseHash(receiver.db);
    const manifest = withHostile({ format: 'mission-kit/full-backup', formatVersion: 1, createdAt: '2026-03-04T10:00:00Z', missions: HOSTILE }, DEEP);
    const zip = zipSync({ 'missions/1.mkbundle': [await validBundle(), { level: 0 }], [FULL_BACKUP_MANIFEST]: strToU8(manifest) });
    const result = await restoreFullBackup({ repository: receiver.repo }, zip);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringMatching(/^The backup's mission-kit-backup\.json is not valid: missions(\[0\])+: nested more than 64 levels deep/) },
    });
    expect(await databaseHash(receiver.db)).toBe(before);
  });
});

describe('files opened in the app beyond the limits', () => {
  it('a mission file nested 5,000 deep is shown as invalid with its path, and nothing is imported', async () => {
    const receiver = await device();
    const before = await databaseHash(receiver.db);
    const text = withHostile({ format: 'mission-kit/mission', formatVersion: 1, changes: [{ value: HOSTILE }] }, DEEP);
    const outcome = await importMissionFile(bridgeOpening('deep.mission.json', text), receiver.repo);
    expect(outcome).toEqual({
      kind: 'invalid',
      fileName: 'deep.mission.json',
      problems: [{ path: `changes[0].value${'[0]'.repeat(MAX_JSON_DEPTH - 3)}`, message: expect.stringContaining(`nested more than ${MAX_JSON_DEPTH} levels deep`) }],
    });
    expect(await databaseHash(receiver.db)).toBe(before);
  });

  it('a template with an over-long title is shown as invalid, and nothing is stored', async () => {
    const receiver = await device();
    const before = await databaseHash(receiver.db);
    const text = withHostile({ ...tinyTemplate, id: 'long', title: HOSTILE }, LONG);
    const outcome = await importTemplateFile(bridgeOpening('long.json', text), receiver.repo);
    expect(outcome).toEqual({ kind: 'invalid', fileName: 'long.json', problems: [{ path: 'title', message: 'text of 1,000,001 characters is longer than the limit of 1,000,000 characters' }] });
    expect(await databaseHash(receiver.db)).toBe(before);
  });
});
