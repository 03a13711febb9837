// Runs after `npm install`: fetches the Electron runtime (the desktop window) in a step of our
// own that tolerates failure. Electron's own install script is switched off in package.json
// ("allowScripts"): when its download fails, npm drops the whole electron package, types
// included, and the type-check and `npm test` fail on machines that cannot reach the download
// host. Here the package always stays; only the binary may be missing, and `npm start` then
// serves the app to the browser instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let installScript;
try {
  installScript = require.resolve('electron/install.js');
} catch {
  // Installed with --omit=dev (e.g. only the command-line tool): nothing to fetch.
  process.exit(0);
}

const result = spawnSync(process.execPath, [installScript], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
if (result.status === 0 && hasRuntime()) process.exit(0);

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Electron runtime not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set): `npm start` will serve the app to your browser.');
} else {
  console.log(`Electron runtime not downloaded: ${firstLine(result)} — \`npm start\` will serve the app to your browser.`);
}
// Never fail the install: everything but the desktop window works without the runtime.
process.exit(0);

function hasRuntime() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
}

/** The download error in one line: the message, not the stack. */
function firstLine(spawned) {
  if (spawned.error) return spawned.error.message;
  const output = `${spawned.stderr ?? ''}\n${spawned.stdout ?? ''}`;
  const line = output.split('\n').map((text) => text.trim()).find((text) => text !== '' && !text.startsWith('at '));
  return line ?? `its download exited with code ${spawned.status}`;
}
