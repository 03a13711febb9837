/**
 * The command line and a bundle that packs a 100 MB narrative into well under a megabyte:
 * `bundle info` and `report` refuse it with the reader's message, exit 1 and write nothing,
 * while the same bundle with a narrative at the limit makes a report.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { MAX_TEXT_LENGTH } from '../../../shared/input-limits';
import { demoEverythingBundle } from '../../fixtures/demo-bundle';
import { narrativeBombBundle } from '../../fixtures/hostile-zip';
import { makeTempIo } from './cli-test-io';

const REFUSAL = `The bundle's changes.json was refused: it holds a text longer than ${MAX_TEXT_LENGTH.toLocaleString('en')} characters, the limit for any text.`;

let demoBundle: Uint8Array;
let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  demoBundle = await demoEverythingBundle();
});

beforeEach(async () => {
  const temp = await makeTempIo();
  io = { ...temp.io, env: {} };
  ({ folder, cleanUp } = temp);
});
afterEach(() => cleanUp());

describe('a 100 MB narrative in a small bundle', () => {
  let bomb: Uint8Array;
  // Made once: hashing the 100 MB it unpacks to takes a moment.
  beforeAll(() => {
    bomb = narrativeBombBundle(demoBundle, 100_000_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
  }, 60_000);
  beforeEach(() => writeFile(path.join(folder, 'bomb.mkbundle'), bomb));

  it('is refused by "bundle info"', async () => {
    expect(await runCli(['bundle', 'info', 'bomb.mkbundle'], io)).toEqual({ exitCode: 1, stdout: '', stderr: `mission-kit: cannot read bomb.mkbundle: ${REFUSAL}\n` });
  });

  it('is refused by "report", which writes no file at all', async () => {
    expect(await runCli(['report', 'bomb.mkbundle', '--out', 'report.docx'], io)).toEqual({ exitCode: 1, stdout: '', stderr: `mission-kit: cannot read bomb.mkbundle: ${REFUSAL}\n` });
    // Neither the report nor a temporary file of the atomic writer.
    expect(await readdir(folder)).toEqual(['bomb.mkbundle']);
  });
});

describe('a narrative at the limit', () => {
  it('makes a report', async () => {
    await writeFile(path.join(folder, 'long.mkbundle'), narrativeBombBundle(demoBundle, MAX_TEXT_LENGTH));
    const result = await runCli(['report', 'long.mkbundle', '--out', 'report.docx'], io);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(['long.mkbundle', 'report.docx']);
  }, 60_000);
});
