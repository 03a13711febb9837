import { useCallback, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { StatisticEvidence } from '../../../shared/schemas/finding';
import type { Member } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import type { ValidationProblem } from '../../../shared/template-validation';
import { useServices } from '../app/services';
import { missionHref } from '../app/router';
import type { DraftRow, FindingRow } from '../db/database';
import type { MissionData } from '../mission/use-mission';
import { AUTOSAVE_DELAY_MS, useAutosavedValues } from '../autosave/use-autosave';
import { readJournal } from '../autosave/unload-journal';
import { AutosaveStatus } from '../autosave/AutosaveStatus';
import {
  buildFindingCommit,
  findingProblems,
  FindingFormValuesSchema,
  isEmpty,
  valuesFromRecords,
  type FindingFormValues,
  type FormRules,
  type Messages,
} from './finding-form-model';
import { findRequirement } from '../../../shared/template-outline';
import { QuestionsFields } from './QuestionsFields';
import { draftKey } from './RequirementDetail';
import { SourcesFields } from './SourcesFields';
import { StatisticsFields } from './StatisticsFields';
import { AttachmentsPanel } from './AttachmentsPanel';
import { ProblemText } from './ProblemText';

interface Props {
  data: MissionData & { template: Template };
  me: Member;
  requirementId: string;
  finding: FindingRow | undefined;
  statistics: StatisticEvidence[];
  draft: DraftRow | undefined;
  /** How long after an edit it is written; tests lengthen it to isolate the blur flush. */
  autosaveDelayMs?: number;
}

/** My finding on one requirement. No Save button: every edit is stored within 300 ms. */
export function FindingForm({ data, me, requirementId, finding, statistics, draft, autosaveDelayMs = AUTOSAVE_DELAY_MS }: Props) {
  const { t, i18n } = useTranslation();
  const { repository } = useServices();
  const language = i18n.language;
  const missionId = data.mission.id;
  const key = draftKey(missionId, requirementId, me.id);
  const questions = useMemo(() => findRequirement(data.template, requirementId)?.questions ?? [], [data.template, requirementId]);
  const rules = useMemo<FormRules>(() => {
    const messages: Messages = {
      labelRequired: t('finding.problems.labelRequired'),
      notANumber: t('finding.problems.notANumber'),
      totalNotPositive: t('finding.problems.totalNotPositive'),
      valueAboveTotal: t('finding.problems.valueAboveTotal'),
      otherSourceNeedsText: t('finding.problems.otherSourceNeedsText'),
      unknownRating: t('finding.problems.unknownRating'),
      answer: (problem, question) => t(`questions.problems.${problem}`, { min: question.min ?? '', max: question.max ?? '' }),
    };
    return { ratingIds: data.template.scale.levels.map((level) => level.id), questions, language, messages };
  }, [t, data.template, questions, language]);

  // What the expert last typed wins: the unload journal, then a kept draft, then the records.
  const [initial] = useState<FindingFormValues>(() => {
    for (const candidate of [readJournal(key)?.values, draft?.values]) {
      const parsed = FindingFormValuesSchema.safeParse(candidate);
      if (parsed.success) return parsed.data;
    }
    return valuesFromRecords(finding, statistics, language);
  });
  // A new finding's id is chosen once, so attachments added before the first save point at it.
  const [findingId] = useState(() => finding?.id ?? crypto.randomUUID());
  const stored = useRef({ exists: finding !== undefined, statisticIds: statistics.map((stat) => stat.id), answers: finding?.answers ?? {} });
  const [openedAnswers] = useState(() => finding?.answers ?? {});

  const { register, control, getValues, setValue } = useForm<FindingFormValues>({ defaultValues: initial });
  const values = useWatch({ control }) as FindingFormValues;
  const problems = useMemo(() => findingProblems(values, rules), [values, rules]);

  const save = useCallback(
    async (next: FindingFormValues, force = false): Promise<void> => {
      if (!stored.current.exists && !force && isEmpty(next)) return;
      const commit = buildFindingCommit(
        next,
        {
          findingId,
          missionId,
          requirementId,
          authorId: me.id,
          deviceId: repository.deviceId,
          storedStatisticIds: stored.current.statisticIds,
          storedAnswers: stored.current.answers,
          openedAnswers,
        },
        rules,
      );
      const draftRow: DraftRow | undefined =
        commit.problems.length > 0
          ? { key, missionId, kind: 'finding', subjectId: requirementId, memberId: me.id, values: next, problems: commit.problems, updatedAt: new Date().toISOString() }
          : undefined;
      await repository.commit({ saves: commit.saves, removals: commit.removals, ...(draftRow ? { draft: draftRow } : { clearDraft: key }) });
      const saved = commit.saves.find((item) => item.entity === 'finding');
      stored.current = {
        exists: true,
        statisticIds: commit.saves.filter((item) => item.entity === 'evidence').map((item) => item.value.id),
        answers: saved?.entity === 'finding' ? saved.value.answers : stored.current.answers,
      };
    },
    [findingId, missionId, requirementId, me.id, repository, rules, key, openedAnswers],
  );
  const autosave = useAutosavedValues<FindingFormValues>(key, values, initial, save, autosaveDelayMs);

  const ensureFinding = useCallback(async (): Promise<string> => {
    await autosave.flush();
    if (!stored.current.exists) await save(getValues(), true);
    return findingId;
  }, [autosave, save, getValues, findingId]);

  const problemFor = (path: string): ValidationProblem | undefined => problems.find((problem) => problem.path === path);

  return (
    <form
      className="finding-form"
      aria-labelledby="my-finding-heading"
      onSubmit={(event) => event.preventDefault()}
      onBlur={() => void autosave.flush()}
      noValidate
    >
      <div className="form-header">
        <h3 id="my-finding-heading">{t('finding.title', { name: me.name })}</h3>
        <AutosaveStatus state={autosave.state} error={autosave.error} draftProblems={problems.length} />
      </div>

      <fieldset className="rating-group">
        <legend>{t('finding.rating')}</legend>
        <label className="radio">
          <input type="radio" value="" {...register('rating')} /> {t('finding.noRating')}
        </label>
        {data.template.scale.levels.map((level) => (
          <label key={level.id} className="radio">
            <input type="radio" value={level.id} {...register('rating')} /> {level.label}
          </label>
        ))}
        <ProblemText problem={problemFor('rating')} />
      </fieldset>

      <QuestionsFields
        questions={questions}
        sites={data.sites}
        answers={values.answers}
        language={language}
        problemFor={problemFor}
        onChange={(key, answer) => setValue('answers', { ...getValues('answers'), [key]: answer }, { shouldDirty: true })}
      />

      <div className="field">
        <label htmlFor="finding-narrative">{t('finding.narrative')}</label>
        <textarea id="finding-narrative" rows={9} aria-describedby="finding-narrative-hint" {...register('narrative')} />
        <p className="hint" id="finding-narrative-hint">
          {t('finding.narrativeHint')}
        </p>
      </div>

      <fieldset className="checkbox-group">
        <legend>{t('finding.sites')}</legend>
        {data.sites.length === 0 ? (
          <p className="muted">
            {t('finding.noSites')} <a href={missionHref(missionId, 'sites')}>{t('finding.addSites')}</a>
          </p>
        ) : (
          data.sites.map((site) => (
            <label key={site.id} className="checkbox">
              <input type="checkbox" value={site.id} {...register('siteIds')} /> {site.name}{' '}
              <span className="muted small">{site.date}</span>
            </label>
          ))
        )}
      </fieldset>

      <fieldset className="checkbox-group">
        <legend>{t('finding.flags.title')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...register('flags.goodPractice')} /> {t('finding.flags.goodPractice')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...register('flags.seriousDeficiency')} /> {t('finding.flags.seriousDeficiency')}
        </label>
      </fieldset>

      <SourcesFields control={control} register={register} problemFor={problemFor} />
      <StatisticsFields control={control} register={register} problemFor={problemFor} language={language} />
      <AttachmentsPanel missionId={missionId} findingId={findingId} ensureFinding={ensureFinding} />
    </form>
  );
}
