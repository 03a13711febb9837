import { MISSION_FILE_FORMAT, MissionFileSchema, type MissionFile } from './schemas/mission-file';
import { issuesToProblems, type ValidationProblem } from './template-validation';
import { duplicateAssessmentProblems } from './sync/delivery-references';
import { jsonLimitProblem, parseJsonWithinLimits } from './json-limits';

export type MissionFileParseResult = { ok: true; file: MissionFile } | { ok: false; problems: ValidationProblem[] };

/**
 * Reads a mission file: JSON syntax, then the size and depth limits, then the schema, then the
 * references between its parts (a finding on a requirement the template does not have would be
 * invisible in the app).
 */
export function parseMissionFileText(text: string): MissionFileParseResult {
  const json = parseJsonWithinLimits(text);
  if (!json.ok) return { ok: false, problems: [{ path: json.problem.path, message: json.problem.message }] };
  return validateMissionFile(json.value);
}

/** The checks of {@link parseMissionFileText} on an already-parsed value. */
export function validateMissionFile(value: unknown): MissionFileParseResult {
  // Before the schema: zod recurses into `changes[].value`, and 5,000 levels would overflow the stack.
  const tooBig = jsonLimitProblem(value);
  if (tooBig) return { ok: false, problems: [{ path: tooBig.path, message: tooBig.message }] };
  const parsed = MissionFileSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(parsed.error.issues).slice(0, 50) };
  const problems = referenceProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 50) } : { ok: true, file: parsed.data };
}

function referenceProblems(file: MissionFile): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const requirementIds = new Set(file.template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((r) => r.id))));
  const levelIds = new Set(file.template.scale.levels.map((level) => level.id));
  const levelList = file.template.scale.levels.map((level) => level.id).join(', ');
  const memberIds = new Set(file.members.map((member) => member.id));
  const siteIds = new Set(file.sites.map((site) => site.id));
  const findingIds = new Set(file.findings.map((finding) => finding.id));
  const check = (condition: boolean, path: string, message: string): void => {
    if (!condition) problems.push({ path, message });
  };
  check(file.mission.templateId === file.template.id && file.mission.templateVersion === file.template.version, 'mission.templateId', 'does not match the template in the file');
  file.findings.forEach((finding, index) => {
    check(requirementIds.has(finding.requirementId), `findings[${index}].requirementId`, `"${finding.requirementId}" is not a requirement of the template`);
    check(memberIds.has(finding.authorId), `findings[${index}].authorId`, `"${finding.authorId}" is not a member of the mission`);
    check(finding.rating === null || levelIds.has(finding.rating), `findings[${index}].rating`, `level "${finding.rating ?? ''}" is not in the scale (${levelList})`);
    finding.siteIds.forEach((siteId, siteIndex) => check(siteIds.has(siteId), `findings[${index}].siteIds[${siteIndex}]`, `"${siteId}" is not a site visit of the mission`));
  });
  file.evidence.forEach((evidence, index) => check(findingIds.has(evidence.findingId), `evidence[${index}].findingId`, `"${evidence.findingId}" is not a finding of the mission`));
  file.assessments.forEach((assessment, index) => {
    check(requirementIds.has(assessment.requirementId), `assessments[${index}].requirementId`, `"${assessment.requirementId}" is not a requirement of the template`);
    check(assessment.rating === null || levelIds.has(assessment.rating), `assessments[${index}].rating`, `level "${assessment.rating ?? ''}" is not in the scale (${levelList})`);
  });
  file.recommendations.forEach((recommendation, index) =>
    recommendation.requirementIds.forEach((id, i) => check(requirementIds.has(id), `recommendations[${index}].requirementIds[${i}]`, `"${id}" is not a requirement of the template`)),
  );
  file.sites.forEach((site, index) => site.memberIds.forEach((id, i) => check(memberIds.has(id), `sites[${index}].memberIds[${i}]`, `"${id}" is not a member of the mission`)));
  problems.push(...identityProblems(file));
  return problems;
}

const ENTITY_LISTS = ['members', 'sites', 'findings', 'evidence', 'assessments', 'recommendations'] as const;

/**
 * What the schema cannot see on one record: every record belongs to the file's mission, no id is
 * used twice within a kind (the second would overwrite the first on import), and a requirement
 * has one assessment (the report prints one).
 */
function identityProblems(file: MissionFile): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const list of ENTITY_LISTS) {
    const seen = new Map<string, number>();
    file[list].forEach((record: { id: string; missionId: string }, index) => {
      if (record.missionId !== file.mission.id) {
        problems.push({ path: `${list}[${index}].missionId`, message: `"${record.missionId}" is not the file's mission "${file.mission.id}"` });
      }
      const earlier = seen.get(record.id);
      if (earlier !== undefined) problems.push({ path: `${list}[${index}].id`, message: `duplicate id "${record.id}" (also ${list}[${earlier}])` });
      else seen.set(record.id, index);
    });
  }
  problems.push(...duplicateAssessmentProblems(file.assessments, (_assessment, index) => `assessments[${index}].requirementId`));
  return problems;
}

export function serialiseMissionFile(file: Omit<MissionFile, 'format' | 'formatVersion'>): string {
  const document: MissionFile = { format: MISSION_FILE_FORMAT, formatVersion: 1, ...file };
  return JSON.stringify(document, null, 1);
}

/** A file name people recognise: "kosovo-visa-roadmap-assessment-mission-july-2015.mission.json". */
export function missionFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'mission'}.mission.json`;
}
