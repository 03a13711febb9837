import { strFromU8, unzipSync } from 'fflate';

/**
 * Reads a produced .docx the way Word does — as a zip of XML parts — so the tests check the
 * document itself, not the in-memory model it was made from.
 */
export interface DocxPackage {
  files: Record<string, Uint8Array>;
  part(name: string): string;
}

export function openDocx(bytes: Uint8Array): DocxPackage {
  const files = unzipSync(bytes);
  return {
    files,
    part(name: string): string {
      const file = files[name];
      if (!file) throw new Error(`the package has no part ${name}; it has ${Object.keys(files).join(', ')}`);
      return strFromU8(file);
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? '';
  });
}

const TAG_SOURCE = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.source;
/** A fresh regex per use: a shared global one would carry its lastIndex from one call into the next. */
const tagPattern = (): RegExp => new RegExp(TAG_SOURCE, 'g');

/** The text of every <w:p>, in document order: the contents of its <w:t> runs joined, tabs and breaks kept. */
export function paragraphTexts(xml: string): string[] {
  const out: string[] = [];
  const open: string[] = [];
  let inText = false;
  let last = 0;
  for (const match of xml.matchAll(tagPattern())) {
    const index = match.index ?? 0;
    if (inText && open.length > 0) open[open.length - 1] += decodeXml(xml.slice(last, index));
    last = index + match[0].length;
    const [, close, name, , self] = match;
    if (name === 'w:p') {
      if (self) out.push('');
      else if (close) out.push(open.pop() ?? '');
      else open.push('');
    } else if (name === 'w:t') {
      inText = !close && !self;
    } else if ((name === 'w:tab' || name === 'w:br') && open.length > 0 && !close) {
      open[open.length - 1] += name === 'w:tab' ? '\t' : '\n';
    }
  }
  return out;
}

/**
 * Problems that would make an XML part unreadable: unbalanced or crossed tags, broken
 * attributes, a raw "<" or an unknown entity in text, more than one root. A small stack-based
 * checker of the tests' own rather than saxes, which the check after writing uses: the tests
 * do not judge that code with itself.
 */
export function wellFormednessProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const tag = tagPattern();
  const checkText = (text: string, where: number): void => {
    for (const match of text.matchAll(/&([^;\s]*);?/g)) {
      if (!/^(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos)$/.test(match[1] ?? '') || !match[0].endsWith(';')) {
        problems.push(`bad entity "${match[0]}" near offset ${where}`);
      }
    }
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root element near offset ${i}`);
    checkText(text, i);
    if (lt < 0) break;
    const skip = (open: string, closeWith: string): boolean => {
      if (!xml.startsWith(open, lt)) return false;
      const end = xml.indexOf(closeWith, lt + open.length);
      if (end < 0) problems.push(`unterminated ${open} at offset ${lt}`);
      i = end < 0 ? xml.length : end + closeWith.length;
      return true;
    };
    if (skip('<?', '?>') || skip('<!--', '-->') || skip('<![CDATA[', ']]>') || skip('<!', '>')) continue;
    tag.lastIndex = lt;
    const match = tag.exec(xml);
    if (!match || match.index !== lt) {
      problems.push(`malformed tag at offset ${lt}: ${xml.slice(lt, lt + 60)}`);
      break;
    }
    const [whole, close, name = '', attributes = '', self] = match;
    const names = [...attributes.matchAll(/([\w.:-]+)\s*=\s*("[^"]*"|'[^']*')/g)].map((attribute) => {
      if ((attribute[2] ?? '').includes('<')) problems.push(`"<" in attribute ${attribute[1]} of <${name}>`);
      checkText(attribute[2] ?? '', lt);
      return attribute[1];
    });
    if (new Set(names).size !== names.length) problems.push(`duplicate attribute in <${name}> at offset ${lt}`);
    if (close) {
      const top = stack.pop();
      if (top !== name) problems.push(`</${name}> closes <${top ?? 'nothing'}> at offset ${lt}`);
    } else {
      if (stack.length === 0) roots++;
      if (!self) stack.push(name);
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) problems.push(`unclosed elements: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/**
 * Package-level problems Word reports as "unreadable content": a content-type override for a
 * missing part, a part with no content type, a relationship pointing at a missing part, or an
 * XML part that is not well formed.
 */
export function packageProblems(pkg: DocxPackage): string[] {
  const problems: string[] = [];
  const names = Object.keys(pkg.files);
  const types = pkg.part('[Content_Types].xml');
  const overrides = [...types.matchAll(/<Override\b[^>]*PartName="([^"]+)"/g)].map((match) => decodeXml(match[1] ?? '').replace(/^\//, ''));
  const defaults = new Set([...types.matchAll(/<Default\b[^>]*Extension="([^"]+)"/g)].map((match) => (match[1] ?? '').toLowerCase()));
  for (const part of overrides) if (!pkg.files[part]) problems.push(`[Content_Types].xml lists ${part}, which is not in the package`);
  for (const name of names) {
    if (name.endsWith('/') || name === '[Content_Types].xml') continue;
    const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    if (!overrides.includes(name) && !defaults.has(extension)) problems.push(`${name} has no content type`);
  }
  for (const rels of names.filter((name) => name.endsWith('.rels'))) {
    const base = rels.replace(/_rels\/[^/]*\.rels$/, '');
    for (const match of pkg.part(rels).matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const attributes = match[1] ?? '';
      if (/TargetMode="External"/.test(attributes)) continue;
      const target = decodeXml(/Target="([^"]*)"/.exec(attributes)?.[1] ?? '');
      const resolved = resolvePath(target.startsWith('/') ? target.slice(1) : base + target);
      if (!pkg.files[resolved]) problems.push(`${rels} points to ${target} (${resolved}), which is not in the package`);
    }
  }
  for (const name of names.filter((candidate) => /\.(xml|rels)$/.test(candidate))) {
    for (const problem of wellFormednessProblems(pkg.part(name))) problems.push(`${name}: ${problem}`);
  }
  return problems;
}

function resolvePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

/** The text of the document body, the footnotes, the headers and the footers of a package. */
export function documentParagraphs(pkg: DocxPackage): string[] {
  return paragraphTexts(pkg.part('word/document.xml'));
}

export function partsMatching(pkg: DocxPackage, pattern: RegExp): string[] {
  return Object.keys(pkg.files).filter((name) => pattern.test(name));
}
