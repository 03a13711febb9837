import { useCallback, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SiteTypeSchema } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import { useDraft, useDrafts } from '../db/read-hooks';
import type { DraftRow } from '../db/database';
import { useAutosavedValues } from '../autosave/use-autosave';
import { readJournal } from '../autosave/unload-journal';
import { AutosaveStatus } from '../autosave/AutosaveStatus';
import { ProblemText } from '../checklist/ProblemText';
import type { MissionData } from './use-mission';
import { siteDraftKey, siteFromValues, SiteFormValuesSchema, siteProblems, valuesFromSite, type SiteFormValues } from './site-form-model';

type Data = MissionData & { template: Template };

export function SitesScreen({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const [editing, setEditing] = useState<string | null>(null);
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
                    <button
                      type="button"
                      className="button small danger"
                      aria-label={t('sites.remove', { name: site.name })}
                      onClick={() => {
                        if (window.confirm(t('sites.confirmRemove', { name: site.name }))) void repository.remove('site', site.id);
                      }}
                    >
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
  const parsed = SiteFormValuesSchema.safeParse(draft.values);
  const name = parsed.success && parsed.data.name.trim() ? parsed.data.name : t('sites.unnamed');
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

function SiteForm({ data, siteId, onClose }: { data: Data; siteId: string; onClose: () => void }) {
  const missionId = data.mission.id;
  const key = siteDraftKey(missionId, siteId);
  const loaded = useDraft(key);
  if (!loaded) return null;
  const existing = data.sites.find((site) => site.id === siteId);
  let initial: SiteFormValues = existing
    ? valuesFromSite(existing)
    : { type: 'land-crossing', name: '', date: data.mission.startDate, host: '', memberIds: data.me ? [data.me.id] : [], notes: '' };
  for (const candidate of [readJournal(key)?.values, loaded.draft?.values]) {
    const parsed = SiteFormValuesSchema.safeParse(candidate);
    if (parsed.success) {
      initial = parsed.data;
      break;
    }
  }
  return <SiteFormFields data={data} siteId={siteId} initial={initial} isNew={!existing} onClose={onClose} draftKey={key} />;
}

interface FieldsProps {
  data: Data;
  siteId: string;
  initial: SiteFormValues;
  isNew: boolean;
  onClose: () => void;
  draftKey: string;
}

function SiteFormFields({ data, siteId, initial, isNew, onClose, draftKey: key }: FieldsProps) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const missionId = data.mission.id;
  const { register, control } = useForm<SiteFormValues>({ defaultValues: initial });
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
      if (found.length === 0) {
        await repository.commit({ saves: [{ entity: 'site', value: siteFromValues(next, siteId, missionId) }], clearDraft: key });
      } else {
        await repository.commit({
          draft: { key, missionId, kind: 'site', subjectId: siteId, memberId: repository.currentMemberId, values: next, problems: found, updatedAt: new Date().toISOString() },
        });
      }
    },
    [repository, siteId, missionId, key, messages],
  );
  const autosave = useAutosavedValues<SiteFormValues>(key, values, initial, save);
  const problemFor = (path: string) => problems.find((problem) => problem.path === path);
  const outside = values.date && (values.date < data.mission.startDate || values.date > data.mission.endDate);

  return (
    <form className="form site-form" onSubmit={(event) => event.preventDefault()} onBlur={() => void autosave.flush()} noValidate aria-labelledby="site-form-heading">
      <div className="form-header">
        <h3 id="site-form-heading">{isNew ? t('sites.addTitle') : t('sites.editTitle')}</h3>
        <AutosaveStatus state={autosave.state} error={autosave.error} draftProblems={problems.length} />
      </div>
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
