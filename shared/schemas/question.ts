import { z } from 'zod';
import { strictObject } from './strict-object';
import { IdSchema, NonEmptyTextSchema } from './ids';
import { SiteTypeSchema } from './mission';

export const ANSWER_TYPES = ['yes-no-partly', 'single-choice', 'multiple-choice', 'number', 'date', 'short-text', 'long-text'] as const;

export const AnswerTypeSchema = z.enum(ANSWER_TYPES, {
  error: `must be one of ${ANSWER_TYPES.join(', ')}`,
});
export type AnswerType = z.infer<typeof AnswerTypeSchema>;

/** The fixed answers of a yes-no-partly question, in the order they are offered. */
export const YES_NO_PARTLY = ['yes', 'no', 'partly', 'not-applicable'] as const;

export const ChoiceOptionSchema = strictObject({ id: IdSchema, label: NonEmptyTextSchema });
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;

/**
 * Where a question is asked: once for the mission, or once at every site visit (optionally
 * only of some types: "Are exit checks performed?" at every land crossing point).
 */
export const QuestionScopeSchema = z.discriminatedUnion('per', [
  strictObject({ per: z.literal('mission') }),
  strictObject({ per: z.literal('site'), siteTypes: z.array(SiteTypeSchema).default([]) }),
]);
export type QuestionScope = z.infer<typeof QuestionScopeSchema>;

/** Show the question only when another question of the same requirement has one of these answers. */
export const RelevanceSchema = strictObject({
  questionId: IdSchema,
  anyOf: z.array(z.string().min(1)).min(1, 'must list at least one answer'),
});
export type Relevance = z.infer<typeof RelevanceSchema>;

export const QuestionSchema = strictObject({
  id: IdSchema,
  text: NonEmptyTextSchema,
  /** What to look for, what evidence to ask for. */
  guidance: z.string().optional(),
  type: AnswerTypeSchema,
  options: z.array(ChoiceOptionSchema).optional(),
  unit: z.string().optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  scope: QuestionScopeSchema.default({ per: 'mission' }),
  relevance: RelevanceSchema.optional(),
});
export type Question = z.infer<typeof QuestionSchema>;

/** One answer as stored: text for yes/no/choice/date/text, a number, or several choice ids. */
export const AnswerValueSchema = z.union([z.string(), z.number().finite(), z.array(z.string())]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

export const CHOICE_TYPES: readonly AnswerType[] = ['single-choice', 'multiple-choice'];
/** Types whose answers another question's relevance can test. */
export const DISCRETE_TYPES: readonly AnswerType[] = ['yes-no-partly', 'single-choice', 'multiple-choice'];

/** The answer ids a discrete question can have. */
export function answerIds(question: Pick<Question, 'type' | 'options'>): string[] {
  if (question.type === 'yes-no-partly') return [...YES_NO_PARTLY];
  return (question.options ?? []).map((option) => option.id);
}

/**
 * The checks that span a requirement's questions; run on unknown data because they also run
 * when other parts of the template are invalid (see TemplateSchema).
 */
export function questionProblems(questions: unknown[], ctx: z.RefinementCtx, base: (string | number)[]): void {
  const byId = new Map<string, Record<string, unknown>>();
  questions.forEach((question, index) => {
    if (!isRecord(question) || typeof question['id'] !== 'string') return;
    if (byId.has(question['id'])) {
      ctx.addIssue({ code: 'custom', path: [...base, index, 'id'], message: `duplicate question id "${question['id']}"` });
    }
    byId.set(question['id'], question);
  });
  questions.forEach((question, index) => {
    if (!isRecord(question)) return;
    const path = [...base, index];
    const type = question['type'];
    const options = Array.isArray(question['options']) ? question['options'] : undefined;
    if (typeof type === 'string' && (CHOICE_TYPES as readonly string[]).includes(type) && (!options || options.length < 2)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `a ${type} question needs at least two options` });
    }
    if (typeof type === 'string' && !(CHOICE_TYPES as readonly string[]).includes(type) && options) {
      ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `only choice questions have options, not ${type}` });
    }
    const min = question['min'];
    const max = question['max'];
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      ctx.addIssue({ code: 'custom', path: [...path, 'min'], message: `min (${min}) is above max (${max})` });
    }
    if ((min !== undefined || max !== undefined) && type !== 'number') {
      ctx.addIssue({ code: 'custom', path: [...path, 'min'], message: 'only number questions have min and max' });
    }
    const relevance = question['relevance'];
    if (!isRecord(relevance) || typeof relevance['questionId'] !== 'string') return;
    const target = byId.get(relevance['questionId']);
    const relevancePath = [...path, 'relevance', 'questionId'];
    if (relevance['questionId'] === question['id']) {
      ctx.addIssue({ code: 'custom', path: relevancePath, message: 'a question cannot depend on itself' });
    } else if (!target) {
      ctx.addIssue({ code: 'custom', path: relevancePath, message: `points to "${relevance['questionId']}", which is not a question of this requirement` });
    } else if (typeof target['type'] === 'string' && !(DISCRETE_TYPES as readonly string[]).includes(target['type'])) {
      ctx.addIssue({ code: 'custom', path: relevancePath, message: `points to a ${target['type']} question; relevance needs a yes-no-partly or choice question` });
    } else {
      // The target's options are unchecked input too: only well-formed ones name answers.
      const options = Array.isArray(target['options']) ? target['options'].filter((option): option is ChoiceOption => isRecord(option) && typeof option['id'] === 'string') : [];
      const allowed = answerIds({ type: target['type'] as AnswerType, options });
      const anyOf = Array.isArray(relevance['anyOf']) ? relevance['anyOf'] : [];
      anyOf.forEach((value, i) => {
        if (typeof value === 'string' && !allowed.includes(value)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'relevance', 'anyOf', i], message: `"${value}" is not an answer of "${relevance['questionId']}" (${allowed.join(', ')})` });
        }
      });
      if (scopeOf(question) === 'mission' && scopeOf(target) === 'site') {
        ctx.addIssue({ code: 'custom', path: relevancePath, message: 'a question asked once per mission cannot depend on a question asked per site' });
      }
    }
  });
  // Cycles (a → b → a) would hide both questions for ever.
  for (const [id] of byId) {
    const seen = new Set<string>([id]);
    let current = byId.get(id);
    while (current && isRecord(current['relevance']) && typeof current['relevance']['questionId'] === 'string') {
      const next = current['relevance']['questionId'];
      if (next === id) {
        const index = questions.findIndex((q) => isRecord(q) && q['id'] === id);
        ctx.addIssue({ code: 'custom', path: [...base, index, 'relevance', 'questionId'], message: `relevance forms a cycle through "${id}"` });
        break;
      }
      if (seen.has(next)) break;
      seen.add(next);
      current = byId.get(next);
    }
  }
}

function scopeOf(question: Record<string, unknown>): 'mission' | 'site' {
  const scope = question['scope'];
  return isRecord(scope) && scope['per'] === 'site' ? 'site' : 'mission';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
