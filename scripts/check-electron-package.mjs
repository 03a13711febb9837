// The main process is type-checked against the electron package's own type definitions. The
// package is a regular dev dependency whose binary download runs in a step of ours that never
// fails the install (scripts/install-electron-runtime.mjs), so it is missing only when
// `npm install` has not run or was cut short: say so instead of printing hundreds of type errors.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../node_modules/electron/electron.d.ts', import.meta.url))) {
  console.error('The electron package is missing from node_modules: run `npm install` first.');
  process.exit(1);
}
