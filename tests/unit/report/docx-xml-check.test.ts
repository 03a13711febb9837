import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertWellFormedDocx, MalformedDocxError, malformedDocxPart, renderMissionReport } from '../../../shared/report';
import { xmlProblem } from '../../../shared/report/docx-xml-check';
import { demoReportInput, GENERATED_AT } from './demo-report-input';

/**
 * The check after writing, fed documents that are broken on purpose: a real report with one
 * part replaced. The sanitiser keeps real reports from ever failing it, so only a hand-made
 * broken package shows that it refuses what Word would refuse.
 */
let report: Uint8Array;
beforeAll(async () => {
  report = await renderMissionReport(demoReportInput(), { generatedAt: GENERATED_AT });
});

/** The report with `part` replaced by `content` (or removed, for null). */
function withPart(part: string, content: string | Uint8Array | null): Uint8Array {
  const files: Record<string, Uint8Array> = Object.fromEntries(Object.entries(unzipSync(report)).filter(([name]) => name !== part));
  if (content !== null) files[part] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files);
}

const HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>RESTRICTED</w:t></w:r></w:p></w:hdr>';

describe('the check after writing', () => {
  it('passes the reports Mission Kit writes, every part of them', () => {
    expect(malformedDocxPart(report)).toBeNull();
    expect(() => assertWellFormedDocx(report)).not.toThrow();
    expect(malformedDocxPart(withPart('word/header1.xml', HEADER))).toBeNull();
  });

  it('names the part and the character when a part holds U+FFFF, the issue’s case', () => {
    const broken = withPart('word/header1.xml', HEADER.replace('RESTRICTED', 'RESTRICTED\uFFFF'));
    expect(malformedDocxPart(broken)).toEqual({ part: 'word/header1.xml', problem: 'line 2, column 104: disallowed character U+FFFF' });
    expect(() => assertWellFormedDocx(broken)).toThrow(MalformedDocxError);
    expect(() => assertWellFormedDocx(broken)).toThrow(
      "the document's part word/header1.xml is not well-formed XML: line 2, column 104: disallowed character U+FFFF. This is a fault in Mission Kit; please report it.",
    );
  });

  it('refuses the other ways a part can be unreadable, naming each', () => {
    const cases: [string, string | Uint8Array | null, string][] = [
      ['word/document.xml', HEADER.replace('</w:p>', ''), 'line 2, column 123: unexpected close tag'],
      ['word/document.xml', HEADER.replace('RESTRICTED', 'R&D;'), 'line 2, column 97: undefined entity'],
      ['word/document.xml', HEADER.replace('RESTRICTED', '\u0001'), 'line 2, column 94: disallowed character U+0001'],
      ['word/document.xml', HEADER.replace('<w:p>', '<w:p w:rsid="\uFFFE">'), 'line 2, column 92: disallowed character U+FFFE'],
      ['word/document.xml', HEADER.replace('<w:t>', '<x:t>').replace('</w:t>', '</x:t>'), 'line 2, column 93: unbound namespace prefix: "x"'],
      ['word/_rels/document.xml.rels', '<Relationships/><Relationships/>', 'line 1, column 31: documents may contain only one root'],
      ['word/styles.xml', '', 'line 1, column 0: document must contain a root element'],
      ['word/styles.xml', HEADER.replace('version="1.0"', 'version="1.1"'), 'declares XML version 1.1; Word reads only 1.0'],
      ['word/styles.xml', HEADER.replace('UTF-8', 'ISO-8859-1'), 'declares encoding ISO-8859-1, but is written in UTF-8'],
      ['word/styles.xml', new Uint8Array([...strToU8('<a>'), 0xc3, 0x28, ...strToU8('</a>')]), 'not valid UTF-8'],
      // A lone surrogate written as if it were a character (what a careless UTF-8 encoder does).
      ['word/styles.xml', new Uint8Array([...strToU8('<a>'), 0xed, 0xa0, 0x80, ...strToU8('</a>')]), 'not valid UTF-8'],
      ['word/document.xml', null, 'missing from the package'],
      ['[Content_Types].xml', null, 'missing from the package'],
    ];
    for (const [part, content, problem] of cases) {
      expect(malformedDocxPart(withPart(part, content)), `${part}: ${problem}`).toEqual({ part, problem });
    }
  });

  it('refuses bytes that are not a zip archive', () => {
    expect(malformedDocxPart(strToU8('<w:document/>'))).toEqual({ part: '(package)', problem: expect.stringMatching(/^not a readable zip archive: /) });
  });

  it('checks one part as XML 1.0 even when it declares nothing', () => {
    expect(xmlProblem(strToU8('<a>ok</a>'))).toBeNull();
    expect(xmlProblem(strToU8('<a>\uFFFE</a>'))).toBe('line 1, column 4: disallowed character U+FFFE');
  });
});
