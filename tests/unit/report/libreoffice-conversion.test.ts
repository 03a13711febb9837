import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderExpertReport, renderMissionReport } from '../../../shared/report';
import { memberId } from '../../../shared/demo/kosovo-2015-demo';
import { demoReportInput, GENERATED_AT } from './demo-report-input';
import { convertToPdf } from './libreoffice';

/** The reports must convert cleanly with LibreOffice (see libreoffice.ts). */
const work = mkdtempSync(join(tmpdir(), 'mission-kit-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pdfSize(fileName: string, bytes: Uint8Array): number {
  const result = convertToPdf(work, [{ name: fileName, bytes }]);
  expect(result.error, String(result.error)).toBeUndefined();
  expect(result.status, `LibreOffice exited with ${result.status}: ${result.stderr}`).toBe(0);
  return result.pdfBytes.get(fileName) ?? 0;
}

describe('LibreOffice conversion', () => {
  it('converts the demo mission report to PDF', { timeout: 150_000 }, async () => {
    expect(pdfSize('kosovo-2015-mission-report.docx', await renderMissionReport(demoReportInput(), { generatedAt: GENERATED_AT }))).toBeGreaterThan(10_000);
  });

  it('converts an expert report to PDF', { timeout: 150_000 }, async () => {
    expect(pdfSize('kosovo-2015-expert-report.docx', await renderExpertReport(demoReportInput(), memberId('germany'), { generatedAt: GENERATED_AT }))).toBeGreaterThan(10_000);
  });
});
