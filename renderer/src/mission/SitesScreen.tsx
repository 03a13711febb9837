import { useCallback, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SiteTypeSchema } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import type { DraftRow, SiteRow } from '../db/database';
import type { JsonValue } from '../../../shared/schemas/change';
import { editKey, type EditOutcome } from '../db/repository';
import { afterRecordWrite, openRecordForm, reconcileRecordForm, recordEdits, type RecordSession, type RecordSnapshot, type StoredRecord } from '../autosave/record-form-sync';
import { RemoteNotices } from '../checklist/RemoteNotices';
import type { FormNotice } from '../checklist/finding-form-sync';
import { useDrafts, useSiteRecord } from '../db/read-hooks';
import type { StoredWithWriters } from '../db/record-reads';
import { useAutosavedValues } from '../autosave/use-autosave';
import { readJournal } from '../autosave/unload-journal';
import { AutosaveStatus } from '../autosave/AutosaveStatus';
import { ProblemText } from '../checklist/ProblemText';
import type { MissionData } from './use-mission';
import { siteDraftKey, siteFromValues, SiteFormValuesSchema, siteProblems, valuesFromSite, type SiteFormValues } from './site-form-model';
import { useFollowRecord } from '../autosave/use-follow-record';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useRemoveWithUndo } from '../undo/use-remove-with-undo';

type Data = MissionData & { template: Template };

