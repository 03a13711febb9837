import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../../main/window-options';

// The security preferences are checked on the window main.ts really opens, in hardening-rules.test.ts.
describe('createWindowOptions', () => {
  const preferences = createWindowOptions('/app/dist/main/preload.cjs').webPreferences ?? {};

  it('spell-checks and uses the given preload', () => {
    expect(preferences.spellcheck).toBe(true);
    expect(preferences.preload).toBe('/app/dist/main/preload.cjs');
  });

  it('turns on the built-in PDF viewer, which the evidence viewer shows PDFs in', () => {
    expect(preferences.plugins).toBe(true);
  });
});
