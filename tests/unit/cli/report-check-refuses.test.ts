import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { makeTempIo } from './cli-test-io';

/**
 * The check after writing, seen from the command line. The sanitiser keeps real input from
 * ever reaching it, so it is switched off here: the model goes into the document as it is, as
 * it would if a string bypassed the sanitiser, and the check must stop the report.
 */
vi.mock('../../../shared/report/xml-safe-text', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../shared/report/xml-safe-text')>()),
  xmlSafeModel: <Model,>(model: Model): Model => model,
}));

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
  expect((await runCli(['demo', '--out', 'demo.json'], io)).exitCode).toBe(0);
  const file = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8'));
  file.mission.classification = 'RESTRICTED\uFFFF';
  await writeFile(path.join(folder, 'hostile.json'), JSON.stringify(file));
});
afterEach(() => cleanUp());

/** The title page prints the classification too, so document.xml is the first part refused. Where on its line depends on docx's layout. */
const REFUSED =
  /^mission-kit: report\.docx not written: the document's part word\/document\.xml is not well-formed XML: line \d+, column \d+: disallowed character U\+FFFF\. This is a fault in Mission Kit; please report it\.\n$/;

describe('mission-kit report when a part of the document does not parse', () => {
  it('exits with 1, names the part, does not say "Wrote" and leaves no file behind', async () => {
    const result = await runCli(['report', 'hostile.json', '--out', 'report.docx'], io);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: expect.stringMatching(REFUSED) });
    expect((await readdir(folder)).sort()).toEqual(['demo.json', 'hostile.json']);
  }, 60_000);

  it('leaves an earlier report at --out as it was, for the expert report too', async () => {
    await writeFile(path.join(folder, 'report.docx'), 'the earlier report');
    const result = await runCli(['report', 'hostile.json', '--out', 'report.docx', '--expert', 'demo-member-slovenia'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mission-kit: report\.docx not written: the document's part word\/header1\.xml is not well-formed XML: .*disallowed character U\+FFFF\./);
    expect(await readFile(path.join(folder, 'report.docx'), 'utf8')).toBe('the earlier report');
    expect((await readdir(folder)).sort()).toEqual(['demo.json', 'hostile.json', 'report.docx']);
  }, 60_000);
});
