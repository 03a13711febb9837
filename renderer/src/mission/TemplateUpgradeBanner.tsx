import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planTemplateUpgrade } from '../../../shared/template-upgrade';
import type { Template } from '../../../shared/schemas/template';
import { useServices } from '../app/services';
import type { Mission } from '../../../shared/schemas/mission';
import { useMissionAssessments, useMissionFindings, useNewerTemplates } from '../db/read-hooks';

/** Offers a newer installed version of the mission's template; never switches on its own. */
export function TemplateUpgradeBanner({ mission, template }: { mission: Mission; template: Template }) {
  const { t } = useTranslation();
  const { repository } = useServices();
  const [message, setMessage] = useState<string | null>(null);
  const candidate = useNewerTemplates(mission.templateId, mission.templateVersion)?.[0];
  // Findings and assessments are read only when there is an upgrade to plan.
  const findings = useMissionFindings(mission.id, candidate !== undefined);
  const assessments = useMissionAssessments(mission.id, candidate !== undefined);
  const offer = useMemo(
    () => (candidate && findings && assessments ? { newest: candidate, plan: planTemplateUpgrade(template, candidate.template, findings, assessments.map((row) => row.requirementId)) } : null),
    [candidate, findings, assessments, template],
  );
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
