import { it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type FileChild } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { renderMissionReport, reportInputOf, type ReportInput } from '../../shared/report';
import { buildKosovoDemo } from '../../shared/demo/kosovo-2015-demo';
import { roadmapTemplate } from '../unit/report/demo-report-input';
import { generateLargeMission } from '../fixtures/large-mission';
import { measure, report, round, time } from './measure';

const GENERATED_AT = '2026-03-20T12:00:00Z';
const CELLS_PER_ROW = 4;

interface DocumentShape {
  paragraphs: number;
  cells: number;
  /** Average characters of text per paragraph. */
  charsPerParagraph: number;
}

/** Counts `<w:p>` and `<w:tc>` elements and the text in word/document.xml. */
function shapeOf(docx: Uint8Array): DocumentShape {
  const entry = unzipSync(docx, { filter: (file) => file.name === 'word/document.xml' })['word/document.xml'];
  if (!entry) throw new Error('no word/document.xml in the report');
  const xml = strFromU8(entry);
  const paragraphs = xml.match(/<w:p[ >]/g)?.length ?? 0;
  const cells = xml.match(/<w:tc[ >]/g)?.length ?? 0;
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].reduce((sum, match) => sum + (match[1]?.length ?? 0), 0);
  return { paragraphs, cells, charsPerParagraph: paragraphs > 0 ? Math.round(text / paragraphs) : 0 };
}

/**
 * The floor: a flat document with as many paragraphs and table cells as the report (each cell
 * holds one of the paragraphs), no styles, numbering or footnotes.
 */
function flatDocument(shape: DocumentShape): Document {
  const text = 'x'.repeat(Math.max(1, shape.charsPerParagraph));
  const paragraph = (): Paragraph => new Paragraph({ children: [new TextRun(text)] });
  const children: FileChild[] = [];
  for (let index = 0; index < Math.max(0, shape.paragraphs - shape.cells); index++) children.push(paragraph());
  const rows: TableRow[] = [];
  for (let made = 0; made < shape.cells; made += CELLS_PER_ROW) {
    const count = Math.min(CELLS_PER_ROW, shape.cells - made);
    rows.push(new TableRow({ children: Array.from({ length: count }, () => new TableCell({ children: [paragraph()] })) }));
  }
  if (rows.length > 0) children.push(new Table({ rows }));
  return new Document({ sections: [{ children }] });
}

function largeInput(): ReportInput {
  return reportInputOf(generateLargeMission());
}

const RUNS = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Peak memory is taken on the first (cold) export. Times are medians of RUNS exports of each
 * side, alternated so that both meet the same load on this shared machine and both run warm:
 * timing the report cold against a floor that runs after it, with docx already compiled, made
 * the ratio swing by half from one run to the next.
 */
async function bench(name: string, input: ReportInput, peakLimitMiB: number | null): Promise<void> {
  const cold = await measure(() => renderMissionReport(input, { generatedAt: GENERATED_AT }));
  const shape = shapeOf(cold.result);
  const floorBytes = (await Packer.toArrayBuffer(flatDocument(shape))).byteLength;
  const reportRuns: number[] = [];
  const floorRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    reportRuns.push((await time(() => renderMissionReport(input, { generatedAt: GENERATED_AT }))).ms);
    floorRuns.push((await time(() => Packer.toArrayBuffer(flatDocument(shape)))).ms);
  }
  const reportMs = median(reportRuns);
  const floorMs = median(floorRuns);
  const ratio = reportMs / floorMs;
  const peakMet = peakLimitMiB === null || cold.peakMiB < peakLimitMiB;
  report({
    bench: name,
    ms: round(reportMs),
    coldMs: round(cold.ms),
    peakMiB: round(cold.peakMiB),
    bytes: cold.result.byteLength,
    paragraphs: shape.paragraphs,
    cells: shape.cells,
    flatDocxMs: round(floorMs),
    flatDocxBytes: floorBytes,
    runs: RUNS,
    ...(peakLimitMiB === null ? {} : { peakTarget: `< ${peakLimitMiB} MiB`, peakMet }),
    ratio,
    target: '≤ 2',
    met: ratio <= 2,
  });
}

it('report-export-demo', async () => {
  const input: ReportInput = { template: roadmapTemplate(), ...buildKosovoDemo() };
  // Warm up module loading and JIT once on the small report, so neither side pays for it.
  await renderMissionReport(input, { generatedAt: GENERATED_AT });
  await Packer.toArrayBuffer(new Document({ sections: [{ children: [new Paragraph('warm-up')] }] }));
  await bench('report-export-demo', input, null);
});

it('report-export-large', async () => {
  const input = largeInput();
  await bench('report-export-large', input, 1024);
});
