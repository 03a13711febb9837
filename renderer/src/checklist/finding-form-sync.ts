import { z } from 'zod';
import type { JsonValue } from '../../../shared/schemas/change';
import type { Finding, StatisticEvidence } from '../../../shared/schemas/finding';
import type { ValidationProblem } from '../../../shared/template-validation';
import type { Stamped } from '../db/database';
import { editKey, type AnyEntity, type EditBatch, type EditOutcome, type EntityEdits, type FieldEdit } from '../db/repository';
import {
  isDirty,
  isTouched,
  loadedState,
  reconcile,
  type Notice,
  type StoredField,
  type TrackerState,
} from '../autosave/field-tracker';
import {
  buildFindingCommit,
  EMPTY_FINDING_VALUES,
  FindingFormValuesSchema,
  isEmpty,
  valuesFromRecords,
  type FindingContext,
  type FindingFormValues,
  type FormRules,
  type StatisticInput,
} from './finding-form-model';

/**
 * The finding form against its stored record, field by field: which fields the user changed,
 * against which stamps, and what a remote change does to an open form. See field-tracker.ts.
 */

/** The finding's own fields, each one path. */
const FINDING_FIELDS = ['rating', 'narrative', 'siteIds', 'sources', 'flags', 'answers'] as const;
type FindingField = (typeof FINDING_FIELDS)[number];
const STATISTIC_FIELDS = ['label', 'value', 'ofTotal', 'unit', 'period', 'source'] as const;
type StatisticField = (typeof STATISTIC_FIELDS)[number];

export type StatisticRow = StatisticEvidence & Stamped;

/** Who wrote a stored value, from the change log, so the form can say who changed what. */
export interface Writer {
  /** Every version of the field the change built on, through its base and merges, transitively. */
  seen: readonly string[];
  member: string | null;
  device: string;
}

/** What is stored now for one member's finding on one requirement. */
export interface FindingRecord {
  finding: (Finding & Stamped) | undefined;
  /** Statistic evidence of the finding that is not deleted. */
  statistics: readonly StatisticRow[];
  /** Statistic evidence of the finding that was deleted. */
  deletedStatisticIds: readonly string[];
  /** The changes behind the stored stamps, by stamp (as many as are known). */
  writers: Readonly<Record<string, Writer>>;
}

/** What the form remembers between writes (and in its draft): the tracker and the statistics it showed as stored. */
export interface FindingSession {
  fields: TrackerState;
  /** Ids of statistics the form has shown as stored: one missing from the values was removed by the user. */
  statistics: string[];
  /** Stamps this form wrote. */
  own: string[];
  /** This form created the finding (the record read before may not show it yet). */
  findingStored?: boolean | undefined;
}

/** The draft and the unload journal hold this: the values as typed and the session they belong to. */
export interface FindingSnapshot {
  values: FindingFormValues;
  session: FindingSession;
}

const JsonSchema = z.custom<JsonValue>(() => true);
export const FindingSnapshotSchema = z.object({
  values: FindingFormValuesSchema,
  session: z.object({
    fields: z.record(z.string(), z.object({ base: z.string().nullable(), baseValue: JsonSchema, loaded: JsonSchema })),
    statistics: z.array(z.string()),
    own: z.array(z.string()),
    findingStored: z.boolean().optional(),
  }),
});

export type FormNotice = Notice | { kind: 'statistic-kept'; path: string; label: string };

export function statisticPath(id: string, field: StatisticField): string {
  return `statistics.${id}.${field}`;
}

const EMPTY_PATHS = valuePathsOf(EMPTY_FINDING_VALUES);

function omit(state: TrackerState, paths: readonly string[]): TrackerState {
  const gone = new Set(paths);
  return Object.fromEntries(Object.entries(state).filter(([path]) => !gone.has(path)));
}

function sortedIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/** The form's values by path; site ids as a set (the order of ticking means nothing). */
export function valuePaths(values: FindingFormValues): Record<string, JsonValue> {
  return valuePathsOf(values);
}

function valuePathsOf(values: FindingFormValues): Record<string, JsonValue> {
  const paths: Record<string, JsonValue> = {
    rating: values.rating,
    narrative: values.narrative,
    siteIds: sortedIds(values.siteIds),
    sources: values.sources.map((source) => ({ kind: source.kind, text: source.text })),
    flags: { goodPractice: values.flags.goodPractice, seriousDeficiency: values.flags.seriousDeficiency },
    answers: { ...values.answers },
  };
  for (const stat of values.statistics) for (const field of STATISTIC_FIELDS) paths[statisticPath(stat.id, field)] = stat[field];
  return paths;
}

