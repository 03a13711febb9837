import type { z } from 'zod';
import { TemplateSchema, type Template } from './schemas/template';

export interface ValidationProblem {
  /** Where in the document, e.g. "blocks[0].areas[2].requirements[4].text"; "(root)" for the whole. */
  path: string;
  message: string;
}

export type TemplateParseResult = { ok: true; template: Template } | { ok: false; problems: ValidationProblem[] };

export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): ValidationProblem[] {
  return issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** Validates an already-parsed value as a template. */
export function validateTemplate(value: unknown): TemplateParseResult {
  const parsed = TemplateSchema.safeParse(value);
  if (parsed.success) return { ok: true, template: parsed.data };
  return { ok: false, problems: issuesToProblems(parsed.error.issues) };
}

/** Parses the text of a template file: JSON syntax first, then the schema. */
export function parseTemplateText(text: string): TemplateParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '(root)', message: `not valid JSON: ${reason}` }] };
  }
  return validateTemplate(value);
}

export function describeProblems(problems: readonly ValidationProblem[]): string {
  return problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');
}
