import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import type { ValidationProblem } from '../../../shared/template-validation';
import { useServices } from '../app/services';
import type { EditOutcome } from '../db/repository';
import { missionHref } from '../app/router';
import type { DraftRow } from '../db/database';
import type { MissionData } from '../mission/use-mission';
import { AUTOSAVE_DELAY_MS, useAutosavedValues } from '../autosave/use-autosave';
import { readJournal } from '../autosave/unload-journal';
import { AutosaveStatus } from '../autosave/AutosaveStatus';
import { findingProblems, type FindingFormValues, type FormRules, type Messages } from './finding-form-model';
import {
  afterWrite,
  buildFindingEdits,
  openFinding,
  reconcileFinding,
  type FindingRecord,
  type FindingSession,
  type FindingSnapshot,
  type FormNotice,
} from './finding-form-sync';
import { useDraft, useFindingRecord } from '../db/read-hooks';
import { RemoteNotices } from './RemoteNotices';
import { findRequirement } from '../../../shared/template-outline';
import { QuestionsFields } from './QuestionsFields';
import { draftKey } from './RequirementDetail';
import { SourcesFields } from './SourcesFields';
import { StatisticsFields } from './StatisticsFields';
import { AttachmentsPanel } from './AttachmentsPanel';
import { ProblemText } from './ProblemText';
import { useFollowRecord } from '../autosave/use-follow-record';
import { Rating } from '../rating/Rating';
import { useUndo, useUndoShortcut } from '../undo/UndoProvider';

interface Props {
  data: MissionData & { template: Template };
  me: Member;
  requirementId: string;
  /** My finding as stored now, kept up to date while the form is open. */
  record: FindingRecord;
  /** My draft; read once, on opening: from then on the form holds what is being typed. */
  draft: DraftRow | undefined;
  /** How long after an edit it is written; tests lengthen it to isolate the blur flush. */
  autosaveDelayMs?: number;
}

/** The finding form, once my finding, its statistics and my draft are read; it follows them live. */
export function LiveFindingForm({ data, me, requirementId, autosaveDelayMs }: Omit<Props, 'record' | 'draft'>) {
  const record = useFindingRecord(data.mission.id, requirementId, me.id);
  const draft = useDraft(draftKey(data.mission.id, requirementId, me.id));
  if (!record || !draft) return null;
  return <FindingForm data={data} me={me} requirementId={requirementId} record={record} draft={draft.draft ?? undefined} {...(autosaveDelayMs === undefined ? {} : { autosaveDelayMs })} />;
}