/** The stored record as the form would show it, by path, with stamps and writers. */
export function storedPaths(record: FindingRecord, language: string): Record<string, StoredField> {
  const shown = valuePaths(valuesFromRecords(record.finding, [...record.statistics], language));
  const stored: Record<string, StoredField> = {};
  const describe = (path: string, stamp: string | undefined, conflict?: readonly string[]): void => {
    stored[path] = { value: shown[path] ?? null, stamp: stamp ?? null, writer: stamp ? record.writers[stamp] : undefined, conflict };
  };
  if (record.finding) {
    for (const field of FINDING_FIELDS) {
      const versions = record.finding._conflicts?.[field];
      describe(field, record.finding._stamps[field], versions && versions.length > 1 ? versions.map((version) => version.value) : undefined);
    }
  }
  for (const stat of record.statistics) for (const field of STATISTIC_FIELDS) describe(statisticPath(stat.id, field), stat._stamps[field]);
  return stored;
}

function withPaths(values: FindingFormValues, updates: Readonly<Record<string, JsonValue>>): FindingFormValues {
  const next: FindingFormValues = { ...values, statistics: values.statistics.map((stat) => ({ ...stat })) };
  for (const [path, value] of Object.entries(updates)) {
    const [head, id, field] = path.split('.');
    if (head === 'statistics' && id !== undefined && field !== undefined) {
      const stat = next.statistics.find((item) => item.id === id);
      if (stat && typeof value === 'string') stat[field as StatisticField] = value;
      continue;
    }
    const parsed = FindingFormValuesSchema.shape[head as FindingField].safeParse(value);
    if (parsed.success) Object.assign(next, { [head as FindingField]: parsed.data });
  }
  return next;
}

function isOwn(own: ReadonlySet<string>, deviceId: string) {
  return (stamp: string, writer: Writer | undefined): boolean => own.has(stamp) || writer?.device === deviceId;
}

export interface Opened {
  values: FindingFormValues;
  session: FindingSession;
  notices: FormNotice[];
  write: boolean;
}

/**
 * The form's values on opening: the stored record, with only the fields the user had changed
 * and not saved taken from the draft or journal (a draft never shadows the record), then
 * brought up to date like any remote change. An old draft without a session counts its
 * fields that differ from the record as changed.
 */
export function openFinding(record: FindingRecord, saved: unknown, language: string, deviceId: string): Opened {
  const stored = storedPaths(record, language);
  const fromRecord = valuesFromRecords(record.finding, [...record.statistics], language);
  const session: FindingSession = { fields: loadedState(stored), statistics: record.statistics.map((stat) => stat.id), own: [] };
  const snapshot = FindingSnapshotSchema.safeParse(saved);
  const legacy = snapshot.success ? null : FindingFormValuesSchema.safeParse(saved);
  const restored: FindingSnapshot | null = snapshot.success ? snapshot.data : legacy?.success ? { values: legacy.data, session } : null;
  if (!restored) return { values: fromRecord, session, notices: [], write: false };

  const savedPaths = valuePaths(restored.values);
  let fields: TrackerState = { ...session.fields };
  const updates: Record<string, JsonValue> = {};
  for (const [path, value] of Object.entries(savedPaths)) {
    if (!isDirty(restored.session.fields, path, value)) continue;
    const state = restored.session.fields[path];
    if (state) fields[path] = state;
    else fields = omit(fields, [path]);
    updates[path] = value;
  }
  // Statistics: the ones the user added and had not saved come back; the ones the user removed stay removed.
  const removedByUser = new Set(restored.session.statistics.filter((id) => !restored.values.statistics.some((stat) => stat.id === id)));
  const storedIds = new Set(record.statistics.map((stat) => stat.id));
  const statistics: StatisticInput[] = fromRecord.statistics.filter((stat) => !removedByUser.has(stat.id));
  for (const stat of restored.values.statistics) {
    if (!storedIds.has(stat.id) && !restored.session.statistics.includes(stat.id)) statistics.push({ ...stat });
  }
  const values = withPaths({ ...fromRecord, statistics }, updates);
  const reopened: FindingSession = {
    fields,
    statistics: [...new Set([...session.statistics, ...restored.session.statistics])],
    own: restored.session.own,
    findingStored: restored.session.findingStored,
  };
  const result = reconcileFinding(reopened, values, record, language, deviceId);
  return { ...result, write: result.write || Object.keys(updates).length > 0 };
}

