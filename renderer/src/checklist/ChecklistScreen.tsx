import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_QUERY, filterChecklist, flattenTemplate, type ChecklistQuery, type StatusFilter } from '../../../shared/checklist-filter';
import { groupByRequirement, requirementStatus, type RequirementStatus } from '../../../shared/requirement-status';
import type { Template } from '../../../shared/schemas/template';
import { missionHref } from '../app/router';
import type { MissionData } from '../mission/use-mission';
import { IdentityPicker } from '../mission/IdentityPicker';
import { RequirementList } from './RequirementList';
import { RequirementDetail } from './RequirementDetail';
import { AssessmentDetail } from '../assessment/AssessmentDetail';
import { useDraftSubjects, useMissionAssessments, useMissionFindingsThrottled } from '../db/read-hooks';
import type { LiveFinding } from '../db/read-models';

type Data = MissionData & { template: Template };

/** The assessment pseudo-author: in the lead's view, "mine" means the team's assessment. */
const ASSESSMENT_AUTHOR = '(assessment)';

/**
 * One navigator, two workspaces: the expert's checklist (my findings) and the lead's
 * assessment view (the team's consolidated assessment), with the same search, filters and
 * shortcuts.
 */
export function ChecklistScreen({ data, requirementId, mode = 'checklist' }: { data: Data; requirementId?: string | undefined; mode?: 'checklist' | 'assessment' }) {
  const { t } = useTranslation();
  const missionId = data.mission.id;
  const lead = mode === 'assessment';
  const me = lead ? ASSESSMENT_AUTHOR : (data.me?.id ?? null);
  const [query, setQuery] = useState<ChecklistQuery>(EMPTY_QUERY);
  const searchRef = useRef<HTMLInputElement>(null);

  const entries = useMemo(() => flattenTemplate(data.template), [data.template]);
  // Every finding of the mission, for statuses and filters: re-read when the writes pause, not
  // after each autosave while someone types.
  const findings = useMissionFindingsThrottled(missionId);
  const myDrafts = useDraftSubjects(missionId, 'finding', me);
  const assessments = useMissionAssessments(missionId, lead);
  const findingsByRequirement = useMemo(() => groupByRequirement(findings ?? []), [findings]);
  // In the lead's view each assessment joins its requirement's group as the "mine" entry.
  const byRequirement = useMemo(() => {
    if (!lead) return findingsByRequirement;
    const merged = new Map(findingsByRequirement);
    for (const assessment of assessments ?? []) {
      const pseudo = { ...assessment, authorId: ASSESSMENT_AUTHOR, siteIds: [], flags: { goodPractice: false, seriousDeficiency: false } };
      merged.set(assessment.requirementId, [...(merged.get(assessment.requirementId) ?? []), pseudo as unknown as LiveFinding]);
    }
    return merged;
  }, [lead, findingsByRequirement, assessments]);
  const statuses = useMemo(() => {
    const map = new Map<string, RequirementStatus>();
    for (const entry of entries) {
      const status = requirementStatus(byRequirement.get(entry.requirementId) ?? [], me, myDrafts?.has(entry.requirementId) ?? false);
      // The team count is about the experts' findings only.
      const team = requirementStatus(findingsByRequirement.get(entry.requirementId) ?? [], null);
      map.set(entry.requirementId, { ...status, teamRated: team.teamRated, teamFindings: team.teamFindings, flagged: team.flagged });
    }
    return map;
  }, [entries, byRequirement, findingsByRequirement, me, myDrafts]);
  const visible = useMemo(() => filterChecklist(entries, byRequirement, me, query), [entries, byRequirement, me, query]);

  const selected = entries.find((entry) => entry.requirementId === requirementId) ?? visible[0] ?? entries[0] ?? null;

  const go = useCallback(
    (offset: number) => {
      const list = visible.length > 0 ? visible : entries;
      const index = list.findIndex((entry) => entry.requirementId === selected?.requirementId);
      const next = list[Math.min(list.length - 1, Math.max(0, index + offset))];
      if (next) window.location.hash = missionHref(missionId, mode, next.requirementId);
    },
    [visible, entries, selected, missionId, mode],
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
          <label htmlFor="checklist-search">{t(lead ? 'assessment.search' : 'checklist.search')}</label>
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
              <option value="unrated">{t(lead ? 'assessment.filters.unassessed' : 'checklist.filters.unrated')}</option>
              <option value="rated">{t(lead ? 'assessment.filters.assessed' : 'checklist.filters.rated')}</option>
              {data.template.scale.levels.map((level) => (
                <option key={level.id} value={`rated:${level.id}`}>
                  {t(lead ? 'assessment.filters.assessedAs' : 'checklist.filters.ratedAs', { level: level.label })}
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
          tab={mode}
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
        {selected && lead ? (
          <AssessmentDetail key={`${selected.requirementId}:${data.me?.id ?? ''}`} data={data} entry={selected} findings={findingsByRequirement.get(selected.requirementId) ?? []} />
        ) : selected ? (
          <RequirementDetail key={`${selected.requirementId}:${me ?? ''}`} data={data} entry={selected} findings={findingsByRequirement.get(selected.requirementId) ?? []} />
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
