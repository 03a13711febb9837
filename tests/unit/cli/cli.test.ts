import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { parseMissionFileText } from '../../../shared/mission-file';
import { buildKosovoDemo } from '../../../shared/demo/kosovo-2015-demo';
import { FIXED_NOW, makeTempIo, SCHENGEN_SAMPLE } from './cli-test-io';

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
});
afterEach(() => cleanUp());

describe('mission-kit demo', () => {
  it('writes the demo mission as a valid, pretty-printed mission file', async () => {
    const result = await runCli(['demo', '--out', 'demo.json'], io);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Wrote demo\.json\n/);
    expect(result.stdout).toContain('8 recommendations');

    const text = await readFile(path.join(folder, 'demo.json'), 'utf8');
    expect(text).toMatch(/^\{\n {2}"format": "mission-kit\/mission",\n/);
    const parsed = parseMissionFileText(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const demo = buildKosovoDemo();
    expect(parsed.file).toMatchObject({ formatVersion: 1, exportedAt: FIXED_NOW.toISOString(), changes: [] });
    expect(parsed.file.template).toMatchObject({ id: 'visa-roadmap-kosovo-2012', version: 1 });
    expect(parsed.file.mission).toEqual(demo.mission);
    expect(parsed.file.members).toEqual(demo.members);
    expect(parsed.file.findings).toHaveLength(demo.findings.length);
    expect(parsed.file.recommendations).toEqual(demo.recommendations);
  });

  it('refuses to overwrite an existing file unless --force is given', async () => {
    const file = path.join(folder, 'demo.json');
    await writeFile(file, 'keep me');

    const refused = await runCli(['demo', '--out', 'demo.json'], io);
    expect(refused).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: demo.json already exists; use --force to overwrite it\n' });
    expect(await readFile(file, 'utf8')).toBe('keep me');

    const forced = await runCli(['demo', '--out', 'demo.json', '--force'], io);
    expect(forced.exitCode).toBe(0);
    expect(parseMissionFileText(await readFile(file, 'utf8')).ok).toBe(true);
    // The atomic write leaves no temporary file behind.
    expect(await readdir(folder)).toEqual(['demo.json']);
  });

  it('says so when the folder to write into does not exist', async () => {
    const result = await runCli(['demo', '--out', 'missing/demo.json'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: cannot write missing/demo.json: no such folder\n' });
  });

  it('needs --out', async () => {
    const result = await runCli(['demo'], io);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('mission-kit: missing --out FILE.json to write the demo mission to\nRun "mission-kit demo --help" for usage.\n');
  });
});

describe('mission-kit validate', () => {
  it('accepts a valid template', async () => {
    const result = await runCli(['validate', SCHENGEN_SAMPLE], io);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `${SCHENGEN_SAMPLE}: valid template "Schengen evaluation — external borders (sample)" (version 1, 12 requirements)\n`,
      stderr: '',
    });
  });

  it('accepts a valid mission file', async () => {
    await runCli(['demo', '--out', 'demo.json'], io);
    const result = await runCli(['validate', 'demo.json'], io);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^demo\.json: valid mission "Kosovo — visa roadmap assessment mission, July 2015" \(template "visa-roadmap-kosovo-2012" version 1; 7 members, .*8 recommendations, 0 changes\)\n$/);
  });

  it('reports a missing file', async () => {
    const result = await runCli(['validate', 'nowhere.json'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: cannot read nowhere.json: no such file\n' });
  });

  it('reports a folder given as the file', async () => {
    const result = await runCli(['validate', '.'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: cannot read .: not a regular file\n' });
  });

  it('reports invalid JSON', async () => {
    await writeFile(path.join(folder, 'broken.json'), '{ "format": "mission-kit/template",');
    const result = await runCli(['validate', 'broken.json'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^broken\.json: \(root\): not valid JSON: .+\n$/);
  });

  it('reports each schema problem with its JSON path', async () => {
    const template = JSON.parse(await readFile(SCHENGEN_SAMPLE, 'utf8'));
    template.blocks[0].areas[0].requirements[1].id = template.blocks[0].areas[0].requirements[0].id;
    template.version = 0;
    await writeFile(path.join(folder, 'duplicate.json'), JSON.stringify(template));

    const result = await runCli(['validate', 'duplicate.json'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toContain('duplicate.json: blocks[0].areas[0].requirements[1].id: duplicate requirement id "border-checks-1"');
    expect(lines.some((line) => line.startsWith('duplicate.json: version: '))).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the format field when the format is unknown or missing', async () => {
    await writeFile(path.join(folder, 'other.json'), JSON.stringify({ format: 'something-else', title: 'x' }));
    await writeFile(path.join(folder, 'none.json'), JSON.stringify({ title: 'x' }));
    await writeFile(path.join(folder, 'list.json'), '[]');

    const other = await runCli(['validate', 'other.json'], io);
    expect(other).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'other.json: format: unknown format "something-else"; expected "mission-kit/template" or "mission-kit/mission"\n',
    });
    const none = await runCli(['validate', 'none.json'], io);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toMatch(/^none\.json: format: missing: .*"format" field/);
    const list = await runCli(['validate', 'list.json'], io);
    expect(list.exitCode).toBe(1);
    expect(list.stderr).toMatch(/^list\.json: \(root\): not a Mission Kit file/);
  });

  it('reports a mission file whose parts do not fit together', async () => {
    await runCli(['demo', '--out', 'demo.json'], io);
    const file = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8'));
    file.findings[0].authorId = 'nobody';
    await writeFile(path.join(folder, 'demo.json'), JSON.stringify(file));
    const result = await runCli(['validate', 'demo.json'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'demo.json: findings[0].authorId: "nobody" is not a member of the mission\n' });
  });

  it('checks every file it is given and fails if one is invalid', async () => {
    const result = await runCli(['validate', SCHENGEN_SAMPLE, 'nowhere.json'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('valid template');
    expect(result.stderr).toBe('mission-kit: cannot read nowhere.json: no such file\n');
  });
});

describe('usage', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('prints the usage text for %j', async (argv) => {
    const result = await runCli(argv, io);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: mission-kit <command> \[options\]\n/);
    for (const command of ['demo', 'validate', 'report']) expect(result.stdout).toContain(`  ${command} `);
  });

  it('prints a command usage for "help COMMAND" and "COMMAND --help"', async () => {
    expect((await runCli(['help', 'report'], io)).stdout).toMatch(/^Usage: mission-kit report MISSION\.json --out FILE\.docx/);
    expect(await runCli(['validate', '--help'], io)).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^Usage: mission-kit validate FILE/) });
  });

  it('prints the package version', async () => {
    expect(await runCli(['--version'], io)).toEqual({ exitCode: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    [['frobnicate'], 'mission-kit: unknown command "frobnicate" (commands: demo, validate, report, bundle, merge, hub)\nRun "mission-kit --help" for usage.\n'],
    [['--frobnicate'], 'mission-kit: unknown option --frobnicate\nRun "mission-kit --help" for usage.\n'],
    [['validate', '--strict', 'x.json'], 'mission-kit: unknown option --strict\nRun "mission-kit validate --help" for usage.\n'],
    [['validate'], 'mission-kit: missing FILE to validate\nRun "mission-kit validate --help" for usage.\n'],
    [['demo', '--out'], 'mission-kit: option --out needs a value\nRun "mission-kit demo --help" for usage.\n'],
    [['demo', '--out', 'a.json', 'extra'], 'mission-kit: unexpected argument "extra"\nRun "mission-kit demo --help" for usage.\n'],
    [['demo', '--out', 'a.json', '--force=yes'], 'mission-kit: option --force does not take a value\nRun "mission-kit demo --help" for usage.\n'],
    [['report', 'a.json'], 'mission-kit: missing --out FILE.docx to write the report to\nRun "mission-kit report --help" for usage.\n'],
    [['report', '--out', 'a.docx'], 'mission-kit: missing MISSION.json\nRun "mission-kit report --help" for usage.\n'],
    [['help', 'nothing'], 'mission-kit: unknown command "nothing" (commands: demo, validate, report, bundle, merge, hub)\nRun "mission-kit --help" for usage.\n'],
  ])('rejects %j with exit code 2', async (argv, stderr) => {
    expect(await runCli(argv, io)).toEqual({ exitCode: 2, stdout: '', stderr });
  });

  it('turns an unexpected failure into one line and exit code 1', async () => {
    const failing: CliIo = { ...io, now: () => new Date(Number.NaN) };
    const result = await runCli(['demo', '--out', 'demo.json'], failing);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: unexpected error: Invalid time value\n' });
  });
});
