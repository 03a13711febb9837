import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { formatStamp } from '../../../shared/hlc';
import { MAX_JSON_DEPTH, MAX_MISSION_FILE_BYTES, MAX_TEMPLATE_FILE_BYTES, MAX_TEXT_LENGTH } from '../../../shared/input-limits';
import { makeTempIo, SCHENGEN_SAMPLE } from './cli-test-io';

/**
 * Files that used to end in "unexpected error" (a TypeError from a schema check, "Maximum call
 * stack size exceeded" from 5,000 levels of nesting): each now gets its problem line with the
 * path and exit status 1, and nothing is written.
 */

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;
let demo: Record<string, unknown>;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
  expect((await runCli(['demo', '--out', 'demo.json'], io)).exitCode).toBe(0);
  demo = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8')) as Record<string, unknown>;
});
afterEach(() => cleanUp());

/** The demo mission with one change whose value is `valueJson` (JSON text, nested as deep as wanted). */
function demoWithChangeValue(valueJson: string): string {
  const mission = demo['mission'] as { id: string };
  const change = { entity: 'finding', id: 'finding-x', missionId: mission.id, field: 'narrative', value: 0, hlc: formatStamp(1_436_860_800_000, 0, 'device-1'), device: 'device-1', member: null, base: null };
  return JSON.stringify({ ...demo, changes: [change] }).replace('"value":0', `"value":${valueJson}`);
}

const DEEP_PATH = `changes[0].value${'[0]'.repeat(MAX_JSON_DEPTH - 3)}`;

describe('mission-kit validate on hostile files', () => {
  it('refuses 5,000 levels of nesting in changes[].value with the depth limit and exit 1', async () => {
    await writeFile(path.join(folder, 'deep.json'), demoWithChangeValue(`${'['.repeat(5000)}1${']'.repeat(5000)}`));
    const result = await runCli(['validate', 'deep.json'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `deep.json: ${DEEP_PATH}: nested more than ${MAX_JSON_DEPTH} levels deep (arrays and objects inside each other); Mission Kit reads at most ${MAX_JSON_DEPTH}\n`,
    });
  });

  it('lists the missing parts of {"format":"mission-kit/template"} instead of an unexpected error', async () => {
    await writeFile(path.join(folder, 'bare.json'), '{"format":"mission-kit/template"}');
    const result = await runCli(['validate', 'bare.json'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).not.toContain('unexpected error');
    expect(result.stderr.split('\n')).toEqual(expect.arrayContaining(['bare.json: scale: Invalid input: expected object, received undefined', 'bare.json: blocks: Invalid input: expected array, received undefined']));
  });

  it('says the template is missing from a mission file without one', async () => {
    const { template: _template, ...withoutTemplate } = demo;
    await writeFile(path.join(folder, 'no-template.json'), JSON.stringify(withoutTemplate));
    const result = await runCli(['validate', 'no-template.json'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'no-template.json: template: Invalid input: expected object, received undefined\n' });
  });

  it('refuses a narrative over the text limit, naming the finding', async () => {
    const findings = demo['findings'] as Record<string, unknown>[];
    findings[0] = { ...findings[0], narrative: 'n'.repeat(MAX_TEXT_LENGTH + 1) };
    await writeFile(path.join(folder, 'long.json'), JSON.stringify(demo));
    const result = await runCli(['validate', 'long.json'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'long.json: findings[0].narrative: text of 1,000,001 characters is longer than the limit of 1,000,000 characters\n' });
  });

  it('refuses a template file over the template size limit', async () => {
    const text = await readFile(SCHENGEN_SAMPLE, 'utf8');
    // Valid JSON, a valid template, padded with spaces past the limit.
    const padded = `${text}${' '.repeat(MAX_TEMPLATE_FILE_BYTES - Buffer.byteLength(text) + 1)}`;
    await writeFile(path.join(folder, 'padded.json'), padded);
    const result = await runCli(['validate', 'padded.json'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'padded.json: (root): a template file of 8,388,609 bytes is larger than the limit of 8,388,608 bytes (8.0 MiB)\n' });
    // One byte less is read and checked as the template it is.
    await writeFile(path.join(folder, 'padded.json'), padded.slice(0, -1));
    expect(await runCli(['validate', 'padded.json'], io)).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('valid template') });
  });

  it('refuses a file over the mission file size limit before reading it', async () => {
    // A sparse file: the size is refused from stat, so nothing of it is read.
    const file = path.join(folder, 'huge.json');
    await writeFile(file, '');
    await truncate(file, MAX_MISSION_FILE_BYTES + 1024 * 1024);
    const result = await runCli(['validate', 'huge.json'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: cannot read huge.json: too large (257.0 MiB; at most 256.0 MiB)\n' });
  });
});

describe('mission-kit report on a hostile mission file', () => {
  it('refuses it with the problem line and writes no report', async () => {
    await writeFile(path.join(folder, 'deep.json'), demoWithChangeValue(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`));
    const before = await readdir(folder);
    const result = await runCli(['report', 'deep.json', '--out', 'report.docx'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^deep\.json: changes\[0\]\.value(\.a)+: nested more than 64 levels deep/);
    expect(await readdir(folder)).toEqual(before);
  });
});
