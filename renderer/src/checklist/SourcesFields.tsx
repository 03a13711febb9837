import { useFieldArray, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SourceKindSchema } from '../../../shared/schemas/finding';
import type { ValidationProblem } from '../../../shared/template-validation';
import type { FindingFormValues } from './finding-form-model';

type SourceInput = FindingFormValues['sources'][number];
import { ProblemText } from './ProblemText';

interface Props {
  control: Control<FindingFormValues>;
  register: UseFormRegister<FindingFormValues>;
  problemFor: (path: string) => ValidationProblem | undefined;
  /** Told of each removed row (1-based), with how to put it back as it was, for the form's undo. */
  onRemoved: (n: number, reinsert: () => void) => void;
}

export function SourcesFields({ control, register, problemFor, onRemoved }: Props) {
  const { t } = useTranslation();
  const { fields, append, remove, insert } = useFieldArray({ control, name: 'sources' });
  const current = useWatch({ control, name: 'sources' }) as SourceInput[] | undefined;
  return (
    <fieldset className="repeat-group">
      <legend>{t('finding.sources.title')}</legend>
      {fields.map((field, index) => {
        const problem = problemFor(`sources.${index}.text`);
        return (
          <div key={field.id} className="repeat-row" data-testid="source-row">
            <label>
              <span className="visually-hidden">{t('finding.sources.kind', { n: index + 1 })}</span>
              <select {...register(`sources.${index}.kind`)} aria-label={t('finding.sources.kind', { n: index + 1 })}>
                {SourceKindSchema.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`finding.sources.kinds.${kind}`)}
                  </option>
                ))}
              </select>
            </label>
            <input
              type="text"
              aria-label={t('finding.sources.text', { n: index + 1 })}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `source-${index}-problem` : undefined}
              placeholder={t('finding.sources.placeholder')}
              {...register(`sources.${index}.text`)}
            />
            <button
              type="button"
              className="button small"
              onClick={() => {
                // The row as typed, not as first rendered: an undo gives back the last text.
                const row = current?.[index];
                remove(index);
                if (row) onRemoved(index + 1, () => insert(index, { ...row }));
              }}
            >
              {t('finding.sources.remove', { n: index + 1 })}
            </button>
            <ProblemText problem={problem} id={`source-${index}-problem`} />
          </div>
        );
      })}
      <button type="button" className="button small" onClick={() => append({ kind: 'government-report', text: '' })}>
        {t('finding.sources.add')}
      </button>
    </fieldset>
  );
}
