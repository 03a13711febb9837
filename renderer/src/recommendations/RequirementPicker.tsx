import { useTranslation } from 'react-i18next';
import type { ChecklistEntry } from '../../../shared/checklist-filter';

/** A requirement chooser grouped by area, for linking recommendations. */
export function RequirementPicker({ id, entries, exclude, value, onChange, label }: { id: string; entries: readonly ChecklistEntry[]; exclude: readonly string[]; value: string; onChange: (id: string) => void; label: string }) {
  const { t } = useTranslation();
  const areas = [...new Map(entries.map((entry) => [entry.areaId, entry.areaTitle])).entries()];
  return (
    <select id={id} value={value} aria-label={label} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('recommendations.chooseRequirement')}</option>
      {areas.map(([areaId, title]) => (
        <optgroup key={areaId} label={title}>
          {entries
            .filter((entry) => entry.areaId === areaId && !exclude.includes(entry.requirementId))
            .map((entry) => (
              <option key={entry.requirementId} value={entry.requirementId}>
                {entry.number}. {entry.text.length > 90 ? `${entry.text.slice(0, 89)}…` : entry.text}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}
