import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './cli-test-io';

const run = promisify(execFile);

interface Spawned {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> ...args` from `cwd` and reports how it ended, whatever the exit code. */
async function node(script: string, args: readonly string[], cwd = PROJECT_ROOT): Promise<Spawned> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd, encoding: 'utf8' });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { exitCode: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const BIN = path.join(PROJECT_ROOT, 'bin/mission-kit.cjs');

describe('bin/mission-kit.cjs', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-main.mjs', '--cli-only'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
  }, 120_000);

  it('validates a template from the project folder', async () => {
    const result = await node(BIN, ['validate', 'shared/templates/schengen-evaluation-sample.json']);
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'shared/templates/schengen-evaluation-sample.json: valid template "Schengen evaluation — external borders (sample)" (version 1, 12 requirements)\n',
      stderr: '',
    });
  });

  it('exits with 1 for a missing file, without a stack trace', async () => {
    const result = await node(BIN, ['validate', '/nonexistent.json']);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: cannot read /nonexistent.json: no such file\n' });
  });

  it('exits with 1 and the depth limit for 5,000 levels of nesting, not a stack overflow', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-bin-'));
    try {
      const deep = `{"format":"mission-kit/mission","changes":[{"value":${'['.repeat(5000)}1${']'.repeat(5000)}}]}`;
      await writeFile(path.join(folder, 'deep.json'), deep);
      const result = await node(BIN, ['validate', 'deep.json'], folder);
      expect(result).toEqual({
        exitCode: 1,
        stdout: '',
        stderr: `deep.json: changes[0].value${'[0]'.repeat(61)}: nested more than 64 levels deep (arrays and objects inside each other); Mission Kit reads at most 64\n`,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('runs from any folder and exits with 2 for a usage error', async () => {
    const result = await node(BIN, ['frobnicate'], tmpdir());
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  it('tells how to build the command line when the bundle is missing', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-bin-'));
    try {
      await mkdir(path.join(folder, 'bin'));
      await copyFile(BIN, path.join(folder, 'bin/mission-kit.cjs'));
      const result = await node(path.join(folder, 'bin/mission-kit.cjs'), ['--help'], folder);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^mission-kit: the command line is not built .*run "npm run build:cli"/);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
