import { CREATED_FIELD, DELETED_FIELD, type Change, type JsonValue } from '../schemas/change';
import { compareStamps } from '../hlc';
import { narrativeFieldsOf } from './narrative-fields';
import type { ConflictVersion, MaterializedEntity } from './sync-types';

/**
 * The state of one entity as a pure function of the SET of its changes: the order in which they
 * arrived and how often each arrived make no difference, so every replica holding the same
 * changes shows the same thing.
 *
 * - Ordinary fields: last writer wins by clock stamp, over the creation (for the fields it
 *   holds) and the per-field changes. A null value clears the field: it is absent from
 *   `fields` but keeps its stamp in `stamps`, as the repository keeps it in `_stamps`.
 * - Deletion (`_deleted`) is last writer wins like any scalar: a tombstone (true) hides the
 *   entity, and only a later explicit restore (false, the user's "Undo") brings it back. Edits
 *   never touch `_deleted`, so a device that has not seen a deletion cannot resurrect the entity.
 * - Narratives: versions form a graph through `base` and `merges`; the heads (versions no other
 *   change of the same field names) are all kept. The newest head is shown; two or more heads
 *   are a conflict listing every head.
 */
export function materializeEntity(changes: readonly Change[]): MaterializedEntity | null {
  const unique = uniqueChanges(changes);
  const first = unique[0];
  if (!first) return null;
  for (const change of unique) {
    if (change.entity !== first.entity || change.id !== first.id) {
      throw new Error(`materializeEntity got changes of ${first.entity} ${first.id} and of ${change.entity} ${change.id}.`);
    }
  }
  const narratives = new Set(narrativeFieldsOf(first.entity));

  const winners = new Map<string, { hlc: string; value: JsonValue }>();
  const offer = (field: string, hlc: string, value: JsonValue): void => {
    if (field === 'id' || narratives.has(field)) return;
    const current = winners.get(field);
    if (!current || isLater(hlc, value, current.hlc, current.value)) winners.set(field, { hlc, value });
  };
  // The newest deletion or restore decides; `unique` is sorted by stamp, so the last one seen.
  let deletion: { hlc: string; deleted: boolean } | null = null;
  for (const change of unique) {
    if (change.field === CREATED_FIELD) {
      if (isRecord(change.value)) {
        for (const [field, value] of Object.entries(change.value)) offer(field, change.hlc, value);
      }
    } else if (change.field === DELETED_FIELD) {
      if (typeof change.value === 'boolean') deletion = { hlc: change.hlc, deleted: change.value };
    } else {
      offer(change.field, change.hlc, change.value);
    }
  }

  const fields = new Map<string, JsonValue>();
  const stamps = new Map<string, string>();
  const conflicts = new Map<string, ConflictVersion[]>();
  for (const [field, winner] of winners) {
    stamps.set(field, winner.hlc);
    if (winner.value !== null) fields.set(field, winner.value);
  }
  for (const field of narratives) {
    const heads = headsOf(unique, field);
    const shown = heads[heads.length - 1];
    if (!shown) continue;
    stamps.set(field, shown.hlc);
    if (shown.value !== null) fields.set(field, shown.value);
    if (heads.length >= 2) conflicts.set(field, heads.map(toConflictVersion));
  }
  if (deletion !== null) stamps.set(DELETED_FIELD, deletion.hlc);

  return {
    entity: first.entity,
    id: first.id,
    // All changes of one entity carry the same mission; take the creation's, else the oldest's.
    missionId: (unique.find((change) => change.field === CREATED_FIELD) ?? first).missionId,
    fields: sortedRecord(fields),
    stamps: sortedRecord(stamps),
    deleted: deletion?.deleted === true,
    conflicts: sortedRecord(conflicts),
  };
}

/**
 * The versions of a narrative field that no other change of that field supersedes, oldest
 * first. `changes` are the changes of one entity (any order, duplicates allowed). A version is
 * the creation's value for the field (when the creation holds it) or a per-field change;
 * a change supersedes the versions whose stamps are its `base` or among its `merges`.
 */
export function narrativeHeads(changes: readonly Change[], field: string): ConflictVersion[] {
  return headsOf(uniqueChanges(changes), field).map(toConflictVersion);
}

interface NarrativeVersion {
  hlc: string;
  value: JsonValue;
  device: string;
  member: string | null;
}

/** `unique` must be deduplicated by stamp (see uniqueChanges); the result is sorted by stamp. */
function headsOf(unique: readonly Change[], field: string): NarrativeVersion[] {
  const versions: NarrativeVersion[] = [];
  const superseded = new Set<string>();
  for (const change of unique) {
    if (change.field === CREATED_FIELD) {
      if (isRecord(change.value) && Object.hasOwn(change.value, field)) {
        versions.push({ hlc: change.hlc, value: change.value[field] ?? null, device: change.device, member: change.member ?? null });
      }
    } else if (change.field === field) {
      versions.push({ hlc: change.hlc, value: change.value, device: change.device, member: change.member ?? null });
      // A change never supersedes itself, even if (malformed) it names its own stamp.
      for (const stamp of [change.base, ...(change.merges ?? [])]) {
        if (stamp !== null && stamp !== change.hlc) superseded.add(stamp);
      }
    }
  }
  versions.sort((a, b) => compareStamps(a.hlc, b.hlc));
  const heads = versions.filter((version) => !superseded.has(version.hlc));
  // Only forged or corrupt changes can name each other in a cycle and leave no head at all;
  // then show the newest version rather than nothing.
  const newest = versions[versions.length - 1];
  return heads.length === 0 && newest ? [newest] : heads;
}

function toConflictVersion(version: NarrativeVersion): ConflictVersion {
  return { hlc: version.hlc, value: textOf(version.value), device: version.device, member: version.member };
}

/** A narrative is text; anything else a malformed change carries is shown, never dropped. */
function textOf(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * One change per stamp (the change log's key), sorted by stamp. Two different changes claiming
 * one stamp cannot come from a working device; keep one of them by content so that the result
 * still does not depend on the order they came in.
 */
function uniqueChanges(changes: readonly Change[]): Change[] {
  const byStamp = new Map<string, { change: Change; key: string }>();
  for (const change of changes) {
    const current = byStamp.get(change.hlc);
    if (current === undefined) {
      byStamp.set(change.hlc, { change, key: canonicalJson(change) });
      continue;
    }
    if (current.change === change) continue;
    const key = canonicalJson(change);
    if (key > current.key) byStamp.set(change.hlc, { change, key });
  }
  return [...byStamp.values()].map((entry) => entry.change).sort((a, b) => compareStamps(a.hlc, b.hlc));
}

function isLater(hlc: string, value: JsonValue, currentHlc: string, currentValue: JsonValue): boolean {
  const order = compareStamps(hlc, currentHlc);
  if (order !== 0) return order > 0;
  return canonicalJson(value) > canonicalJson(currentValue);
}

function isRecord(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so equal values give equal strings whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Object.fromEntries defines own properties, so a field named "__proto__" stays a field. */
function sortedRecord<T>(map: ReadonlyMap<string, T>): Record<string, T> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
