import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { countRequirements } from '../../../shared/template-outline';
import { useServices } from '../app/services';
import { navigate, routeHref } from '../app/router';
import { useTemplates } from '../db/read-hooks';
import { Field } from '../components/Field';
import { newMissionFormSchema, templateKey, type NewMissionFormValues } from './new-mission-form';

const PREFERRED_TEMPLATE = 'visa-roadmap-kosovo-2012';

export function NewMissionScreen() {
  const { t } = useTranslation();
  const { repository } = useServices();
  const templates = useTemplates();
  const schema = useMemo(() => newMissionFormSchema(t), [t]);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setValue,
    control,
    getFieldState,
    formState: { errors, isSubmitting },
  } = useForm<NewMissionFormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      templateKey: '',
      title: '',
      territoryName: '',
      territoryFootnote: '',
      framework: '',
      startDate: '',
      endDate: '',
      classification: '',
    },
  });

  const chosenKey = useWatch({ control, name: 'templateKey' });
  const chosen = templates?.find((row) => templateKey(row.id, row.version) === chosenKey);

  // Pick a sensible template once the list has loaded.
  useEffect(() => {
    if (!templates || templates.length === 0 || chosenKey) return;
    const preferred = templates.find((row) => row.id === PREFERRED_TEMPLATE) ?? templates[0];
    if (preferred) setValue('templateKey', templateKey(preferred.id, preferred.version));
  }, [templates, chosenKey, setValue]);

  // Follow the template's framework until the user types their own.
  useEffect(() => {
    if (chosen && !getFieldState('framework').isDirty) setValue('framework', chosen.template.framework);
  }, [chosen, getFieldState, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    if (!chosen) return;
    setSubmitError(null);
    try {
      const mission = await repository.createMission(chosen.template, {
        title: values.title.trim(),
        territory: {
          name: values.territoryName.trim(),
          ...(values.territoryFootnote.trim() ? { footnote: values.territoryFootnote.trim() } : {}),
        },
        framework: values.framework.trim(),
        startDate: values.startDate,
        endDate: values.endDate,
        classification: values.classification.trim(),
        reportVersion: '1.0',
      });
      navigate({ name: 'mission', id: mission.id, tab: 'team' });
    } catch (error) {
      setSubmitError(t('newMission.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  });

  return (
    <section aria-labelledby="new-mission-heading">
      <h1 id="new-mission-heading">{t('newMission.title')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label={t('newMission.template')} error={errors.templateKey?.message}>
          <select {...register('templateKey')}>
            {(templates ?? []).map((row) => (
              <option key={templateKey(row.id, row.version)} value={templateKey(row.id, row.version)}>
                {t('newMission.templateOption', { title: row.title, version: row.version, count: countRequirements(row.template) })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newMission.missionTitle')} error={errors.title?.message}>
          <input type="text" autoComplete="off" {...register('title')} />
        </Field>
        <div className="field-row">
          <Field label={t('newMission.territory')} hint={t('newMission.territoryHint')} error={errors.territoryName?.message}>
            <input type="text" autoComplete="off" {...register('territoryName')} />
          </Field>
          <Field label={t('newMission.framework')} error={errors.framework?.message}>
            <input type="text" autoComplete="off" {...register('framework')} />
          </Field>
        </div>
        <Field label={t('newMission.footnote')} hint={t('newMission.footnoteHint')} error={errors.territoryFootnote?.message}>
          <textarea rows={2} {...register('territoryFootnote')} />
        </Field>
        <div className="field-row">
          <Field label={t('newMission.startDate')} error={errors.startDate?.message}>
            <input type="date" {...register('startDate')} />
          </Field>
          <Field label={t('newMission.endDate')} error={errors.endDate?.message}>
            <input type="date" {...register('endDate')} />
          </Field>
        </div>
        <Field label={t('newMission.classification')} error={errors.classification?.message}>
          <input type="text" autoComplete="off" {...register('classification')} />
        </Field>
        {submitError ? (
          <p className="error" role="alert">
            {submitError}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button primary" disabled={isSubmitting || !chosen}>
            {isSubmitting ? t('newMission.creating') : t('newMission.create')}
          </button>
          <a className="button" href={routeHref({ name: 'missions' })}>
            {t('newMission.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
