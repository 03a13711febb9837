import type { Bridge } from '../../../shared/ipc-contract';
import type { Result } from '../../../shared/result';
import { MAX_TEMPLATE_FILE_BYTES } from '../../../shared/input-limits';
import { parseTemplateText, type ValidationProblem } from '../../../shared/template-validation';
import type { TemplateRow } from '../db/database';
import type { Repository } from '../db/repository';


export type TemplateImportOutcome =
  | { kind: 'canceled' }
  | { kind: 'imported'; row: TemplateRow }
  | { kind: 'invalid'; fileName: string; problems: ValidationProblem[] }
  | { kind: 'failed'; message: string };

/** Open → decode → validate → store. Nothing is stored unless every check passed. */
export async function importTemplateFile(bridge: Bridge, repository: Repository): Promise<TemplateImportOutcome> {
  const opened = await bridge.invoke('file:open', {
    filters: [{ name: 'Mission Kit template', extensions: ['json'] }],
    // A file over the limit is not a checklist: refused before it is read.
    maxBytes: MAX_TEMPLATE_FILE_BYTES,
  });
  if (!opened.ok) return { kind: 'failed', message: opened.error.message };
  if (opened.value.canceled) return { kind: 'canceled' };
  const { fileName, data } = opened.value;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { kind: 'invalid', fileName, problems: [{ path: '(root)', message: 'not UTF-8 text' }] };
  }
  const parsed = parseTemplateText(text);
  if (!parsed.ok) return { kind: 'invalid', fileName, problems: parsed.problems };
  const stored: Result<TemplateRow> = await repository.importTemplate(parsed.template);
  if (!stored.ok) return { kind: 'failed', message: stored.error.message };
  return { kind: 'imported', row: stored.value };
}
