import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../app/services';

export function ExportMissionButton({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const { actions } = useServices();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  return (
    <div className="export-mission">
      <button
        type="button"
        className="button small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setMessage(null);
          void actions.exportMissionFile(missionId).then((result) => {
            setBusy(false);
            if (!result.ok) setMessage({ tone: 'error', text: t('mission.exportFailed', { message: result.message }) });
            else if ('fileName' in result) setMessage({ tone: 'success', text: t('mission.exported', { file: result.fileName }) });
          });
        }}
      >
        {busy ? t('mission.exporting') : t('mission.export')}
      </button>
      {message ? (
        <p className={`small ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
