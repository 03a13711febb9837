import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { EMPTY_QUERY, filterChecklist, flattenTemplate, type ChecklistQuery, type StatusFilter } from '../../../shared/checklist-filter';
import { groupByRequirement, requirementStatus, type RequirementStatus } from '../../../shared/requirement-status';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import { missionHref } from '../app/router';
import type { MissionData } from '../mission/use-mission';
import { IdentityPicker } from '../mission/IdentityPicker';
import { RequirementList } from './RequirementList';
import { RequirementDetail } from './RequirementDetail';

type Data = MissionData & { template: Template };

export function ChecklistScreen({ data, requirementId }: { data: Data; requirementId?: string | undefined }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const missionId = data.mission.id;
  const me = data.me?.id ?? null;
  const [query, setQuery] = useState<ChecklistQuery>(EMPTY_QUERY);
  const searchRef = useRef<HTMLInputElement>(null);

  const entries = useMemo(() => flattenTemplate(data.template), [data.template]);
  const findings = useLiveQuery(
    () => db.findings.where('missionId').equals(missionId).filter((finding) => !finding._deleted).toArray(),
    [db, missionId],
  );
  const myDrafts = useLiveQuery(
    async () => new Set((await db.drafts.where('missionId').equals(missionId).toArray()).filter((d) => d.kind === 'finding' && d.memberId === me).map((d) => d.subjectId)),
    [db, missionId, me],
  );
  const byRequirement = useMemo(() => groupByRequirement(findings ?? []), [findings]);
  const statuses = useMemo(() => {
    const map = new Map<string, RequirementStatus>();
    for (const entry of entries) {
      map.set(entry.requirementId, requirementStatus(byRequirement.get(entry.requirementId) ?? [], me, myDrafts?.has(entry.requirementId) ?? false));
    }
    return map;
  }, [entries, byRequirement, me, myDrafts]);
  const visible = useMemo(() => filterChecklist(entries, byRequirement, me, query), [entries, byRequirement, me, query]);

  const selected = entries.find((entry) => entry.requirementId === requirementId) ?? visible[0] ?? entries[0] ?? null;

  const go = useCallback(
    (offset: number) => {
      const list = visible.length > 0 ? visible : entries;
      const index = list.findIndex((entry) => entry.requirementId === selected?.requirementId);
      const next = list[Math.min(list.length - 1, Math.max(0, index + offset))];
      if (next) window.location.hash = missionHref(missionId, 'checklist', next.requirementId);
    },
    [visible, entries, selected, missionId],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.altKey && event.key === 'ArrowDown') {
        event.preventDefault();
        go(1);
      } else if (event.altKey && event.key === 'ArrowUp') {
        event.preventDefault();
        go(-1);
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === '/' && !isTyping(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  return (
    <div className="checklist">
      <aside className="checklist-nav" aria-label={t('checklist.navigator')}>
        <div className="field">
          <label htmlFor="checklist-search">{t('checklist.search')}</label>
          <input
            id="checklist-search"
            ref={searchRef}
            type="search"
            value={query.text}
            placeholder={t('checklist.searchPlaceholder')}
            aria-keyshortcuts="Control+K /"
            onChange={(event) => setQuery({ ...query, text: event.target.value })}
          />
        </div>
        <div className="field-row compact">
          <div className="field">
            <label htmlFor="checklist-status">{t('checklist.filterStatus')}</label>
            <select id="checklist-status" value={statusKey(query.status)} onChange={(event) => setQuery({ ...query, status: parseStatusKey(event.target.value) })}>
              <option value="all">{t('checklist.filters.all')}</option>
              <option value="unrated">{t('checklist.filters.unrated')}</option>
              <option value="rated">{t('checklist.filters.rated')}</option>
              {data.template.scale.levels.map((level) => (
                <option key={level.id} value={`rated:${level.id}`}>
                  {t('checklist.filters.ratedAs', { level: level.label })}
                </option>
              ))}
              <option value="flagged">{t('checklist.filters.flagged')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="checklist-site">{t('checklist.filterSite')}</label>
            <select id="checklist-site" value={query.siteId ?? ''} onChange={(event) => setQuery({ ...query, siteId: event.target.value || null })}>
              <option value="">{t('checklist.filters.anySite')}</option>
              {data.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small" role="status" data-testid="checklist-count">
          {t('checklist.showing', { shown: visible.length, total: entries.length })}
        </p>
        <RequirementList
          missionId={missionId}
          entries={visible}
          statuses={statuses}
          levels={data.template.scale.levels}
          selectedId={selected?.requirementId ?? null}
          teamSize={data.members.length}
        />
        <p className="muted small shortcuts">{t('checklist.shortcuts')}</p>
      </aside>
      <div className="checklist-detail">
        {!data.me ? (
          <div className="panel">
            <p>{t('checklist.chooseIdentity')}</p>
            <IdentityPicker data={data} />
          </div>
        ) : null}
        {selected ? (
          <RequirementDetail key={`${selected.requirementId}:${me ?? ''}`} data={data} entry={selected} findings={byRequirement.get(selected.requirementId) ?? []} />
        ) : (
          <p className="empty">{t('checklist.nothing')}</p>
        )}
      </div>
    </div>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function statusKey(filter: StatusFilter): string {
  if (filter.kind === 'rated') return filter.level ? `rated:${filter.level}` : 'rated';
  return filter.kind;
}

function parseStatusKey(key: string): StatusFilter {
  if (key === 'unrated' || key === 'flagged' || key === 'all') return { kind: key };
  if (key === 'rated') return { kind: 'rated', level: null };
  if (key.startsWith('rated:')) return { kind: 'rated', level: key.slice('rated:'.length) };
  return { kind: 'all' };
}
