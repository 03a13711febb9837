import type { Assessment, Recommendation } from './schemas/finding';
import type { Template } from './schemas/template';
import { requirementOutcome } from './report/requirement-outcome';

export interface RecommendationWarnings {
  /** Requirements assessed as not fulfilled that no recommendation addresses. */
  notFulfilledWithoutRecommendation: string[];
  /** Recommendations whose linked requirements are all assessed as fulfilled. */
  linkedOnlyToFulfilled: string[];
  /** Recommendations linked to a requirement that is not assessed yet (no rating, or a level that does not count). */
  linkedToUnassessed: string[];
}

/**
 * The lead's consistency checks before the report goes out. Warnings, not blockers: a
 * recommendation may be drafted before the assessment is final.
 */
export function recommendationWarnings(template: Template, assessments: readonly Pick<Assessment, 'requirementId' | 'rating'>[], recommendations: readonly Pick<Recommendation, 'id' | 'requirementIds'>[]): RecommendationWarnings {
  const outcome = new Map(assessments.map((assessment) => [assessment.requirementId, requirementOutcome(assessment, template.scale)]));
  const addressed = new Set(recommendations.flatMap((recommendation) => recommendation.requirementIds));
  const requirementIds = template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((requirement) => requirement.id)));
  return {
    notFulfilledWithoutRecommendation: requirementIds.filter((id) => outcome.get(id) === 'not-fulfilled' && !addressed.has(id)),
    linkedOnlyToFulfilled: recommendations
      .filter((recommendation) => recommendation.requirementIds.length > 0 && recommendation.requirementIds.every((id) => outcome.get(id) === 'fulfilled'))
      .map((recommendation) => recommendation.id),
    linkedToUnassessed: recommendations
      .filter((recommendation) => recommendation.requirementIds.some((id) => (outcome.get(id) ?? 'not-assessed') === 'not-assessed'))
      .map((recommendation) => recommendation.id),
  };
}
