import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { makeTempIo, PROJECT_ROOT } from './cli-test-io';

/**
 * docs/examples/ruritania-aml.mission.json is written by hand from docs/formats.md: another
 * territory, template and rating scale (C/LC count as fulfilled, N/A is not counted), with
 * optional fields left to their defaults. If the documentation is enough, it gives a correct
 * report.
 */
const EXAMPLE = path.join(PROJECT_ROOT, 'docs/examples/ruritania-aml.mission.json');

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
});
afterEach(() => cleanUp());

describe('a mission file written by hand', () => {
  it('validates and gives a correct report for its own territory and scale', async () => {
    const validated = await runCli(['validate', EXAMPLE], io);
    expect(validated.exitCode).toBe(0);
    expect(validated.stdout).toContain('valid mission "Ruritania — AML peer review, March 2026"');

    const reported = await runCli(['report', EXAMPLE, '--out', 'ruritania.docx'], io);
    expect(reported.exitCode).toBe(0);
    const xml = strFromU8(unzipSync(new Uint8Array(await readFile(path.join(folder, 'ruritania.docx'))))['word/document.xml'] ?? new Uint8Array());
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) => [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(''));
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'Ruritania fulfils two of the three requirements in the area of customer due diligence.',
        'Ruritania fulfils one of the two requirements in the supervision of obliged entities; one requirement has not yet been assessed.',
        'Recommendation No. 1:',
        'To fully comply with requirements in the area of customer due diligence, Ruritania should extend the retention period for records of occasional transactions to five years.',
        'Recommendation No. 2:',
        'The current report has set out 2 recommendations corresponding to 2 outstanding requirements.',
      ]),
    );
    expect(xml).not.toContain('Kosovo');
  });
});
