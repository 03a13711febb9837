import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../../main/window-options';

describe('createWindowOptions', () => {
  const preferences = createWindowOptions('/app/dist/main/preload.cjs').webPreferences ?? {};

  it('isolates the page from the preload and runs it in the sandbox', () => {
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
  });

  it('gives the page, its workers and its frames no Node', () => {
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content and <webview>', () => {
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
  });

  it('spell-checks and uses the given preload', () => {
    expect(preferences.spellcheck).toBe(true);
    expect(preferences.preload).toBe('/app/dist/main/preload.cjs');
  });
});
