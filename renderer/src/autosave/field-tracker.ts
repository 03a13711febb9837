import type { JsonValue } from '../../../shared/schemas/change';

/**
 * What a form knows of one of its fields, keyed by a path ("rating", "statistics.<id>.value").
 * Values are form values (text as typed), compared as JSON.
 *
 * - `loaded`: the value last taken from the stored record (on opening, or a remote change shown).
 * - `base` / `baseValue`: the stamp of the stored value the form's value follows, and that value
 *   as the form shows it: the loaded one, or this form's own last write.
 *
 * A field is *dirty* when the form's value differs from `baseValue` (it must be written) and
 * *touched* when it differs from `loaded` (the user changed it since it was shown).
 */
export interface FieldState {
  base: string | null;
  baseValue: JsonValue;
  loaded: JsonValue;
}

export type TrackerState = Record<string, FieldState>;

/** A stored field as the form would show it, with the stamp and the change that wrote it. */
export interface StoredField {
  value: JsonValue;
  stamp: string | null;
  /** The change that wrote the stored value, when known: who, and every version it built on (transitively). */
  writer?: { seen: readonly string[]; member: string | null; device: string } | undefined;
  /** Other versions of a narrative edited concurrently (two or more heads). */
  conflict?: readonly string[] | undefined;
}

export type Notice =
  /** A scalar changed elsewhere while the user was changing it: the user's value is kept and saved. */
  | { kind: 'kept-mine'; path: string; theirs: JsonValue; mine: JsonValue; member: string | null }
  /** Another member changed, after seeing it, a value the user had set: theirs is shown. */
  | { kind: 'replaced'; path: string; theirs: JsonValue; mine: JsonValue; member: string | null }
  /** A narrative the user is writing was also written elsewhere: both versions are kept. */
  | { kind: 'conflict'; path: string; versions: readonly string[] };

export interface Reconciled {
  state: TrackerState;
  /** Values to show now, by path: remote changes of fields the user has not touched. */
  adopt: Record<string, JsonValue>;
  notices: Notice[];
  /** A kept value now differs from the stored one and must be written. */
  write: boolean;
}

export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function isDirty(state: TrackerState, path: string, value: JsonValue | undefined): boolean {
  const field = state[path];
  return !field || !sameValue(field.baseValue, value);
}

export function isTouched(state: TrackerState, path: string, value: JsonValue | undefined): boolean {
  const field = state[path];
  return !field || !sameValue(field.loaded, value);
}

/** Tracker state for freshly loaded fields: each follows its stored value. */
export function loadedState(stored: Readonly<Record<string, StoredField>>): TrackerState {
  const state: TrackerState = {};
  for (const [path, field] of Object.entries(stored)) state[path] = { base: field.stamp, baseValue: field.value, loaded: field.value };
  return state;
}

/**
 * Brings a form up to date with its stored record, field by field:
 * - a field the user has not touched shows the stored value at once;
 * - a narrative the user is writing is kept; if it is in conflict, the other versions are named
 *   (both are kept in the database; the form never overwrites the other one);
 * - a scalar the user changed and has not saved is kept, with a notice naming both values, and
 *   now follows the stored stamp so its write supersedes a value the user has been shown;
 * - a value the user saved and another member then changed after seeing it is replaced, with
 *   a notice (that member's change is the later, informed one).
 *
 * `current` holds the form's values by path; `own` the stamps this form wrote itself.
 */
export function reconcile(
  state: TrackerState,
  current: Readonly<Record<string, JsonValue>>,
  stored: Readonly<Record<string, StoredField>>,
  own: ReadonlySet<string>,
  isNarrative: (path: string) => boolean,
): Reconciled {
  const next: TrackerState = { ...state };
  const adopt: Record<string, JsonValue> = {};
  const notices: Notice[] = [];
  let write = false;
  for (const [path, field] of Object.entries(stored)) {
    const known = next[path];
    const mine = current[path];
    const follow = (): void => {
      next[path] = { base: field.stamp, baseValue: field.value, loaded: field.value };
      if (!sameValue(mine, field.value)) adopt[path] = field.value;
    };
    if (!known) {
      // A value the form holds but has no state for was typed here (a new statistic whose
      // write this read already shows): it stays, following the stored stamp.
      if (mine !== undefined) next[path] = { base: field.stamp, baseValue: field.value, loaded: null };
      else follow();
      continue;
    }
    if (field.stamp === known.base) {
      if (isNarrative(path) && field.conflict && isTouched(next, path, mine)) notices.push({ kind: 'conflict', path, versions: field.conflict });
      continue;
    }
    if (field.stamp !== null && own.has(field.stamp)) {
      next[path] = { ...known, base: field.stamp, baseValue: field.value };
      continue;
    }
    const touched = isTouched(next, path, mine);
    const dirty = isDirty(next, path, mine);
    if (sameValue(mine, field.value)) {
      next[path] = { base: field.stamp, baseValue: field.value, loaded: field.value };
      continue;
    }
    if (!touched && !dirty) {
      follow();
      continue;
    }
    // The other device built on what this form wrote: its change is the informed, later one.
    const sawMine = known.base !== null && own.has(known.base) && (field.writer?.seen ?? []).includes(known.base);
    if (isNarrative(path)) {
      // Saved and no longer one of the open versions: another version was written over it, so
      // the text on screen is history now. Unsaved typing is kept (it becomes a conflict).
      const stillOpen = field.conflict?.includes(typeof mine === 'string' ? mine : '') === true;
      if (!dirty && !stillOpen) follow();
      if (field.conflict) notices.push({ kind: 'conflict', path, versions: field.conflict });
      // Otherwise the text being typed is kept and written against its own base: a conflict.
      continue;
    }
    if (!dirty && sawMine) {
      follow();
      notices.push({ kind: 'replaced', path, theirs: field.value, mine: mine ?? null, member: field.writer?.member ?? null });
      continue;
    }
    next[path] = { base: field.stamp, baseValue: field.value, loaded: known.loaded };
    notices.push({ kind: 'kept-mine', path, theirs: field.value, mine: mine ?? null, member: field.writer?.member ?? null });
    write = true;
  }
  return { state: next, adopt, notices, write };
}
