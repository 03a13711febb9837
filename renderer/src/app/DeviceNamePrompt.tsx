import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLikelyOwnerName, useOwnDeviceName } from '../db/read-hooks';
import { DeviceNameForm } from '../sync/DeviceNameForm';

/** Session storage key: "Later" was chosen in this session (a reload does not ask again; a restart does). */
export const DEVICE_NAME_LATER_KEY = 'mission-kit:device-name-later';

function putOffInThisSession(storage: Pick<Storage, 'getItem'> | undefined = globalThis.sessionStorage): boolean {
  try {
    return storage?.getItem(DEVICE_NAME_LATER_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Asks for this device's name while it has none, so conflicts and the latest changes can say
 * "Jürgen's laptop" instead of an id. "Later" (or Escape) puts it off until the app next starts;
 * the Sync screen keeps a reminder and a place to set or change it.
 */
export function DeviceNamePrompt() {
  const { t } = useTranslation();
  const name = useOwnDeviceName();
  const owner = useLikelyOwnerName();
  const [dismissed, setDismissedState] = useState(putOffInThisSession);
  const setDismissed = (value: boolean): void => {
    try {
      globalThis.sessionStorage?.setItem(DEVICE_NAME_LATER_KEY, '1');
    } catch {
      // Not remembered: the question comes back on the next reload, which is harmless.
    }
    setDismissedState(value);
  };
  const previousFocus = useRef<Element | null>(null);
  const open = name === null && owner !== undefined && !dismissed;

  useEffect(() => {
    if (!open) return;
    previousFocus.current = document.activeElement;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      try {
        globalThis.sessionStorage?.setItem(DEVICE_NAME_LATER_KEY, '1');
      } catch {
        // As above.
      }
      setDismissedState(true);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // Focus goes back where it was before the question interrupted.
      if (previousFocus.current instanceof HTMLElement) previousFocus.current.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog panel" role="dialog" aria-modal="true" aria-labelledby="device-name-prompt-title" aria-describedby="device-name-prompt-text" data-testid="device-name-prompt">
        <h2 id="device-name-prompt-title">{t('deviceName.promptTitle')}</h2>
        <p id="device-name-prompt-text">{t('deviceName.promptText')}</p>
        <DeviceNameForm initial={owner ? t('deviceName.suggestion', { name: owner }) : ''} autoFocus>
          <button type="button" className="button" onClick={() => setDismissed(true)}>
            {t('deviceName.later')}
          </button>
        </DeviceNameForm>
      </div>
    </div>
  );
}
