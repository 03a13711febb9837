import { splitAnswerKey } from './questionnaire';
import type { Finding } from './schemas/finding';
import type { Template } from './schemas/template';

export interface TemplateUpgradePlan {
  from: number;
  to: number;
  /** Questions the new version asks that the old one did not. */
  addedQuestions: number;
  /** Stored answers whose question the new version no longer has: kept and shown as archived. */
  archivedAnswers: number;
  /** Requirements that hold findings or assessments but are gone from the new version. */
  missingRequirements: string[];
  /** Refused when work would become unreachable: a requirement with findings must survive. */
  canUpgrade: boolean;
}

type UpgradeFinding = Pick<Finding, 'requirementId' | 'answers'>;

/**
 * What moving a mission from one template version to another would do. Questions are mapped
 * by id within their requirement, so an answer follows its question across versions; nothing
 * is ever deleted.
 */
export function planTemplateUpgrade(from: Template, to: Template, findings: readonly UpgradeFinding[], assessedRequirementIds: readonly string[] = []): TemplateUpgradePlan {
  const questionsOf = (template: Template): Map<string, Set<string>> =>
    new Map(template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((requirement) => [requirement.id, new Set(requirement.questions.map((q) => q.id))] as const))));
  const before = questionsOf(from);
  const after = questionsOf(to);
  let addedQuestions = 0;
  for (const [requirementId, questions] of after) {
    const old = before.get(requirementId) ?? new Set<string>();
    for (const id of questions) if (!old.has(id)) addedQuestions += 1;
  }
  let archivedAnswers = 0;
  const missing = new Set<string>();
  for (const finding of findings) {
    const questions = after.get(finding.requirementId);
    if (!questions) {
      missing.add(finding.requirementId);
      continue;
    }
    for (const key of Object.keys(finding.answers)) if (!questions.has(splitAnswerKey(key).questionId)) archivedAnswers += 1;
  }
  for (const requirementId of assessedRequirementIds) if (!after.has(requirementId)) missing.add(requirementId);
  return {
    from: from.version,
    to: to.version,
    addedQuestions,
    archivedAnswers,
    missingRequirements: [...missing].sort(),
    canUpgrade: to.id === from.id && to.version > from.version && missing.size === 0,
  };
}
