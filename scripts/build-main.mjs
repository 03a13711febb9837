// Bundles the Electron main process, the preload and the browser-fallback server into
// dist/main/*.cjs, and the `mission-kit` command line into dist/cli/mission-kit.cjs. One
// CommonJS file each: a sandboxed preload cannot `require` anything but `electron`, bundling
// keeps node_modules out of the packaged app, and the command line runs from any folder.
//
//   node scripts/build-main.mjs            everything
//   node scripts/build-main.mjs --cli-only the command line only (npm run build:cli)
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliOnly = process.argv.includes('--cli-only');

if (!cliOnly) {
  const outdir = path.join(projectRoot, 'dist/main');
  // Stale bundles from renamed entries must not be packaged.
  await rm(outdir, { recursive: true, force: true });

  await build({
    absWorkingDir: projectRoot,
    entryPoints: {
      main: 'main/main.ts',
      preload: 'main/preload.ts',
      'serve-renderer': 'main/serve-renderer.ts',
    },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Provided by the Electron runtime; the npm package only holds the binary's path.
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });

  console.log(`Built ${path.relative(projectRoot, outdir)}/{main,preload,serve-renderer}.cjs`);
}

// The command line runs in plain Node, without Electron: every dependency (zod, docx, …) is
// bundled so that bin/mission-kit.cjs works without node_modules next to it.
const cliOutfile = path.join(projectRoot, 'dist/cli/mission-kit.cjs');
await rm(path.dirname(cliOutfile), { recursive: true, force: true });
await build({
  absWorkingDir: projectRoot,
  entryPoints: ['main/cli/mission-kit.ts'],
  outfile: cliOutfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});

console.log(`Built ${path.relative(projectRoot, cliOutfile)}`);
