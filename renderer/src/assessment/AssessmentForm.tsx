import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Assessment, Finding } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';
import { z } from 'zod';
import type { JsonValue } from '../../../shared/schemas/change';
import { useServices } from '../app/services';
import type { AssessmentRow } from '../db/database';
import { useAssessmentRecord } from '../db/read-hooks';
import type { StoredWithWriters } from '../db/record-reads';
import { editKey } from '../db/repository';
import { afterRecordWrite, openRecordForm, reconcileRecordForm, recordEdits, type RecordSession, type StoredRecord } from '../autosave/record-form-sync';
import { RemoteNotices } from '../checklist/RemoteNotices';
import type { FormNotice } from '../checklist/finding-form-sync';
import type { MissionData } from '../mission/use-mission';
import { useAutosavedValues } from '../autosave/use-autosave';
import { readJournal } from '../autosave/unload-journal';
import { AutosaveStatus } from '../autosave/AutosaveStatus';
import { useFollowRecord } from '../autosave/use-follow-record';
import { Rating } from '../rating/Rating';

type Values = {
  rating: string;
  narrative: string;
  sourceFindingIds: string[];
};

const EMPTY: Values = { rating: '', narrative: '', sourceFindingIds: [] };
const isNarrative = (path: string): boolean => path === 'narrative';

/** The stored assessment as the form's record: the values it shows, their stamps and writers. */
function assessmentRecord(stored: StoredWithWriters<AssessmentRow> | null): { row: AssessmentRow | undefined; record: StoredRecord | undefined } {
  if (!stored) return { row: undefined, record: undefined };
  const { row, writers } = stored;
  const shown: Values = { rating: row.rating ?? '', narrative: row.narrative, sourceFindingIds: [...row.sourceFindingIds] };
  return { row, record: { shown, stamps: row._stamps, conflicts: row._conflicts, writers } };
}

const SnapshotSchema = z.object({
  values: z.object({ rating: z.string(), narrative: z.string(), sourceFindingIds: z.array(z.string()) }),
  session: z.object({
    fields: z.record(z.string(), z.object({ base: z.string().nullable(), baseValue: z.custom<JsonValue>(() => true), loaded: z.custom<JsonValue>(() => true) })),
    own: z.array(z.string()),
    created: z.boolean(),
  }),
});

interface Props {
  data: MissionData & { template: Template };
  requirementId: string;
  findings: readonly Finding[];
  readOnly: boolean;
  /** A finding whose text the lead chose to use; appended once, then cleared. */
  appended: Finding | null;
  onAppended: () => void;
}

/** The team's consolidated rating and narrative, once the stored assessment is read; it follows it live. */
export function AssessmentForm(props: Props) {
  const loaded = useAssessmentRecord(props.data.mission.id, props.requirementId);
  // One record object per read, not per render: the form reconciles when its record changes.
  const stored = useMemo(() => (loaded ? assessmentRecord(loaded.stored) : undefined), [loaded]);
  if (!stored) return null;
  return <AssessmentFields {...props} row={stored.row} record={stored.record} />;
}

/**
 * The lead's form, saved as typed: only the fields the lead changed are written, each against
 * the stamp the lead was editing; a change from elsewhere shows at once in an untouched field.
 */
