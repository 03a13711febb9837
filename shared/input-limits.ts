/**
 * Limits on what Mission Kit accepts from elsewhere (mission files, templates, bundles, backups,
 * hub requests). They sit here, in one place, so that every reader refuses the same things with
 * the same words, and `docs/formats.md` can list them. Each limit is far above what a real
 * mission needs and far below what would exhaust memory or the call stack.
 */

/** The longest text field accepted, in UTF-16 code units: a narrative of a million characters is about 400 pages. */
export const MAX_TEXT_LENGTH = 1_000_000;

/**
 * The deepest nesting of arrays and objects accepted in any JSON document. Our own formats nest
 * fewer than 12 levels; the cap is checked before any recursive walk (zod, materialisation,
 * hashing), so a hostile document cannot overflow the call stack.
 */
export const MAX_JSON_DEPTH = 64;
