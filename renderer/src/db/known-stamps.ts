import type { MissionKitDatabase } from './database';

/**
 * The stamps of every change this database holds, kept in memory so that re-delivering changes
 * already merged (the same bundle imported twice, a hub exchange repeated) costs a set lookup
 * per change instead of an IndexedDB query.
 *
 * It only ever answers "known" for a stamp that is stored: it is filled from the change log and
 * grows only after a write has committed, and nothing deletes change records. A stamp it does
 * not know may still be stored (another tab wrote it), so callers check the unknown ones against
 * the database.
 */
export class KnownStamps {
  private stamps: Set<string> | null = null;
  private loading: Promise<Set<string>> | null = null;

  constructor(private readonly db: MissionKitDatabase) {}

  async load(): Promise<ReadonlySet<string>> {
    if (this.stamps) return this.stamps;
    this.loading ??= this.db.changes
      .orderBy('hlc')
      .keys()
      .then((keys) => new Set(keys.map(String)));
    const loaded = await this.loading;
    this.stamps ??= loaded;
    return this.stamps;
  }

  /** Call only once the transaction that stored these stamps has committed. */
  add(stamps: Iterable<string>): void {
    if (!this.stamps) return;
    for (const stamp of stamps) this.stamps.add(stamp);
  }

  /** After anything that replaces stored changes (a restore): reload on next use. */
  forget(): void {
    this.stamps = null;
    this.loading = null;
  }
}
