import type { Change, EntityName } from '../schemas/change';
import { materializeEntity } from './materialize';
import { narrativeFieldsOf } from './narrative-fields';

export interface EntityRef {
  entity: EntityName;
  id: string;
}

export interface ConflictRef extends EntityRef {
  field: string;
}

/** What importing a set of changes does, for the summary "new, updated, conflicts". */
export interface ImportSummary {
  /** Incoming changes not held yet, once each, in the order they came: the ones to store. */
  fresh: Change[];
  /** Incoming changes already held, or repeated within the incoming set. */
  duplicates: number;
  /** Entities of which nothing was held before. */
  created: EntityRef[];
  /** Entities held before that receive fresh changes. */
  updated: EntityRef[];
  /** Entities deleted by the fresh changes that were not deleted before. */
  deleted: EntityRef[];
  /** Narrative fields with two or more heads now that had fewer before (deleted entities left out). */
  conflicts: ConflictRef[];
}

/**
 * Compares what is held with what comes in. `existing` are the changes held for (at least) the
 * entities the incoming changes touch; a change is identified by its stamp, as in the change log.
 */
export function summarizeImport(existing: readonly Change[], incoming: readonly Change[]): ImportSummary {
  const held = new Set(existing.map((change) => change.hlc));
  const fresh: Change[] = [];
  let duplicates = 0;
  for (const change of incoming) {
    if (held.has(change.hlc)) {
      duplicates++;
    } else {
      held.add(change.hlc);
      fresh.push(change);
    }
  }

  const touched = groupByEntity(fresh);
  const before = groupByEntity(existing.filter((change) => touched.has(entityKey(change))));
  const created: EntityRef[] = [];
  const updated: EntityRef[] = [];
  const deleted: EntityRef[] = [];
  const conflicts: ConflictRef[] = [];
  for (const [key, added] of touched) {
    const first = added[0];
    if (!first) continue;
    const ref: EntityRef = { entity: first.entity, id: first.id };
    const old = before.get(key) ?? [];
    const all = [...old, ...added];
    (old.length === 0 ? created : updated).push(ref);
    const then = materializeEntity(old);
    const now = materializeEntity(all);
    if (now?.deleted && !then?.deleted) deleted.push(ref);
    if (!now || now.deleted) continue;
    for (const field of narrativeFieldsOf(first.entity)) {
      // conflicts[field] is there exactly when the field has two or more heads.
      if (now.conflicts[field] && !then?.conflicts[field]) conflicts.push({ ...ref, field });
    }
  }
  return {
    fresh,
    duplicates,
    created: created.sort(compareRefs),
    updated: updated.sort(compareRefs),
    deleted: deleted.sort(compareRefs),
    conflicts: conflicts.sort((a, b) => compareRefs(a, b) || compareText(a.field, b.field)),
  };
}

function entityKey(change: Pick<Change, 'entity' | 'id'>): string {
  return `${change.entity}\u0000${change.id}`;
}

function groupByEntity(changes: readonly Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = entityKey(change);
    const group = groups.get(key);
    if (group) group.push(change);
    else groups.set(key, [change]);
  }
  return groups;
}

function compareRefs(a: EntityRef, b: EntityRef): number {
  return compareText(a.entity, b.entity) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
