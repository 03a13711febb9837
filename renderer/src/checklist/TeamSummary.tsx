import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import type { LiveFinding } from '../db/read-models';
import { findRequirement } from '../../../shared/template-outline';
import { QuestionnaireSummary } from './QuestionnaireSummary';
import type { MissionData } from '../mission/use-mission';
import { Rating } from '../rating/Rating';
import { findLevel } from '../rating/rating-look';

/** Where the team stands on this requirement: one line per member who wrote something. */
export function TeamSummary({ data, findings, requirementId }: { data: MissionData & { template: Template }; findings: readonly LiveFinding[]; requirementId: string }) {
  const { t } = useTranslation();
  const others = findings.filter((finding) => finding.authorId !== data.me?.id);
  const questions = findRequirement(data.template, requirementId)?.questions ?? [];
  const names = new Map(data.members.map((member) => [member.id, `${member.name} (${member.organisation})`]));
  return (
    <section className="team-summary" aria-labelledby="team-summary-heading">
      <h3 id="team-summary-heading">{t('checklist.team.title')}</h3>
      {others.length === 0 ? (
        <p className="muted">{t('checklist.team.none')}</p>
      ) : (
        <ul data-testid="team-findings">
          {others.map((finding) => (
            <li key={finding.id}>
              <strong>{names.get(finding.authorId) ?? finding.authorId}</strong>:{' '}
              <Rating level={findLevel(data.template.scale.levels, finding.rating)} emptyLabel={t('checklist.status.draft')} />
              {finding.siteIds.length > 0 ? ` · ${t('checklist.team.sites', { count: finding.siteIds.length })}` : ''}
              {finding.flags.goodPractice ? ` · ${t('finding.flags.goodPractice')}` : ''}
              {finding.flags.seriousDeficiency ? ` · ${t('finding.flags.seriousDeficiency')}` : ''}
            </li>
          ))}
        </ul>
      )}
      {questions.length > 0 ? (
        <>
          <h4>{t('questions.summary.title')}</h4>
          <QuestionnaireSummary questions={questions} findings={findings} sites={data.sites} />
        </>
      ) : null}
    </section>
  );
}
