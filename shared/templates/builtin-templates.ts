import type { Template } from '../schemas/template';
import { describeProblems, validateTemplate } from '../template-validation';
import fatfSample from './fatf-technical-compliance-sample.json';
import schengenSample from './schengen-evaluation-sample.json';
import roadmap from './visa-roadmap-kosovo-2012.json';

/**
 * Runs a bundled template file through TemplateSchema when the module loads, so a broken file
 * fails loudly (naming the file and every problem) instead of surfacing later in a mission.
 */
function loadBuiltin(file: string, value: unknown): Template {
  const result = validateTemplate(value);
  if (!result.ok) {
    throw new Error(`built-in template ${file} is invalid:\n${describeProblems(result.problems)}`);
  }
  return result.template;
}

function assertUniqueIds(templates: readonly Template[]): void {
  const seen = new Set<string>();
  for (const { id } of templates) {
    if (seen.has(id)) throw new Error(`two built-in templates share the id "${id}"`);
    seen.add(id);
  }
}

/** The templates shipped with the app, in the order they are offered. */
export const BUILTIN_TEMPLATES: readonly Template[] = Object.freeze([
  loadBuiltin('visa-roadmap-kosovo-2012.json', roadmap),
  loadBuiltin('schengen-evaluation-sample.json', schengenSample),
  loadBuiltin('fatf-technical-compliance-sample.json', fatfSample),
]);
assertUniqueIds(BUILTIN_TEMPLATES);

export function findBuiltinTemplate(id: string): Template | undefined {
  return BUILTIN_TEMPLATES.find((template) => template.id === id);
}
