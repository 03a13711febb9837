import { appliesToSite, isRelevant, summariseQuestions } from '../questionnaire';
import type { Assessment, Finding } from '../schemas/finding';
import type { Member, MemberRole, SiteVisit } from '../schemas/mission';
import type { Question } from '../schemas/question';
import type { Requirement, Template } from '../schemas/template';
import { describeSummary } from './questionnaire-text';
import type { NumberedRecommendation } from './recommendation-numbering';
import { formatDate } from './report-dates';
import type { Annex, AnnexPart } from './report-model-types';
import { roleLabel } from './role-label';
import { siteTypeLabel } from './site-type-label';

/** The number printed for a requirement: the framework's own, else its position in the area. */
export function requirementNumber(requirement: Requirement, index: number): string {
  return requirement.number?.trim() || String(index + 1);
}

/** Area heading inside an annex, with the section it is reported in: "4.1. Border/boundary management". */
export type AreaLabels = ReadonlyMap<string, string>;

export function requirementStatusAnnex(
  letter: string,
  template: Template,
  assessments: ReadonlyMap<string, Assessment>,
  recommendations: readonly NumberedRecommendation[],
  areaLabels: AreaLabels,
): Annex {
  const levels = new Map(template.scale.levels.map((level) => [level.id, level.label]));
  const numbersOf = new Map<string, number[]>();
  for (const item of recommendations) {
    for (const id of new Set(item.recommendation.requirementIds)) {
      const numbers = numbersOf.get(id) ?? [];
      numbers.push(item.number);
      numbersOf.set(id, numbers);
    }
  }
  const requirements = template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements));
  const paraphrased = requirements.filter((requirement) => requirement.paraphrased).length;
  // Paraphrased texts must never be quoted as the framework's own wording: say so once when all
  // are, mark each one when only some are.
  const markEach = paraphrased > 0 && paraphrased < requirements.length;
  const notes: string[] = [];
  if (paraphrased > 0 && !markEach) notes.push('The requirement texts below are short neutral renderings, not the official wording of the framework.');
  if (markEach) notes.push('Requirement texts marked “(paraphrased)” are short neutral renderings, not the official wording of the framework.');

  const parts: AnnexPart[] = template.blocks.flatMap((block) =>
    block.areas.map((area) => ({
      heading: areaLabels.get(area.id) ?? area.title,
      table: {
        columns: [
          { title: 'No.', width: 7 },
          { title: 'Requirement', width: 53 },
          { title: 'Assessment', width: 19 },
          { title: 'Recommendation', width: 21 },
        ],
        rows: area.requirements.map((requirement, index) => {
          const rating = assessments.get(requirement.id)?.rating ?? null;
          const label = rating === null ? 'Not assessed' : (levels.get(rating) ?? `Unknown rating “${rating}”`);
          const numbers = numbersOf.get(requirement.id) ?? [];
          const text = markEach && requirement.paraphrased ? `${requirement.text} (paraphrased)` : requirement.text;
          return [requirementNumber(requirement, index), text, label, numbers.length > 0 ? `No. ${numbers.join(', ')}` : ''];
        }),
      },
    })),
  );
  return { letter, title: 'Status of the requirements', subject: 'the status of each requirement', notes, parts };
}

export function sitesAnnex(letter: string, sites: readonly SiteVisit[]): Annex {
  // Stable sort: visits on the same day keep the order the team entered them in.
  const sorted = [...sites].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    letter,
    title: 'Sites visited',
    subject: 'the sites visited',
    notes: [],
    parts: [
      {
        heading: null,
        table: {
          columns: [
            { title: 'Date', width: 17 },
            { title: 'Site', width: 33 },
            { title: 'Type', width: 22 },
            { title: 'Host', width: 28 },
          ],
          rows: sorted.map((site) => [formatDate(site.date), site.name, siteTypeLabel(site.type), site.host]),
        },
      },
    ],
  };
}

const ROLE_ORDER: readonly MemberRole[] = ['lead', 'expert', 'observer'];

export function teamAnnex(letter: string, members: readonly Member[]): Annex {
  const sorted = [...members].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  return {
    letter,
    title: 'Composition of the team',
    subject: 'the composition of the team',
    notes: [],
    parts: [
      {
        heading: null,
        table: {
          columns: [
            { title: 'Name', width: 30 },
            { title: 'Organisation', width: 52 },
            { title: 'Role', width: 18 },
          ],
          rows: sorted.map((member) => [member.name, member.organisation, roleLabel(member.role)]),
        },
      },
    ],
  };
}

/**
 * The team's answers to the guiding questions, per area: one row per question with the answers
 * summed over experts and site visits. Areas without questions are left out; null when no
 * requirement of the template asks any.
 */
export function questionnaireAnnex(
  letter: string,
  template: Template,
  findingsByRequirement: ReadonlyMap<string, readonly Finding[]>,
  sites: readonly SiteVisit[],
  areaLabels: AreaLabels,
): Annex | null {
  const parts: AnnexPart[] = [];
  for (const block of template.blocks) {
    for (const area of block.areas) {
      const rows: string[][] = [];
      area.requirements.forEach((requirement, index) => {
        if (requirement.questions.length === 0) return;
        const findings = findingsByRequirement.get(requirement.id) ?? [];
        const summaries = summariseQuestions(requirement.questions, findings, sites);
        for (const summary of summaries) {
          const asked = sitesAsked(summary.question, requirement.questions, findings, sites);
          rows.push([requirementNumber(requirement, index), summary.question.text, describeSummary(summary, asked)]);
        }
      });
      if (rows.length === 0) continue;
      parts.push({
        heading: areaLabels.get(area.id) ?? area.title,
        table: {
          columns: [
            { title: 'Req.', width: 8 },
            { title: 'Question', width: 50 },
            { title: 'Answers of the team', width: 42 },
          ],
          rows,
        },
      });
    }
  }
  if (parts.length === 0) return null;
  return {
    letter,
    title: 'Answers to the guiding questions',
    subject: 'the team’s answers to the guiding questions',
    notes: ['Answers asked at each site visit are counted per site visit; answers asked once per mission are counted per expert.'],
    parts,
  };
}

/** Site visits where a per-site question was put: it applies there and some finding made it relevant. */
function sitesAsked(question: Question, questions: readonly Question[], findings: readonly Finding[], sites: readonly SiteVisit[]): number {
  const applicable = sites.filter((site) => appliesToSite(question, site));
  if (!question.relevance) return applicable.length;
  return applicable.filter((site) => findings.some((finding) => isRelevant(question, questions, finding.answers, site.id))).length;
}
