// Bundles the Electron main process, the preload and the browser-fallback server into
// dist/main/*.cjs. One CommonJS file each: a sandboxed preload cannot `require` anything but
// `electron`, and bundling keeps node_modules out of the packaged app.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
