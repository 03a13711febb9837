import { useEffect, useState } from 'react';
import Dexie from 'dexie';

/**
 * Like useLiveQuery, for queries too large to re-run on every write: reading a 20,000-finding
 * mission takes a good part of a second, and the autosave writes every few hundred
 * milliseconds while someone types. The query runs at once, then again once the writes to the
 * given tables pause for `quietMs` (or at the latest `maxWaitMs` after the first of them), so
 * typing is not interrupted by it.
 */
export function useThrottledQuery<T>(databaseName: string, tables: readonly string[], query: () => Promise<T>, deps: readonly unknown[], quietMs = 1_500, maxWaitMs = 10_000): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstPending: number | undefined;
    let running = false;
    let rerun = false;
    const prefixes = tables.map((table) => `idb://${databaseName}/${table}/`);
    const run = async (): Promise<void> => {
      if (running) {
        rerun = true;
        return;
      }
      running = true;
      try {
        const result = await query();
        if (!cancelled) setValue(result);
      } finally {
        running = false;
        if (rerun && !cancelled) {
          rerun = false;
          schedule();
        }
      }
    };
    const schedule = (): void => {
      const now = Date.now();
      firstPending ??= now;
      if (timer !== undefined) clearTimeout(timer);
      const wait = Math.max(0, Math.min(quietMs, firstPending + maxWaitMs - now));
      timer = setTimeout(() => {
        timer = undefined;
        firstPending = undefined;
        void run();
      }, wait);
    };
    const onMutated = (parts: Record<string, unknown>): void => {
      if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) schedule();
    };
    void run();
    Dexie.on('storagemutated', onMutated);
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
    // The query is re-created each render; its inputs are what `deps` lists.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [databaseName, quietMs, maxWaitMs, ...tables, ...deps]);
  return value;
}
