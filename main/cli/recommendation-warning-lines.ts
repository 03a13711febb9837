import { recommendationWarnings } from '../../shared/recommendation-warnings';
import type { Assessment, Recommendation } from '../../shared/schemas/finding';
import type { Template } from '../../shared/schemas/template';

/**
 * The Recommendations screen's consistency checks, as lines for stderr:
 * "FILE: warning: recommendation rec-3 is linked only to requirements assessed as fulfilled".
 * Warnings, not errors: a recommendation may be drafted before the assessment is final, so the
 * exit status stays 0.
 */
export function recommendationWarningLines(
  file: string,
  input: { template: Template; assessments: readonly Pick<Assessment, 'requirementId' | 'rating'>[]; recommendations: readonly Pick<Recommendation, 'id' | 'requirementIds'>[] },
): string[] {
  const warnings = recommendationWarnings(input.template, input.assessments, input.recommendations);
  const rated = new Map(input.assessments.map((assessment) => [assessment.requirementId, assessment.rating]));
  const linksOf = (id: string): readonly string[] => input.recommendations.find((recommendation) => recommendation.id === id)?.requirementIds ?? [];
  const unassessedOf = (id: string): string[] =>
    linksOf(id).filter((requirementId) => {
      const rating = rated.get(requirementId);
      const level = input.template.scale.levels.find((candidate) => candidate.id === rating);
      return !level || level.counts === 'not-counted';
    });
  return [
    ...warnings.linkedOnlyToFulfilled.map((id) => `${file}: warning: recommendation ${id} is linked only to requirements assessed as fulfilled (${linksOf(id).join(', ')})`),
    ...warnings.linkedToUnassessed.map((id) => `${file}: warning: recommendation ${id} is linked to requirements not assessed yet (${unassessedOf(id).join(', ')})`),
    ...warnings.notFulfilledWithoutRecommendation.map((id) => `${file}: warning: requirement ${id} is assessed as not fulfilled, but no recommendation addresses it`),
  ];
}
