import { CREATED_FIELD, type Change, type EntityName } from '../schemas/change';
import type { Assessment, Evidence, Finding, Recommendation } from '../schemas/finding';
import type { Member, Mission, SiteVisit } from '../schemas/mission';
import { ENTITY_KINDS, ENTITY_NAMES, type EntityTypes } from '../entity-kinds';
import { formatIssuePath, type ValidationProblem } from '../template-validation';
import { materializeEntity } from './materialize';
import type { ConflictVersion } from './sync-types';

/** A narrative edited concurrently: every version no other change supersedes (two or more). */
export interface MissionConflict {
  entity: EntityName;
  id: string;
  field: string;
  versions: ConflictVersion[];
}

/** One mission's live records as its change log determines them. */
export interface MaterializedMission {
  mission: Mission;
  members: Member[];
  sites: SiteVisit[];
  findings: Finding[];
  evidence: Evidence[];
  assessments: Assessment[];
  recommendations: Recommendation[];
  /** Unresolved narrative conflicts of live entities; the rows show the newest version. */
  conflicts: MissionConflict[];
}

export type MaterializeMissionResult = ({ ok: true } & MaterializedMission) | { ok: false; problems: ValidationProblem[] };

/** Entities in the order their problems and conflicts are listed. */
const ENTITY_ORDER = ENTITY_NAMES;

type Rows = { [E in EntityName]: EntityTypes[E][] };

/**
 * The whole mission from a change log (e.g. the changes of an "everything" bundle): groups the
 * changes by entity and id, materializes each entity (see materializeEntity), leaves out the
 * deleted ones and validates every remaining row with its schema. The log must hold exactly
 * one live mission, and every other row must belong to it.
 *
 * Like materializeEntity this is a function of the SET of changes: order and duplicates make no
 * difference. Rows are sorted by id, as the app's database lists them. Problems name the
 * entity and id, "finding[f-1].requirementId"; the result is either a complete mission or the
 * list of everything that keeps the log from being one.
 */
export function materializeMission(changes: readonly Change[]): MaterializeMissionResult {
  const groups = new Map<EntityName, Map<string, Change[]>>();
  for (const change of changes) {
    let byId = groups.get(change.entity);
    if (!byId) groups.set(change.entity, (byId = new Map()));
    const list = byId.get(change.id);
    if (list) list.push(change);
    else byId.set(change.id, [change]);
  }

  const problems: ValidationProblem[] = [];
  const rows: Rows = { mission: [], member: [], site: [], finding: [], evidence: [], assessment: [], recommendation: [] };
  const conflicts: MissionConflict[] = [];
  const missionIds = new Map<string, string>(); // entity key → mission id the row names

  for (const entity of ENTITY_ORDER) {
    const byId = groups.get(entity);
    if (!byId) continue;
    for (const id of [...byId.keys()].sort(compareText)) {
      const history = byId.get(id) ?? [];
      const state = materializeEntity(history);
      if (!state || state.deleted) continue;
      const where = `${entity}[${id}]`;
      if (!history.some((change) => change.field === CREATED_FIELD)) {
        problems.push({
          path: where,
          message: `the change log holds ${history.length === 1 ? 'an edit' : `${history.length} edits`} of this ${entity} but not its creation (its "${CREATED_FIELD}" change is missing)`,
        });
        continue;
      }
      const parsed = ENTITY_KINDS[entity].schema.safeParse({ ...state.fields, id });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({ path: issue.path.length === 0 ? where : `${where}${pathSuffix(issue.path)}`, message: issue.message });
        }
        continue;
      }
      (rows[entity] as EntityTypes[EntityName][]).push(parsed.data);
      missionIds.set(where, entity === 'mission' ? id : state.missionId);
      for (const [field, versions] of Object.entries(state.conflicts)) {
        if (versions.length >= 2) conflicts.push({ entity, id, field, versions });
      }
    }
  }

  const [mission, ...otherMissions] = rows.mission;
  if (!mission) {
    problems.unshift({ path: '(root)', message: 'the changes hold no mission: its creation is missing, or it was deleted' });
  } else if (otherMissions.length > 0) {
    problems.unshift({ path: '(root)', message: `the changes hold ${rows.mission.length} missions (${rows.mission.map((m) => m.id).join(', ')}); a mission's changes hold exactly one` });
  } else {
    for (const entity of ENTITY_ORDER) {
      if (entity === 'mission') continue;
      for (const row of rows[entity]) {
        const where = `${entity}[${row.id}]`;
        const fieldMission = 'missionId' in row ? row.missionId : undefined;
        const changeMission = missionIds.get(where);
        if (fieldMission !== mission.id || changeMission !== mission.id) {
          problems.push({ path: `${where}.missionId`, message: `belongs to mission "${fieldMission !== mission.id ? fieldMission : changeMission}", not to "${mission.id}"` });
        }
      }
    }
  }
  if (problems.length > 0 || !mission) return { ok: false, problems };

  return {
    ok: true,
    mission,
    members: rows.member,
    sites: rows.site,
    findings: rows.finding,
    evidence: rows.evidence,
    assessments: rows.assessment,
    recommendations: rows.recommendation,
    conflicts,
  };
}

/** ".requirementId", ".sources[0].kind": an issue path after the entity. */
function pathSuffix(path: readonly PropertyKey[]): string {
  const text = formatIssuePath(path);
  return text.startsWith('[') ? text : `.${text}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
