import type { LevelCount, RatingLevel } from '../../../shared/schemas/template';

/** How a rating looks: what its level counts as, or "none" while nothing is rated yet. */
export type RatingLook = LevelCount | 'none';

/**
 * The look follows what the level counts as, never its id or its place in the scale, so a
 * scale that lists "Non-compliant" first still shows it as a failure, and no template can make
 * "Not fulfilled" green.
 */
export function ratingLook(level: Pick<RatingLevel, 'counts'> | null | undefined): RatingLook {
  return level ? level.counts : 'none';
}

/** The level with this id, or undefined for no rating or an id the scale no longer has. */
export function findLevel(levels: readonly RatingLevel[], id: string | null | undefined): RatingLevel | undefined {
  return id ? levels.find((level) => level.id === id) : undefined;
}

/**
 * Which shade of its look a level takes (0 = the strongest): a scale with two fulfilled levels
 * (Compliant, Largely compliant) shows them in two greens, in the order the scale lists them.
 * Capped at the number of shades the stylesheet defines.
 */
export function levelShade(levels: readonly RatingLevel[], level: RatingLevel): number {
  const same = levels.filter((other) => other.counts === level.counts);
  return Math.min(Math.max(0, same.indexOf(level)), SHADES - 1);
}

/** Shades per look in app.css (`.rating-segment.shade-N`). */
export const SHADES = 3;
