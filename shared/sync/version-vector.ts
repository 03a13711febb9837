import { compareStamps } from '../hlc';
import type { Change } from '../schemas/change';
import type { VersionVector } from './sync-types';

type Stamped = Pick<Change, 'device' | 'hlc'>;

/** For each device, the highest stamp among its changes. */
export function vectorOf(changes: Iterable<Stamped>): VersionVector {
  const highest = new Map<string, string>();
  for (const change of changes) {
    const current = highest.get(change.device);
    if (current === undefined || compareStamps(change.hlc, current) > 0) highest.set(change.device, change.hlc);
  }
  return toVector(highest);
}

/** What a replica has seen after receiving what the other one had: the higher stamp per device. */
export function mergeVectors(a: VersionVector, b: VersionVector): VersionVector {
  const merged = new Map<string, string>(Object.entries(a));
  for (const [device, stamp] of Object.entries(b)) {
    const current = merged.get(device);
    if (current === undefined || compareStamps(stamp, current) > 0) merged.set(device, stamp);
  }
  return toVector(merged);
}

/** Whether a replica with this vector holds the change (devices stamp their changes in order). */
export function hasSeen(vector: VersionVector, change: Stamped): boolean {
  const seen = stampOf(vector, change.device);
  return seen !== undefined && compareStamps(change.hlc, seen) <= 0;
}

/** The changes a replica with this vector has not seen: newer than its stamp for their device, or from a device it does not know. */
export function changesSince<T extends Stamped>(changes: readonly T[], vector: VersionVector): T[] {
  return changes.filter((change) => !hasSeen(vector, change));
}

/** Whether `a` has seen everything `b` has (for every device of `b`, a stamp at least as high). Equal vectors dominate each other. */
export function dominates(a: VersionVector, b: VersionVector): boolean {
  return Object.entries(b).every(([device, stamp]) => {
    const mine = stampOf(a, device);
    return mine !== undefined && compareStamps(mine, stamp) >= 0;
  });
}

/** Own properties only: a device called "constructor" must not find Object.prototype's. */
function stampOf(vector: VersionVector, device: string): string | undefined {
  return Object.hasOwn(vector, device) ? vector[device] : undefined;
}

function toVector(map: ReadonlyMap<string, string>): VersionVector {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
