import { parseStamp } from '../hlc';
import { CREATED_FIELD, DELETED_FIELD, type Change, type JsonValue } from '../schemas/change';
import { describeChange, type HistoryNames } from './describe-change';
import type { Phrase } from './phrase';

/** One line of the change history: a sentence, who, when, on which device. */
export interface HistoryLine {
  /** Stamp of the newest change of the line (unique: a key for lists). */
  hlc: string;
  millis: number;
  entity: Change['entity'];
  id: string;
  member: string | null;
  device: string;
  sentence: Phrase;
  /** How many edits the line stands for: a burst of typing in one field is one line. */
  edits: number;
}

export type HistoryChange = Pick<Change, 'entity' | 'id' | 'field' | 'value' | 'hlc' | 'member' | 'device'>;

/** Edits of one field by one member on one device this close together read as one. */
export const BURST_MILLIS = 10 * 60 * 1000;

/**
 * The history lines of a page of changes (newest first). `related` holds the earlier changes of
 * the same records (creations included), so an edit can say what the field was before; a
 * change with no earlier one known says only what it was set to.
 */
export function historyLines(page: readonly HistoryChange[], related: readonly HistoryChange[], names: HistoryNames): HistoryLine[] {
  const timelines = new Map<string, HistoryChange[]>();
  for (const change of [...related, ...page]) {
    const key = recordKey(change);
    const list = timelines.get(key) ?? [];
    if (!list.some((known) => known.hlc === change.hlc)) list.push(change);
    timelines.set(key, list);
  }
  for (const list of timelines.values()) list.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));

  const lines: HistoryLine[] = [];
  let group: HistoryChange[] = [];
  const flush = (): void => {
    const newest = group[0];
    const oldest = group[group.length - 1];
    if (!newest || !oldest) return;
    const previous = previousValue(oldest, timelines.get(recordKey(oldest)) ?? []);
    lines.push({
      hlc: newest.hlc,
      millis: parseStamp(newest.hlc).millis,
      entity: newest.entity,
      id: newest.id,
      member: newest.member,
      device: newest.device,
      sentence: describeChange({ change: newest, previous }, names),
      edits: group.length,
    });
    group = [];
  };
  for (const change of page) {
    const last = group[group.length - 1];
    if (last && !sameBurst(last, change)) flush();
    group.push(change);
  }
  flush();
  return lines;
}

function recordKey(change: Pick<Change, 'entity' | 'id'>): string {
  return `${change.entity}|${change.id}`;
}

/** `later` is newer than `earlier` in a newest-first page. */
function sameBurst(later: HistoryChange, earlier: HistoryChange): boolean {
  if (later.field === CREATED_FIELD || later.field === DELETED_FIELD) return false;
  return (
    later.entity === earlier.entity &&
    later.id === earlier.id &&
    later.field === earlier.field &&
    later.member === earlier.member &&
    later.device === earlier.device &&
    parseStamp(later.hlc).millis - parseStamp(earlier.hlc).millis <= BURST_MILLIS
  );
}

/** The field's value just before `change`: the last earlier edit of it, else what the creation gave it. */
function previousValue(change: HistoryChange, timeline: readonly HistoryChange[]): { value: JsonValue } | null {
  if (change.field === CREATED_FIELD || change.field === DELETED_FIELD) return null;
  for (let index = timeline.length - 1; index >= 0; index -= 1) {
    const earlier = timeline[index];
    if (!earlier || earlier.hlc >= change.hlc) continue;
    if (earlier.field === change.field) return { value: earlier.value };
    if (earlier.field === CREATED_FIELD) {
      const created = earlier.value;
      if (created === null || typeof created !== 'object' || Array.isArray(created)) return null;
      return { value: created[change.field] ?? null };
    }
  }
  return null;
}
