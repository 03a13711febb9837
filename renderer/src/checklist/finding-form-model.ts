import { z } from 'zod';
import { parseLocalisedNumber } from '../../../shared/number-input';
import { parseAnswer, splitAnswerKey, type AnswerProblem } from '../../../shared/questionnaire';
import { SourceKindSchema, type Finding, type StatisticEvidence } from '../../../shared/schemas/finding';
import type { AnswerValue, Question } from '../../../shared/schemas/question';
import type { ValidationProblem } from '../../../shared/template-validation';
import type { AnyEntity } from '../db/repository';

/** The finding form as typed: numbers stay text until they parse, so nothing typed is lost. */
export interface StatisticInput {
  id: string;
  label: string;
  value: string;
  ofTotal: string;
  unit: string;
  period: string;
  source: string;
}

/** An answer as the form holds it: text (numbers too, until they parse) or picked choice ids. */
export type AnswerInput = string | string[];

export interface FindingFormValues {
  rating: string;
  narrative: string;
  siteIds: string[];
  sources: { kind: z.infer<typeof SourceKindSchema>; text: string }[];
  flags: { goodPractice: boolean; seriousDeficiency: boolean };
  statistics: StatisticInput[];
  /** Keyed like Finding.answers: question id, or "question@site". */
  answers: Record<string, AnswerInput>;
}

export const EMPTY_FINDING_VALUES: FindingFormValues = {
  rating: '',
  narrative: '',
  siteIds: [],
  sources: [],
  flags: { goodPractice: false, seriousDeficiency: false },
  statistics: [],
  answers: {},
};

/** Loose shape check for values read back from a draft or the unload journal. */
export const FindingFormValuesSchema = z.object({
  rating: z.string(),
  narrative: z.string(),
  siteIds: z.array(z.string()),
  sources: z.array(z.object({ kind: SourceKindSchema, text: z.string() })),
  flags: z.object({ goodPractice: z.boolean(), seriousDeficiency: z.boolean() }),
  statistics: z.array(
    z.object({ id: z.string(), label: z.string(), value: z.string(), ofTotal: z.string(), unit: z.string(), period: z.string(), source: z.string() }),
  ),
  // Drafts written before guiding questions existed have no answers.
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
});

export function valuesFromRecords(finding: Finding | undefined, statistics: readonly StatisticEvidence[], language: string): FindingFormValues {
  const format = (value: number): string => new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(value);
  if (!finding) return { ...EMPTY_FINDING_VALUES, statistics: statistics.map((stat) => statisticInput(stat, format)) };
  return {
    rating: finding.rating ?? '',
    narrative: finding.narrative,
    siteIds: [...finding.siteIds],
    sources: finding.sources.map((source) => ({ ...source })),
    flags: { ...finding.flags },
    statistics: statistics.map((stat) => statisticInput(stat, format)),
    answers: Object.fromEntries(
      Object.entries(finding.answers).map(([key, value]) => [key, typeof value === 'number' ? format(value) : Array.isArray(value) ? [...value] : value]),
    ),
  };
}

function statisticInput(stat: StatisticEvidence, format: (value: number) => string): StatisticInput {
  return {
    id: stat.id,
    label: stat.label,
    value: format(stat.value),
    ofTotal: stat.ofTotal === undefined ? '' : format(stat.ofTotal),
    unit: stat.unit,
    period: stat.period,
    source: stat.source,
  };
}

export function isEmpty(values: FindingFormValues): boolean {
  return (
    values.rating === '' &&
    values.narrative.trim() === '' &&
    values.siteIds.length === 0 &&
    values.sources.length === 0 &&
    !values.flags.goodPractice &&
    !values.flags.seriousDeficiency &&
    values.statistics.length === 0 &&
    Object.values(values.answers).every((answer) => answer.length === 0)
  );
}

export interface Messages {
  labelRequired: string;
  notANumber: string;
  totalNotPositive: string;
  valueAboveTotal: string;
  otherSourceNeedsText: string;
  unknownRating: string;
  answer: (problem: AnswerProblem, question: Question) => string;
}

export interface FormRules {
  ratingIds: readonly string[];
  questions: readonly Question[];
  language: string;
  messages: Messages;
}

/** Every problem in the typed values, each with the form path it belongs beside. */
export function findingProblems(values: FindingFormValues, rules: FormRules): ValidationProblem[] {
  const { messages, language } = rules;
  const problems: ValidationProblem[] = [];
  if (values.rating !== '' && !rules.ratingIds.includes(values.rating)) problems.push({ path: 'rating', message: messages.unknownRating });
  values.sources.forEach((source, index) => {
    if (source.kind === 'other' && source.text.trim() === '') problems.push({ path: `sources.${index}.text`, message: messages.otherSourceNeedsText });
  });
  values.statistics.forEach((stat, index) => problems.push(...statisticProblems(stat, index, language, messages)));
  for (const [key, raw] of Object.entries(values.answers)) {
    const question = rules.questions.find((candidate) => candidate.id === splitAnswerKey(key).questionId);
    if (!question) continue; // archived: shown read-only, never validated away
    const parsed = parseAnswer(question, raw, language);
    if (!parsed.ok) problems.push({ path: `answers.${key}`, message: messages.answer(parsed.problem, question) });
  }
  return problems;
}

