import { useTranslation } from 'react-i18next';
import { QUOTA_ERROR, type AutosaveState } from './use-autosave';

/** Always visible, so an expert never has to wonder whether the last sentence is safe. */
export function AutosaveStatus({ state, error, draftProblems }: { state: AutosaveState; error: string | null; draftProblems: number }) {
  const { t } = useTranslation();
  let text: string;
  let tone = '';
  if (state === 'error') {
    text = error === QUOTA_ERROR ? t('autosave.quota') : t('autosave.error', { message: error ?? '' });
    tone = 'error';
  } else if (state === 'pending' || state === 'saving') {
    text = t('autosave.saving');
  } else if (draftProblems > 0) {
    text = t('autosave.draft', { count: draftProblems });
    tone = 'warning';
  } else if (state === 'saved') {
    text = t('autosave.saved');
  } else {
    text = t('autosave.idle');
  }
  return (
    <p className={`autosave-status ${tone}`} role="status" aria-live="polite" data-testid="autosave-status" data-state={state}>
      {text}
    </p>
  );
}
