import { defineConfig } from 'vitest/config';

/** Benchmarks only: kept out of vitest.config.ts's projects, so `npm test` never runs them. */
export default defineConfig({
  test: {
    name: 'bench',
    environment: 'node',
    include: ['tests/bench/**/*.bench.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    // One benchmark at a time, each in its own process, so timings and memory do not mix.
    fileParallelism: false,
    pool: 'forks',
  },
});
