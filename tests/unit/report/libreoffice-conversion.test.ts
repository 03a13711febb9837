import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderExpertReport, renderMissionReport } from '../../../shared/report';
import { memberId } from '../../../shared/demo/kosovo-2015-demo';
import { demoReportInput, GENERATED_AT } from './demo-report-input';

/**
 * The reports must convert cleanly with LibreOffice, the strictest reader at hand on CI (which
 * installs libreoffice-writer-nogui). Without it the test fails rather than skips, so a missing
 * install is noticed instead of silently passing.
 */
function findOnPath(names: readonly string[]): string | null {
  for (const directory of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(directory, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

const work = mkdtempSync(join(tmpdir(), 'mission-kit-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function convertToPdf(fileName: string, bytes: Uint8Array): string {
  const office = findOnPath(['soffice', 'libreoffice']);
  if (!office) {
    throw new Error('LibreOffice is required for this test: neither "soffice" nor "libreoffice" is on PATH. Install it (e.g. apt-get install libreoffice-writer-nogui).');
  }
  const docx = join(work, fileName);
  writeFileSync(docx, bytes);
  const outDir = join(work, 'pdf');
  // A profile of its own, so a LibreOffice already running on the machine cannot take the job over or lock it.
  const profile = pathToFileURL(join(work, 'profile')).href;
  const result = spawnSync(office, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], {
    timeout: 120_000,
    encoding: 'utf8',
  });
  expect(result.error, String(result.error)).toBeUndefined();
  expect(result.status, `${office} exited with ${result.status}: ${result.stderr}`).toBe(0);
  return join(outDir, fileName.replace(/\.docx$/, '.pdf'));
}

describe('LibreOffice conversion', () => {
  it('converts the demo mission report to PDF', { timeout: 150_000 }, async () => {
    const pdf = convertToPdf('kosovo-2015-mission-report.docx', await renderMissionReport(demoReportInput(), { generatedAt: GENERATED_AT }));
    expect(statSync(pdf, { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(10_000);
  });

  it('converts an expert report to PDF', { timeout: 150_000 }, async () => {
    const pdf = convertToPdf('kosovo-2015-expert-report.docx', await renderExpertReport(demoReportInput(), memberId('germany'), { generatedAt: GENERATED_AT }));
    expect(statSync(pdf, { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(10_000);
  });
});
