/**
 * The app's one list of removals that can still be undone. Each removal the user makes pushes
 * an entry whose `undo` writes a NEW change restoring what was removed (see Repository.restore),
 * never a rewrite of history, so the undo travels to other devices like any edit.
 */
export interface UndoEntry {
  id: number;
  /** What was removed, in words, shown in the toast and announced. */
  message: string;
  /** The form the removal was made in, for Ctrl+Z there; null for removals outside a form. */
  scope: string | null;
  undo: () => Promise<void>;
}

export type NewUndoEntry = Omit<UndoEntry, 'id'>;

/** Older removals than this are no longer offered: a toast shows one at a time. */
const MAX_ENTRIES = 20;

export class UndoStack {
  private entries: UndoEntry[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  push(entry: NewUndoEntry): UndoEntry {
    const pushed: UndoEntry = { ...entry, id: this.nextId++ };
    this.entries = [...this.entries, pushed].slice(-MAX_ENTRIES);
    this.notify();
    return pushed;
  }

  /** The newest entry, the one the toast offers. */
  latest(): UndoEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  /** The newest entry made in this form, for its Ctrl+Z. */
  latestIn(scope: string): UndoEntry | undefined {
    return [...this.entries].reverse().find((entry) => entry.scope === scope);
  }

  /** Forgets an entry (the toast timed out or was closed): the removal stands. */
  dismiss(id: number): void {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.id !== id);
    if (this.entries.length !== before) this.notify();
  }

  /**
   * Runs an entry's undo once: it leaves the list before it runs, so a double click cannot
   * restore twice. A failure is thrown to the caller, who says so.
   */
  async undo(id: number): Promise<boolean> {
    const entry = this.entries.find((item) => item.id === id);
    if (!entry) return false;
    this.dismiss(id);
    await entry.undo();
    return true;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
