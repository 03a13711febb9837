import type { Assessment } from '../schemas/finding';
import type { RatingScale } from '../schemas/template';

/** Where a requirement stands in the report, from the team's consolidated assessment. */
export type RequirementOutcome = 'fulfilled' | 'not-fulfilled' | 'not-assessed';

export interface OutcomeCounts {
  fulfilled: number;
  notFulfilled: number;
  notAssessed: number;
}

export const NO_OUTCOMES: OutcomeCounts = Object.freeze({ fulfilled: 0, notFulfilled: 0, notAssessed: 0 });

/**
 * No assessment, no rating yet, a "not-counted" level (N/A, not assessed) and a level id the
 * scale does not know (a template edited since) all read as "not assessed": the report must
 * never count a requirement against the territory without an explicit failing rating.
 */
export function requirementOutcome(assessment: Pick<Assessment, 'rating'> | undefined, scale: RatingScale): RequirementOutcome {
  const rating = assessment?.rating;
  if (rating === null || rating === undefined) return 'not-assessed';
  const level = scale.levels.find((candidate) => candidate.id === rating);
  switch (level?.counts) {
    case 'fulfilled':
      return 'fulfilled';
    case 'not-fulfilled':
      return 'not-fulfilled';
    case 'not-counted':
    case undefined:
      return 'not-assessed';
  }
}

export function countOutcomes(outcomes: Iterable<RequirementOutcome>): OutcomeCounts {
  const counts = { ...NO_OUTCOMES };
  for (const outcome of outcomes) {
    if (outcome === 'fulfilled') counts.fulfilled++;
    else if (outcome === 'not-fulfilled') counts.notFulfilled++;
    else counts.notAssessed++;
  }
  return counts;
}

export function totalOf(counts: OutcomeCounts): number {
  return counts.fulfilled + counts.notFulfilled + counts.notAssessed;
}
