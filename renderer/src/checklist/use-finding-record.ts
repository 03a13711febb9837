import { useLiveQuery } from 'dexie-react-hooks';
import type { MissionKitDatabase } from '../db/database';
import type { FindingRecord, StatisticRow, Writer } from './finding-form-sync';

/**
 * One member's finding on one requirement as stored now, live: the open form follows remote
 * changes (a bundle, the hub, another window) field by field instead of keeping what it loaded.
 */
export async function readFindingRecord(db: MissionKitDatabase, missionId: string, requirementId: string, memberId: string): Promise<FindingRecord> {
  const finding = (await db.findings.where('[missionId+requirementId]').equals([missionId, requirementId]).toArray()).find(
    (row) => row.authorId === memberId && !row._deleted,
  );
  const evidence = finding ? await db.evidence.where('findingId').equals(finding.id).toArray() : [];
  const statistics = evidence.filter((row): row is StatisticRow => row.kind === 'statistic' && !row._deleted);
  const deletedStatisticIds = evidence.filter((row) => row._deleted).map((row) => row.id);
  const stamps = new Set([...Object.values(finding?._stamps ?? {}), ...statistics.flatMap((row) => Object.values(row._stamps))]);
  const changes = stamps.size > 0 ? await db.changes.where('hlc').anyOf([...stamps]).toArray() : [];
  const writers: Record<string, Writer> = {};
  for (const change of changes) writers[change.hlc] = { base: change.base, merges: change.merges ?? [], member: change.member ?? null, device: change.device };
  return { finding, statistics, deletedStatisticIds, writers };
}

export function useFindingRecord(db: MissionKitDatabase, missionId: string, requirementId: string, memberId: string): FindingRecord | undefined {
  return useLiveQuery(() => readFindingRecord(db, missionId, requirementId, memberId), [db, missionId, requirementId, memberId]);
}
