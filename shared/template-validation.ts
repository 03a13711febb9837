import type { z } from 'zod';
import { TemplateSchema, type Template } from './schemas/template';
import { formatPath, jsonLimitProblem, parseJsonWithinLimits } from './json-limits';

export interface ValidationProblem {
  /** Where in the document, e.g. "blocks[0].areas[2].requirements[4].text"; "(root)" for the whole. */
  path: string;
  message: string;
}

export type TemplateParseResult = { ok: true; template: Template } | { ok: false; problems: ValidationProblem[] };

export function formatIssuePath(path: readonly PropertyKey[]): string {
  return formatPath(path.map((segment) => (typeof segment === 'number' ? segment : String(segment))));
}

export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): ValidationProblem[] {
  return issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** Validates an already-parsed value as a template: the size and depth limits first, then the schema. */
export function validateTemplate(value: unknown): TemplateParseResult {
  const tooBig = jsonLimitProblem(value);
  if (tooBig) return { ok: false, problems: [{ path: tooBig.path, message: tooBig.message }] };
  const parsed = TemplateSchema.safeParse(value);
  if (parsed.success) return { ok: true, template: parsed.data };
  return { ok: false, problems: issuesToProblems(parsed.error.issues) };
}

/** Parses the text of a template file: JSON syntax first, then the limits and the schema. */
export function parseTemplateText(text: string): TemplateParseResult {
  const json = parseJsonWithinLimits(text);
  if (!json.ok) return { ok: false, problems: [{ path: json.problem.path, message: json.problem.message }] };
  return validateTemplate(json.value);
}

export function describeProblems(problems: readonly ValidationProblem[]): string {
  return problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');
}
