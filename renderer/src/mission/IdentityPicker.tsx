import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../app/services';
import type { MissionData } from './use-mission';

/** "Who am I on this device?" — every finding this device writes carries the answer. */
export function IdentityPicker({ data, compact = false }: { data: MissionData; compact?: boolean }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const id = useId();
  if (data.members.length === 0) return compact ? null : <p className="muted">{t('identity.noMembers')}</p>;
  return (
    <div className={compact ? 'identity compact' : 'identity'}>
      <label htmlFor={id}>{t('identity.label')}</label>
      <select
        id={id}
        value={data.me?.id ?? ''}
        onChange={(event) => void repository.setIdentity(data.mission.id, event.target.value || null)}
      >
        <option value="">{t('identity.choose')}</option>
        {data.members.map((member) => (
          <option key={member.id} value={member.id}>
            {t('identity.option', { name: member.name, organisation: member.organisation, role: t(`roles.${member.role}`) })}
          </option>
        ))}
      </select>
    </div>
  );
}
