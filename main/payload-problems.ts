import type { z } from 'zod';
import { formatIssuePath } from '../shared/template-validation';

/**
 * One line naming each rejected field and why, e.g.
 * `suggestedName: must be a plain file name, not a path; data: Invalid input: expected Uint8Array`.
 * The renderer shows it, and a developer reading a log can act on it without a debugger.
 */
export function describePayloadProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`).join('; ');
}
