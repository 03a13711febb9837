// `npm start` after `npm run build`: runs Mission Kit in Electron, or, when the Electron
// runtime is missing (its download failed or was skipped), serves the built renderer to the
// browser instead, so the app can still be tried.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, or null. The npm package throws when its binary was never downloaded. */
function findElectron() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs a child with our terminal and exits with its code; Ctrl-C reaches it directly. */
function runToCompletion(command, args) {
  const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env: childEnvironment() });
  // The terminal sends SIGINT to the whole process group: let the child decide and wait for it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
}

function childEnvironment() {
  const env = { ...process.env };
  // Set by some tools; it would make Electron behave as plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

const mainBundle = path.join(projectRoot, 'dist/main/main.cjs');
const serverBundle = path.join(projectRoot, 'dist/main/serve-renderer.cjs');
if (!existsSync(mainBundle) || !existsSync(serverBundle)) {
  console.error('Mission Kit is not built: run "npm run build" first (or just "npm start").');
  process.exit(1);
}

const electron = findElectron();
if (electron) {
  // package.json "main" points Electron at dist/main/main.cjs.
  runToCompletion(electron, ['.']);
} else {
  const port = process.env.PORT || '5180';
  console.log(
    `Electron runtime not installed (its download failed or was skipped) — serving Mission Kit for your browser at http://127.0.0.1:${port}/ instead.`,
  );
  runToCompletion(process.execPath, [serverBundle, port]);
}
