import { useTranslation } from 'react-i18next';
import type { ValidationProblem } from '../../../shared/template-validation';

/** "This file was refused, nothing was changed, and here is every reason with its place." */
export function InvalidFileNotice({ summary, problems }: { summary: string; problems: readonly ValidationProblem[] }) {
  const { t } = useTranslation();
  return (
    <div className="notice error" role="alert">
      <p>{summary}</p>
      <h2 className="small-heading">{t('templates.problemsHeading')}</h2>
      <ul className="problems">
        {problems.map((problem, index) => (
          <li key={index}>
            <code>{problem.path}</code>: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
