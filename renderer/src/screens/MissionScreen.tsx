import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { countRequirements } from '../../../shared/template-outline';
import { useServices } from '../app/services';
import { routeHref } from '../app/router';
import { getMission, getTemplate } from '../db/queries';

export function MissionScreen({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const data = useLiveQuery(async () => {
    const mission = await getMission(db, missionId);
    const template = mission ? await getTemplate(db, mission.templateId, mission.templateVersion) : null;
    return { mission, template };
  }, [db, missionId]);

  if (!data) return null;
  const { mission, template } = data;
  if (!mission) {
    return (
      <section>
        <p className="error">{t('mission.notFound')}</p>
        <a href={routeHref({ name: 'missions' })}>{t('mission.back')}</a>
      </section>
    );
  }
  const outline = template?.template;
  const areaCount = outline?.blocks.reduce((sum, block) => sum + block.areas.length, 0) ?? 0;

  return (
    <section aria-labelledby="mission-heading">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={routeHref({ name: 'missions' })}>{t('mission.back')}</a>
      </nav>
      <h1 id="mission-heading">{mission.title}</h1>
      <dl className="facts">
        <div>
          <dt>{t('mission.territory')}</dt>
          <dd>{mission.territory.name}</dd>
        </div>
        <div>
          <dt>{t('mission.dates')}</dt>
          <dd>{t('missions.dates', { start: mission.startDate, end: mission.endDate })}</dd>
        </div>
        <div>
          <dt>{t('mission.framework')}</dt>
          <dd>{mission.framework}</dd>
        </div>
        <div>
          <dt>{t('mission.template')}</dt>
          <dd>{outline ? t('mission.templateVersion', { title: outline.title, version: outline.version }) : '—'}</dd>
        </div>
        {mission.classification ? (
          <div>
            <dt>{t('mission.classification')}</dt>
            <dd>{mission.classification}</dd>
          </div>
        ) : null}
      </dl>
      {!outline ? (
        <p className="error" role="alert">
          {t('mission.templateMissing', { id: mission.templateId, version: mission.templateVersion })}
        </p>
      ) : (
        <>
          <h2>{t('mission.outline')}</h2>
          <p data-testid="mission-summary">
            {t('mission.summary', { requirements: countRequirements(outline), areas: areaCount, blocks: outline.blocks.length })}
          </p>
          {outline.blocks.map((block) => (
            <section key={block.id} className="block" aria-labelledby={`block-${block.id}`} data-testid="block">
              <h3 id={`block-${block.id}`}>{block.title}</h3>
              {block.areas.map((area) => (
                <details key={area.id} className="area" data-testid="area" open={block.areas.length === 1}>
                  <summary>
                    <span className="area-title">{area.title}</span>{' '}
                    <span className="count">{t('mission.areaCount', { count: area.requirements.length })}</span>
                  </summary>
                  <ol className="requirements">
                    {area.requirements.map((requirement) => (
                      <li key={requirement.id} data-testid="requirement" value={Number(requirement.number) || undefined}>
                        {requirement.text}
                        {requirement.paraphrased ? (
                          <span className="tag" title={t('mission.paraphrasedHint')}>
                            {' '}
                            {t('mission.paraphrased')}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </details>
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
