/**
 * Limits on what Mission Kit accepts from elsewhere (mission files, templates, bundles, backups,
 * hub requests). They sit here, in one place, so that every reader refuses the same things with
 * the same words, and `docs/formats.md` ("Limits") can list them. Each limit is far above what a
 * real mission needs and far below what would exhaust memory or the call stack.
 */

/** The longest text field accepted, in UTF-16 code units: a narrative of a million characters is about 400 pages. */
export const MAX_TEXT_LENGTH = 1_000_000;

/**
 * The deepest nesting of arrays and objects accepted in any JSON document. Our own formats nest
 * fewer than 12 levels; the cap is checked before any recursive walk (zod, materialisation,
 * hashing), so a hostile document cannot overflow the call stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The longest object key accepted. Our keys are field names, ids (at most 128 characters) and
 * answer keys "<question id>@<site id>" (at most 300); a longer key is never ours, and the
 * unknown-key message compares every unknown key with the known ones.
 */
export const MAX_KEY_LENGTH = 1_000;

/**
 * The largest mission file read (by the command line; the app is also bound by the IPC transfer
 * cap). The 20,000-finding test mission (tests/fixtures/large-mission.ts) is 21.5 MB, and 47.9 MB
 * with a creation change for each of its 22,610 records: this leaves room for a long edit history.
 */
export const MAX_MISSION_FILE_BYTES = 256 * 1024 * 1024;

/** The largest template file read: the 1,000-requirement test template is 0.3 MB, the Kosovo roadmap 42 KB. */
export const MAX_TEMPLATE_FILE_BYTES = 8 * 1024 * 1024;
