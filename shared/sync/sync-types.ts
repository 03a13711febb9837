import type { Change, EntityName, JsonValue } from '../schemas/change';

/**
 * What a replica has seen: for each device, the highest clock stamp of that device's changes it
 * holds. Devices stamp their own changes in increasing order and changes travel as complete
 * suffixes ("everything after what you have seen"), so one stamp per device is enough.
 */
export type VersionVector = Record<string, string>;

/** One version of a narrative kept in a conflict: nothing a member wrote is dropped. */
export interface ConflictVersion {
  hlc: string;
  value: string;
  device: string;
  member: string | null;
}

/**
 * An entity as the change log determines it. `fields` and `stamps` are what the row shows
 * (last writer wins per field); `conflicts` holds, for a narrative edited concurrently, every
 * version not superseded by another — two or more means the lead must resolve it.
 */
export interface MaterializedEntity {
  entity: EntityName;
  id: string;
  missionId: string;
  fields: Record<string, JsonValue>;
  stamps: Record<string, string>;
  deleted: boolean;
  conflicts: Record<string, ConflictVersion[]>;
}

export type { Change };
