import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { UndoStack } from './undo-stack';

/** The toast stays at least this long; longer while the pointer or the focus is on it. */
export const UNDO_TOAST_MS = 10_000;

/**
 * The one "Undo" toast: offers the newest removal for at least ten seconds, then lets it stand.
 * Its message is announced through a polite live region that is always in the page (a region
 * added together with its text is not reliably announced).
 */
export function UndoToast({ stack }: { stack: UndoStack }) {
  const { t } = useTranslation();
  const entry = useSyncExternalStore(
    (listener) => stack.subscribe(listener),
    () => stack.latest(),
  );
  const [held, setHeld] = useState({ hover: false, focus: false });
  // Which entry's undo failed: its message gives way as soon as a newer removal is offered.
  const [failure, setFailure] = useState<{ id: number; text: string } | null>(null);
  const failed = failure !== null && (entry === undefined || entry.id < failure.id) ? failure.text : null;
  const paused = held.hover || held.focus;

  useEffect(() => {
    if (!entry || paused) return;
    // Restarted in full after a pause: someone who looked away from it gets the whole time again.
    const timer = setTimeout(() => stack.dismiss(entry.id), UNDO_TOAST_MS);
    return () => clearTimeout(timer);
  }, [entry, paused, stack]);

  const onUndo = async (id: number): Promise<void> => {
    setHeld({ hover: false, focus: false });
    try {
      await stack.undo(id);
    } catch (error) {
      setFailure({ id, text: t('undo.failed', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

  return (
    <>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="undo-announcement">
        {entry ? t('undo.announce', { message: entry.message }) : ''}
      </div>
      {failed ? (
        <div className="undo-toast" role="alert">
          <span className="undo-message">{failed}</span>
          <button type="button" className="button small" onClick={() => setFailure(null)}>
            {t('common.close')}
          </button>
        </div>
      ) : null}
      {entry && !failed ? (
        <div
          className="undo-toast"
          role="group"
          aria-label={t('undo.label')}
          data-testid="undo-toast"
          onMouseEnter={() => setHeld((state) => ({ ...state, hover: true }))}
          onMouseLeave={() => setHeld((state) => ({ ...state, hover: false }))}
          onFocus={() => setHeld((state) => ({ ...state, focus: true }))}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld((state) => ({ ...state, focus: false }));
          }}
        >
          <span className="undo-message">{entry.message}</span>
          <button type="button" className="button small primary" onClick={() => void onUndo(entry.id)}>
            {t('undo.undo')}
          </button>
          <button type="button" className="button small" aria-label={t('undo.dismiss')} onClick={() => stack.dismiss(entry.id)}>
            ×
          </button>
        </div>
      ) : null}
    </>
  );
}
