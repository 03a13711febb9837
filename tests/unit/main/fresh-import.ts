import { vi } from 'vitest';

export type ElectronMock = typeof import('../../mocks/electron');

/**
 * Evaluates a module that does its work at import time (main.ts, preload.ts) against a fresh
 * Electron mock. `vi.resetModules` also drops the mock from the registry, so the instance the
 * module sees is the one imported here, not one imported at the top of the test file.
 */
export async function importFresh(modulePath: string, prepare: (electron: ElectronMock) => void = () => undefined): Promise<ElectronMock> {
  vi.resetModules();
  const electron = await import('../../mocks/electron');
  prepare(electron);
  await import(/* @vite-ignore */ modulePath);
  return electron;
}