export function SitesScreen({ data }: { data: Data }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const removeWithUndo = useRemoveWithUndo();
  const drafts = useDrafts(data.mission.id, 'site');
  const savedIds = new Set(data.sites.map((site) => site.id));
  const pendingDrafts = (drafts ?? []).filter((draft) => !savedIds.has(draft.subjectId));
  const names = new Map(data.members.map((member) => [member.id, member.name]));

  return (
    <section aria-labelledby="sites-heading">
      <div className="screen-header">
        <h2 id="sites-heading">{t('sites.title')}</h2>
        <button type="button" className="button primary" onClick={() => setEditing(crypto.randomUUID())}>
          {t('sites.add')}
        </button>
      </div>
      {editing ? <SiteForm key={editing} data={data} siteId={editing} onClose={() => setEditing(null)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={t('undo.confirm.siteTitle')}
          message={t('sites.confirmRemove', { name: removing.name })}
          confirmLabel={t('undo.confirm.siteAction')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving(null);
            // The findings keep their links to the visit: an undo brings those back with it.
            void removeWithUndo('site', removing.id, t('undo.removed.site', { name: removing.name }));
          }}
        />
      ) : null}
      {data.sites.length === 0 && pendingDrafts.length === 0 ? <p className="empty">{t('sites.empty')}</p> : null}
      {data.sites.length > 0 || pendingDrafts.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('sites.fields.name')}</th>
              <th scope="col">{t('sites.fields.type')}</th>
              <th scope="col">{t('sites.fields.date')}</th>
              <th scope="col">{t('sites.fields.host')}</th>
              <th scope="col">{t('sites.fields.members')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('team.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.sites.map((site) => (
              <tr key={site.id} data-testid="site-row">
                <td>{site.name}</td>
                <td>{t(`sites.types.${site.type}`)}</td>
                <td className="nowrap">{site.date}</td>
                <td>{site.host || '—'}</td>
                <td className="small">{site.memberIds.map((id) => names.get(id) ?? id).join(', ') || '—'}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="button small" aria-label={t('sites.edit', { name: site.name })} onClick={() => setEditing(site.id)}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="button small danger" aria-label={t('sites.remove', { name: site.name })} onClick={() => setRemoving(site)}>
                      {t('common.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
            {pendingDrafts.map((draft) => (
              <DraftSiteRow key={draft.key} draft={draft} onEdit={() => setEditing(draft.subjectId)} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function DraftSiteRow({ draft, onEdit }: { draft: DraftRow; onEdit: () => void }) {
  const { t } = useTranslation();
  const parsed = draftValues(draft.values);
  const name = parsed && parsed.name.trim() ? parsed.name : t('sites.unnamed');
  return (
    <tr className="draft-row">
      <td>
        {name} <span className="badge warning">{t('sites.draft')}</span>
      </td>
      <td colSpan={4} className="muted">
        {draft.problems.map((problem) => problem.message).join(' ')}
      </td>
      <td>
        <button type="button" className="button small" aria-label={t('sites.edit', { name })} onClick={onEdit}>
          {t('common.edit')}
        </button>
      </td>
    </tr>
  );
}

/** The values a site draft or journal holds: a snapshot with its tracker, or (older) the values alone. */
function draftValues(saved: unknown): SiteFormValues | null {
  const snapshot = SiteSnapshotSchema.safeParse(saved);
  if (snapshot.success) return snapshot.data.values;
  const legacy = SiteFormValuesSchema.safeParse(saved);
  return legacy.success ? legacy.data : null;
}

const SiteSnapshotSchema = z.object({
  values: SiteFormValuesSchema,
  session: z.object({
    fields: z.record(z.string(), z.object({ base: z.string().nullable(), baseValue: z.custom<JsonValue>(() => true), loaded: z.custom<JsonValue>(() => true) })),
    own: z.array(z.string()),
    created: z.boolean(),
  }),
});

/** A draft written before bases were kept: its fields that differ from the site count as changed. */
function savedSnapshot(saved: unknown, record: StoredRecord | undefined): RecordSnapshot<SiteFormValues> | null {
  const snapshot = SiteSnapshotSchema.safeParse(saved);
  if (snapshot.success) return snapshot.data;
  const legacy = SiteFormValuesSchema.safeParse(saved);
  if (!legacy.success) return null;
  const fields = Object.fromEntries(
    Object.entries(record?.shown ?? {}).map(([path, value]) => [path, { base: record?.stamps[path] ?? null, baseValue: value, loaded: value }]),
  );
  return { values: legacy.data, session: { fields, own: [], created: false } };
}

/** The stored site as the form's record: the values it shows, their stamps and writers. */
function siteRecord(stored: StoredWithWriters<SiteRow> | null): StoredRecord | undefined {
  if (!stored) return undefined;
  const { row, writers } = stored;
  return { shown: valuesFromSite(row), stamps: row._stamps, conflicts: row._conflicts, writers };
}

function SiteForm({ data, siteId, onClose }: { data: Data; siteId: string; onClose: () => void }) {
  const missionId = data.mission.id;
  const key = siteDraftKey(missionId, siteId);
  const live = useSiteRecord(siteId, key);
  // One record object per read, not per render: the form reconciles when its record changes.
  const loaded = useMemo(() => (live ? { draft: live.draft, record: siteRecord(live.stored) } : undefined), [live]);
  if (!loaded) return null;
  const fresh: SiteFormValues = { type: 'land-crossing', name: '', date: data.mission.startDate, host: '', memberIds: data.me ? [data.me.id] : [], notes: '' };
  return (
    <SiteFormFields
      data={data}
      siteId={siteId}
      record={loaded.record}
      saved={readJournal(key)?.values ?? loaded.draft?.values}
      fresh={fresh}
      isNew={!loaded.record}
      onClose={onClose}
      draftKey={key}
    />
  );
}

interface FieldsProps {
  data: Data;
  siteId: string;
  /** The stored site, live; undefined for a new one. */
  record: StoredRecord | undefined;
  /** The journal or draft, read once on opening. */
  saved: unknown;
  fresh: SiteFormValues;
  isNew: boolean;
  onClose: () => void;
  draftKey: string;
}

function SiteFormFields({ data, siteId, record, saved, fresh, isNew, onClose, draftKey: key }: FieldsProps) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const missionId = data.mission.id;
  // The stored site, with only the fields changed and not saved taken from the journal or draft.
  const [opened] = useState(() => openRecordForm<SiteFormValues>(record, savedSnapshot(saved, record), record ? fresh : { ...fresh, ...(draftValues(saved) ?? {}) }, repository.deviceId, () => false));
  const initial = opened.values;
  const session = useRef<RecordSession>(opened.session);
  const recordRef = useRef(record);
  const [notices, setNotices] = useState<FormNotice[]>(opened.notices);
  const { register, control, getValues, setValue } = useForm<SiteFormValues>({ defaultValues: initial });
  const values = useWatch({ control }) as SiteFormValues;
  const messages = useMemo(
    () => ({
      nameRequired: t('validation.required', { field: t('sites.fields.name').toLowerCase() }),
      dateInvalid: t('validation.date'),
      dateOutsideMission: t('sites.outsideMission'),
    }),
    [t],
  );
  const problems = useMemo(() => siteProblems(values, messages), [values, messages]);
  const save = useCallback(
    async (next: SiteFormValues) => {
      const found = siteProblems(next, messages);
      const exists = recordRef.current !== undefined || session.current.created;
      const draftOf = (after: RecordSession): DraftRow => ({
        key,
        missionId,
        kind: 'site',
        subjectId: siteId,
        memberId: repository.currentMemberId,
        values: { values: next, session: after } satisfies RecordSnapshot<SiteFormValues>,
        problems: found,
        updatedAt: new Date().toISOString(),
      });
      if (!exists) {
        // A new site is stored whole once it is valid; until then it is only a draft.
        if (found.length > 0) {
          await repository.commitEdits({ draft: draftOf(session.current) });
          return;
        }
        const outcome = await repository.commitEdits({ creations: [{ entity: 'site', value: siteFromValues(next, siteId, missionId) }], clearDraft: key });
        session.current = afterRecordWrite(session.current, next, outcome.stamps[editKey('site', siteId)], true);
        return;
      }
      // An existing site: the valid fields the user changed, each against its base.
      const stored = siteFromValues(next, siteId, missionId);
      const invalid = new Set(found.map((problem) => problem.path));
      const fields = Object.fromEntries(Object.entries(recordEdits(next, session.current, (path) => stored[path as keyof SiteFormValues])).filter(([path]) => !invalid.has(path)));
      const written = Object.fromEntries(Object.keys(fields).map((path) => [path, next[path as keyof SiteFormValues]]));
      const before = session.current;
      const outcome = await repository.commitEdits({
        ...(Object.keys(fields).length > 0 ? { edits: [{ entity: 'site' as const, id: siteId, fields }] } : {}),
        ...(found.length > 0 ? { draft: (result: EditOutcome) => draftOf(afterRecordWrite(before, written, result.stamps[editKey('site', siteId)], false)) } : { clearDraft: key }),
      });
      session.current = afterRecordWrite(session.current, written, outcome.stamps[editKey('site', siteId)], false);
    },
    [repository, siteId, missionId, key, messages],
  );
  const journalOf = useCallback((next: SiteFormValues) => ({ values: next, session: session.current }), []);
  const autosave = useAutosavedValues<SiteFormValues>(key, values, initial, save, undefined, journalOf);

  // A change from elsewhere: untouched fields show it at once; fields being edited say so.
  const schedule = autosave.schedule;
  const setField = useCallback(<K extends keyof SiteFormValues>(field: K, value: SiteFormValues[K]) => setValue(field as Parameters<typeof setValue>[0], value as Parameters<typeof setValue>[1]), [setValue]);
  useFollowRecord<SiteFormValues, typeof record, typeof session.current>({
    record,
    recordRef,
    sessionRef: session,
    getValues,
    setField,
    setNotices,
    schedule,
    writeOnOpen: opened.write,
    reconcile: (current, before, next) => reconcileRecordForm<SiteFormValues>(current, before, next, repository.deviceId, () => false),
  });
  const problemFor = (path: string) => problems.find((problem) => problem.path === path);
  const outside = values.date && (values.date < data.mission.startDate || values.date > data.mission.endDate);

  return (
    <form className="form site-form" onSubmit={(event) => event.preventDefault()} onBlur={() => void autosave.flush()} noValidate aria-labelledby="site-form-heading">
      <div className="form-header">
        <h3 id="site-form-heading">{isNew ? t('sites.addTitle') : t('sites.editTitle')}</h3>
        <AutosaveStatus state={autosave.state} error={autosave.error} draftProblems={problems.length} />
      </div>
      <RemoteNotices
        notices={notices}
        data={data}
        onDismiss={(path) => setNotices((current) => current.filter((notice) => notice.path !== path))}
        fieldLabel={(path) => t(`sites.fields.${path === 'memberIds' ? 'members' : path}`)}
      />
      <div className="field-row">
        <div className={`field${problemFor('name') ? ' has-error' : ''}`}>
          <label htmlFor="site-name">{t('sites.fields.name')}</label>
          <input id="site-name" type="text" autoComplete="off" aria-describedby="site-name-hint site-name-problem" aria-invalid={problemFor('name') ? true : undefined} {...register('name')} />
          <p className="hint" id="site-name-hint">
            {t('sites.nameHint')}
          </p>
          <ProblemText problem={problemFor('name')} id="site-name-problem" />
        </div>
        <div className="field">
          <label htmlFor="site-type">{t('sites.fields.type')}</label>
          <select id="site-type" {...register('type')}>
            {SiteTypeSchema.options.map((type) => (
              <option key={type} value={type}>
                {t(`sites.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${problemFor('date') ? ' has-error' : ''}`}>
          <label htmlFor="site-date">{t('sites.fields.date')}</label>
          <input id="site-date" type="date" aria-describedby="site-date-problem" aria-invalid={problemFor('date') ? true : undefined} {...register('date')} />
          <ProblemText problem={problemFor('date')} id="site-date-problem" />
          {outside && !problemFor('date') ? <p className="hint warning">{messages.dateOutsideMission}</p> : null}
        </div>
      </div>
      <div className="field">
        <label htmlFor="site-host">{t('sites.fields.host')}</label>
        <input id="site-host" type="text" autoComplete="off" {...register('host')} />
      </div>
      <fieldset className="checkbox-group">
        <legend>{t('sites.fields.members')}</legend>
        {data.members.map((member) => (
          <label key={member.id} className="checkbox">
            <input type="checkbox" value={member.id} {...register('memberIds')} /> {member.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="site-notes">{t('sites.fields.notes')}</label>
        <textarea id="site-notes" rows={4} {...register('notes')} />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            void autosave.flush().then(onClose);
          }}
        >
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}
