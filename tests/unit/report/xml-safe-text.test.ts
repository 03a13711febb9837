import { describe, expect, it } from 'vitest';
import { xmlSafeModel, xmlSafeText } from '../../../shared/report/xml-safe-text';

const cp = (code: number): string => String.fromCodePoint(code);

describe('xmlSafeText', () => {
  it('keeps tab, line feed and carriage return, and every character from U+0020 up', () => {
    const kept = ['\t', '\n', '\r', ' ', 'a', '~', '\u007F', '\u0085', '\u00A0', 'é', 'Ž', '\u2028', '\uD7FF', '\uE000', '\uFDCF', '\uFDF0', '\uFEFF', '\uFFFD'];
    for (const character of kept) expect(xmlSafeText(`a${character}b`), `U+${character.codePointAt(0)?.toString(16)}`).toBe(`a${character}b`);
  });

  it('keeps characters beyond the BMP, written as surrogate pairs, up to U+nFFFD in every plane', () => {
    const kept = [0x10000, 0x1f600, 0x1fffd, 0x20000, 0x2a6d6, 0xe0001, 0xffffd, 0x100000, 0x10fffd];
    for (const code of kept) expect(xmlSafeText(`a${cp(code)}b`), `U+${code.toString(16)}`).toBe(`a${cp(code)}b`);
  });

  it('drops the C0 control characters other than tab, line feed and carriage return', () => {
    const controls = Array.from({ length: 0x20 }, (_, code) => code).filter((code) => ![0x9, 0xa, 0xd].includes(code));
    expect(controls).toHaveLength(29);
    for (const code of controls) expect(xmlSafeText(`a${cp(code)}b`), `U+${code.toString(16)}`).toBe('ab');
  });

  it('drops U+FFFE and U+FFFF, which XML 1.0 does not allow', () => {
    expect(xmlSafeText('RESTRICTED\uFFFE')).toBe('RESTRICTED');
    expect(xmlSafeText('\uFFFFnarrative\uFFFF')).toBe('narrative');
  });

  it('drops the non-characters U+FDD0 to U+FDEF', () => {
    for (let code = 0xfdd0; code <= 0xfdef; code++) expect(xmlSafeText(`a${cp(code)}b`), `U+${code.toString(16)}`).toBe('ab');
  });

  it('drops the last two code points of every supplementary plane', () => {
    for (let plane = 1; plane <= 0x10; plane++) {
      for (const code of [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff]) {
        expect(xmlSafeText(`a${cp(code)}b`), `U+${code.toString(16)}`).toBe('ab');
      }
    }
  });

  it('turns a lone surrogate into U+FFFD, high or low, at either end or inside', () => {
    expect(xmlSafeText('a\uD800b')).toBe('a\uFFFDb');
    expect(xmlSafeText('a\uDFFFb')).toBe('a\uFFFDb');
    expect(xmlSafeText('\uDBFF')).toBe('\uFFFD');
    expect(xmlSafeText('emoji cut in two \uD83D')).toBe('emoji cut in two \uFFFD');
    // A low surrogate before a high one is two lone halves, not a pair.
    expect(xmlSafeText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
    // A whole pair next to a lone half: the pair stays.
    expect(xmlSafeText('\uD83D\uD83D\uDE00')).toBe('\uFFFD\uD83D\uDE00');
  });

  it('returns text without anything to remove unchanged', () => {
    const text = 'Kosovo* should ensure “exit checks” at Vërmica/Vrbnica.\n\n\tSecond paragraph — 1,542 of 2,744 😀';
    expect(xmlSafeText(text)).toBe(text);
    expect(xmlSafeText('')).toBe('');
  });
});

describe('xmlSafeModel', () => {
  it('cleans every string however deep, and copies rather than changes the model', () => {
    const photo = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const model = {
      title: 'Report\uFFFF',
      footer: ['Page ', { field: 'page' }],
      blocks: [{ areas: [{ requirements: [{ findings: [{ answers: [{ site: null, answer: 'yes\uFFFE' }], rating: 3 }] }] }] }],
      image: { data: photo, width: 10 },
      keyPriority: true,
    };
    const clean = xmlSafeModel(model);
    expect(clean).toEqual({
      title: 'Report',
      footer: ['Page ', { field: 'page' }],
      blocks: [{ areas: [{ requirements: [{ findings: [{ answers: [{ site: null, answer: 'yes' }], rating: 3 }] }] }] }],
      image: { data: photo, width: 10 },
      keyPriority: true,
    });
    // The photo's bytes are handed on as they are, not copied into an object.
    expect(clean.image.data).toBe(photo);
    expect(model.title).toBe('Report\uFFFF');
  });
});
