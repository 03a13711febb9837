import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { historyLines } from '../../../shared/history/history-lines';
import type { Template } from '../../../shared/schemas/template';
import { deviceLabel } from '../../../shared/sync/open-conflicts';
import { useChangeHistory, useDeviceNames } from '../db/read-hooks';
import type { MissionData } from '../mission/use-mission';
import { historyNames } from './history-names';
import { renderPhrase } from './render-phrase';

type Data = MissionData & { template: Template };

/** The member filter's value for changes signed by nobody (member ids never start with "#"). */
const UNSIGNED = '#unsigned';

/**
 * The change history in words, newest first, filterable by member and device: the lead's audit
 * trail of the mission (or of one requirement), and what the dashboard shows as latest changes.
 */
export function ChangeHistory({ data, requirementId, pageSize = 15 }: { data: Data; requirementId?: string; pageSize?: number }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [member, setMember] = useState('');
  const [device, setDevice] = useState('');
  const [limit, setLimit] = useState(pageSize);
  const page = useChangeHistory(data.mission.id, {
    limit,
    memberId: member === '' ? undefined : member === UNSIGNED ? null : member,
    deviceId: device === '' ? undefined : device,
    requirementId,
  });
  const devices = useDeviceNames();
  const lines = useMemo(
    () => (page ? historyLines(page.changes, page.related, historyNames(data.template, data.members, data.sites, page.subjects)) : undefined),
    [page, data.template, data.members, data.sites],
  );
  const deviceIds = useMemo(() => [...new Set([...devices.keys(), ...(page?.changes ?? []).map((change) => change.device), ...(device ? [device] : [])])], [devices, page, device]);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const filtered = member !== '' || device !== '';

  return (
    <div className="change-history">
      <div className="field-row compact" role="group" aria-label={t('history.view.filters')}>
        <div className="field">
          <label htmlFor={`${id}-member`}>{t('history.view.member')}</label>
          <select id={`${id}-member`} value={member} onChange={(event) => { setMember(event.target.value); setLimit(pageSize); }}>
            <option value="">{t('history.view.allMembers')}</option>
            {data.members.map((item) => (
              <option key={item.id} value={item.id}>{item.name}</option>
            ))}
            <option value={UNSIGNED}>{t('history.view.unsigned')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-device`}>{t('history.view.device')}</label>
          <select id={`${id}-device`} value={device} onChange={(event) => { setDevice(event.target.value); setLimit(pageSize); }}>
            <option value="">{t('history.view.allDevices')}</option>
            {deviceIds.map((deviceId) => (
              <option key={deviceId} value={deviceId}>{deviceLabel(deviceId, devices)}</option>
            ))}
          </select>
        </div>
      </div>
      {lines === undefined ? null : lines.length === 0 ? (
        <p className="muted">{t(filtered ? 'history.view.emptyFiltered' : 'dashboard.noChanges')}</p>
      ) : (
        <ol className="plain-list history-list" data-testid="latest-changes">
          {lines.map((line) => (
            <li key={line.hlc} data-testid="history-line">
              <span className="history-sentence">{renderPhrase(t, i18n.language, line.sentence)}</span>
              {line.edits > 1 ? <span className="muted small"> ({t('history.view.edits', { count: line.edits })})</span> : null}
              <br />
              <span className="muted small">
                <time dateTime={new Date(line.millis).toISOString()}>{time.format(new Date(line.millis))}</time> · {t('dashboard.onDevice', { device: deviceLabel(line.device, devices) })}
              </span>
            </li>
          ))}
        </ol>
      )}
      {page?.hasMore ? (
        <button type="button" className="button small" onClick={() => setLimit(limit + pageSize)}>
          {t('history.view.showMore')}
        </button>
      ) : null}
    </div>
  );
}
