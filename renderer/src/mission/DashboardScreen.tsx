import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import { useMissionAssessments, useMissionFindings, useOpenConflicts } from '../db/read-hooks';
import { ChangeHistory } from '../history/ChangeHistory';
import { missionHref } from '../app/router';
import type { MissionData } from './use-mission';
import { areaProgress } from './dashboard-model';
import { flattenTemplate } from '../../../shared/checklist-filter';
import { RatingBar, RatingLegend } from '../rating/RatingBar';

type Data = MissionData & { template: Template };

export function DashboardScreen({ data }: { data: Data }) {
  const { t } = useTranslation();
  const missionId = data.mission.id;
  const findings = useMissionFindings(missionId);
  const assessments = useMissionAssessments(missionId);
  const assessed = useMemo(() => (assessments ? new Set(assessments.filter((row) => row.rating !== null).map((row) => row.requirementId)) : undefined), [assessments]);
  const conflicts = useOpenConflicts(missionId);
  const progress = useMemo(() => areaProgress(data.template, findings ?? [], data.me?.id ?? null, assessments ?? []), [data.template, findings, data.me, assessments]);
  const levels = data.template.scale.levels;
  const totals = progress.reduce(
    (sum, row) => ({ total: sum.total + row.total, me: sum.me + row.ratedByMe, team: sum.team + row.ratedByTeam }),
    { total: 0, me: 0, team: 0 },
  );

  return (
    <div className="dashboard">
      <section aria-labelledby="progress-heading" className="panel">
        <h2 id="progress-heading">{t('dashboard.progress')}</h2>
        <p data-testid="mission-summary">
          {t('mission.summary', { requirements: totals.total, areas: progress.length, blocks: data.template.blocks.length })}
        </p>
        {/* Counted once the findings are loaded: "0 rated" while loading would be a false alarm. */}
        {findings ? (
          <p data-testid="dashboard-totals">
            {t('dashboard.totals', { total: totals.total, me: totals.me, team: totals.team })}
          </p>
        ) : null}
        <RatingLegend levels={levels} />
        <table className="data-table progress-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.area')}</th>
              <th scope="col">{t('dashboard.requirements')}</th>
              <th scope="col">{t('dashboard.ratedByMe')}</th>
              <th scope="col">{t('dashboard.ratedByTeam')}</th>
              <th scope="col">{t('dashboard.distribution')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.map((row, index) => {
              const newBlock = index === 0 || progress[index - 1]?.blockId !== row.blockId;
              return (
                <tr key={row.areaId} data-testid="progress-row" className={newBlock ? 'block-start' : undefined}>
                  <th scope="row">
                    {newBlock && row.blockTitle !== row.areaTitle ? <span className="muted small block-label">{row.blockTitle}</span> : null}
                    {row.areaTitle}
                  </th>
                  <td>{row.total}</td>
                  <td>{t('dashboard.fraction', { done: row.ratedByMe, total: row.total })}</td>
                  <td>{t('dashboard.fraction', { done: row.ratedByTeam, total: row.total })}</td>
                  <td>
                    <RatingBar levels={levels} standing={row.standing} total={row.total} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {conflicts && conflicts.length > 0 ? (
        <section aria-labelledby="open-conflicts-heading" className="panel notice warning" data-testid="dashboard-conflicts">
          <h2 id="open-conflicts-heading">{t('conflicts.open', { count: conflicts.length })}</h2>
          <p>
            {t('conflicts.dashboardHint')} <a href={`${missionHref(missionId, 'sync')}`}>{t('conflicts.openView')}</a>
          </p>
        </section>
      ) : null}
      <UnassessedPanel data={data} assessed={assessed} />
      <div className="dashboard-columns">
        <section aria-labelledby="sites-visited-heading" className="panel">
          <h2 id="sites-visited-heading">{t('dashboard.sitesVisited', { count: data.sites.length })}</h2>
          {data.sites.length === 0 ? (
            <p className="muted">
              {t('sites.empty')} <a href={missionHref(missionId, 'sites')}>{t('sites.add')}</a>
            </p>
          ) : (
            <ul className="plain-list">
              {data.sites.map((site) => (
                <li key={site.id}>
                  <strong>{site.name}</strong> <span className="muted small">{site.date} · {t(`sites.types.${site.type}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="latest-heading" className="panel">
          <h2 id="latest-heading">{t('dashboard.latest')}</h2>
          <ChangeHistory data={data} />
        </section>
      </div>
    </div>
  );
}

/** The lead's to-do list: requirements with no consolidated rating yet. */
function UnassessedPanel({ data, assessed }: { data: Data; assessed: ReadonlySet<string> | undefined }) {
  const { t } = useTranslation();
  if (!assessed) return null;
  const missing = flattenTemplate(data.template).filter((entry) => !assessed.has(entry.requirementId));
  return (
    <section aria-labelledby="unassessed-heading" className="panel">
      <h2 id="unassessed-heading">{t('dashboard.unassessed', { count: missing.length })}</h2>
      {missing.length === 0 ? (
        <p className="success">{t('dashboard.allAssessed')}</p>
      ) : (
        <ul className="plain-list unassessed-list" data-testid="unassessed">
          {missing.slice(0, 30).map((entry) => (
            <li key={entry.requirementId}>
              <a href={missionHref(data.mission.id, 'assessment', entry.requirementId)}>
                {entry.areaTitle} {entry.number}
              </a>{' '}
              <span className="muted small">{entry.text}</span>
            </li>
          ))}
          {missing.length > 30 ? <li className="muted">{t('dashboard.andMore', { count: missing.length - 30 })}</li> : null}
        </ul>
      )}
    </section>
  );
}
