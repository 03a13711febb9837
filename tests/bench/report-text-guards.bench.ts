import { it } from 'vitest';
import { buildMissionReport, malformedDocxPart, renderMissionReport, reportInputOf } from '../../shared/report';
import { xmlSafeModel } from '../../shared/report/xml-safe-text';
import { generateLargeMission } from '../fixtures/large-mission';
import { report, round, time } from './measure';

const GENERATED_AT = '2026-03-20T12:00:00Z';
const RUNS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * What the two guards of a report's text cost: the sanitiser over the whole model and the check
 * that every XML part parses, as a share of the whole export of the large mission (which
 * includes both). Alternated run by run, so all three meet the same load.
 */
it('report-text-guards', async () => {
  const input = reportInputOf(generateLargeMission());
  const options = { generatedAt: GENERATED_AT };
  const model = buildMissionReport(input, options);
  let bytes = await renderMissionReport(input, options);
  const exports: number[] = [];
  const checks: number[] = [];
  const sanitising: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    exports.push((await time(async () => (bytes = await renderMissionReport(input, options)))).ms);
    checks.push(
      (
        await time(() => {
          if (malformedDocxPart(bytes)) throw new Error('the large report does not pass the check');
        })
      ).ms,
    );
    sanitising.push((await time(() => xmlSafeModel(model))).ms);
  }
  const exportMs = median(exports);
  const checkMs = median(checks);
  const sanitiseMs = median(sanitising);
  const ratio = (checkMs + sanitiseMs) / exportMs;
  report({ bench: 'report-text-guards', exportMs: round(exportMs), checkMs: round(checkMs), sanitiseMs: round(sanitiseMs), bytes: bytes.byteLength, runs: RUNS, ratio, target: '≤ 0.2', met: ratio <= 0.2 });
});
