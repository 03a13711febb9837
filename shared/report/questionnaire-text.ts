import type { QuestionSummary } from '../questionnaire';
import { answerIds, type AnswerValue, type Question } from '../schemas/question';
import { formatNumber } from './number-words';
import { formatDate } from './report-dates';

const YES_NO_PARTLY_LABELS: Readonly<Record<string, string>> = {
  yes: 'Yes',
  no: 'No',
  partly: 'Partly',
  'not-applicable': 'Not applicable',
};

/** The printed label of a discrete answer id; an id the template no longer offers is shown as stored. */
export function answerLabel(question: Pick<Question, 'type' | 'options'>, id: string): string {
  if (question.type === 'yes-no-partly') return YES_NO_PARTLY_LABELS[id] ?? id;
  return question.options?.find((option) => option.id === id)?.label ?? id;
}

/** "86 %", "12 officers", "1,542". */
export function formatQuantity(value: number, unit: string | undefined): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** One stored answer as a reader sees it, for the expert report. */
export function formatAnswer(question: Question, value: AnswerValue): string {
  if (Array.isArray(value)) return value.map((id) => answerLabel(question, id)).join(', ');
  if (typeof value === 'number') return formatQuantity(value, question.unit);
  switch (question.type) {
    case 'yes-no-partly':
    case 'single-choice':
    case 'multiple-choice':
      return answerLabel(question, value);
    case 'date':
      return formatDate(value);
    case 'number':
    case 'short-text':
    case 'long-text':
      return value;
  }
}

const plural = (count: number, singular: string, many = `${singular}s`): string => (count === 1 ? singular : many);

/**
 * The team's answers to one question as an English phrase for the questionnaire annex:
 * "Yes at 3 of 4 site visits, No at 1" for a question asked per site, "Yes from 2 of 3
 * experts, No from 1" for one asked once per mission.
 *
 * `asked` is the number of site visits where the question was actually put: fewer than the
 * site visits it applies to when it only follows a certain answer to another question, and then
 * the others are not "unanswered".
 */
export function describeSummary(summary: QuestionSummary, asked = summary.applicableSites): string {
  const { question } = summary;
  if (summary.per === 'site' && summary.applicableSites === 0) return 'Not asked: no site visit of this type';
  if (summary.answered === 0) return 'Not answered';
  const sites = Math.max(asked, summary.answered);
  const unanswered = summary.per === 'site' ? sites - summary.answered : 0;
  const missing = unanswered > 0 ? `; not answered at ${unanswered} of ${sites} ${plural(sites, 'site visit')}` : '';
  switch (question.type) {
    case 'yes-no-partly':
    case 'single-choice':
    case 'multiple-choice':
      return describeCounts(summary, sites) + missing;
    case 'number':
      return describeNumbers(summary) + missing;
    case 'date':
      return distinct(summary.texts.map(formatDate)).join('; ') + missing;
    case 'short-text':
    case 'long-text':
      return distinct(summary.texts.map((text) => text.trim()).filter((text) => text !== '')).join('; ') + missing;
  }
}

function describeCounts(summary: QuestionSummary, sites: number): string {
  const { question, counts } = summary;
  const known = answerIds(question);
  const ids = [...known, ...Object.keys(counts).filter((id) => !known.includes(id))].filter((id) => (counts[id] ?? 0) > 0);
  const labels = ids.map((id) => answerLabel(question, id));
  const perSite = summary.per === 'site';
  // With a single site or a single expert, counting is noise: "Police, Customs (1 expert)".
  if (perSite && sites === 1) return `${labels.join(', ')} at the one site visit`;
  if (!perSite && summary.answered === 1) return `${labels.join(', ')} (1 expert)`;
  const whole = perSite ? sites : summary.answered;
  const noun = perSite ? 'site visits' : 'experts';
  const preposition = perSite ? 'at' : 'from';
  return ids
    .map((id, index) => {
      const count = counts[id] ?? 0;
      const label = labels[index] ?? id;
      if (index > 0) return `${label} ${preposition} ${count}`;
      if (count === whole) return `${label} ${preposition} ${whole === 2 ? 'both' : `all ${whole}`} ${noun}`;
      return `${label} ${preposition} ${count} of ${whole} ${noun}`;
    })
    .join(', ');
}

function describeNumbers(summary: QuestionSummary): string {
  const { numbers } = summary;
  const unit = summary.question.unit;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  if (numbers.length === 1) return formatQuantity(min, unit);
  const answers = `${numbers.length} answers`;
  if (min === max) return `${formatQuantity(min, unit)} (all ${answers})`;
  return `from ${formatNumber(min)} to ${formatQuantity(max, unit)} (${answers})`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
