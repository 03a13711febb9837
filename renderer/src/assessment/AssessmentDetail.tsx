import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistEntry } from '../../../shared/checklist-filter';
import type { Template } from '../../../shared/schemas/template';
import { findRequirement } from '../../../shared/template-outline';
import type { Finding } from '../../../shared/schemas/finding';
import { missionHref } from '../app/router';
import { useDeviceNames, useEditableAssessment, useEvidenceOf } from '../db/read-hooks';
import type { LiveFinding } from '../db/read-models';
import type { MissionData } from '../mission/use-mission';
import { QuestionnaireSummary } from '../checklist/QuestionnaireSummary';
import { FindingCard } from './FindingCard';
import { AssessmentForm } from './AssessmentForm';
import { RequirementHistory } from '../history/RequirementHistory';

type Data = MissionData & { template: Template };

/**
 * The lead's desk for one requirement: every member's finding side by side, the team's
 * answers to the guiding questions, and the consolidated assessment.
 */
export function AssessmentDetail({ data, entry, findings }: { data: Data; entry: ChecklistEntry; findings: readonly LiveFinding[] }) {
  const { t } = useTranslation();
  const [appended, setAppended] = useState<Finding | null>(null);
  const requirement = findRequirement(data.template, entry.requirementId);
  const evidence = useEvidenceOf(findings.map((finding) => finding.id));
  const loaded = useEditableAssessment(data.mission.id, entry.requirementId);
  const devices = useDeviceNames();
  const conflicted = findings.filter((finding) => finding.conflicts.length > 0).length;

  const isLead = data.me?.role === 'lead';
  const authors = new Map(data.members.map((member) => [member.id, member]));
  const ordered = [...findings].sort((a, b) => (authors.get(a.authorId)?.name ?? '').localeCompare(authors.get(b.authorId)?.name ?? ''));

  return (
    <article className="requirement-detail assessment-detail" aria-labelledby="requirement-heading">
      <p className="muted small">
        {entry.blockTitle}
        {entry.areaTitle !== entry.blockTitle ? ` › ${entry.areaTitle}` : ''}
      </p>
      <h2 id="requirement-heading" tabIndex={-1}>
        <span className="req-number">{entry.number}</span> {entry.text}
      </h2>
      <section aria-labelledby="findings-heading">
        <h3 id="findings-heading">{t('assessment.findings', { count: findings.length })}</h3>
        {findings.length === 0 ? <p className="muted">{t('assessment.noFindings')}</p> : null}
        {conflicted > 0 ? (
          <p className="notice warning" role="note" data-testid="assessment-conflict-notice">
            {t('conflicts.findingsNotice', { count: conflicted })} <a href={missionHref(data.mission.id, 'sync')}>{t('conflicts.openView')}</a>
          </p>
        ) : null}
        <div className="finding-cards" data-testid="finding-cards">
          {ordered.map((finding) => (
            <FindingCard
              key={finding.id}
              finding={finding}
              author={authors.get(finding.authorId)}
              data={data}
              evidence={(evidence ?? []).filter((row) => row.findingId === finding.id)}
              devices={devices}
              onUseText={isLead ? (text) => setAppended({ ...finding, narrative: text }) : undefined}
            />
          ))}
        </div>
      </section>
      {requirement && requirement.questions.length > 0 ? (
        <section aria-labelledby="answers-heading">
          <h3 id="answers-heading">{t('questions.summary.title')}</h3>
          <QuestionnaireSummary questions={requirement.questions} findings={findings} sites={data.sites} />
        </section>
      ) : null}
      {loaded ? (
        <AssessmentForm
          data={data}
          requirementId={entry.requirementId}
          findings={findings}
          readOnly={!isLead}
          appended={appended}
          onAppended={() => setAppended(null)}
        />
      ) : null}
      <RequirementHistory key={entry.requirementId} data={data} requirementId={entry.requirementId} />
    </article>
  );
}
