import { useFieldArray, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { parseLocalisedNumber } from '../../../shared/number-input';
import { statisticPercent } from '../../../shared/statistics';
import type { ValidationProblem } from '../../../shared/template-validation';
import type { FindingFormValues, StatisticInput } from './finding-form-model';
import { ProblemText } from './ProblemText';

interface Props {
  control: Control<FindingFormValues>;
  register: UseFormRegister<FindingFormValues>;
  problemFor: (path: string) => ValidationProblem | undefined;
  language: string;
  /** Told of each removed row (1-based) and its id, with how to put it back as it was, for the form's undo. */
  onRemoved: (n: number, id: string, reinsert: () => void) => void;
}

const TEXT_FIELDS = ['label', 'value', 'ofTotal', 'unit', 'period', 'source'] as const;

export function StatisticsFields({ control, register, problemFor, language, onRemoved }: Props) {
  const { t } = useTranslation();
  const { fields, append, remove, insert } = useFieldArray({ control, name: 'statistics', keyName: 'fieldKey' });
  const current = useWatch({ control, name: 'statistics' }) as StatisticInput[] | undefined;
  return (
    <fieldset className="repeat-group statistics">
      <legend>{t('finding.statistics.title')}</legend>
      {fields.map((field, index) => {
        const typed = current?.[index];
        const value = typed ? parseLocalisedNumber(typed.value, language) : null;
        const total = typed ? parseLocalisedNumber(typed.ofTotal, language) : null;
        const percent = value === null || total === null || value > total ? null : statisticPercent(value, total);
        return (
          <div key={field.fieldKey} className="statistic-row" data-testid="statistic-row">
            {TEXT_FIELDS.map((name) => {
              const path = `statistics.${index}.${name}`;
              const problem = problemFor(path);
              const id = `stat-${index}-${name}`;
              return (
                <div key={name} className={`field stat-${name}${problem ? ' has-error' : ''}`}>
                  <label htmlFor={id}>{t(`finding.statistics.${name}`)}</label>
                  <input
                    id={id}
                    type="text"
                    inputMode={name === 'value' || name === 'ofTotal' ? 'decimal' : undefined}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${id}-problem` : undefined}
                    {...register(`statistics.${index}.${name}`)}
                  />
                  <ProblemText problem={problem} id={`${id}-problem`} />
                </div>
              );
            })}
            <output className="stat-percent" htmlFor={`stat-${index}-value stat-${index}-ofTotal`} data-testid="statistic-percent">
              {percent === null ? '' : t('finding.statistics.percent', { percent: new Intl.NumberFormat(language).format(percent) })}
            </output>
            <button
              type="button"
              className="button small"
              onClick={() => {
                remove(index);
                if (typed) onRemoved(index + 1, typed.id, () => insert(index, { ...typed }));
              }}
            >
              {t('finding.statistics.remove', { n: index + 1 })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button small"
        onClick={() => append({ id: crypto.randomUUID(), label: '', value: '', ofTotal: '', unit: '', period: '', source: '' })}
      >
        {t('finding.statistics.add')}
      </button>
    </fieldset>
  );
}