function AssessmentFields({ data, requirementId, row, record, findings, readOnly, appended, onAppended }: Props & { row: AssessmentRow | undefined; record: StoredRecord | undefined }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const missionId = data.mission.id;
  const key = `assessment|${missionId}|${requirementId}`;
  const [assessmentId] = useState(() => row?.id ?? crypto.randomUUID());
  const [opened] = useState(() => {
    const journal = SnapshotSchema.safeParse(readJournal(key)?.values);
    return openRecordForm<Values>(record, journal.success ? journal.data : null, EMPTY, repository.deviceId, isNarrative);
  });
  const initial = opened.values;
  const session = useRef<RecordSession>(opened.session);
  const recordRef = useRef(record);
  const [notices, setNotices] = useState<FormNotice[]>(opened.notices);
  const { register, control, setValue, getValues } = useForm<Values>({ defaultValues: initial });
  const values = useWatch({ control }) as Values;
  const levelIds = useMemo(() => data.template.scale.levels.map((level) => level.id), [data.template]);

  const save = useCallback(
    async (next: Values) => {
      const exists = recordRef.current !== undefined || session.current.created;
      if (!exists && next.rating === '' && next.narrative.trim() === '') return;
      const toStored = (path: string, value: JsonValue): JsonValue => {
        if (path === 'rating') return typeof value === 'string' && levelIds.includes(value) ? value : null;
        if (path === 'sourceFindingIds' && Array.isArray(value)) return [...new Set(value)];
        return value;
      };
      if (!exists) {
        const value: Assessment = {
          id: assessmentId,
          missionId,
          requirementId,
          rating: levelIds.includes(next.rating) ? next.rating : null,
          narrative: next.narrative,
          sourceFindingIds: [...new Set(next.sourceFindingIds)],
        };
        const outcome = await repository.commitEdits({ creations: [{ entity: 'assessment', value }] });
        session.current = afterRecordWrite(session.current, next, outcome.stamps[editKey('assessment', assessmentId)], true);
        return;
      }
      const fields = recordEdits(next, session.current, toStored);
      if (Object.keys(fields).length === 0) return;
      const outcome = await repository.commitEdits({ edits: [{ entity: 'assessment', id: assessmentId, fields }] });
      const written = Object.fromEntries(Object.keys(fields).map((path) => [path, next[path as keyof Values]]));
      session.current = afterRecordWrite(session.current, written, outcome.stamps[editKey('assessment', assessmentId)], false);
    },
    [assessmentId, missionId, requirementId, levelIds, repository],
  );
  const journalOf = useCallback((next: Values) => ({ values: next, session: session.current }), []);
  const autosave = useAutosavedValues<Values>(key, values, initial, save, undefined, journalOf);

  // A change from elsewhere: untouched fields show it at once; fields being edited say so.
  const schedule = autosave.schedule;
  const setField = useCallback(<K extends keyof Values>(field: K, value: Values[K]) => setValue(field as Parameters<typeof setValue>[0], value as Parameters<typeof setValue>[1]), [setValue]);
  useFollowRecord<Values, typeof record, typeof session.current>({
    record,
    recordRef,
    sessionRef: session,
    getValues,
    setField,
    setNotices,
    schedule,
    writeOnOpen: opened.write,
    reconcile: (current, before, next) => reconcileRecordForm<Values>(current, before, next, repository.deviceId, isNarrative),
  });

  // "Use this text": append the finding's narrative and remember where it came from.
  useEffect(() => {
    if (!appended) return;
    const current = getValues();
    const narrative = current.narrative.trim() ? `${current.narrative.trimEnd()}\n\n${appended.narrative.trim()}` : appended.narrative.trim();
    setValue('narrative', narrative, { shouldDirty: true });
    setValue('sourceFindingIds', [...new Set([...current.sourceFindingIds, appended.id])], { shouldDirty: true });
    onAppended();
  }, [appended, getValues, setValue, onAppended]);

  const names = new Map(data.members.map((member) => [member.id, member.name]));
  const sources = values.sourceFindingIds
    .map((id) => findings.find((finding) => finding.id === id))
    .filter((finding): finding is Finding => finding !== undefined)
    .map((finding) => names.get(finding.authorId) ?? finding.authorId);

  return (
    <form className="finding-form assessment-form" onSubmit={(event) => event.preventDefault()} onBlur={() => void autosave.flush()} aria-labelledby="assessment-heading" noValidate>
      <div className="form-header">
        <h3 id="assessment-heading">{t('assessment.title')}</h3>
        {!readOnly ? <AutosaveStatus state={autosave.state} error={autosave.error} draftProblems={0} /> : null}
      </div>
      <RemoteNotices
        notices={notices}
        data={data}
        onDismiss={(path) => setNotices((current) => current.filter((notice) => notice.path !== path))}
        fieldLabel={(path) => (path === 'rating' ? t('assessment.rating') : path === 'narrative' ? t('assessment.narrative') : undefined)}
      />
      {readOnly ? <p className="muted">{t('assessment.leadOnly')}</p> : null}
      <fieldset className="rating-group" disabled={readOnly}>
        <legend>{t('assessment.rating')}</legend>
        <label className="radio">
          <input type="radio" value="" {...register('rating')} /> <Rating level={null} emptyLabel={t('assessment.notAssessed')} variant="inline" />
        </label>
        {data.template.scale.levels.map((level) => (
          <label key={level.id} className="radio">
            <input type="radio" value={level.id} {...register('rating')} /> <Rating level={level} emptyLabel="" variant="inline" />
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="assessment-narrative">{t('assessment.narrative')}</label>
        <textarea id="assessment-narrative" rows={10} readOnly={readOnly} {...register('narrative')} />
        {sources.length > 0 ? (
          <p className="hint" data-testid="assessment-sources">
            {t('assessment.basedOn', { names: [...new Set(sources)].join(', ') })}
          </p>
        ) : null}
      </div>
    </form>
  );
}
