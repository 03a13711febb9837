import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeIo, type CliIo } from '../../../main/cli/cli-io';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCHENGEN_SAMPLE = path.join(PROJECT_ROOT, 'shared/templates/schengen-evaluation-sample.json');
export const FIXED_NOW = new Date('2025-03-04T05:06:07.000Z');

/** A temporary working folder and an IO whose relative paths and clock point at it. */
export async function makeTempIo(): Promise<{ folder: string; io: CliIo; cleanUp: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-cli-'));
  // An empty environment: a passphrase set in the developer's shell must not leak into tests.
  const io: CliIo = { ...nodeIo(), cwd: folder, now: () => FIXED_NOW, env: {} };
  return { folder, io, cleanUp: () => rm(folder, { recursive: true, force: true }) };
}
