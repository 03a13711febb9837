/** Small helpers shared by the benchmarks: timing, RSS sampling and the one-line JSON output. */

export const MIB = 1024 * 1024;

export interface Measured<T> {
  result: T;
  ms: number;
  /** Highest RSS seen during the run minus the RSS just before it, in MiB. */
  peakMiB: number;
}

/**
 * Runs `task` once, sampling process RSS every 10 ms. Synchronous stretches of the task block
 * the sampler, so a sample is also taken right after the task ends.
 */
export async function measure<T>(task: () => Promise<T> | T): Promise<Measured<T>> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = (): void => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 10);
  const start = performance.now();
  try {
    const result = await task();
    const ms = performance.now() - start;
    sample();
    return { result, ms, peakMiB: (peak - baseline) / MIB };
  } finally {
    clearInterval(timer);
  }
}

export async function time<T>(task: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await task();
  return { result, ms: performance.now() - start };
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** One benchmark result as a single JSON line on stdout. */
export function report(line: { bench: string; ratio: number; target: string; met: boolean } & Record<string, unknown>): void {
  const { bench, ratio, target, met, ...figures } = line;
  console.log(JSON.stringify({ bench, ...figures, ratio: round(ratio, 3), target, met }));
}
