import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistEntry } from '../../../shared/checklist-filter';
import type { Recommendation } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import type { MissionData } from '../mission/use-mission';
import { RequirementPicker } from './RequirementPicker';

export function NewRecommendationForm({ data, entries, existing, onDone }: { data: MissionData & { template: Template }; entries: readonly ChecklistEntry[]; existing: readonly Recommendation[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const [requirementId, setRequirementId] = useState('');
  const [text, setText] = useState('');
  const [keyPriority, setKeyPriority] = useState(false);
  const [tried, setTried] = useState(false);
  const missingRequirement = requirementId === '';
  const missingText = text.trim() === '';

  const add = async (): Promise<void> => {
    setTried(true);
    if (missingRequirement || missingText) return;
    const areaId = entries.find((entry) => entry.requirementId === requirementId)?.areaId;
    const sameArea = existing.filter((item) => entries.find((entry) => entry.requirementId === item.requirementIds[0])?.areaId === areaId);
    const order = sameArea.reduce((max, item) => Math.max(max, item.order + 1), 0);
    await repository.commit({
      saves: [{ entity: 'recommendation', value: { id: crypto.randomUUID(), missionId: data.mission.id, text: text.trim(), requirementIds: [requirementId], keyPriority, order } }],
    });
    onDone();
  };

  return (
    <form className="form" onSubmit={(event) => {
      event.preventDefault();
      void add();
    }} aria-labelledby="new-recommendation-heading" noValidate>
      <h3 id="new-recommendation-heading">{t('recommendations.newTitle')}</h3>
      <div className={`field${tried && missingRequirement ? ' has-error' : ''}`}>
        <label htmlFor="new-rec-requirement">{t('recommendations.requirement')}</label>
        <RequirementPicker id="new-rec-requirement" entries={entries} exclude={[]} value={requirementId} onChange={setRequirementId} label={t('recommendations.requirement')} />
        {tried && missingRequirement ? <p className="error" role="alert">{t('recommendations.requirementRequired')}</p> : null}
      </div>
      <div className={`field${tried && missingText ? ' has-error' : ''}`}>
        <label htmlFor="new-rec-text">{t('recommendations.text')}</label>
        <textarea id="new-rec-text" rows={4} value={text} onChange={(event) => setText(event.target.value)} aria-describedby="new-rec-hint" />
        <p className="hint" id="new-rec-hint">
          {t('recommendations.textHint', { territory: data.mission.territory.name })}
        </p>
        {tried && missingText ? <p className="error" role="alert">{t('recommendations.textRequired')}</p> : null}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={keyPriority} onChange={(event) => setKeyPriority(event.target.checked)} /> {t('recommendations.keyPriority')}
      </label>
      <div className="actions">
        <button type="submit" className="button primary">
          {t('recommendations.create')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
