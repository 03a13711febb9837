import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * How long one unit or component test may run before it counts as hung. These tests do a fixed
 * amount of work (fake-indexeddb, jsdom, PBKDF2, ESLint over the tree) and assert outcomes, never
 * durations: speed is measured by `npm run bench`. vitest's 5 s default turned them into speed
 * tests that failed whenever the two cores were shared (finding-form, site-form, backups-screen,
 * database-door-lint and the property tests at 5.0–5.8 s under load, 1–3 s alone).
 */
const HANG_BOUND_MS = 30_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: HANG_BOUND_MS,
        },
        resolve: {
          // The Electron binary is not installed on CI; main-process tests run against a mock.
          alias: { electron: here('./tests/mocks/electron.ts') },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
          testTimeout: HANG_BOUND_MS,
          setupFiles: [here('./tests/component/setup.ts')],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: these machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
