import { z } from 'zod';

/**
 * Identifiers travel between devices, files and URLs, so they are kept to a conservative
 * alphabet: nothing path-like, no spaces, bounded length.
 */
export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may only contain letters, digits, ".", "_", ":" and "-"');

/** Calendar date without a time zone, as experts write it on site: 2015-07-13. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD')
  // Round-trip rather than Date.parse alone, which rolls 30 February over into March.
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'is not a real calendar date');

/** Instant with time zone, used for created/updated timestamps shown to people. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const NonEmptyTextSchema = z.string().trim().min(1, 'must not be empty');
