import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Template } from '../../../shared/schemas/template';
import { MemberRoleSchema, type MemberRole } from '../../../shared/schemas/mission';
import { useServices } from '../app/services';
import type { Member } from '../../../shared/schemas/mission';
import { useMissionFindings } from '../db/read-hooks';
import { Field } from '../components/Field';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useRemoveWithUndo } from '../undo/use-remove-with-undo';
import { IdentityPicker } from './IdentityPicker';
import type { MissionData } from './use-mission';

type Data = MissionData & { template: Template };

export function TeamScreen({ data }: { data: Data }) {
  const { t } = useTranslation();
    const [editing, setEditing] = useState<Member | 'new' | null>(data.members.length === 0 ? 'new' : null);
  const findings = useMissionFindings(data.mission.id);
  const authors = useMemo(() => (findings ? new Set(findings.map((finding) => finding.authorId)) : undefined), [findings]);
  const areaTitles = useMemo(
    () => new Map(data.template.blocks.flatMap((block) => block.areas.map((area) => [area.id, area.title] as const))),
    [data.template],
  );

  return (
    <section aria-labelledby="team-heading">
      <div className="screen-header">
        <h2 id="team-heading">{t('team.title')}</h2>
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          {t('team.add')}
        </button>
      </div>
      <div className="panel">
        <p className="muted">{t('identity.explain')}</p>
        <IdentityPicker data={data} />
      </div>
      {editing ? (
        <MemberForm key={editing === 'new' ? 'new' : editing.id} data={data} member={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
      {data.members.length === 0 ? (
        <p className="empty">{t('team.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('team.columns.name')}</th>
              <th scope="col">{t('team.columns.organisation')}</th>
              <th scope="col">{t('team.columns.role')}</th>
              <th scope="col">{t('team.columns.areas')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('team.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((member) => (
              <tr key={member.id} data-testid="member-row">
                <td>
                  {member.name}
                  {data.me?.id === member.id ? <span className="badge">{t('team.you')}</span> : null}
                </td>
                <td>{member.organisation}</td>
                <td>{t(`roles.${member.role}`)}</td>
                <td>{member.areaIds.map((id) => areaTitles.get(id) ?? id).join(', ') || '—'}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="button small" aria-label={t('team.edit', { name: member.name })} onClick={() => setEditing(member)}>
                      {t('common.edit')}
                    </button>
                    <RemoveMember member={member} hasFindings={authors?.has(member.id) ?? true} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RemoveMember({ member, hasFindings }: { member: Member; hasFindings: boolean }) {
  const { t } = useTranslation();
  const removeWithUndo = useRemoveWithUndo();
  const [confirming, setConfirming] = useState(false);
  if (hasFindings) return null; // their findings keep naming them as author
  return (
    <>
      <button type="button" className="button small danger" aria-label={t('team.remove', { name: member.name })} onClick={() => setConfirming(true)}>
        {t('common.remove')}
      </button>
      {confirming ? (
        <ConfirmDialog
          title={t('undo.confirm.memberTitle')}
          message={t('team.confirmRemove', { name: member.name })}
          confirmLabel={t('common.remove')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void removeWithUndo('member', member.id, t('undo.removed.member', { name: member.name }));
          }}
        />
      ) : null}
    </>
  );
}

function memberFormSchema(t: (key: string, options?: Record<string, string>) => string) {
  return z.object({
    name: z.string().trim().min(1, t('validation.required', { field: t('team.columns.name').toLowerCase() })),
    organisation: z.string().trim().min(1, t('validation.required', { field: t('team.columns.organisation').toLowerCase() })),
    role: MemberRoleSchema,
    areaIds: z.array(z.string()),
  });
}
type MemberFormValues = z.infer<ReturnType<typeof memberFormSchema>>;

function MemberForm({ data, member, onDone }: { data: Data; member: Member | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const schema = useMemo(() => memberFormSchema(t), [t]);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<MemberFormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: member?.name ?? '',
      organisation: member?.organisation ?? '',
      role: member?.role ?? (data.members.some((m) => m.role === 'lead') ? 'expert' : 'lead'),
      areaIds: member?.areaIds ?? [],
    },
  });
  const onSubmit = handleSubmit(async (values) => {
    const value = { ...values, name: values.name.trim(), organisation: values.organisation.trim(), missionId: data.mission.id };
    if (member) await repository.save('member', { ...value, id: member.id });
    else await repository.addMember(value);
    onDone();
  });
  const roles: MemberRole[] = ['lead', 'expert', 'observer'];

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={member ? t('team.editTitle') : t('team.addTitle')}>
      <h3>{member ? t('team.editTitle') : t('team.addTitle')}</h3>
      <div className="field-row">
        <Field label={t('team.columns.name')} error={errors.name?.message}>
          <input type="text" autoComplete="off" {...register('name')} />
        </Field>
        <Field label={t('team.columns.organisation')} hint={t('team.organisationHint')} error={errors.organisation?.message}>
          <input type="text" autoComplete="off" {...register('organisation')} />
        </Field>
        <Field label={t('team.columns.role')} error={errors.role?.message}>
          <select {...register('role')}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="checkbox-group">
        <legend>{t('team.columns.areas')}</legend>
        {data.template.blocks.flatMap((block) =>
          block.areas.map((area) => (
            <label key={area.id} className="checkbox">
              <input type="checkbox" value={area.id} {...register('areaIds')} /> {area.title}
            </label>
          )),
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {member ? t('common.save') : t('team.add')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
