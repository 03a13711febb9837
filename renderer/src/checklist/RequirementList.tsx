import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { ChecklistEntry } from '../../../shared/checklist-filter';
import type { RequirementStatus } from '../../../shared/requirement-status';
import type { RatingLevel } from '../../../shared/schemas/template';
import { missionHref } from '../app/router';
import { Rating } from '../rating/Rating';
import { findLevel } from '../rating/rating-look';

type Row =
  | { kind: 'block'; key: string; title: string }
  | { kind: 'area'; key: string; title: string }
  | { kind: 'requirement'; key: string; entry: ChecklistEntry; position: number };

interface Props {
  missionId: string;
  entries: readonly ChecklistEntry[];
  statuses: ReadonlyMap<string, RequirementStatus>;
  levels: readonly RatingLevel[];
  selectedId: string | null;
  teamSize: number;
  tab?: 'checklist' | 'assessment';
}

/**
 * The requirement navigator. Virtualised: only the rows in view are in the DOM, so a
 * 1,000-requirement template scrolls as smoothly as the 95 of the roadmap.
 */
export function RequirementList({ missionId, entries, statuses, levels, selectedId, teamSize, tab = 'checklist' }: Props) {
  const { t } = useTranslation();
  const parentRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => buildRows(entries), [entries]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'requirement' ? 64 : 34),
    overscan: 8,
  });
  const selectedIndex = rows.findIndex((row) => row.kind === 'requirement' && row.entry.requirementId === selectedId);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div ref={parentRef} className="requirement-list" tabIndex={-1} aria-label={t('checklist.listLabel')} role="region">
      <ul style={{ height: virtualizer.getTotalSize(), position: 'relative' }} aria-label={t('checklist.listLabel')}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const style = { position: 'absolute' as const, top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` };
          if (row.kind !== 'requirement') {
            return (
              <li key={row.key} ref={virtualizer.measureElement} data-index={item.index} style={style} className={`list-heading ${row.kind}`}>
                {row.title}
              </li>
            );
          }
          const status = statuses.get(row.entry.requirementId);
          const selected = row.entry.requirementId === selectedId;
          return (
            <li key={row.key} ref={virtualizer.measureElement} data-index={item.index} style={style}>
              <a
                href={missionHref(missionId, tab, row.entry.requirementId)}
                className={`requirement-link${selected ? ' selected' : ''}`}
                aria-current={selected ? 'true' : undefined}
                data-testid="checklist-requirement"
                data-requirement-id={row.entry.requirementId}
              >
                <span className="req-number">{row.entry.number}</span>
                <span className="req-text">{row.entry.text}</span>
                <span className="req-status">
                  <StatusBadge status={status} level={findLevel(levels, status?.myRating)} tab={tab} />
                  <span className="team-count" title={t('checklist.teamRatedTitle')}>
                    {t('checklist.teamRated', { rated: status?.teamRated ?? 0, total: teamSize })}
                  </span>
                  {status?.flagged ? <span className="flag">{t('checklist.flagged')}</span> : null}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A draft is work in progress, not a rating; everything else is shown as the rating it is (or is not yet). */
function StatusBadge({ status, level, tab }: { status: RequirementStatus | undefined; level: RatingLevel | undefined; tab: 'checklist' | 'assessment' }) {
  const { t } = useTranslation();
  const mine = status?.mine ?? 'not-started';
  const text = tab === 'assessment' ? t(`assessment.status.${mine}`) : t(`checklist.status.${mine}`);
  if (mine === 'draft') return <span className="status draft">{text}</span>;
  return <Rating level={mine === 'rated' ? level : undefined} emptyLabel={text} />;
}

function buildRows(entries: readonly ChecklistEntry[]): Row[] {
  const rows: Row[] = [];
  let block = '';
  let area = '';
  entries.forEach((entry, position) => {
    if (entry.blockId !== block) {
      block = entry.blockId;
      area = '';
      rows.push({ kind: 'block', key: `b:${entry.blockId}`, title: entry.blockTitle });
    }
    if (entry.areaId !== area) {
      area = entry.areaId;
      if (entry.areaTitle !== entry.blockTitle) rows.push({ kind: 'area', key: `a:${entry.areaId}`, title: entry.areaTitle });
    }
    rows.push({ kind: 'requirement', key: entry.requirementId, entry, position });
  });
  return rows;
}
