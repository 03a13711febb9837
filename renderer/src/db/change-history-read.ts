import type { HistorySubject } from '../../../shared/history/describe-change';
import type { Change, EntityName } from '../../../shared/schemas/change';
import type { ChangeRow, MissionKitDatabase } from './database';

/** Which changes a history shows: a whole mission, or the records of one requirement. */
export interface HistoryQuery {
  /** Newest first, at most this many. */
  limit: number;
  /** A member id, null for changes signed by nobody, undefined for everyone. */
  memberId?: string | null | undefined;
  deviceId?: string | undefined;
  /** Only the findings (with their evidence) and the assessment of this requirement. */
  requirementId?: string | undefined;
}

/** A page of history and what is needed to tell it in words. */
export interface HistoryPage {
  /** Newest first. */
  changes: Change[];
  /** Every change of the records on the page, so an edit can say what a field was before. */
  related: Change[];
  /** What each record on the page is about, by `${entity}|${id}`, read from the records (tombstones included). */
  subjects: Map<string, HistorySubject>;
  hasMore: boolean;
}

function strip({ seq: _seq, ...change }: ChangeRow): Change {
  return change;
}

export async function readChangeHistory(db: MissionKitDatabase, missionId: string, query: HistoryQuery): Promise<HistoryPage> {
  const matches = (change: ChangeRow): boolean =>
    change.missionId === missionId && (query.memberId === undefined || change.member === query.memberId) && (query.deviceId === undefined || change.device === query.deviceId);
  let rows: ChangeRow[];
  if (query.requirementId !== undefined) {
    const keys = await requirementRecords(db, missionId, query.requirementId);
    const all = keys.length === 0 ? [] : await db.changes.where('[entity+id]').anyOf(keys).toArray();
    rows = all.filter(matches).sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0)).slice(0, query.limit + 1);
  } else {
    // By stamp, newest first, stopping at the page: the audit trail orders by when a change
    // was made, not by when this device received it, and a large mission is not read whole.
    rows = await db.changes.orderBy('hlc').reverse().filter(matches).limit(query.limit + 1).toArray();
  }
  const changes = rows.slice(0, query.limit).map(strip);
  const recordKeys = [...new Map(changes.map((change) => [`${change.entity}|${change.id}`, [change.entity, change.id] as [EntityName, string]])).values()];
  const related = recordKeys.length === 0 ? [] : (await db.changes.where('[entity+id]').anyOf(recordKeys).toArray()).map(strip);
  return { changes, related, subjects: await readSubjects(db, recordKeys), hasMore: rows.length > query.limit };
}

/** The records of one requirement: every finding on it (any author, removed ones too), their evidence, its assessment. */
async function requirementRecords(db: MissionKitDatabase, missionId: string, requirementId: string): Promise<[EntityName, string][]> {
  const [findings, assessments] = await Promise.all([
    db.findings.where('[missionId+requirementId]').equals([missionId, requirementId]).primaryKeys(),
    db.assessments.where('[missionId+requirementId]').equals([missionId, requirementId]).primaryKeys(),
  ]);
  const evidence = findings.length === 0 ? [] : await db.evidence.where('findingId').anyOf(findings).primaryKeys();
  return [
    ...findings.map((id): [EntityName, string] => ['finding', id]),
    ...evidence.map((id): [EntityName, string] => ['evidence', id]),
    ...assessments.map((id): [EntityName, string] => ['assessment', id]),
  ];
}

async function readSubjects(db: MissionKitDatabase, keys: readonly [EntityName, string][]): Promise<Map<string, HistorySubject>> {
  const ids = (entity: EntityName): string[] => keys.filter(([kind]) => kind === entity).map(([, id]) => id);
  const subjects = new Map<string, HistorySubject>();
  const put = (subject: HistorySubject, id: string): void => void subjects.set(`${subject.entity}|${id}`, subject);
  const [missions, members, sites, evidence, assessments, recommendations] = await Promise.all([
    db.missions.bulkGet(ids('mission')),
    db.members.bulkGet(ids('member')),
    db.sites.bulkGet(ids('site')),
    db.evidence.bulkGet(ids('evidence')),
    db.assessments.bulkGet(ids('assessment')),
    db.recommendations.bulkGet(ids('recommendation')),
  ]);
  // Evidence is told by the requirement of its finding, so those findings are read too.
  const findingIds = [...new Set([...ids('finding'), ...evidence.flatMap((row) => (row ? [row.findingId] : []))])];
  const findings = await db.findings.bulkGet(findingIds);
  for (const row of missions) if (row) put({ entity: 'mission', title: row.title }, row.id);
  for (const row of members) if (row) put({ entity: 'member', name: row.name }, row.id);
  for (const row of sites) if (row) put({ entity: 'site', name: row.name }, row.id);
  for (const row of findings) if (row) put({ entity: 'finding', requirementId: row.requirementId }, row.id);
  for (const row of assessments) if (row) put({ entity: 'assessment', requirementId: row.requirementId }, row.id);
  for (const row of recommendations) if (row) put({ entity: 'recommendation', text: row.text }, row.id);
  for (const row of evidence) {
    if (!row) continue;
    put(row.kind === 'statistic' ? { entity: 'evidence', kind: 'statistic', label: row.label, findingId: row.findingId } : { entity: 'evidence', kind: 'attachment', fileName: row.fileName, findingId: row.findingId }, row.id);
  }
  return subjects;
}
