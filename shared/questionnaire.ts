import { parseLocalisedNumber } from './number-input';
import { IsoDateSchema } from './schemas/ids';
import type { Finding } from './schemas/finding';
import type { SiteVisit } from './schemas/mission';
import { answerIds, type AnswerValue, type Question } from './schemas/question';

/** Where an answer is kept in Finding.answers. */
export function answerKey(questionId: string, siteId: string | null): string {
  return siteId === null ? questionId : `${questionId}@${siteId}`;
}

export function splitAnswerKey(key: string): { questionId: string; siteId: string | null } {
  const at = key.indexOf('@');
  return at < 0 ? { questionId: key, siteId: null } : { questionId: key.slice(0, at), siteId: key.slice(at + 1) };
}

/** A per-site question is asked at site visits of its types (all types when none are listed). */
export function appliesToSite(question: Question, site: Pick<SiteVisit, 'type'>): boolean {
  return question.scope.per === 'site' && (question.scope.siteTypes.length === 0 || question.scope.siteTypes.includes(site.type));
}

export interface QuestionSlot {
  question: Question;
  site: SiteVisit | null;
  key: string;
}

/** Every place a requirement's questions are asked: once for the mission, once per fitting site. */
export function questionSlots(questions: readonly Question[], sites: readonly SiteVisit[]): QuestionSlot[] {
  const slots: QuestionSlot[] = questions.filter((q) => q.scope.per === 'mission').map((question) => ({ question, site: null, key: answerKey(question.id, null) }));
  for (const site of sites) {
    for (const question of questions) {
      if (appliesToSite(question, site)) slots.push({ question, site, key: answerKey(question.id, site.id) });
    }
  }
  return slots;
}

/**
 * Whether a question is shown: it has no relevance rule, or the question it depends on (at
 * the same site, or for the mission) is itself shown and has one of the listed answers.
 */
export function isRelevant(question: Question, questions: readonly Question[], answers: Readonly<Record<string, unknown>>, siteId: string | null, seen: Set<string> = new Set()): boolean {
  const rule = question.relevance;
  if (!rule) return true;
  if (seen.has(question.id)) return false; // a cycle: the schema refuses these, stay safe anyway
  seen.add(question.id);
  const target = questions.find((candidate) => candidate.id === rule.questionId);
  if (!target) return false;
  const targetSite = target.scope.per === 'site' ? siteId : null;
  if (!isRelevant(target, questions, answers, targetSite, seen)) return false;
  const answer = answers[answerKey(target.id, targetSite)];
  if (typeof answer === 'string') return rule.anyOf.includes(answer);
  if (Array.isArray(answer)) return answer.some((value) => typeof value === 'string' && rule.anyOf.includes(value));
  return false;
}

export type AnswerProblem = 'not-a-number' | 'below-min' | 'above-max' | 'not-a-date' | 'unknown-option';

export type ParsedAnswer = { ok: true; value: AnswerValue | null } | { ok: false; problem: AnswerProblem };

/**
 * Turns what was typed or picked into a stored answer. Empty means "not answered" (null).
 * Out-of-range and malformed input is reported, never silently changed.
 */
export function parseAnswer(question: Question, raw: unknown, language: string): ParsedAnswer {
  if (raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return { ok: true, value: null };
  switch (question.type) {
    case 'number': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseLocalisedNumber(raw, language) : null;
      if (value === null) return { ok: false, problem: 'not-a-number' };
      if (question.min !== undefined && value < question.min) return { ok: false, problem: 'below-min' };
      if (question.max !== undefined && value > question.max) return { ok: false, problem: 'above-max' };
      return { ok: true, value };
    }
    case 'date':
      return typeof raw === 'string' && IsoDateSchema.safeParse(raw).success ? { ok: true, value: raw } : { ok: false, problem: 'not-a-date' };
    case 'yes-no-partly':
    case 'single-choice':
      return typeof raw === 'string' && answerIds(question).includes(raw) ? { ok: true, value: raw } : { ok: false, problem: 'unknown-option' };
    case 'multiple-choice': {
      const values = Array.isArray(raw) ? raw : [raw];
      const allowed = answerIds(question);
      return values.every((value) => typeof value === 'string' && allowed.includes(value))
        ? { ok: true, value: [...new Set(values as string[])] }
        : { ok: false, problem: 'unknown-option' };
    }
    case 'short-text':
    case 'long-text':
      return typeof raw === 'string' ? { ok: true, value: raw } : { ok: false, problem: 'unknown-option' };
  }
}

type SummaryFinding = Pick<Finding, 'authorId' | 'answers'>;

export interface QuestionSummary {
  question: Question;
  /** Per-site questions: the site visits it applies to; per-mission: the experts who answered. */
  per: 'site' | 'mission';
  /** Sites the question applies to (per site) — the "of 4 crossing points visited". */
  applicableSites: number;
  /** Distinct sites (per site) or experts (per mission) with at least one answer. */
  answered: number;
  /** For discrete answers: answer id → distinct sites (per site) or experts (per mission) giving it. */
  counts: Record<string, number>;
  /** For numbers: every value given, for ranges and totals. */
  numbers: number[];
  /** For text and dates: how many answers there are. */
  texts: string[];
}

/**
 * What the team answered to one requirement's questions: for a per-site yes/no question,
 * "yes at 3 of 4 crossing points visited"; for a mission question, how many experts said what.
 */
export function summariseQuestions(questions: readonly Question[], findings: readonly SummaryFinding[], sites: readonly SiteVisit[]): QuestionSummary[] {
  return questions.map((question) => {
    const applicable = question.scope.per === 'site' ? sites.filter((site) => appliesToSite(question, site)) : [];
    const counts: Record<string, Set<string>> = {};
    const answeredBy = new Set<string>();
    const numbers: number[] = [];
    const texts: string[] = [];
    const record = (who: string, value: AnswerValue): void => {
      answeredBy.add(who);
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) {
        if (typeof item === 'number') numbers.push(item);
        else if (question.type === 'short-text' || question.type === 'long-text' || question.type === 'date') texts.push(item);
        else (counts[item] ??= new Set()).add(who);
      }
    };
    for (const finding of findings) {
      if (question.scope.per === 'site') {
        for (const site of applicable) {
          const value = finding.answers[answerKey(question.id, site.id)];
          if (value !== undefined) record(site.id, value);
        }
      } else {
        const value = finding.answers[answerKey(question.id, null)];
        if (value !== undefined) record(finding.authorId, value);
      }
    }
    return {
      question,
      per: question.scope.per,
      applicableSites: applicable.length,
      answered: answeredBy.size,
      counts: Object.fromEntries(Object.entries(counts).map(([answer, who]) => [answer, who.size])),
      numbers,
      texts,
    };
  });
}

/** Answers whose question is not (or no longer) in the template: shown as archived, never deleted. */
export function archivedAnswers(questions: readonly Question[], answers: Readonly<Record<string, AnswerValue>>): [string, AnswerValue][] {
  const ids = new Set(questions.map((question) => question.id));
  return Object.entries(answers).filter(([key]) => !ids.has(splitAnswerKey(key).questionId));
}
