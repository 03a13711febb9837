/**
 * A last-resort copy of unsaved form values, written synchronously when the page is hidden or
 * unloaded (IndexedDB writes started then may never complete). Read back once on the form's
 * next mount, then cleared as soon as a normal save succeeds.
 */
const PREFIX = 'mission-kit:journal:';

export interface JournalEntry<V> {
  values: V;
  writtenAt: number;
}

export function writeJournal<V>(key: string, values: V): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ values, writtenAt: Date.now() } satisfies JournalEntry<V>));
  } catch {
    // Storage full or unavailable: the regular autosave is still the primary path.
  }
}

export function readJournal(key: string): JournalEntry<unknown> | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'values' in parsed && 'writtenAt' in parsed && typeof parsed.writtenAt === 'number') {
      return { values: parsed.values, writtenAt: parsed.writtenAt };
    }
    return null;
  } catch {
    return null;
  }
}

export function clearJournal(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // nothing to clear
  }
}
