/**
 * The share a statistic's value is of its total, as a whole percentage: 1,542 of 2,744 → 56.
 * Computed, never typed, so the report and the evidence can never disagree.
 */
export function statisticPercent(value: number, ofTotal: number | undefined): number | null {
  if (ofTotal === undefined || !Number.isFinite(value) || !Number.isFinite(ofTotal) || ofTotal <= 0) return null;
  return Math.round((value / ofTotal) * 100);
}
