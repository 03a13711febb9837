import type { AssessmentRow, MissionKitDatabase, SiteRow } from './database';
import type { FindingRecord, StatisticRow } from '../checklist/finding-form-sync';
import { writersOf, type RecordWriter } from './record-writers';

/**
 * What an open form follows live: the record as stored now, with who wrote each version of each
 * field and what they had seen, so the form can take in remote changes field by field instead
 * of keeping what it loaded (and never write back over what its user was not shown).
 */
export interface StoredWithWriters<Row> {
  row: Row;
  writers: Record<string, RecordWriter>;
}

/** One member's finding on one requirement, with its statistics. */
export async function readFindingRecord(db: MissionKitDatabase, missionId: string, requirementId: string, memberId: string): Promise<FindingRecord> {
  const finding = (await db.findings.where('[missionId+requirementId]').equals([missionId, requirementId]).toArray()).find(
    (row) => row.authorId === memberId && !row._deleted,
  );
  const evidence = finding ? await db.evidence.where('findingId').equals(finding.id).toArray() : [];
  const statistics = evidence.filter((row): row is StatisticRow => row.kind === 'statistic' && !row._deleted);
  const deletedStatisticIds = evidence.filter((row) => row._deleted).map((row) => row.id);
  const entities: [string, string][] = [...(finding ? [['finding', finding.id] as [string, string]] : []), ...statistics.map((row): [string, string] => ['evidence', row.id])];
  const logs = await Promise.all(entities.map((key) => db.changes.where('[entity+id]').equals(key).toArray()));
  const writers = Object.assign({}, ...logs.map((log) => writersOf(log))) as Record<string, RecordWriter>;
  return { finding, statistics, deletedStatisticIds, writers };
}

/** The consolidated assessment of a requirement, if there is one. */
export async function readAssessmentRecord(db: MissionKitDatabase, missionId: string, requirementId: string): Promise<StoredWithWriters<AssessmentRow> | null> {
  const row = (await db.assessments.where('[missionId+requirementId]').equals([missionId, requirementId]).toArray()).find((item) => !item._deleted);
  if (!row) return null;
  return { row, writers: writersOf(await db.changes.where('[entity+id]').equals(['assessment', row.id]).toArray()) };
}

/** A site visit, unless it is deleted or not here. */
export async function readSiteRecord(db: MissionKitDatabase, siteId: string): Promise<StoredWithWriters<SiteRow> | null> {
  const row = await db.sites.get(siteId);
  if (!row || row._deleted) return null;
  return { row, writers: writersOf(await db.changes.where('[entity+id]').equals(['site', siteId]).toArray()) };
}
