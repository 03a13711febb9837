import { useTranslation } from 'react-i18next';
import { archivedAnswers, isRelevant, questionSlots, splitAnswerKey, type QuestionSlot } from '../../../shared/questionnaire';
import type { SiteVisit } from '../../../shared/schemas/mission';
import { answerIds, type AnswerValue, type Question } from '../../../shared/schemas/question';
import type { ValidationProblem } from '../../../shared/template-validation';
import type { AnswerInput } from './finding-form-model';
import { ProblemText } from './ProblemText';

interface Props {
  questions: readonly Question[];
  sites: readonly SiteVisit[];
  answers: Readonly<Record<string, AnswerInput>>;
  language: string;
  problemFor: (path: string) => ValidationProblem | undefined;
  onChange: (key: string, answer: AnswerInput) => void;
}

/**
 * The requirement's guiding questions: those asked once, then those asked at each fitting
 * site visit. A question whose relevance rule is not met is hidden, but its answer is kept.
 */
export function QuestionsFields({ questions, sites, answers, language, problemFor, onChange }: Props) {
  const { t } = useTranslation();
  const archived = archivedAnswers(questions, answers as Record<string, AnswerValue>);
  if (questions.length === 0 && archived.length === 0) return null;
  const slots = questionSlots(questions, sites);
  const missionSlots = slots.filter((slot) => slot.site === null);
  const siteGroups = sites
    .map((site) => ({ site, slots: slots.filter((slot) => slot.site?.id === site.id) }))
    .filter((group) => group.slots.length > 0);
  const perSiteQuestions = questions.filter((question) => question.scope.per === 'site');
  const visible = (slot: QuestionSlot): boolean => isRelevant(slot.question, questions, answers, slot.site?.id ?? null);

  return (
    <fieldset className="questions" data-testid="questions">
      <legend>{t('questions.title')}</legend>
      {missionSlots.filter(visible).map((slot) => (
        <QuestionField key={slot.key} slot={slot} value={answers[slot.key]} language={language} problem={problemFor(`answers.${slot.key}`)} onChange={onChange} />
      ))}
      {siteGroups.map((group) => (
        <section key={group.site.id} className="site-questions" aria-label={t('questions.atSite', { site: group.site.name })} data-testid="site-questions">
          <h4>
            {t('questions.atSite', { site: group.site.name })}{' '}
            <span className="muted small">
              {t(`sites.types.${group.site.type}`)} · {group.site.date}
            </span>
          </h4>
          {group.slots.filter(visible).map((slot) => (
            <QuestionField key={slot.key} slot={slot} value={answers[slot.key]} language={language} problem={problemFor(`answers.${slot.key}`)} onChange={onChange} />
          ))}
        </section>
      ))}
      {perSiteQuestions.length > 0 && siteGroups.length === 0 ? <p className="muted">{t('questions.noFittingSite')}</p> : null}
      {archived.length > 0 ? (
        <section className="archived-answers" data-testid="archived-answers">
          <h4>{t('questions.archived')}</h4>
          <p className="muted small">{t('questions.archivedHint')}</p>
          <ul>
            {archived.map(([key, value]) => (
              <li key={key}>
                <code>{splitAnswerKey(key).questionId}</code>
                {splitAnswerKey(key).siteId ? ` (${sites.find((site) => site.id === splitAnswerKey(key).siteId)?.name ?? splitAnswerKey(key).siteId})` : ''}:{' '}
                {Array.isArray(value) ? value.join(', ') : String(value)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </fieldset>
  );
}

interface FieldProps {
  slot: QuestionSlot;
  value: AnswerInput | undefined;
  language: string;
  problem: ValidationProblem | undefined;
  onChange: (key: string, answer: AnswerInput) => void;
}

function QuestionField({ slot, value, problem, onChange }: FieldProps) {
  const { t } = useTranslation();
  const { question, key } = slot;
  const id = `q-${key}`;
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [question.guidance ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined;
  const guidance = question.guidance ? (
    <p className="hint" id={hintId}>
      {question.guidance}
    </p>
  ) : null;
  const text = typeof value === 'string' ? value : '';

  if (question.type === 'yes-no-partly' || question.type === 'single-choice' || question.type === 'multiple-choice') {
    const multiple = question.type === 'multiple-choice';
    const chosen = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
    const labelOf = (answer: string): string =>
      question.type === 'yes-no-partly' ? t(`questions.yesNo.${answer}`) : (question.options?.find((option) => option.id === answer)?.label ?? answer);
    return (
      <fieldset className={`question${problem ? ' has-error' : ''}`} aria-describedby={describedBy} data-testid="question" data-question-key={key}>
        <legend>
          {question.text}
          {question.unit ? ` (${question.unit})` : ''}
        </legend>
        {guidance}
        <div className="choices">
          {answerIds(question).map((answer) => (
            <label key={answer} className={multiple ? 'checkbox' : 'radio'}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={id}
                value={answer}
                checked={chosen.includes(answer)}
                onChange={(event) => {
                  if (!multiple) onChange(key, answer);
                  else onChange(key, event.target.checked ? [...chosen, answer] : chosen.filter((item) => item !== answer));
                }}
              />{' '}
              {labelOf(answer)}
            </label>
          ))}
          {!multiple && chosen.length > 0 ? (
            <button type="button" className="button small link" onClick={() => onChange(key, '')} aria-label={t('questions.clearNamed', { question: question.text })}>
              {t('questions.clear')}
            </button>
          ) : null}
        </div>
        <ProblemText problem={problem} id={problemId} />
      </fieldset>
    );
  }

  const common = {
    id,
    value: text,
    'aria-describedby': describedBy,
    'aria-invalid': problem ? true : undefined,
    onChange: (event: { target: { value: string } }) => onChange(key, event.target.value),
  };
  return (
    <div className={`field question${problem ? ' has-error' : ''}`} data-testid="question" data-question-key={key}>
      <label htmlFor={id}>
        {question.text}
        {question.unit ? ` (${question.unit})` : ''}
      </label>
      {question.type === 'long-text' ? (
        <textarea rows={3} {...common} />
      ) : question.type === 'date' ? (
        <input type="date" {...common} />
      ) : question.type === 'number' ? (
        <input type="text" inputMode="decimal" className="narrow" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      {question.type === 'number' && (question.min !== undefined || question.max !== undefined) ? (
        <p className="hint">{t('questions.range', { min: question.min ?? '—', max: question.max ?? '—' })}</p>
      ) : null}
      {guidance}
      <ProblemText problem={problem} id={problemId} />
    </div>
  );
}
