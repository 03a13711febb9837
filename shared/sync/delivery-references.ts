/**
 * Checks a delivery of changes (a bundle, a hub pull, a snapshot, a mission file turned into
 * changes) before any of it is stored: every change's shape, its mission, and every reference it
 * makes — to the template (requirements, areas, rating levels) and to the mission's entities as
 * they will be once the delivery is in (members, site visits, findings). Pure: the app, the
 * command line and the tests run the same rules.
 *
 * Problems are paths into the delivery, `changes[12].value.rating: level "fulfiled" is not in
 * the scale (fulfilled, not-fulfilled, …)`, so the person who has to fix the file can find it.
 */
import type { z } from 'zod';
import { CREATED_FIELD, DELETED_FIELD, type Change, type EntityName, type JsonValue } from '../schemas/change';
import { AssessmentSchema, AttachmentEvidenceSchema, FindingSchema, RecommendationSchema, StatisticEvidenceSchema } from '../schemas/finding';
import { MemberSchema, MissionSchema, SiteVisitSchema } from '../schemas/mission';
import { closestKey } from '../schemas/strict-object';
import type { Template } from '../schemas/template';
import { formatIssuePath, type ValidationProblem } from '../template-validation';

/** How many problems a refusal message lists before "and N more". */
export const MAX_SHOWN_PROBLEMS = 5;

type AnyObjectSchema = z.ZodObject<z.core.$ZodLooseShape>;

/** The object schemas of each entity kind; evidence has two (attachment, statistic). */
const ENTITY_OBJECTS: Record<EntityName, readonly AnyObjectSchema[]> = {
  mission: [MissionSchema],
  member: [MemberSchema],
  site: [SiteVisitSchema],
  finding: [FindingSchema],
  evidence: [AttachmentEvidenceSchema, StatisticEvidenceSchema],
  assessment: [AssessmentSchema],
  recommendation: [RecommendationSchema],
};

function fieldsOf(entity: EntityName): string[] {
  return [...new Set(ENTITY_OBJECTS[entity].flatMap((schema) => Object.keys(schema.shape)))].filter((field) => field !== 'id');
}

/**
 * The shape of each change on its own: it belongs to `missionId`; a creation (`*`) holds a whole
 * entity that its strict schema accepts (no unknown key, every field valid); a field change
 * names a field the entity has, with a value that field accepts (null clears an optional one).
 */
export function changeShapeProblems(changes: readonly Change[], missionId: string): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  changes.forEach((change, index) => {
    const at = `changes[${index}]`;
    if (change.missionId !== missionId) {
      problems.push({ path: `${at}.missionId`, message: `belongs to mission "${change.missionId}", not to "${missionId}"` });
      return;
    }
    if (change.entity === 'mission' && change.id !== missionId) {
      problems.push({ path: `${at}.id`, message: `is mission "${change.id}", but the delivery is for mission "${missionId}"` });
      return;
    }
    if (change.field === CREATED_FIELD) {
      problems.push(...creationProblems(change, at));
    } else if (change.field === DELETED_FIELD) {
      if (typeof change.value !== 'boolean') problems.push({ path: `${at}.value`, message: 'a deletion must be true or false' });
    } else {
      problems.push(...fieldChangeProblems(change, at));
    }
  });
  return problems;
}

function creationProblems(change: Change, at: string): ValidationProblem[] {
  const value = change.value;
  if (!isRecord(value)) return [{ path: `${at}.value`, message: `the creation of a ${change.entity} must hold its fields as an object` }];
  if ('id' in value && value['id'] !== change.id) return [{ path: `${at}.value.id`, message: `"${String(value['id'])}" is not the id of the change ("${change.id}")` }];
  const candidate = { ...value, id: change.id };
  const schemas = ENTITY_OBJECTS[change.entity];
  // Evidence: the variant its `kind` names, so the issues are about that variant.
  const schema = schemas.find((one) => {
    const kind = one.shape['kind'];
    return kind === undefined || kind.safeParse(value['kind']).success;
  });
  if (!schema) return [{ path: `${at}.value.kind`, message: `"${String(value['kind'])}" is not a kind of ${change.entity}` }];
  const parsed = schema.safeParse(candidate);
  const problems: ValidationProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: `${at}.value${suffix(issue.path)}`, message: issue.message }));
  if (change.entity !== 'mission' && value['missionId'] !== change.missionId) {
    problems.push({ path: `${at}.value.missionId`, message: `"${String(value['missionId'])}" is not the change's mission "${change.missionId}"` });
  }
  return problems;
}

function fieldChangeProblems(change: Change, at: string): ValidationProblem[] {
  const fields = fieldsOf(change.entity);
  if (!fields.includes(change.field)) {
    const meant = closestKey(change.field, fields);
    return [{ path: `${at}.field`, message: `unknown key "${change.field}" of a ${change.entity}${meant === null ? '' : ` — did you mean "${meant}"?`}` }];
  }
  if (change.field === 'missionId' || (change.entity === 'evidence' && change.field === 'kind')) {
    return [{ path: `${at}.field`, message: `the ${change.field} of a ${change.entity} is set when it is created and never changes` }];
  }
  const schemas = ENTITY_OBJECTS[change.entity].map((schema) => schema.shape[change.field]).filter((schema) => schema !== undefined);
  // null clears a field: only an optional field, or one with a default, may be cleared.
  const accepts = (schema: z.ZodType): boolean => (change.value === null ? schema.safeParse(undefined).success || schema.safeParse(null).success : schema.safeParse(change.value).success);
  if (schemas.some(accepts)) return [];
  const first = schemas[0];
  const issue = first && change.value !== null ? first.safeParse(change.value).error?.issues[0] : undefined;
  return [{ path: `${at}.value${issue ? suffix(issue.path) : ''}`, message: issue?.message ?? `the ${change.field} of a ${change.entity} cannot be cleared` }];
}

