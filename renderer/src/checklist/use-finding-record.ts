import { useLiveQuery } from 'dexie-react-hooks';
import type { Change } from '../../../shared/schemas/change';
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
  const entities: [string, string][] = [...(finding ? [['finding', finding.id] as [string, string]] : []), ...statistics.map((row): [string, string] => ['evidence', row.id])];
  const logs = await Promise.all(entities.map((key) => db.changes.where('[entity+id]').equals(key).toArray()));
  const writers: Record<string, Writer> = {};
  for (const log of logs) {
    const byStamp = new Map(log.map((change) => [change.hlc, change]));
    for (const change of log) writers[change.hlc] = { seen: [...ancestors(change, byStamp)], member: change.member ?? null, device: change.device };
  }
  return { finding, statistics, deletedStatisticIds, writers };
}

/** The versions a change built on: its base and merges, and theirs, within one entity's log. */
function ancestors(change: Change, byStamp: ReadonlyMap<string, Change>): Set<string> {
  const seen = new Set<string>();
  const queue = [change.base, ...(change.merges ?? [])];
  while (queue.length > 0) {
    const stamp = queue.pop();
    if (!stamp || seen.has(stamp)) continue;
    seen.add(stamp);
    const parent = byStamp.get(stamp);
    if (parent) queue.push(parent.base, ...(parent.merges ?? []));
  }
  return seen;
}

export function useFindingRecord(db: MissionKitDatabase, missionId: string, requirementId: string, memberId: string): FindingRecord | undefined {
  return useLiveQuery(() => readFindingRecord(db, missionId, requirementId, memberId), [db, missionId, requirementId, memberId]);
}
