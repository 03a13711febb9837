import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { strToU8 } from 'fflate';
import { expect, it } from 'vitest';
import { demoEverythingBundle } from '../fixtures/demo-bundle';
import { narrativeBombBundle, rawZip, repeatedEntry, zeros } from '../fixtures/hostile-zip';
import { MIB, report, round } from './measure';

/**
 * Time to refusal and peak memory for the two hostile files of issue 12 that used to cost the
 * most: a bundle carrying one 100 MB narrative (under 1 MB on disk; it took 13.7 s and 635 MB
 * in `bundle info`, 27 s and 655 MB in `report`) and a 6.8 MB full backup holding a 1 GiB zip
 * bomb (10 s and 1.08 GiB in restoreFullBackup). Targets: refused within 1 s, and under 100 MiB
 * above the baseline.
 *
 * Each case runs in a fresh `node` (zip-limits-child.ts), which loads everything, takes the
 * RSS as the baseline, makes the one call and reports the kernel's peak for the process. As a
 * cross-check, the real command line (bin/mission-kit.cjs) also runs on the bomb and on the
 * small valid bundle it was made from: whole-process wall times and maxRSS, start-up included.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/mission-kit.cjs');
const TARGET_MS = 1000;
const TARGET_MIB = 100;
const REFUSED_TEXT = 'holds a text longer than 1,000,000 characters';
const run = promisify(execFile);

interface ChildResult {
  ms: number;
  baselineBytes: number;
  peakBytes: number;
  outcome: string;
}

async function child(script: string, folder: string, args: readonly string[]): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, ['--expose-gc', script, ...args], { cwd: folder, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
}

/** Loaded with `node -r` before the command line: writes the process's maxRSS when it exits. */
const PRELOAD = `
const { writeFileSync } = require('node:fs');
process.on('exit', () => writeFileSync(process.env.MK_BENCH_OUT, String(process.resourceUsage().maxRSS * 1024)));
`;

/** The real command line, start-up and all: exit code, wall time and maxRSS. */
async function wholeCli(folder: string, args: readonly string[]): Promise<{ exitCode: number; wallMs: number; maxRssBytes: number }> {
  const out = path.join(folder, 'max-rss.txt');
  const start = performance.now();
  let exitCode = 0;
  try {
    await run(process.execPath, ['-r', path.join(folder, 'preload.cjs'), BIN, ...args], { cwd: folder, env: { ...process.env, MK_BENCH_OUT: out } });
  } catch (error) {
    const failed = error as { code?: unknown };
    if (typeof failed.code !== 'number') throw error;
    exitCode = failed.code;
  }
  const wallMs = performance.now() - start;
  const maxRssBytes = Number(await readFile(out, 'utf8'));
  await rm(out);
  return { exitCode, wallMs, maxRssBytes };
}

function reportCase(bench: string, result: ChildResult, figures: Record<string, unknown>): void {
  const extraMiB = (result.peakBytes - result.baselineBytes) / MIB;
  const timeRatio = result.ms / TARGET_MS;
  const memoryRatio = extraMiB / TARGET_MIB;
  const ratio = Math.max(timeRatio, memoryRatio);
  report({
    bench,
    ms: round(result.ms),
    extraMiB: round(extraMiB),
    baselineMiB: round(result.baselineBytes / MIB),
    timeRatio: round(timeRatio, 3),
    memoryRatio: round(memoryRatio, 3),
    ...figures,
    ratio,
    target: '≤ 1 (refused within 1 s and under 100 MiB above the baseline)',
    met: ratio <= 1,
  });
}

it('zip-limits', async () => {
  execFileSync(process.execPath, ['scripts/build-main.mjs', '--cli-only'], { cwd: ROOT, stdio: 'pipe' });
  const folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-zip-limits-'));
  try {
    const script = path.join(folder, 'zip-limits-child.mjs');
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['tests/bench/zip-limits-child.ts'],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Bundled CommonJS packages call require(), which an ES module lacks.
      banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
      logLevel: 'warning',
    });
    await writeFile(path.join(folder, 'preload.cjs'), PRELOAD);

    const small = await demoEverythingBundle();
    const bomb = narrativeBombBundle(small, 100_000_000);
    await writeFile(path.join(folder, 'small.mkbundle'), small);
    await writeFile(path.join(folder, 'bomb.mkbundle'), bomb);

    // --- one 100 MB narrative in a bundle, through the command line ---
    for (const [name, args] of [
      ['bundle info', ['bundle-info', 'bomb.mkbundle']],
      ['report', ['report', 'bomb.mkbundle', 'bomb.docx']],
    ] as const) {
      const result = await child(script, folder, args);
      expect(result.outcome).toMatch(/^exit 1: /);
      expect(result.outcome).toContain(REFUSED_TEXT);
      const cliArgs = name === 'report' ? ['report', 'bomb.mkbundle', '--out', 'bomb.docx'] : ['bundle', 'info', 'bomb.mkbundle'];
      const whole = await wholeCli(folder, cliArgs);
      const baseline = await wholeCli(folder, cliArgs.map((arg) => arg.replace('bomb', 'small')));
      expect([whole.exitCode, baseline.exitCode]).toEqual([1, 0]);
      reportCase(`zip-limits: 100 MB narrative, ${name}`, result, {
        fileBytes: bomb.length,
        wholeCliWallMs: round(whole.wallMs),
        wholeCliMaxRssMiB: round(whole.maxRssBytes / MIB),
        validBundleWallMs: round(baseline.wallMs),
        validBundleMaxRssMiB: round(baseline.maxRssBytes / MIB),
      });
    }
    expect(await readdir(folder)).not.toContain('bomb.docx');

    // --- a 1 GiB zip bomb in a full backup, through restoreFullBackup ---
    const manifest = strToU8(
      JSON.stringify({ format: 'mission-kit/full-backup', formatVersion: 1, createdAt: '2026-03-27T10:00:00Z', missions: [{ missionId: 'm-1', missionTitle: 'Bomb', file: 'missions/1.mkbundle' }] }),
    );
    const backupBomb = rawZip([{ name: 'mission-kit-backup.json', data: manifest }, repeatedEntry('missions/1.mkbundle', zeros(1024 * MIB))]);
    await writeFile(path.join(folder, 'bomb.mkbackup'), backupBomb);
    const restore = await child(script, folder, ['restore', 'bomb.mkbackup']);
    expect(restore.outcome).toBe(
      'This full backup was refused as unsafe: the zip entry "missions/1.mkbundle" would unpack to 1.0 GiB, more than the limit of 512 MiB for one entry. (rows stored: 0)',
    );
    reportCase('zip-limits: 1 GiB zip bomb in a full backup, restoreFullBackup', restore, { fileBytes: backupBomb.length });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