/**
 * Brings open values up to date with the stored record: statistics added elsewhere appear,
 * deleted ones disappear unless the user is editing them (then they are kept as new ones), and
 * every field follows the rules of `reconcile`.
 */
export function reconcileFinding(session: FindingSession, values: FindingFormValues, record: FindingRecord, language: string, deviceId: string): Opened {
  const deleted = new Set(record.deletedStatisticIds);
  let fields: TrackerState = { ...session.fields };
  let shown = new Set(session.statistics);
  const notices: FormNotice[] = [];
  let write = false;
  const current = valuePaths(values);
  const statistics: StatisticInput[] = [];
  for (const stat of values.statistics) {
    // Only a tombstone means deleted: a statistic just written may not be in this read yet.
    if (!deleted.has(stat.id)) {
      statistics.push(stat);
      continue;
    }
    // Stored once, deleted elsewhere since.
    const paths = STATISTIC_FIELDS.map((field) => statisticPath(stat.id, field));
    const editing = paths.some((path) => isTouched(fields, path, current[path]));
    fields = omit(fields, paths);
    shown.delete(stat.id);
    if (editing) {
      // Deletion is final; what the user typed is kept as a new statistic rather than lost.
      statistics.push({ ...stat, id: crypto.randomUUID() });
      notices.push({ kind: 'statistic-kept', path: `statistics.${stat.id}`, label: stat.label });
      write = true;
    }
  }
  const formatted = valuesFromRecords(undefined, [...record.statistics], language).statistics;
  const stored = storedPaths(record, language);
  for (const stat of formatted) {
    if (shown.has(stat.id) || statistics.some((item) => item.id === stat.id)) continue;
    // Added elsewhere: shown as stored, and untouched.
    statistics.push(stat);
    shown = new Set([...shown, stat.id]);
    for (const field of STATISTIC_FIELDS) {
      const path = statisticPath(stat.id, field);
      const storedField = stored[path];
      if (storedField) fields = { ...fields, [path]: { base: storedField.stamp, baseValue: storedField.value, loaded: storedField.value } };
    }
  }
  const next = { ...values, statistics };
  // Only statistics present in the form are reconciled; a stored one the user removed waits for its removal.
  const present = new Set(statistics.map((stat) => stat.id));
  const relevant = Object.fromEntries(Object.entries(stored).filter(([path]) => !path.startsWith('statistics.') || present.has(path.split('.')[1] ?? '')));
  const own = new Set(session.own);
  const owned = isOwn(own, deviceId);
  const ownStamps = new Set([...own, ...Object.values(relevant).flatMap((field) => (field.stamp && owned(field.stamp, field.writer) ? [field.stamp] : []))]);
  const result = reconcile(fields, valuePaths(next), relevant, ownStamps, (path) => path === 'narrative');
  return {
    values: withPaths(next, result.adopt),
    session: { ...session, fields: result.state, statistics: [...shown] },
    notices: [...notices, ...result.notices],
    write: write || result.write,
  };
}

export interface FindingEdits {
  batch: EditBatch;
  problems: ValidationProblem[];
  /** What each written path will hold, as the form shows it, to follow once the write is done. */
  written: Record<string, { entity: 'finding' | 'evidence'; id: string; field: string; value: JsonValue }>;
  removed: string[];
  created: string[];
}

/**
 * What to write for the open values: a new finding or statistic whole; of a stored one only
 * the fields the user changed and that are valid, each against its base; removals of
 * statistics the user removed. Nothing else, so a remote change of another field survives.
 */