function statisticProblems(stat: StatisticInput, index: number, language: string, messages: Messages): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const base = `statistics.${index}`;
  if (stat.label.trim() === '') problems.push({ path: `${base}.label`, message: messages.labelRequired });
  const value = parseLocalisedNumber(stat.value, language);
  if (value === null) problems.push({ path: `${base}.value`, message: messages.notANumber });
  if (stat.ofTotal.trim() !== '') {
    const total = parseLocalisedNumber(stat.ofTotal, language);
    if (total === null) problems.push({ path: `${base}.ofTotal`, message: messages.notANumber });
    else if (total <= 0) problems.push({ path: `${base}.ofTotal`, message: messages.totalNotPositive });
    else if (value !== null && value > total) problems.push({ path: `${base}.value`, message: messages.valueAboveTotal });
  }
  return problems;
}

export interface FindingContext {
  findingId: string;
  missionId: string;
  requirementId: string;
  authorId: string;
  deviceId: string;
  /** Statistic evidence already stored for this finding. */
  storedStatisticIds: readonly string[];
  /** Answers stored now (archived answers to questions the template dropped are kept from here). */
  storedAnswers: Readonly<Record<string, AnswerValue>>;
  /**
   * Answers as they were when the form opened. An answer typed invalid stores this value, not
   * the one stored a moment ago: autosave writes within tens of milliseconds, so that one is
   * a prefix of what is being typed ("60" on the way to "600") and must not reach a report.
   */
  openedAnswers: Readonly<Record<string, AnswerValue>>;
}

export interface FindingCommit {
  saves: AnyEntity[];
  removals: { entity: 'evidence'; id: string }[];
  problems: ValidationProblem[];
}

/**
 * What to store for the typed values: the finding with its valid parts, each valid statistic,
 * and tombstones for statistics the expert removed. Invalid parts are not stored (their last
 * valid version stays) and are reported, so the caller keeps the typed values as a draft.
 */
export function buildFindingCommit(values: FindingFormValues, context: FindingContext, rules: FormRules): FindingCommit {
  const { language } = rules;
  const problems = findingProblems(values, rules);
  const invalidPaths = new Set(problems.map((problem) => problem.path));
  const invalidRows = new Set(problems.map((problem) => problem.path.split('.').slice(0, 2).join('.')));
  const finding: Finding = {
    id: context.findingId,
    missionId: context.missionId,
    requirementId: context.requirementId,
    authorId: context.authorId,
    deviceId: context.deviceId,
    rating: rules.ratingIds.includes(values.rating) ? values.rating : null,
    narrative: values.narrative,
    siteIds: [...new Set(values.siteIds)],
    sources: values.sources.filter((_source, index) => !invalidRows.has(`sources.${index}`)).map((source) => ({ kind: source.kind, text: source.text.trim() })),
    flags: { ...values.flags },
    answers: storedAnswers(values, context, rules, invalidPaths),
  };
  const saves: AnyEntity[] = [{ entity: 'finding', value: finding }];
  values.statistics.forEach((stat, index) => {
    if (invalidRows.has(`statistics.${index}`)) return;
    const total = stat.ofTotal.trim() === '' ? undefined : (parseLocalisedNumber(stat.ofTotal, language) ?? undefined);
    const evidence: StatisticEvidence = {
      id: stat.id,
      missionId: context.missionId,
      findingId: context.findingId,
      kind: 'statistic',
      label: stat.label.trim(),
      value: parseLocalisedNumber(stat.value, language) ?? 0,
      ...(total === undefined ? {} : { ofTotal: total }),
      unit: stat.unit.trim(),
      period: stat.period.trim(),
      source: stat.source.trim(),
    };
    saves.push({ entity: 'evidence', value: evidence });
  });
  const present = new Set(values.statistics.map((stat) => stat.id));
  const removals = context.storedStatisticIds.filter((id) => !present.has(id)).map((id) => ({ entity: 'evidence' as const, id }));
  return { saves, removals, problems };
}

/**
 * The answers to store: valid typed answers, the value an answer typed invalid had when the form opened,
 * and every answer to a question the template no longer has (archived, never dropped).
 */
function storedAnswers(values: FindingFormValues, context: FindingContext, rules: FormRules, invalidPaths: ReadonlySet<string>): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const [key, value] of Object.entries(context.storedAnswers)) {
    const known = rules.questions.some((question) => question.id === splitAnswerKey(key).questionId);
    if (!known) answers[key] = value;
  }
  for (const [key, value] of Object.entries(context.openedAnswers)) {
    if (invalidPaths.has(`answers.${key}`)) answers[key] = value;
  }
  for (const [key, raw] of Object.entries(values.answers)) {
    if (invalidPaths.has(`answers.${key}`)) continue;
    const question = rules.questions.find((candidate) => candidate.id === splitAnswerKey(key).questionId);
    if (!question) continue;
    const parsed = parseAnswer(question, raw, rules.language);
    if (parsed.ok && parsed.value !== null) answers[key] = parsed.value;
  }
  return answers;
}
