import { useCallback, useEffect, useRef, useState } from 'react';
import { clearJournal, readJournal, writeJournal } from './unload-journal';

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * How long after the first unsaved edit the write starts. Short, so a keystroke is on disk
 * within about a tenth of a second (a crash loses at most that); the repository folds this
 * device's unsent edits of a field into one change, so frequent writes do not swell the log.
 */
export const AUTOSAVE_DELAY_MS = 25;

/** After a failed write, try again this much later (and at the next edit or blur). */
const RETRY_MS = 5_000;

/** Prefix of the error text for a full disk, which the status line words for the user. */
export const QUOTA_ERROR = 'quota-exceeded';

function describeWriteError(reason: unknown): string {
  // IndexedDB refuses writes with QuotaExceededError when the disk or the origin's quota is
  // full; Dexie wraps it but keeps the name, sometimes on `inner`.
  const names = [reason, (reason as { inner?: unknown } | null)?.inner].map((item) => (item as { name?: unknown } | null)?.name);
  if (names.includes('QuotaExceededError')) return QUOTA_ERROR;
  return reason instanceof Error ? reason.message : String(reason);
}

interface Edit<V> {
  values: V;
  /** Numbered from 1 in the order the edits were made. */
  edit: number;
}

export interface Autosave<V> {
  /** Remember the latest values; they are written at most `delayMs` later. */
  schedule(values: V): void;
  /** Write now (blur, navigation, before an attachment needs the finding to exist). */
  flush(): Promise<void>;
  state: AutosaveState;
  error: string | null;
}

/**
 * Saves a form's values shortly after each edit, without a Save button.
 *
 * The timer is started by the first unsaved edit and not pushed back by later ones, so during
 * continuous typing a write still happens every `delayMs`: a crash loses at most that much.
 * On page hide or unload, when an IndexedDB write may not finish, the latest values also go
 * to a synchronous journal (localStorage) that the form reads back on its next mount.
 */
export function useAutosave<V>(
  journalKey: string,
  save: (values: V) => Promise<void>,
  delayMs = AUTOSAVE_DELAY_MS,
  journalOf: (values: V) => unknown = (values) => values,
): Autosave<V> {
  const [state, setState] = useState<AutosaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  /** Edits are numbered, so a finished write knows whether the journal holds anything newer. */
  const edits = useRef(0);
  const latest = useRef<Edit<V> | null>(null);
  /** The values of the write under way, until it has committed. */
  const writing = useRef<Edit<V> | null>(null);
  /**
   * The edit the unload journal holds. 0 until this page writes one: a journal left by an
   * earlier page is older than every edit made here (the form opened with its values).
   */
  const journaled = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  /** The pending timer is the slow retry after a failure, not the short one after an edit. */
  const retrying = useRef(false);
  /** The retry calls the current flush, which is defined below. */
  const flushRef = useRef<() => Promise<void>>(() => Promise.resolve());
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  // What the journal holds: a form that tracks bases journals them with its values.
  const journalOfRef = useRef(journalOf);
  useEffect(() => {
    journalOfRef.current = journalOf;
  }, [journalOf]);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    retrying.current = false;
    // One write at a time, in order: a slow write never lands after a newer one.
    while (inFlight.current) await inFlight.current;
    const pending = latest.current;
    if (!pending) return;
    latest.current = null;
    writing.current = pending;
    setState('saving');
    const write = saveRef.current(pending.values).then(
      () => {
        writing.current = null;
        // Only a write of the journaled edit (or a later one) makes the journal redundant: a
        // slower, older write finishing during unload must not erase newer words it never saved.
        if (journaled.current <= pending.edit) clearJournal(journalKey);
        setError(null);
        setState(latest.current ? 'pending' : 'saved');
      },
      (reason: unknown) => {
        writing.current = null;
        // Keep the values for the next attempt; the text stays on screen either way, and the
        // write is tried again by itself (space may be freed, the disk may come back).
        if (!latest.current) latest.current = pending;
        setError(describeWriteError(reason));
        setState('error');
        if (timer.current === null) {
          timer.current = setTimeout(() => void flushRef.current(), RETRY_MS);
          retrying.current = true;
        }
      },
    );
    inFlight.current = write;
    try {
      await write;
    } finally {
      inFlight.current = null;
    }
  }, [journalKey]);

  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const schedule = useCallback(
    (values: V): void => {
      edits.current += 1;
      latest.current = { values, edit: edits.current };
      setState('pending');
      // A new edit after a failure tries again at the normal pace, not after the slow retry.
      if (timer.current !== null && retrying.current) {
        clearTimeout(timer.current);
        timer.current = null;
        retrying.current = false;
      }
      if (timer.current === null) timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  useEffect(() => {
    // What a dying page may not get onto disk: the pending values, else those being written.
    const journalUnsaved = (): void => {
      const unsaved = latest.current ?? writing.current;
      if (!unsaved) return;
      writeJournal(journalKey, journalOfRef.current(unsaved.values));
      journaled.current = unsaved.edit;
    };
    const onHide = (): void => {
      journalUnsaved();
      void flush();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') onHide();
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      // Leaving the form (navigation) writes what is pending.
      journalUnsaved();
      void flush();
    };
  }, [flush, journalKey]);

  return { schedule, flush, state, error };
}

/**
 * Autosave for a form whose typed values are watched: every change of the values schedules a
 * save. Comparing with what was last handed over (not with "the first render") keeps
 * re-renders from writing identical values, and lets values restored from the unload journal
 * be written once.
 */
export function useAutosavedValues<V>(
  journalKey: string,
  values: V,
  initial: V,
  save: (values: V) => Promise<void>,
  delayMs = AUTOSAVE_DELAY_MS,
  journalOf?: (values: V) => unknown,
): Autosave<V> {
  const autosave = useAutosave<V>(journalKey, save, delayMs, journalOf);
  const [initialJson] = useState(() => (readJournal(journalKey) ? null : JSON.stringify(initial)));
  const lastScheduled = useRef<string | null>(initialJson);
  useEffect(() => {
    const json = JSON.stringify(values);
    if (json === lastScheduled.current) return;
    lastScheduled.current = json;
    autosave.schedule(values);
  }, [values, autosave]);
  return autosave;
}
