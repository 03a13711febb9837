import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffWords } from '../../shared/text-diff';

describe('word diff for the conflict view', () => {
  it('marks the words only one version has', () => {
    expect(diffWords('Exit checks are performed at Vërmica.', 'Exit checks are not performed at Vërmica.')).toEqual([
      { kind: 'same', text: 'Exit checks are ' },
      { kind: 'added', text: 'not ' },
      { kind: 'same', text: 'performed at Vërmica.' },
    ]);
  });

  it('always rebuilds both texts from its parts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const parts = diffWords(before, after);
        expect(parts.filter((part) => part.kind !== 'added').map((part) => part.text).join('')).toBe(before);
        expect(parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join('')).toBe(after);
      }),
    );
  });
});
