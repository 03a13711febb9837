import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistEntry } from '../../../shared/checklist-filter';
import type { Recommendation } from '../../../shared/schemas/finding';
import { useServices } from '../app/services';
import { useAutosave } from '../autosave/use-autosave';
import { AutosaveStatus } from '../autosave/AutosaveStatus';
import { RequirementPicker } from './RequirementPicker';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useRemoveWithUndo } from '../undo/use-remove-with-undo';

interface Props {
  entries: readonly ChecklistEntry[];
  number: number;
  recommendation: Recommendation;
  readOnly: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove: (offset: -1 | 1) => void;
}

/** One recommendation, edited in place and saved as typed; an empty text is never stored. */
export function RecommendationEditor({ entries, number, recommendation, readOnly, canMoveUp, canMoveDown, onMove }: Props) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const [text, setText] = useState(recommendation.text);
  const [linking, setLinking] = useState('');
  const [confirming, setConfirming] = useState(false);
  const removeWithUndo = useRemoveWithUndo();
  const save = useCallback(
    async (next: Recommendation) => {
      if (next.text.trim() === '' || next.requirementIds.length === 0) return;
      await repository.commit({ saves: [{ entity: 'recommendation', value: { ...next, text: next.text.trim() } }] });
    },
    [repository],
  );
  const autosave = useAutosave<Recommendation>(`recommendation|${recommendation.id}`, save);
  const lastText = useRef(recommendation.text);
  useEffect(() => {
    if (text === lastText.current) return;
    lastText.current = text;
    autosave.schedule({ ...recommendation, text });
  }, [text, recommendation, autosave]);
  const update = (patch: Partial<Recommendation>): void => {
    void repository.commit({ saves: [{ entity: 'recommendation', value: { ...recommendation, text: text.trim() || recommendation.text, ...patch } }] });
  };
  const byId = new Map(entries.map((entry) => [entry.requirementId, entry]));
  const textId = `rec-text-${recommendation.id}`;

  return (
    <article className="recommendation-editor" aria-labelledby={`${textId}-label`}>
      <div className="form-header">
        <label id={`${textId}-label`} htmlFor={textId} className="rec-number">
          {t('recommendations.number', { number })}
          {recommendation.keyPriority ? <span className="badge">{t('recommendations.keyPriority')}</span> : null}
        </label>
        {!readOnly ? <AutosaveStatus state={autosave.state} error={autosave.error} draftProblems={text.trim() === '' ? 1 : 0} /> : null}
      </div>
      <textarea id={textId} rows={3} value={text} readOnly={readOnly} onChange={(event) => setText(event.target.value)} onBlur={() => void autosave.flush()} aria-invalid={text.trim() === '' ? true : undefined} />
      {text.trim() === '' ? (
        <p className="error" role="alert">
          {t('recommendations.textRequired')}
        </p>
      ) : null}
      <p className="small">{t('recommendations.linkedTo')}</p>
      <ul className="linked-requirements">
        {recommendation.requirementIds.map((id) => (
          <li key={id}>
            {byId.get(id) ? `${byId.get(id)?.areaTitle} ${byId.get(id)?.number} — ${byId.get(id)?.text}` : id}
            {!readOnly && recommendation.requirementIds.length > 1 ? (
              <button type="button" className="button small link" onClick={() => update({ requirementIds: recommendation.requirementIds.filter((other) => other !== id) })} aria-label={t('recommendations.unlink', { requirement: byId.get(id)?.text ?? id })}>
                {t('common.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {!readOnly ? (
        <div className="actions wrap">
          <RequirementPicker id={`${textId}-link`} entries={entries} exclude={recommendation.requirementIds} value={linking} onChange={(id) => {
            setLinking('');
            if (id) update({ requirementIds: [...recommendation.requirementIds, id] });
          }} label={t('recommendations.link')} />
          <label className="checkbox">
            <input type="checkbox" checked={recommendation.keyPriority} onChange={(event) => update({ keyPriority: event.target.checked })} /> {t('recommendations.keyPriority')}
          </label>
          <button type="button" className="button small" disabled={!canMoveUp} onClick={() => onMove(-1)} aria-label={t('recommendations.moveUp', { number })}>
            ↑
          </button>
          <button type="button" className="button small" disabled={!canMoveDown} onClick={() => onMove(1)} aria-label={t('recommendations.moveDown', { number })}>
            ↓
          </button>
          <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
            {t('recommendations.delete', { number })}
          </button>
          {confirming ? (
            <ConfirmDialog
              title={t('undo.confirm.recommendationTitle')}
              message={t('recommendations.confirmDelete', { number })}
              confirmLabel={t('undo.confirm.recommendationAction')}
              onCancel={() => setConfirming(false)}
              onConfirm={() => {
                setConfirming(false);
                void removeWithUndo('recommendation', recommendation.id, t('undo.removed.recommendation', { number }));
              }}
            />
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
