import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { utf8Decode } from '../sync/bundle-crypto';

/**
 * The check after writing: every XML part of a produced .docx must be well-formed XML 1.0, or
 * Word and LibreOffice refuse the whole document. `xmlSafeModel` keeps every string readable,
 * so this should never fail; it is there so that a fault anywhere between the model and the
 * bytes (a string that bypassed the model, a docx library bug) stops the export with a message
 * instead of handing the lead a report nobody can open.
 */

/** A part of the package that does not parse, and why. */
export interface MalformedPart {
  /** The part's name in the package, "word/document.xml". */
  part: string;
  /** "line 1, column 2345: disallowed character U+FFFF" */
  problem: string;
}

/** Thrown by `assertWellFormedDocx`; the export then writes nothing. */
export class MalformedDocxError extends Error {
  constructor(readonly malformed: MalformedPart) {
    super(`the document's part ${malformed.part} is not well-formed XML: ${malformed.problem}. This is a fault in Mission Kit; please report it.`);
    this.name = 'MalformedDocxError';
  }
}

/** The parts a Word document cannot do without. */
const REQUIRED_PARTS = ['[Content_Types].xml', 'word/document.xml'];

const isXmlPart = (name: string): boolean => /\.(xml|rels)$/i.test(name);

/** The first part of `bytes` (a .docx) that is not well-formed XML 1.0, or null when all are. */
export function malformedDocxPart(bytes: Uint8Array): MalformedPart | null {
  let parts: Record<string, Uint8Array>;
  try {
    // Only the XML parts are inflated: embedded photos are not XML and can be large.
    parts = unzipSync(bytes, { filter: (file) => isXmlPart(file.name) });
  } catch (error) {
    return { part: '(package)', problem: `not a readable zip archive: ${messageOf(error)}` };
  }
  for (const part of REQUIRED_PARTS) {
    if (!parts[part]) return { part, problem: 'missing from the package' };
  }
  for (const [part, data] of Object.entries(parts)) {
    const problem = xmlProblem(data);
    if (problem !== null) return { part, problem };
  }
  return null;
}

/** Throws a `MalformedDocxError` naming the first part of `bytes` that is not well-formed XML 1.0. */
export function assertWellFormedDocx(bytes: Uint8Array): void {
  const malformed = malformedDocxPart(bytes);
  if (malformed) throw new MalformedDocxError(malformed);
}

/** Why one part's bytes are not well-formed XML 1.0 in UTF-8 (what Word reads), or null. */
export function xmlProblem(data: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8Decode(data);
  } catch {
    return 'not valid UTF-8';
  }
  // A strict parser: the XML 1.0 character ranges, entities, tag nesting, namespace prefixes.
  // XML 1.1 is forced off because Word reads only 1.0, whatever a part declares.
  const parser = new SaxesParser({ position: true, xmlns: true, forceXMLVersion: true, defaultXMLVersion: '1.0' });
  let declared: string | null = null;
  parser.on('xmldecl', (declaration) => {
    if (declaration.version !== undefined && declaration.version !== '1.0') declared = `declares XML version ${declaration.version}; Word reads only 1.0`;
    else if (declaration.encoding !== undefined && !/^utf-8$/i.test(declaration.encoding)) declared = `declares encoding ${declaration.encoding}, but is written in UTF-8`;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    // saxes prefixes "line:column: "; it is spelled out here for people who read the message.
    const reason = messageOf(error).replace(/^\d+:\d+: /, '');
    const character = /disallowed character/.test(reason) ? ` ${codePointName(text, parser.position)}` : '';
    return `line ${parser.line}, column ${parser.column}: ${reason.replace(/\.$/, '')}${character}`;
  }
  return declared;
}

/** "U+FFFF": the character just before `position`, where saxes stopped on it. */
function codePointName(text: string, position: number): string {
  const low = text.charCodeAt(position - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && position >= 2 && /[\uD800-\uDBFF]/.test(text.charAt(position - 2)) ? position - 2 : position - 1;
  const code = text.codePointAt(start) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
