import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_NAME_MAX_LENGTH } from '../db/device-names';
import { useServices } from '../app/services';

interface Props {
  /** The name as stored now, or a suggestion when there is none. */
  initial: string;
  /** Called with the stored name once it is saved. */
  onSaved?: (name: string) => void;
  /** Extra buttons after Save (e.g. "Later"). */
  children?: ReactNode;
  autoFocus?: boolean;
}

/** One field to name this device; Enter saves. */
export function DeviceNameForm({ initial, onSaved, children, autoFocus = false }: Props) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const id = useId();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    setError(null);
    if (name.trim() === '') {
      setError(t('deviceName.empty'));
      return;
    }
    setBusy(true);
    try {
      // Not `onSaved?.(await …)`: without a callback that would skip the save itself.
      const stored = await repository.nameThisDevice(name);
      onSaved?.(stored);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="device-name-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t('deviceName.label')}</label>
        <input
          id={id}
          value={name}
          maxLength={DEVICE_NAME_MAX_LENGTH}
          placeholder={t('deviceName.placeholder')}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          // The prompt opens for this one question: the field is where typing should go.
          autoFocus={autoFocus}
          onChange={(event) => setName(event.target.value)}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('deviceName.hint')}
        </p>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('deviceName.save')}
        </button>
        {children}
      </div>
    </form>
  );
}
