#!/usr/bin/env node
// The `mission-kit` command (package.json "bin"). The command line itself is bundled by
// scripts/build-main.mjs into dist/cli/mission-kit.cjs, which `npm install` builds via the
// "prepare" script; this wrapper only says so when that build is missing.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'cli', 'mission-kit.cjs');

if (!fs.existsSync(bundle)) {
  process.stderr.write(
    `mission-kit: the command line is not built (${path.relative(process.cwd(), bundle) || bundle} is missing); run "npm run build:cli" (or "npm install", which builds it) in ${path.dirname(__dirname)}\n`,
  );
  process.exitCode = 1;
} else {
  require(bundle).main(process.argv.slice(2));
}
