// Regenerates docs/schemas/*.json from the zod schemas in shared/ (npm run schemas).
// shared/ is TypeScript, so it is bundled with esbuild into a temporary module first.
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = await mkdtemp(join(tmpdir(), 'mission-kit-schemas-'));
try {
  const outfile = join(temp, 'json-schemas.mjs');
  await build({ entryPoints: [join(root, 'shared/json-schemas.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile, logLevel: 'error' });
  const { buildJsonSchemas, serialiseJsonSchema } = await import(pathToFileURL(outfile).href);
  await mkdir(join(root, 'docs/schemas'), { recursive: true });
  for (const [name, schema] of Object.entries(buildJsonSchemas())) {
    await writeFile(join(root, 'docs/schemas', name), serialiseJsonSchema(schema));
    console.log(`wrote docs/schemas/${name}`);
  }
} finally {
  await rm(temp, { recursive: true, force: true });
}
