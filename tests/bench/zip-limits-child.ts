/**
 * Run by zip-limits.bench.ts in a fresh `node` (bundled with esbuild first), one case per
 * process so that the kernel's peak (maxRSS) is this case's alone:
 *
 *   node zip-limits-child.mjs bundle-info FILE.mkbundle
 *   node zip-limits-child.mjs report FILE.mkbundle OUT.docx
 *   node zip-limits-child.mjs restore FILE.mkbackup
 *
 * The first two run the command line in this process (runCli, as bin/mission-kit.cjs does),
 * the third restoreFullBackup into an empty device. Everything is loaded and set up first; the
 * baseline is the RSS just before the call. Prints one JSON line: the call's time, the
 * baseline, the peak, and what the call answered.
 */
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { runCli } from '../../main/cli/mission-kit';
import { nodeIo } from '../../main/cli/cli-io';
import { restoreFullBackup } from '../../renderer/src/backups/backup-service';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { Repository } from '../../renderer/src/db/repository';

const [mode, file, out] = process.argv.slice(2);
if (file === undefined || (mode === 'report' && out === undefined)) throw new Error('usage: see the comment at the top of zip-limits-child.ts');

let call: () => Promise<string>;
if (mode === 'restore') {
  const db = new MissionKitDatabase('bench-zip-limits-restore');
  const repository = await Repository.open(db);
  const bytes = new Uint8Array(await readFile(file));
  call = async () => {
    const result = await restoreFullBackup({ repository }, bytes);
    const stored = (await db.missions.count()) + (await db.changes.count());
    return `${result.ok ? 'restored' : result.error.message} (rows stored: ${stored})`;
  };
} else if (mode === 'bundle-info' || mode === 'report') {
  const args = mode === 'report' ? ['report', file, '--out', out as string] : ['bundle', 'info', file];
  call = async () => {
    const result = await runCli(args, nodeIo());
    return `exit ${result.exitCode}: ${result.stderr.trim()}`;
  };
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}

(globalThis as { gc?: () => void }).gc?.();
const baseline = process.memoryUsage().rss;
const start = performance.now();
const outcome = await call();
const ms = performance.now() - start;
// maxRSS is in KiB and covers the whole process: a peak during the set-up above counts too,
// which can only overstate what the call cost.
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ ms, baselineBytes: baseline, peakBytes: peak, outcome }));
