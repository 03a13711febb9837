import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flattenTemplate } from '../../../shared/checklist-filter';
import { recommendationWarnings } from '../../../shared/recommendation-warnings';
import { numberRecommendations } from '../../../shared/report/recommendation-numbering';
import type { Recommendation } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import { useMissionAssessments, useMissionRecommendations } from '../db/read-hooks';
import { missionHref } from '../app/router';
import type { MissionData } from '../mission/use-mission';
import { RecommendationEditor } from './RecommendationEditor';
import { NewRecommendationForm } from './NewRecommendationForm';
import { withoutConflicts } from '../db/read-models';

type Data = MissionData & { template: Template };

/** The lead's recommendations, grouped and numbered exactly as the report will print them. */
export function RecommendationsScreen({ data }: { data: Data }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const missionId = data.mission.id;
  const [adding, setAdding] = useState(false);
  const recommendationRows = useMissionRecommendations(missionId);
  const assessmentRows = useMissionAssessments(missionId);
  const rows = recommendationRows && assessmentRows ? { recommendations: recommendationRows, assessments: assessmentRows } : undefined;
  const entries = useMemo(() => flattenTemplate(data.template), [data.template]);
  const byId = useMemo(() => new Map(entries.map((entry) => [entry.requirementId, entry])), [entries]);
  if (!rows) return null;
  const { recommendations, assessments } = rows;
  const numbering = numberRecommendations(data.template, recommendations);
  const warnings = recommendationWarnings(data.template, assessments, recommendations);
  const isLead = data.me?.role === 'lead';
  const areas = data.template.blocks.flatMap((block) => block.areas);

  /** Moves a recommendation one place within its area by renumbering the area's `order`s. */
  const move = async (areaId: string, id: string, offset: -1 | 1): Promise<void> => {
    const inArea = (numbering.byArea.get(areaId) ?? []).map((item) => item.recommendation);
    const index = inArea.findIndex((item) => item.id === id);
    const target = index + offset;
    if (index < 0 || target < 0 || target >= inArea.length) return;
    const reordered = [...inArea];
    const [moved] = reordered.splice(index, 1);
    if (!moved) return;
    reordered.splice(target, 0, moved);
    await repository.commit({
      saves: reordered.map((item, order): { entity: 'recommendation'; value: Recommendation } => ({ entity: 'recommendation', value: { ...withoutConflicts(item), order } })),
    });
  };

  return (
    <section aria-labelledby="recommendations-heading" className="recommendations">
      <div className="screen-header">
        <h2 id="recommendations-heading">{t('recommendations.title', { count: recommendations.length })}</h2>
        {isLead ? (
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            {t('recommendations.add')}
          </button>
        ) : null}
      </div>
      {!isLead ? <p className="muted">{t('recommendations.leadOnly')}</p> : null}
      {warnings.notFulfilledWithoutRecommendation.length > 0 || warnings.linkedOnlyToFulfilled.length > 0 || warnings.linkedToUnassessed.length > 0 ? (
        <div className="notice warning-notice" role="region" aria-label={t('recommendations.warnings')} data-testid="recommendation-warnings">
          <h3 className="small-heading">{t('recommendations.warnings')}</h3>
          <ul>
            {warnings.notFulfilledWithoutRecommendation.map((id) => (
              <li key={id}>
                {t('recommendations.warnNoRecommendation', { requirement: label(byId.get(id)) })}{' '}
                <a href={missionHref(missionId, 'assessment', id)}>{t('recommendations.openAssessment')}</a>
              </li>
            ))}
            {warnings.linkedOnlyToFulfilled.map((id) => {
              const number = numbering.ordered.find((item) => item.recommendation.id === id)?.number;
              return <li key={id}>{t('recommendations.warnOnlyFulfilled', { number })}</li>;
            })}
            {warnings.linkedToUnassessed.map((id) => {
              const number = numbering.ordered.find((item) => item.recommendation.id === id)?.number;
              return <li key={`unassessed-${id}`}>{t('recommendations.warnUnassessed', { number })}</li>;
            })}
          </ul>
        </div>
      ) : null}
      {adding ? <NewRecommendationForm data={data} entries={entries} existing={recommendations} onDone={() => setAdding(false)} /> : null}
      {recommendations.length === 0 ? <p className="empty">{t('recommendations.empty')}</p> : null}
      {areas.map((area) => {
        const items = numbering.byArea.get(area.id) ?? [];
        if (items.length === 0) return null;
        return (
          <section key={area.id} className="panel" aria-labelledby={`rec-area-${area.id}`}>
            <h3 id={`rec-area-${area.id}`}>{area.title}</h3>
            <ol className="recommendation-list">
              {items.map((item, index) => (
                <li key={item.recommendation.id} data-testid="recommendation">
                  <RecommendationEditor
                    entries={entries}
                    number={item.number}
                    recommendation={withoutConflicts(item.recommendation)}
                    readOnly={!isLead}
                    canMoveUp={index > 0}
                    canMoveDown={index < items.length - 1}
                    onMove={(offset) => void move(area.id, item.recommendation.id, offset)}
                  />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      {numbering.unplaced.length > 0 ? (
        <section className="panel">
          <h3>{t('recommendations.unplaced')}</h3>
          <ol className="recommendation-list">
            {numbering.unplaced.map((item) => (
              <li key={item.recommendation.id} data-testid="recommendation">
                <RecommendationEditor entries={entries} number={item.number} recommendation={withoutConflicts(item.recommendation)} readOnly={!isLead} canMoveUp={false} canMoveDown={false} onMove={() => undefined} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}

function label(entry: { areaTitle: string; number: string; text: string } | undefined): string {
  return entry ? `${entry.areaTitle} ${entry.number} — ${entry.text}` : '?';
}
