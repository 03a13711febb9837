/**
 * The streaming scanner that lets the bundle and backup readers refuse an oversized text or a
 * deep nesting while an entry is still unpacking. It must agree exactly with what the parsed
 * value holds (string lengths in UTF-16 units, depth with the outermost container at 1), for
 * any split of the bytes into chunks.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, MAX_TEXT_LENGTH } from '../../shared/input-limits';
import { JsonLimitExceeded, JsonLimitScanner } from '../../shared/json-stream-scanner';

const encoder = new TextEncoder();

/** Which limit the scanner reports for the bytes pushed in the given chunks, or null. */
function scan(bytes: Uint8Array, cuts: readonly number[] = [], limits?: { maxTextLength: number; maxDepth: number }): string | null {
  const scanner = new JsonLimitScanner(limits);
  const points = [...new Set(cuts.map((cut) => Math.min(cut, bytes.length)))].sort((a, b) => a - b);
  let from = 0;
  try {
    for (const point of [...points, bytes.length]) {
      scanner.push(bytes.subarray(from, point));
      from = point;
    }
  } catch (error) {
    if (error instanceof JsonLimitExceeded) return error.limit;
    throw error;
  }
  return null;
}

function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

describe('text length, exactly at the limit of input-limits.ts', () => {
  it(`lets a string of ${MAX_TEXT_LENGTH} ASCII characters through and refuses one more`, () => {
    expect(scan(json({ narrative: 'a'.repeat(MAX_TEXT_LENGTH) }))).toBeNull();
    expect(scan(json({ narrative: 'a'.repeat(MAX_TEXT_LENGTH + 1) }))).toBe('text-length');
  });

  it('counts a key like any other text', () => {
    const key = 'k'.repeat(MAX_TEXT_LENGTH + 1);
    expect(scan(json({ [key]: 1 }))).toBe('text-length');
  });

  it('counts UTF-16 units: é (2 bytes) and € (3 bytes) as one, 😀 (4 bytes) as two', () => {
    expect(scan(json(['é'.repeat(MAX_TEXT_LENGTH)]))).toBeNull();
    expect(scan(json(['é'.repeat(MAX_TEXT_LENGTH) + 'a']))).toBe('text-length');
    expect(scan(json(['€'.repeat(MAX_TEXT_LENGTH)]))).toBeNull();
    expect(scan(json(['€'.repeat(MAX_TEXT_LENGTH + 1)]))).toBe('text-length');
    expect(scan(json(['😀'.repeat(MAX_TEXT_LENGTH / 2)]))).toBeNull();
    expect(scan(json(['😀'.repeat(MAX_TEXT_LENGTH / 2) + 'a']))).toBe('text-length');
  });

  it('counts an escape as the one unit it decodes to', () => {
    const newlines = `["${'\\n'.repeat(MAX_TEXT_LENGTH)}"]`;
    expect(JSON.parse(newlines)[0]).toHaveLength(MAX_TEXT_LENGTH);
    expect(scan(encoder.encode(newlines))).toBeNull();
    expect(scan(encoder.encode(`["${'\\u00e9'.repeat(MAX_TEXT_LENGTH)}"]`))).toBeNull();
    expect(scan(encoder.encode(`["${'\\u00e9'.repeat(MAX_TEXT_LENGTH)}\\""]`))).toBe('text-length');
    // An escaped quote does not end the string, and "\\" does not escape the closing quote.
    expect(scan(encoder.encode(`["\\"${'a'.repeat(MAX_TEXT_LENGTH - 1)}", "\\\\"]`))).toBeNull();
  });

  it('counts each string on its own: many long strings are fine', () => {
    expect(scan(json(Array.from({ length: 5 }, () => 'a'.repeat(MAX_TEXT_LENGTH))))).toBeNull();
  });
});

describe('nesting depth', () => {
  it(`lets ${MAX_JSON_DEPTH} nested arrays and objects through and refuses one more`, () => {
    const nested = (levels: number): string => '[{"a":'.repeat(levels / 2) + '1' + '}]'.repeat(levels / 2);
    expect(scan(encoder.encode(nested(MAX_JSON_DEPTH)))).toBeNull();
    expect(scan(encoder.encode(`[${nested(MAX_JSON_DEPTH)}]`))).toBe('depth');
  });

  it('ignores brackets inside strings', () => {
    expect(scan(json(['['.repeat(1000), '{'.repeat(1000)]))).toBeNull();
  });

  it('refuses 5,000 levels after seeing the 65th', () => {
    const scanner = new JsonLimitScanner();
    expect(() => scanner.push(encoder.encode('['.repeat(5000)))).toThrow(`is nested more than ${MAX_JSON_DEPTH} levels deep`);
  });
});

/** The longest string (value or key) and the deepest nesting of a parsed value, walked directly. */
function measure(value: unknown, depth = 0): { text: number; depth: number } {
  if (typeof value === 'string') return { text: value.length, depth };
  if (typeof value !== 'object' || value === null) return { text: 0, depth };
  const children = Array.isArray(value) ? value.map((child) => measure(child, depth + 1)) : Object.entries(value).map(([key, child]) => {
    const inner = measure(child, depth + 1);
    return { text: Math.max(key.length, inner.text), depth: inner.depth };
  });
  return children.reduce((a, b) => ({ text: Math.max(a.text, b.text), depth: Math.max(a.depth, b.depth) }), { text: 0, depth: depth + 1 });
}

describe('agreement with the parsed value (property)', () => {
  it('refuses exactly the documents whose parsed value breaks a limit, however the bytes are cut', () => {
    const limits = { maxTextLength: 6, maxDepth: 3 };
    const document = fc.jsonValue({ maxDepth: 5, stringUnit: fc.constantFrom('a', 'é', '€', '😀', '"', '\\', '\n', '\u0001', '[', '}') });
    fc.assert(
      fc.property(document, fc.array(fc.nat(400), { maxLength: 8 }), fc.boolean(), (value, cuts, pretty) => {
        const bytes = encoder.encode(pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value));
        const { text, depth } = measure(JSON.parse(new TextDecoder().decode(bytes)));
        const broken = text > limits.maxTextLength || depth > limits.maxDepth;
        const result = scan(bytes, cuts, limits);
        expect(result !== null).toBe(broken);
        if (result === 'text-length') expect(text).toBeGreaterThan(limits.maxTextLength);
        if (result === 'depth') expect(depth).toBeGreaterThan(limits.maxDepth);
      }),
      { numRuns: 400 },
    );
  });
});
