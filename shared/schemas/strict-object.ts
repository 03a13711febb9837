import { z } from 'zod';

/**
 * An object schema that refuses keys it does not know. Files are typed by hand and bundles come
 * from other versions: a silently dropped `"ratting"` would drop a rating and change a report's
 * totals, so an unknown key is an error that names the key and, when one is close, the key
 * that was meant.
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape): z.ZodObject<Shape, z.core.$strict> {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : undefined),
  });
}

/** At most this many unknown keys are named in one message; a hostile object may have millions. */
const MAX_NAMED_KEYS = 5;

/** `unknown key "ratting" — did you mean "rating"?`, for one or several keys. */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  const named = keys.slice(0, MAX_NAMED_KEYS).map((key) => {
    const meant = closestKey(key, known);
    return `unknown key "${key}"${meant === null ? '' : ` — did you mean "${meant}"?`}`;
  });
  const more = keys.length - named.length;
  return `${named.join('; ')}${more > 0 ? `; and ${more} more unknown ${more === 1 ? 'key' : 'keys'}` : ''}`;
}

/** The known key within a small edit distance of `key` (a typo, a case slip), or null. */
export function closestKey(key: string, known: readonly string[]): string | null {
  const budget = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    // The distance is at least the difference in length: skip the quadratic table for a key
    // that cannot be close (a hostile key can be very long).
    if (Math.abs(candidate.length - key.length) > budget) continue;
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0.5 : editDistance(key, candidate);
    if (distance <= budget && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      let value = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = value;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
