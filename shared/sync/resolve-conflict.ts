import { compareStamps } from '../hlc';
import type { Change, EntityName } from '../schemas/change';
import type { ConflictVersion } from './sync-types';

/** ChangeSchema's limit on `merges`. */
export const MAX_MERGES = 64;

export interface ResolutionInput {
  entity: EntityName;
  id: string;
  missionId: string;
  field: string;
  /** The text the lead settled on. */
  text: string;
  /** Every head of the conflict, as `MaterializedEntity.conflicts[field]` lists them. */
  heads: readonly ConflictVersion[];
  /** A fresh stamp from the lead's clock, which has seen the heads. */
  hlc: string;
  device: string;
  member: string | null;
}

/**
 * The change that ends a narrative conflict: based on the newest head and merging all others,
 * so it supersedes every version the lead saw and, on every replica that receives it, the field
 * has one head again (unless someone edited concurrently with the resolution: that edit is a
 * new head, never dropped).
 */
export function resolutionChange(input: ResolutionInput): Change {
  const stamps = [...new Set(input.heads.map((head) => head.hlc))].sort(compareStamps);
  const base = stamps.pop() ?? null;
  if (stamps.length > MAX_MERGES) {
    throw new RangeError(`A resolution can merge at most ${MAX_MERGES + 1} versions; this conflict has ${stamps.length + 1}.`);
  }
  const change: Change = {
    entity: input.entity,
    id: input.id,
    missionId: input.missionId,
    field: input.field,
    value: input.text,
    hlc: input.hlc,
    device: input.device,
    member: input.member,
    base,
  };
  if (stamps.length > 0) change.merges = stamps;
  return change;
}