export function buildFindingEdits(
  values: FindingFormValues,
  session: FindingSession,
  record: FindingRecord,
  context: FindingContext,
  rules: FormRules,
  force = false,
): FindingEdits {
  const whole = buildFindingCommit(values, context, rules);
  const problems = whole.problems;
  const paths = valuePaths(values);
  const written: FindingEdits['written'] = {};
  const creations: AnyEntity[] = [];
  const edits: EntityEdits[] = [];
  const invalid = new Set(problems.map((problem) => problem.path));
  const findingValue = whole.saves.find((item) => item.entity === 'finding')?.value as Finding | undefined;
  if (!findingValue) throw new Error('buildFindingCommit always builds the finding');
  const shownAs = (finding: Finding, statistics: StatisticEvidence[]): Record<string, JsonValue> =>
    valuePaths(valuesFromRecords(finding, statistics, rules.language));

  const findingExists = record.finding !== undefined || session.findingStored === true;
  const wantsFinding = findingExists || force || !isEmpty(values);
  if (wantsFinding && !findingExists) {
    creations.push({ entity: 'finding', value: findingValue });
    const shown = shownAs(findingValue, []);
    for (const field of FINDING_FIELDS) written[field] = { entity: 'finding', id: findingValue.id, field, value: shown[field] ?? null };
  } else if (findingExists) {
    const fields: Record<string, FieldEdit> = {};
    const shown = shownAs(findingValue, []);
    for (const field of FINDING_FIELDS) {
      if (!isDirty(session.fields, field, paths[field])) continue;
      if (field === 'rating' && invalid.has('rating')) continue;
      fields[field] = { value: findingValue[field] ?? null, base: session.fields[field]?.base ?? null };
      written[field] = { entity: 'finding', id: findingValue.id, field, value: shown[field] ?? null };
    }
    if (Object.keys(fields).length > 0) edits.push({ entity: 'finding', id: findingValue.id, fields });
  }

  const storedStats = new Map(record.statistics.map((stat) => [stat.id, stat]));
  const deleted = new Set(record.deletedStatisticIds);
  const created: string[] = [];
  if (wantsFinding) {
    for (const item of whole.saves) {
      if (item.entity !== 'evidence' || item.value.kind !== 'statistic') continue;
      const stat = item.value;
      const shown = valuePaths(valuesFromRecords(undefined, [stat], rules.language));
      if (deleted.has(stat.id)) continue; // deleted elsewhere: the next reconcile keeps it as a new one
      if (!storedStats.has(stat.id)) {
        creations.push(item);
        created.push(stat.id);
        for (const field of STATISTIC_FIELDS) written[statisticPath(stat.id, field)] = { entity: 'evidence', id: stat.id, field, value: shown[statisticPath(stat.id, field)] ?? null };
        continue;
      }
      const fields: Record<string, FieldEdit> = {};
      for (const field of STATISTIC_FIELDS) {
        const path = statisticPath(stat.id, field);
        if (!isDirty(session.fields, path, paths[path])) continue;
        fields[field] = { value: stat[field] ?? null, base: session.fields[path]?.base ?? null };
        written[path] = { entity: 'evidence', id: stat.id, field, value: shown[path] ?? null };
      }
      if (Object.keys(fields).length > 0) edits.push({ entity: 'evidence', id: stat.id, fields });
    }
  }
  const present = new Set(values.statistics.map((stat) => stat.id));
  const removed = session.statistics.filter((id) => !present.has(id) && !deleted.has(id));
  return {
    batch: { creations, edits, removals: removed.map((id) => ({ entity: 'evidence' as const, id })) },
    problems,
    written,
    removed,
    created,
  };
}

/** The session after a write: written fields follow their new stamps. */
export function afterWrite(session: FindingSession, edits: FindingEdits, outcome: EditOutcome): FindingSession {
  const fields: TrackerState = { ...session.fields };
  const own = new Set(session.own);
  for (const [path, item] of Object.entries(edits.written)) {
    const stamp = outcome.stamps[editKey(item.entity, item.id)]?.[item.field];
    if (!stamp) continue;
    own.add(stamp);
    // A field that had no stored value before (a new finding) counts as loaded empty.
    fields[path] = { base: stamp, baseValue: item.value, loaded: fields[path]?.loaded ?? EMPTY_PATHS[path] ?? null };
  }
  const removed = new Set(edits.removed);
  const statistics = [...new Set([...session.statistics.filter((id) => !removed.has(id)), ...edits.created])];
  const findingStored = session.findingStored === true || edits.batch.creations?.some((item) => item.entity === 'finding' && outcome.stamps[editKey('finding', item.value.id)] !== undefined);
  return { fields, statistics, own: [...own], findingStored };
}
