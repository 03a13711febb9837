import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { planTemplateUpgrade } from '../../../shared/template-upgrade';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import { liveFindings } from '../db/mission-findings';
import type { MissionRow } from '../db/database';

/** Offers a newer installed version of the mission's template; never switches on its own. */
export function TemplateUpgradeBanner({ mission, template }: { mission: MissionRow; template: Template }) {
  const { t } = useTranslation();
  const { db, repository } = useServices();
  const [message, setMessage] = useState<string | null>(null);
  const offer = useLiveQuery(async () => {
    const versions = (await db.templates.where('id').equals(mission.templateId).toArray()).filter((row) => row.version > mission.templateVersion);
    const newest = versions.sort((a, b) => b.version - a.version)[0];
    if (!newest) return null;
    const findings = await liveFindings(db, mission.id);
    const assessed = (await db.assessments.where('missionId').equals(mission.id).toArray()).filter((row) => !row._deleted).map((row) => row.requirementId);
    return { newest, plan: planTemplateUpgrade(template, newest.template, findings, assessed) };
  }, [db, mission.id, mission.templateId, mission.templateVersion, template]);
  if (!offer) return message ? <p className="notice success" role="status">{message}</p> : null;
  const { newest, plan } = offer;

  return (
    <div className="notice upgrade" role="region" aria-label={t('upgrade.label')} data-testid="template-upgrade">
      <p>{t('upgrade.available', { title: newest.title, version: newest.version, current: mission.templateVersion })}</p>
      <ul>
        <li>{t('upgrade.added', { count: plan.addedQuestions })}</li>
        <li>{t('upgrade.archived', { count: plan.archivedAnswers })}</li>
        {plan.missingRequirements.length > 0 ? <li className="error">{t('upgrade.missing', { ids: plan.missingRequirements.join(', ') })}</li> : null}
      </ul>
      <button
        type="button"
        className="button primary small"
        disabled={!plan.canUpgrade}
        onClick={() => {
          void repository.upgradeMissionTemplate(mission.id, newest.version).then((result) => {
            setMessage(result.ok ? t('upgrade.done', { version: newest.version }) : result.error.message);
          });
        }}
      >
        {t('upgrade.button', { version: newest.version })}
      </button>
      {message ? <p role="alert">{message}</p> : null}
    </div>
  );
}
