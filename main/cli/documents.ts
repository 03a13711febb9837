import { parseJsonWithinLimits } from '../../shared/json-limits';
import { MAX_MISSION_FILE_BYTES, MAX_TEMPLATE_FILE_BYTES } from '../../shared/input-limits';
import { validateMissionFile } from '../../shared/mission-file';
import { MISSION_FILE_FORMAT, type MissionFile } from '../../shared/schemas/mission-file';
import { TEMPLATE_FORMAT, type Template } from '../../shared/schemas/template';
import { validateTemplate, type ValidationProblem } from '../../shared/template-validation';
import { FileProblemsError } from './cli-errors';
import type { CliIo } from './cli-io';
import { formatMiB, readInputText } from './cli-files';

export type MissionKitDocument = { kind: 'template'; template: Template } | { kind: 'mission'; file: MissionFile };

const KNOWN_FORMATS = `"${TEMPLATE_FORMAT}" or "${MISSION_FILE_FORMAT}"`;

/**
 * Reads a Mission Kit JSON file, tells from its `format` field whether it is a template or a
 * mission file, and validates it as such. Every problem becomes one line
 * "FILE: <json path>: <message>" in the thrown CliError.
 */
export async function readDocument(io: CliIo, file: string): Promise<MissionKitDocument> {
  // The larger of the two file limits: the kind is only known once the file is read.
  const text = await readInputText(io, file, MAX_MISSION_FILE_BYTES);
  const fail = (problems: readonly ValidationProblem[]): never => {
    throw new FileProblemsError(problems.map((problem) => `${file}: ${problem.path}: ${problem.message}`));
  };
  // One parse, limits included, before anything looks inside: the depth and length limits are
  // what keeps the schemas' recursion off a hostile document.
  const json = parseJsonWithinLimits(text);
  if (!json.ok) return fail([json.problem]);
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail([{ path: '(root)', message: `not a Mission Kit file: expected a JSON object whose "format" field is ${KNOWN_FORMATS}` }]);
  }
  const format: unknown = (value as Record<string, unknown>)['format'];
  if (format === TEMPLATE_FORMAT) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_TEMPLATE_FILE_BYTES) {
      const limit = `${MAX_TEMPLATE_FILE_BYTES.toLocaleString('en')} bytes (${formatMiB(MAX_TEMPLATE_FILE_BYTES)})`;
      return fail([{ path: '(root)', message: `a template file of ${bytes.toLocaleString('en')} bytes is larger than the limit of ${limit}` }]);
    }
    const result = validateTemplate(value);
    return result.ok ? { kind: 'template', template: result.template } : fail(result.problems);
  }
  if (format === MISSION_FILE_FORMAT) {
    const result = validateMissionFile(value);
    return result.ok ? { kind: 'mission', file: result.file } : fail(result.problems);
  }
  if (format === undefined) {
    return fail([{ path: 'format', message: `missing: a Mission Kit file names its kind in the "format" field, ${KNOWN_FORMATS}` }]);
  }
  return fail([{ path: 'format', message: `unknown format ${JSON.stringify(format)}; expected ${KNOWN_FORMATS}` }]);
}

/** Reads a file that must be a valid mission file. */
export async function readMissionFile(io: CliIo, file: string): Promise<MissionFile> {
  const document = await readDocument(io, file);
  if (document.kind !== 'mission') {
    throw new FileProblemsError([`${file}: format: this is a template ("${TEMPLATE_FORMAT}"), not a mission file ("${MISSION_FILE_FORMAT}")`]);
  }
  return document.file;
}
