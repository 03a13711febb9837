import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortDeviceId } from '../../../shared/sync/open-conflicts';
import { useServices } from '../app/services';
import { useLikelyOwnerName, useOwnDeviceName } from '../db/read-hooks';
import { DeviceNameForm } from './DeviceNameForm';

/** This device's name on the Sync screen: shown to the others with everything it sends; editable. */
export function DeviceNamePanel() {
  const { t } = useTranslation();
  const { repository } = useServices();
  const name = useOwnDeviceName();
  const owner = useLikelyOwnerName();
  const [editing, setEditing] = useState(false);
  if (name === undefined || owner === undefined) return null;
  return (
    <section className="panel" aria-labelledby="device-name-heading" data-testid="device-name-panel">
      <h3 id="device-name-heading">{t('deviceName.title')}</h3>
      {name === null && !editing ? <p className="notice warning">{t('deviceName.reminder')}</p> : null}
      {editing || name === null ? (
        <DeviceNameForm initial={name ?? (owner ? t('deviceName.suggestion', { name: owner }) : '')} onSaved={() => setEditing(false)}>
          {name !== null ? (
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          ) : null}
        </DeviceNameForm>
      ) : (
        <p>
          <strong data-testid="own-device-name">{name}</strong> <span className="muted small">({shortDeviceId(repository.deviceId)})</span>{' '}
          <button type="button" className="button small" onClick={() => setEditing(true)}>
            {t('deviceName.rename')}
          </button>
        </p>
      )}
    </section>
  );
}