/** My finding on one requirement. No Save button: every edit is stored within 300 ms. */
export function FindingForm({ data, me, requirementId, record, draft, autosaveDelayMs = AUTOSAVE_DELAY_MS }: Props) {
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

  // The stored record, with only the fields I changed and had not saved taken from the unload
  // journal or my draft: a draft never hides what another member changed meanwhile.
  const [opened] = useState(() => openFinding(record, readJournal(key)?.values ?? draft?.values, language, repository.deviceId));
  const initial = opened.values;
  const session = useRef<FindingSession>(opened.session);
  const recordRef = useRef(record);
  const [notices, setNotices] = useState<FormNotice[]>(opened.notices);
  // A new finding's id is chosen once, so attachments added before the first save point at it.
  const [findingId] = useState(() => record.finding?.id ?? crypto.randomUUID());
  const [openedAnswers] = useState(() => record.finding?.answers ?? {});

  const { register, control, getValues, setValue } = useForm<FindingFormValues>({ defaultValues: initial });
  const values = useWatch({ control }) as FindingFormValues;
  const problems = useMemo(() => findingProblems(values, rules), [values, rules]);

  const save = useCallback(
    async (next: FindingFormValues, force = false): Promise<void> => {
      const current = recordRef.current;
      const edits = buildFindingEdits(
        next,
        session.current,
        current,
        {
          findingId,
          missionId,
          requirementId,
          authorId: me.id,
          deviceId: repository.deviceId,
          storedStatisticIds: current.statistics.map((stat) => stat.id),
          storedAnswers: current.finding?.answers ?? {},
          openedAnswers,
        },
        rules,
        force,
      );
      const before = session.current;
      // The draft names the bases the fields follow after this write, so a reopened form resumes from them.
      const draftRow =
        edits.problems.length > 0
          ? (outcome: EditOutcome): DraftRow => ({
              key,
              missionId,
              kind: 'finding',
              subjectId: requirementId,
              memberId: me.id,
              values: { values: next, session: afterWrite(before, edits, outcome) } satisfies FindingSnapshot,
              problems: edits.problems,
              updatedAt: new Date().toISOString(),
            })
          : undefined;
      const outcome = await repository.commitEdits({ ...edits.batch, ...(draftRow ? { draft: draftRow } : { clearDraft: key }) });
      session.current = afterWrite(session.current, edits, outcome);
    },
    [findingId, missionId, requirementId, me.id, repository, rules, key, openedAnswers],
  );
  const journalOf = useCallback((next: FindingFormValues): FindingSnapshot => ({ values: next, session: session.current }), []);
  const autosave = useAutosavedValues<FindingFormValues>(key, values, initial, save, autosaveDelayMs, journalOf);

  // A remote change: untouched fields show it at once; fields being edited say so.
  const schedule = autosave.schedule;
  const setField = useCallback(<K extends keyof FindingFormValues>(field: K, value: FindingFormValues[K]) => setValue(field as Parameters<typeof setValue>[0], value as Parameters<typeof setValue>[1]), [setValue]);
  useFollowRecord<FindingFormValues, typeof record, typeof session.current>({
    record,
    recordRef,
    sessionRef: session,
    getValues,
    setField,
    setNotices,
    schedule,
    writeOnOpen: opened.write,
    reconcile: (current, before, next) => reconcileFinding(current, before, next, language, repository.deviceId),
  });

  const ensureFinding = useCallback(async (): Promise<string> => {
    await autosave.flush();
    if (!recordRef.current.finding && session.current.findingStored !== true) await save(getValues(), true);
    return findingId;
  }, [autosave, save, getValues, findingId]);

  const problemFor = (path: string): ValidationProblem | undefined => problems.find((problem) => problem.path === path);

  // Removals made in this form are undone from the toast or with Ctrl+Z inside the form.
  const undoStack = useUndo();
  const undoScope = `finding:${findingId}`;
  const [formElement, setFormElement] = useState<HTMLFormElement | null>(null);
  useUndoShortcut(undoScope, formElement);
  /** Undo entries that only this open form can carry out (a row put back into its values). */
  const formOnlyUndos = useRef(new Set<number>());
  useEffect(() => {
    const entries = formOnlyUndos.current;
    return () => {
      // Once the form is closed its rows cannot be put back; the removal stands, as written.
      for (const id of entries) undoStack.dismiss(id);
    };
  }, [undoStack]);
  const offerFormUndo = (message: string, undo: () => Promise<void>): void => {
    formOnlyUndos.current.add(undoStack.push({ message, scope: undoScope, undo }).id);
  };
  const onSourceRemoved = (n: number, reinsert: () => void): void =>
    offerFormUndo(t('undo.removed.source', { n }), async () => reinsert());
  const onStatisticRemoved = (n: number, id: string, reinsert: () => void): void => {
    const wasStored = session.current.statistics.includes(id);
    offerFormUndo(t('undo.removed.statistic', { n }), async () => {
      if (!wasStored) return reinsert();
      // A stored statistic: its removal is written first (if the timer had not yet), then undone
      // by a new change; the form shows it again as it follows the record.
      await autosave.flush();
      await repository.restore('evidence', id);
    });
  };

  return (
    <form
      ref={setFormElement}
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
      <RemoteNotices notices={notices} data={data} onDismiss={(path) => setNotices((current) => current.filter((notice) => notice.path !== path))} />

      <fieldset className="rating-group">
        <legend>{t('finding.rating')}</legend>
        <label className="radio">
          <input type="radio" value="" {...register('rating')} /> <Rating level={null} emptyLabel={t('finding.noRating')} variant="inline" />
        </label>
        {data.template.scale.levels.map((level) => (
          <label key={level.id} className="radio">
            <input type="radio" value={level.id} {...register('rating')} /> <Rating level={level} emptyLabel="" variant="inline" />
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

      <SourcesFields control={control} register={register} problemFor={problemFor} onRemoved={onSourceRemoved} />
      <StatisticsFields control={control} register={register} problemFor={problemFor} language={language} onRemoved={onStatisticRemoved} />
      <AttachmentsPanel missionId={missionId} findingId={findingId} ensureFinding={ensureFinding} undoScope={undoScope} />
    </form>
  );
}
