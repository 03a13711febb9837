import type { Change } from '../../../shared/schemas/change';

/** Who wrote a version of a field, and every version it built on. */
export interface RecordWriter {
  /** Every version of the field the change built on, through its base and merges, transitively. */
  seen: readonly string[];
  member: string | null;
  device: string;
}

/**
 * For each change of one entity's log, its writer and what it had seen: an open form uses it to
 * tell a remote change that followed the user's version from one made without seeing it.
 */
export function writersOf(log: readonly Change[]): Record<string, RecordWriter> {
  const byStamp = new Map(log.map((change) => [change.hlc, change]));
  const writers: Record<string, RecordWriter> = {};
  for (const change of log) writers[change.hlc] = { seen: [...ancestors(change, byStamp)], member: change.member ?? null, device: change.device };
  return writers;
}

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
