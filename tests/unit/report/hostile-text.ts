import fc from 'fast-check';
import { decodeXml, paragraphTexts, partsMatching, type DocxPackage } from './docx-reading';

/** Characters that break or bend a .docx when printed as they are. */
const HOSTILE = [
  '\uFFFE',
  '\uFFFF',
  '\uFDD0',
  '\uFDEF',
  '\u{1FFFE}',
  '\u{10FFFF}',
  '\u0000',
  '\u0001',
  '\u000B',
  '\u000C',
  '\u001F',
  '\t',
  '\n',
  '\r',
  '&',
  '<',
  ']]>',
  '"',
  '\uD83D\uDE00',
  'é',
];

/**
 * One unit of text: any code point, a lone surrogate (which `unit: 'binary'` never gives), a
 * character known to cause trouble, or plain ASCII so that words still appear.
 */
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
);

/** A short string of any Unicode, lone surrogates included. */
export const hostileText = fc.string({ unit, minLength: 1, maxLength: 12 });

/** As many strings as `missionWithTexts` uses in turn: more than the fields, so most fields differ. */
export const hostileTexts = fc.array(hostileText, { minLength: 128, maxLength: 128 });

/**
 * Characters of each XML part that XML 1.0 does not allow (or that are non-characters),
 * found without the code under test: read as UTF-8 strictly, then one regular expression.
 */
export function forbiddenCharacters(pkg: DocxPackage): string[] {
  const out: string[] = [];
  for (const name of partsMatching(pkg, /\.(xml|rels)$/)) {
    const bytes = pkg.files[name] ?? new Uint8Array();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      out.push(`${name}: not UTF-8`);
      continue;
    }
    for (const match of text.matchAll(/[^\t\n\r\x20-\uD7FF\uE000-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{10FFFF}]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu)) {
      out.push(`${name}: U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase()} at ${match.index}`);
    }
  }
  return out;
}

/** The text of the page headers, joined: the classification marking, or '' without one. */
export function headerText(pkg: DocxPackage): string {
  return partsMatching(pkg, /^word\/header\d*\.xml$/)
    .flatMap((name) => paragraphTexts(pkg.part(name)))
    .join('');
}

/** The document title in the core properties (File > Properties in Word). */
export function coreTitle(pkg: DocxPackage): string {
  return decodeXml(/<dc:title>([^<]*)<\/dc:title>/.exec(pkg.part('docProps/core.xml'))?.[1] ?? '');
}
