import { useTranslation } from 'react-i18next';
import { summariseQuestions, type QuestionSummary } from '../../../shared/questionnaire';
import type { Finding } from '../../../shared/schemas/finding';
import type { SiteVisit } from '../../../shared/schemas/mission';
import { answerIds, type Question } from '../../../shared/schemas/question';

/** The team's answers to a requirement's questions, across sites and experts. */
export function QuestionnaireSummary({ questions, findings, sites }: { questions: readonly Question[]; findings: readonly Pick<Finding, 'authorId' | 'answers'>[]; sites: readonly SiteVisit[] }) {
  const { t, i18n } = useTranslation();
  if (questions.length === 0) return null;
  const summaries = summariseQuestions(questions, findings, sites).filter((summary) => summary.answered > 0);
  if (summaries.length === 0) return <p className="muted small">{t('questions.summary.none')}</p>;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <ul className="questionnaire-summary" data-testid="questionnaire-summary">
      {summaries.map((summary) => (
        <li key={summary.question.id}>
          <strong>{summary.question.text}</strong> {describe(summary, t, number)}
        </li>
      ))}
    </ul>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function describe(summary: QuestionSummary, t: T, number: Intl.NumberFormat): string {
  const { question } = summary;
  const perSite = summary.per === 'site';
  if (question.type === 'number') {
    const values = summary.numbers;
    const min = Math.min(...values);
    const max = Math.max(...values);
    const unit = question.unit ? ` ${question.unit}` : '';
    const range = min === max ? `${number.format(min)}${unit}` : t('questions.summary.range', { min: number.format(min), max: number.format(max), unit });
    return perSite ? t('questions.summary.numberAtSites', { range, count: summary.answered, total: summary.applicableSites }) : t('questions.summary.numberByExperts', { range, count: summary.answered });
  }
  if (question.type === 'short-text' || question.type === 'long-text' || question.type === 'date') {
    return perSite ? t('questions.summary.textAtSites', { count: summary.answered, total: summary.applicableSites }) : t('questions.summary.textByExperts', { count: summary.answered });
  }
  const label = (answer: string): string =>
    question.type === 'yes-no-partly' ? t(`questions.yesNo.${answer}`) : (question.options?.find((option) => option.id === answer)?.label ?? answer);
  const parts = answerIds(question)
    .filter((answer) => (summary.counts[answer] ?? 0) > 0)
    .map((answer) => (perSite ? t('questions.summary.answerAtSites', { answer: label(answer), count: summary.counts[answer] ?? 0 }) : t('questions.summary.answerByExperts', { answer: label(answer), count: summary.counts[answer] ?? 0 })));
  return perSite ? t('questions.summary.ofSites', { parts: parts.join(', '), total: summary.applicableSites }) : parts.join(', ');
}
