/**
 * Text that Word can read. A .docx is XML 1.0, whose characters are #x9 #xA #xD #x20-#xD7FF
 * #xE000-#xFFFD #x10000-#x10FFFF; one U+FFFF in a narrative or in the classification makes
 * document.xml or header1.xml malformed, and Word and LibreOffice then refuse the whole report.
 * Every string a report prints passes through here once, on its way from the report model to
 * the document (see `xmlSafeModel`).
 *
 * What is removed, and why it vanishes or becomes U+FFFD:
 * - C0 control characters other than tab, line feed and carriage return vanish. The docx
 *   library already dropped them from every part, so reports keep the same bytes as before.
 * - Non-characters (U+FDD0-U+FDEF and the last two code points of every plane, U+FFFE/U+FFFF
 *   to U+10FFFE/U+10FFFF) vanish: they are never text, a text box shows nothing for them, so
 *   the printed report should not either.
 * - Lone surrogates (half of an emoji cut in two) become U+FFFD, the usual mark of damaged text,
 *   as every UTF-8 encoder writes them; the report used to get the same U+FFFD from the encoder.
 * So the only reports that change are those that used to be unreadable.
 *
 * Tabs, line feeds and carriage returns stay: the renderer turns line feeds into line breaks.
 */

/** One code point (or lone surrogate) that XML 1.0 does not allow or that is a non-character. */
const UNSAFE = new RegExp(
  '[^\\t\\n\\r\\x20-\\uD7FF\\uE000-\\uFDCF\\uFDF0-\\uFFFD' +
    // U+10000-U+10FFFD without U+nFFFE and U+nFFFF: each plane up to its own xFFFD.
    Array.from({ length: 16 }, (_, index) => {
      const plane = (index + 1).toString(16).toUpperCase();
      return `\\u{${plane}0000}-\\u{${plane}FFFD}`;
    }).join('') +
    ']',
  'gu',
);

const REPLACEMENT = '\uFFFD';

/** `text` with only characters Word can read; the same string when there is nothing to remove. */
export function xmlSafeText(text: string): string {
  return text.replace(UNSAFE, (character) => (isLoneSurrogate(character) ? REPLACEMENT : ''));
}

/** With the `u` flag a match is one code point: two code units for a pair, one for a lone half. */
function isLoneSurrogate(match: string): boolean {
  const code = match.charCodeAt(0);
  return match.length === 1 && code >= 0xd800 && code <= 0xdfff;
}

/**
 * A report model with every string in it passed through `xmlSafeText`, however deep. Plain
 * objects and arrays are copied; anything else (numbers, image bytes) is kept as it is. A walk
 * over the whole model rather than a call at each place that prints text, so a field added to
 * the model later cannot slip past. Models are shallow (a dozen levels), so recursion is safe.
 */
export function xmlSafeModel<Model>(model: Model): Model {
  // The walk returns a value of the same shape with strings swapped for strings, which the
  // type system cannot follow through `unknown`; hence the one cast.
  return cleanValue(model) as Model;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return xmlSafeText(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = cleanValue(item);
    return out;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
