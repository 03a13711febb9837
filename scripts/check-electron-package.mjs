// The main process is type-checked against the electron package's own type definitions.
// On a machine that cannot download the Electron binary, a plain `npm install` drops the
// (optional) electron package altogether; say how to get it back instead of failing with
// hundreds of type errors.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../node_modules/electron/electron.d.ts', import.meta.url))) {
  console.error(
    'The electron package is missing (its binary download failed, so npm left it out). ' +
      'Reinstall with: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install',
  );
  process.exit(1);
}
