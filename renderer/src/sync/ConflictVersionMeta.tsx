import { useTranslation } from 'react-i18next';
import { deviceLabel, memberLabel, versionTime } from '../../../shared/sync/open-conflicts';
import type { ConflictVersion } from '../../../shared/sync/sync-types';

interface Props {
  version: ConflictVersion;
  /** Member names by id. */
  members: ReadonlyMap<string, string>;
  /** Device names by id. */
  devices: ReadonlyMap<string, string>;
  /** This is the version the record (and a report) shows until the conflict is resolved. */
  later: boolean;
}

/** Who wrote one version of a conflicting text, on which device, when — and whether it is the later one. */
export function ConflictVersionMeta({ version, members, devices, later }: Props) {
  const { t, i18n } = useTranslation();
  const member = memberLabel(version.member, members) ?? t('dashboard.unknownMember');
  const millis = versionTime(version);
  const time = millis === null ? null : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(millis));
  return (
    <p className="conflict-meta small" data-testid="conflict-version-meta">
      <strong>{member}</strong>
      <span className="muted"> · {t('conflicts.onDevice', { device: deviceLabel(version.device, devices) })}</span>
      {time ? (
        <span className="muted">
          {' · '}
          <time dateTime={new Date(millis ?? 0).toISOString()}>{time}</time>
        </span>
      ) : null}{' '}
      <span className={later ? 'badge' : 'badge muted-badge'}>{later ? t('conflicts.later') : t('conflicts.earlier')}</span>
    </p>
  );
}
