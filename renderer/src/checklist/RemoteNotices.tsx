import { useTranslation } from 'react-i18next';
import type { JsonValue } from '../../../shared/schemas/change';
import type { Template } from '../../../shared/schemas/template';
import type { MissionData } from '../mission/use-mission';
import type { FormNotice } from './finding-form-sync';

/** One notice per field: a newer notice about the same field replaces the older one. */
export function mergeNotices(current: readonly FormNotice[], added: readonly FormNotice[]): FormNotice[] {
  const paths = new Set(added.map((notice) => notice.path));
  return [...current.filter((notice) => !paths.has(notice.path)), ...added];
}

/**
 * What changed elsewhere in a field being edited, with both values, so nothing is replaced
 * silently: the user's kept value, another member's later value, or both texts of a conflict.
 */
export function RemoteNotices({
  notices,
  data,
  onDismiss,
  fieldLabel,
}: {
  notices: readonly FormNotice[];
  data: MissionData & { template: Template };
  onDismiss: (path: string) => void;
  /** Names of the form's own fields, where they differ from the finding form's. */
  fieldLabel?: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  const who = (member: string | null): string => data.members.find((item) => item.id === member)?.name ?? t('finding.remote.someone');
  const fieldName = (path: string): string => {
    const own = fieldLabel?.(path);
    if (own) return own;
    const [head, , field] = path.split('.');
    if (head === 'statistics' && field) return t(`finding.statistics.${field}`);
    if (head === 'siteIds') return t('finding.sites');
    if (head === 'flags') return t('finding.flags.title');
    if (head === 'sources') return t('finding.sources.title');
    if (head === 'answers') return t('finding.remote.answers');
    return t(`finding.${head ?? 'narrative'}`);
  };
  const shown = (path: string, value: JsonValue): string => {
    if (path === 'rating') return data.template.scale.levels.find((level) => level.id === value)?.label ?? t('finding.noRating');
    if (path === 'siteIds' && Array.isArray(value)) return value.map((id) => data.sites.find((site) => site.id === id)?.name ?? String(id)).join(', ') || '—';
    if (path === 'flags' && value && typeof value === 'object' && !Array.isArray(value)) {
      const set = Object.entries(value).filter(([, on]) => on === true).map(([flag]) => t(`finding.flags.${flag}`));
      return set.join(', ') || '—';
    }
    if (typeof value === 'string') return value || '—';
    return JSON.stringify(value);
  };
  return (
    <div className="remote-notices" data-testid="remote-notices">
      {notices.map((notice) => (
        <div key={notice.path} className="notice warning" role="status" data-testid="remote-notice">
          {notice.kind === 'kept-mine' ? (
            <p>{t('finding.remote.keptMine', { who: who(notice.member), field: fieldName(notice.path).toLocaleLowerCase(), theirs: shown(notice.path, notice.theirs), mine: shown(notice.path, notice.mine) })}</p>
          ) : null}
          {notice.kind === 'replaced' ? (
            <p>{t('finding.remote.replaced', { who: who(notice.member), field: fieldName(notice.path).toLocaleLowerCase(), theirs: shown(notice.path, notice.theirs), mine: shown(notice.path, notice.mine) })}</p>
          ) : null}
          {notice.kind === 'conflict' ? (
            <>
              <p>{t('finding.remote.conflict', { field: fieldName(notice.path).toLocaleLowerCase() })}</p>
              {notice.versions.map((version, index) => (
                <blockquote key={index} className="conflict-version">
                  {version}
                </blockquote>
              ))}
            </>
          ) : null}
          {notice.kind === 'statistic-kept' ? <p>{t('finding.remote.statisticKept', { label: notice.label || t('sites.unnamed') })}</p> : null}
          <button type="button" className="button small" onClick={() => onDismiss(notice.path)}>
            {t('finding.remote.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
