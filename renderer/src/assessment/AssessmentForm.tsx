import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import type { AssessmentRow } from '../db/database';
import type { Finding } from '../../../shared/schemas/finding';
import type { MissionData } from '../mission/use-mission';
import { useAutosavedValues } from '../autosave/use-autosave';
import { readJournal } from '../autosave/unload-journal';
import { AutosaveStatus } from '../autosave/AutosaveStatus';

interface Values {
  rating: string;
  narrative: string;
  sourceFindingIds: string[];
}

interface Props {
  data: MissionData & { template: Template };
  requirementId: string;
  assessment: AssessmentRow | undefined;
  findings: readonly Finding[];
  readOnly: boolean;
  /** A finding whose text the lead chose to use; appended once, then cleared. */
  appended: Finding | null;
  onAppended: () => void;
}

/** The team's consolidated rating and narrative: the lead's, saved as typed. */
export function AssessmentForm({ data, requirementId, assessment, findings, readOnly, appended, onAppended }: Props) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const missionId = data.mission.id;
  const key = `assessment|${missionId}|${requirementId}`;
  const [assessmentId] = useState(() => assessment?.id ?? crypto.randomUUID());
  const [initial] = useState<Values>(() => {
    const journal = readJournal(key)?.values as Values | undefined;
    if (journal && typeof journal.narrative === 'string') return journal;
    return { rating: assessment?.rating ?? '', narrative: assessment?.narrative ?? '', sourceFindingIds: [...(assessment?.sourceFindingIds ?? [])] };
  });
  const exists = useRef(assessment !== undefined);
  const { register, control, setValue, getValues } = useForm<Values>({ defaultValues: initial });
  const values = useWatch({ control }) as Values;
  const levelIds = useMemo(() => data.template.scale.levels.map((level) => level.id), [data.template]);

  const save = useCallback(
    async (next: Values) => {
      if (!exists.current && next.rating === '' && next.narrative.trim() === '') return;
      const value: Assessment = {
        id: assessmentId,
        missionId,
        requirementId,
        rating: levelIds.includes(next.rating) ? next.rating : null,
        narrative: next.narrative,
        sourceFindingIds: [...new Set(next.sourceFindingIds)],
      };
      await repository.commit({ saves: [{ entity: 'assessment', value }] });
      exists.current = true;
    },
    [assessmentId, missionId, requirementId, levelIds, repository],
  );
  const autosave = useAutosavedValues<Values>(key, values, initial, save);

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
      {readOnly ? <p className="muted">{t('assessment.leadOnly')}</p> : null}
      <fieldset className="rating-group" disabled={readOnly}>
        <legend>{t('assessment.rating')}</legend>
        <label className="radio">
          <input type="radio" value="" {...register('rating')} /> {t('assessment.notAssessed')}
        </label>
        {data.template.scale.levels.map((level) => (
          <label key={level.id} className="radio">
            <input type="radio" value={level.id} {...register('rating')} /> {level.label}
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
