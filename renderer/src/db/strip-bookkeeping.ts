import type { Stamped } from './database';

/** A stored row without the merge bookkeeping (stamps, tombstone, conflicts): the domain value. */
export function stripBookkeeping<T extends object>(row: T): Omit<T, keyof Stamped> {
  const { _stamps: _s, _deleted: _d, _conflicts: _c, ...rest } = row as T & Partial<Stamped>;
  return rest;
}