/** The ids of the mission's entities as they will be once the delivery is stored, deleted ones included. */
export interface MissionIds {
  member: ReadonlySet<string>;
  site: ReadonlySet<string>;
  finding: ReadonlySet<string>;
}

/**
 * Every reference a change makes. The template references (requirements, areas, levels) are
 * always checked; the entity references only when `ids` is given (a bundle of only the changes
 * a receiver had not seen cannot tell, on its own, which members exist). A reference to an
 * entity deleted meanwhile is not an error: a finding written while its site visit was deleted
 * elsewhere must still arrive.
 */
export function referenceProblems(template: Template, changes: readonly Change[], ids: MissionIds | null, include?: ReadonlySet<number>): ValidationProblem[] {
  const requirements = new Set(template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((requirement) => requirement.id))));
  const areas = new Set(template.blocks.flatMap((block) => block.areas.map((area) => area.id)));
  const levels = template.scale.levels.map((level) => level.id);
  const levelSet = new Set(levels);
  const problems: ValidationProblem[] = [];
  changes.forEach((change, index) => {
    if (change.field === DELETED_FIELD || (include && !include.has(index))) return;
    const base = `changes[${index}].value`;
    const fields: [string, JsonValue, string][] =
      change.field === CREATED_FIELD ? (isRecord(change.value) ? Object.entries(change.value).map(([field, value]) => [field, value, `${base}.${field}`]) : []) : [[change.field, change.value, base]];
    for (const [field, value, path] of fields) {
      const check = (ok: boolean, message: string, where = path): void => {
        if (!ok) problems.push({ path: where, message });
      };
      const each = (what: (id: string, where: string) => void): void => {
        if (Array.isArray(value)) value.forEach((item, i) => typeof item === 'string' && what(item, `${path}[${i}]`));
      };
      const requirement = (id: string, where = path): void => check(requirements.has(id), `requirement "${id}" is not in the template "${template.id}" version ${template.version}`, where);
      const level = (): void => check(value === null || (typeof value === 'string' && levelSet.has(value)), `level "${String(value)}" is not in the scale (${listed(levels)})`);
      const entity = (kind: keyof MissionIds, id: string, where = path): void => {
        if (ids) check(ids[kind].has(id), `${kind === 'site' ? 'site visit' : kind} "${id}" is not in the mission`, where);
      };
      switch (`${change.entity}.${field}`) {
        case 'mission.templateId':
          check(value === template.id, `the mission uses template "${String(value)}", but the delivery carries template "${template.id}"`);
          break;
        case 'finding.requirementId':
        case 'assessment.requirementId':
          if (typeof value === 'string') requirement(value);
          break;
        case 'recommendation.requirementIds':
          each((id, where) => requirement(id, where));
          break;
        case 'finding.rating':
        case 'assessment.rating':
          level();
          break;
        case 'member.areaIds':
          each((id, where) => check(areas.has(id), `area "${id}" is not in the template "${template.id}"`, where));
          break;
        case 'finding.authorId':
          if (typeof value === 'string') entity('member', value);
          break;
        case 'site.memberIds':
          each((id, where) => entity('member', id, where));
          break;
        case 'finding.siteIds':
          each((id, where) => entity('site', id, where));
          break;
        case 'evidence.findingId':
          if (typeof value === 'string') entity('finding', value);
          break;
        case 'assessment.sourceFindingIds':
          each((id, where) => entity('finding', id, where));
          break;
        default:
          break;
      }
    }
  });
  return problems;
}

/** The ids a delivery itself creates or edits: all a whole mission's delivery can refer to. */
export function idsIn(changes: readonly Change[]): MissionIds {
  const of = (entity: EntityName): Set<string> => new Set(changes.filter((change) => change.entity === entity).map((change) => change.id));
  return { member: of('member'), site: of('site'), finding: of('finding') };
}

/** A live assessment as far as the one-per-requirement rule needs it. */
export interface AssessmentSlot {
  id: string;
  requirementId: string;
}

/** Two live assessments of one requirement: the report could only print one of them. */
export function duplicateAssessmentProblems<A extends AssessmentSlot>(assessments: readonly A[], pathOf: (assessment: A, index: number) => string): ValidationProblem[] {
  const first = new Map<string, A>();
  const problems: ValidationProblem[] = [];
  assessments.forEach((assessment, index) => {
    const earlier = first.get(assessment.requirementId);
    if (earlier) {
      problems.push({ path: pathOf(assessment, index), message: `a second assessment of requirement "${assessment.requirementId}" (assessment "${earlier.id}" is the first); a requirement has one assessment` });
    } else {
      first.set(assessment.requirementId, assessment);
    }
  });
  return problems;
}

/** "problem; problem; …; and 7 more": the first few problems of a refusal, with their paths. */
export function summarizeProblems(problems: readonly ValidationProblem[], shown = MAX_SHOWN_PROBLEMS): string {
  const listed = problems.slice(0, shown).map((problem) => `${problem.path}: ${problem.message}`);
  const more = problems.length > shown ? `; and ${problems.length - shown} more` : '';
  return `${listed.join('; ')}${more}`;
}

function listed(ids: readonly string[]): string {
  return ids.length > 4 ? `${ids.slice(0, 4).join(', ')}, …` : ids.join(', ');
}

function suffix(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  const text = formatIssuePath(path);
  return text.startsWith('[') ? text : `.${text}`;
}

function isRecord(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
