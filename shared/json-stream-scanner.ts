import { MAX_JSON_DEPTH, MAX_TEXT_LENGTH } from './input-limits';

/** Which limit of input-limits.ts the scanned bytes break. */
export type StreamedJsonLimit = 'depth' | 'text-length';

/** Thrown by {@link JsonLimitScanner} as soon as the bytes seen so far break a limit. */
export class JsonLimitExceeded extends Error {
  override name = 'JsonLimitExceeded';
  constructor(
    readonly limit: StreamedJsonLimit,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const LETTER_U = 0x75;

/** Where the scanner is: outside strings, inside one, or just after a backslash inside one. */
const OUTSIDE = 0;
const IN_STRING = 1;
const AFTER_BACKSLASH = 2;

/**
 * Watches UTF-8 JSON text go by, chunk after chunk, and throws {@link JsonLimitExceeded} as
 * soon as a string (value or key) grows past {@link MAX_TEXT_LENGTH} or arrays and objects
 * nest deeper than {@link MAX_JSON_DEPTH}. It keeps no text, only a few counters, so a reader
 * can refuse a 100 MB narrative after seeing about a megabyte of it instead of unpacking,
 * decoding and parsing all of it.
 *
 * For valid UTF-8 JSON the counts are exact, in the units JSON.parse's result has: a string's
 * length is its number of UTF-16 code units once decoded (one per escape such as `\n` or
 * `\u00e9`, one per character of a 1- to 3-byte UTF-8 sequence, two per 4-byte sequence), and
 * the outermost array or object is depth 1. So a string of exactly MAX_TEXT_LENGTH units passes
 * and one more unit fails, the same as the check that runs on the parsed value. Invalid JSON is
 * left to JSON.parse, which runs afterwards; here it can only be refused earlier, never let
 * through.
 */
export class JsonLimitScanner {
  /** The limits of input-limits.ts unless a test asks for small ones. */
  constructor(private readonly limits: { maxTextLength: number; maxDepth: number } = { maxTextLength: MAX_TEXT_LENGTH, maxDepth: MAX_JSON_DEPTH }) {}

  private state: typeof OUTSIDE | typeof IN_STRING | typeof AFTER_BACKSLASH = OUTSIDE;
  /** Hex digits still to skip after `\u`. */
  private hexLeft = 0;
  private units = 0;
  private depth = 0;

  push(chunk: Uint8Array): void {
    const length = chunk.length;
    let i = 0;
    while (i < length) {
      if (this.state === OUTSIDE) {
        // A tight loop over structure and numbers until the next string; locals, not fields,
        // because this runs over every byte of a 256 MiB change log.
        let depth = this.depth;
        while (i < length) {
          const b = chunk[i] as number;
          i += 1;
          if (b === QUOTE) {
            this.state = IN_STRING;
            this.units = 0;
            break;
          }
          if (b === OPEN_BRACKET || b === OPEN_BRACE) {
            depth += 1;
            if (depth > this.limits.maxDepth) {
              const max = this.limits.maxDepth;
              throw new JsonLimitExceeded('depth', `is nested more than ${max} levels deep (arrays and objects inside each other); Mission Kit reads at most ${max}`);
            }
          } else if ((b === CLOSE_BRACKET || b === CLOSE_BRACE) && depth > 0) {
            depth -= 1;
          }
        }
        this.depth = depth;
        continue;
      }
      if (this.hexLeft > 0) {
        // The four hex digits of \uXXXX: the unit was counted at the "u".
        this.hexLeft -= 1;
        i += 1;
        continue;
      }
      if (this.state === AFTER_BACKSLASH) {
        this.state = IN_STRING;
        if (chunk[i] === LETTER_U) this.hexLeft = 4;
        this.count(1);
        i += 1;
        continue;
      }
      // Plain string bytes until a quote or a backslash.
      let units = this.units;
      while (i < length) {
        const b = chunk[i] as number;
        if (b === QUOTE || b === BACKSLASH) break;
        // Continuation bytes (10xxxxxx) add nothing; a 4-byte sequence is a surrogate pair.
        if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
        i += 1;
      }
      this.units = units;
      this.count(0);
      if (i < length) {
        this.state = chunk[i] === QUOTE ? OUTSIDE : AFTER_BACKSLASH;
        i += 1;
      }
    }
  }

  private count(units: number): void {
    this.units += units;
    if (this.units > this.limits.maxTextLength) {
      throw new JsonLimitExceeded('text-length', `holds a text longer than ${this.limits.maxTextLength.toLocaleString('en')} characters, the limit for any text`);
    }
  }
}
