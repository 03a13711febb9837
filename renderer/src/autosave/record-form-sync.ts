import type { JsonValue } from '../../../shared/schemas/change';
import type { ConflictVersion } from '../../../shared/sync/sync-types';
import type { EditOutcome, FieldEdit } from '../db/repository';
import { isDirty, loadedState, reconcile, type Notice, type StoredField, type TrackerState } from './field-tracker';

/**
 * The field tracker for a form over one stored entity whose form fields are its entity fields
 * (the assessment form, the site form): the same rules as the finding form, without statistics.
 */

export interface RecordSession {
  fields: TrackerState;
  own: string[];
  /** This form created the entity (a read made before may not show it yet). */
  created: boolean;
}

export interface RecordSnapshot<V> {
  values: V;
  session: RecordSession;
}

export interface WriterInfo {
  seen: readonly string[];
  member: string | null;
  device: string;
}

export interface StoredRecord {
  /** The row's fields as the form shows them. */
  shown: Readonly<Record<string, JsonValue>>;
  stamps: Readonly<Record<string, string>>;
  conflicts?: Readonly<Record<string, readonly ConflictVersion[]>> | undefined;
  writers: Readonly<Record<string, WriterInfo>>;
}

export function storedFields(record: StoredRecord | undefined): Record<string, StoredField> {
  if (!record) return {};
  const fields: Record<string, StoredField> = {};
  for (const [path, value] of Object.entries(record.shown)) {
    const stamp = record.stamps[path] ?? null;
    const versions = record.conflicts?.[path];
    fields[path] = { value, stamp, writer: stamp ? record.writers[stamp] : undefined, conflict: versions && versions.length > 1 ? versions.map((version) => version.value) : undefined };
  }
  return fields;
}

export interface RecordOpened<V> {
  values: V;
  session: RecordSession;
  notices: Notice[];
  write: boolean;
}

/** Opening: the record, with only the fields changed and not saved taken from a journal or draft. */
export function openRecordForm<V extends Record<string, JsonValue>>(
  record: StoredRecord | undefined,
  saved: RecordSnapshot<V> | null,
  empty: V,
  deviceId: string,
  isNarrative: (path: string) => boolean,
): RecordOpened<V> {
  const stored = storedFields(record);
  const fromRecord = { ...empty, ...(record?.shown ?? {}) } as V;
  const session: RecordSession = { fields: loadedState(stored), own: [], created: false };
  if (!saved) return { values: fromRecord, session, notices: [], write: false };
  const values: Record<string, JsonValue> = { ...fromRecord };
  const fields: TrackerState = { ...session.fields };
  let restored = false;
  for (const [path, value] of Object.entries(saved.values)) {
    if (!isDirty(saved.session.fields, path, value)) continue;
    const state = saved.session.fields[path];
    if (state) fields[path] = state;
    values[path] = value;
    restored = true;
  }
  const result = reconcileRecordForm({ fields, own: saved.session.own, created: saved.session.created }, values as V, record, deviceId, isNarrative);
  return { ...result, write: result.write || restored };
}

export function reconcileRecordForm<V extends Record<string, JsonValue>>(
  session: RecordSession,
  values: V,
  record: StoredRecord | undefined,
  deviceId: string,
  isNarrative: (path: string) => boolean,
): RecordOpened<V> {
  const stored = storedFields(record);
  const own = new Set([...session.own, ...Object.values(stored).flatMap((field) => (field.stamp && field.writer?.device === deviceId ? [field.stamp] : []))]);
  const result = reconcile(session.fields, values, stored, own, isNarrative);
  return { values: { ...values, ...result.adopt }, session: { ...session, fields: result.state }, notices: result.notices, write: result.write };
}

/** The edits for the dirty fields, against their bases; `toStored` turns a form value into the entity's. */
export function recordEdits<V extends Record<string, JsonValue>>(values: V, session: RecordSession, toStored: (path: string, value: JsonValue) => JsonValue): Record<string, FieldEdit> {
  const edits: Record<string, FieldEdit> = {};
  for (const [path, value] of Object.entries(values)) {
    if (!isDirty(session.fields, path, value)) continue;
    edits[path] = { value: toStored(path, value), base: session.fields[path]?.base ?? null };
  }
  return edits;
}

/** After a write: written fields follow their new stamps. */
export function afterRecordWrite(session: RecordSession, written: Readonly<Record<string, JsonValue>>, stamps: Readonly<Record<string, string>> | undefined, created: boolean): RecordSession {
  const fields: TrackerState = { ...session.fields };
  const own = new Set(session.own);
  for (const [path, value] of Object.entries(written)) {
    const stamp = stamps?.[path];
    if (!stamp) continue;
    own.add(stamp);
    fields[path] = { base: stamp, baseValue: value, loaded: fields[path]?.loaded ?? null };
  }
  return { fields, own: [...own], created: session.created || created };
}

export type { EditOutcome, Notice };
