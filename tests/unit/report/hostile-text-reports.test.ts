import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderExpertReport, renderMissionReport } from '../../../shared/report';
import { xmlSafeText } from '../../../shared/report/xml-safe-text';
import { openDocx, packageProblems } from './docx-reading';
import { coreTitle, forbiddenCharacters, headerText, hostileTexts } from './hostile-text';
import { convertToPdf } from './libreoffice';
import { EXPERT_ID, missionWithTexts } from './text-everywhere';

const GENERATED_AT = '2024-11-15T12:00:00Z';
const work = mkdtempSync(join(tmpdir(), 'mission-kit-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Any Unicode in any text field of a mission, lone surrogates and non-characters included,
 * still gives two reports whose every XML part parses. Without the sanitiser, most runs put a
 * U+FFFE or U+FFFF into a part and the render throws (the check after writing refuses it).
 */
describe('reports of missions full of hostile text', () => {
  it('always have XML parts that parse, with the text kept but for the removed characters', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(hostileTexts, async (texts) => {
        const input = missionWithTexts(texts);
        const mission = openDocx(await renderMissionReport(input, { generatedAt: GENERATED_AT }));
        const expert = openDocx(await renderExpertReport(input, EXPERT_ID, { generatedAt: GENERATED_AT }));
        for (const pkg of [mission, expert]) {
          expect(forbiddenCharacters(pkg)).toEqual([]);
          expect(packageProblems(pkg)).toEqual([]);
          expect(headerText(pkg)).toBe(xmlSafeText(input.mission.classification.trim()));
        }
        expect(coreTitle(mission)).toBe(xmlSafeText(input.mission.title));
      }),
      // Each run writes two small reports (well under a second); 40 runs stay bounded on a loaded machine.
      { numRuns: 40 },
    );
  });

  it('convert with LibreOffice, for a fixed sample of them', { timeout: 300_000 }, async () => {
    const samples = fc.sample(hostileTexts, { numRuns: 2, seed: 20_151_218 });
    const documents: { name: string; bytes: Uint8Array }[] = [];
    for (const [index, texts] of samples.entries()) {
      const input = missionWithTexts(texts);
      documents.push({ name: `hostile-${index}-mission.docx`, bytes: await renderMissionReport(input, { generatedAt: GENERATED_AT }) });
      documents.push({ name: `hostile-${index}-expert.docx`, bytes: await renderExpertReport(input, EXPERT_ID, { generatedAt: GENERATED_AT }) });
    }
    const result = convertToPdf(work, documents);
    expect(result.error, String(result.error)).toBeUndefined();
    expect(result.status, `LibreOffice exited with ${result.status}: ${result.stderr}`).toBe(0);
    for (const document of documents) expect(result.pdfBytes.get(document.name), document.name).toBeGreaterThan(5_000);
  });
});
