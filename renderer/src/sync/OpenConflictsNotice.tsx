import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import { findRequirement } from '../../../shared/template-outline';
import { deviceLabel, laterVersion, memberLabel } from '../../../shared/sync/open-conflicts';
import { missionHref } from '../app/router';
import { useDeviceNames, useOpenConflicts } from '../db/read-hooks';
import type { MissionData } from '../mission/use-mission';

/**
 * "2 conflicts are open": for the Reports screen, with which version a report would print (the
 * later one) and who wrote it, and a link to the conflict view. Nothing when none is open.
 */
export function OpenConflictsNotice({ data }: { data: MissionData & { template: Template } }) {
  const { t } = useTranslation();
  const conflicts = useOpenConflicts(data.mission.id);
  const devices = useDeviceNames();
  if (!conflicts || conflicts.length === 0) return null;
  const members = new Map(data.members.map((member) => [member.id, member.name]));
  return (
    <div className="notice warning" role="status" data-testid="report-conflicts">
      <p>
        <strong>{t('conflicts.open', { count: conflicts.length })}</strong> {t('conflicts.reportUsesLater')}
      </p>
      <ul>
        {conflicts.map((conflict) => {
          const later = laterVersion(conflict.versions);
          const requirement = findRequirement(data.template, conflict.requirementId ?? '');
          const subject =
            conflict.entity === 'finding'
              ? t('sync.conflictFinding', { author: memberLabel(conflict.authorId ?? null, members) ?? '', requirement: requirement?.text ?? conflict.requirementId })
              : t('sync.conflictAssessment', { requirement: requirement?.text ?? conflict.requirementId });
          return (
            <li key={`${conflict.entity}:${conflict.id}:${conflict.field}`}>
              {later
                ? t('conflicts.usedLine', {
                    subject,
                    used: t('conflicts.usedVersion', { member: memberLabel(later.member, members) ?? t('dashboard.unknownMember'), device: deviceLabel(later.device, devices) }),
                  })
                : subject}
            </li>
          );
        })}
      </ul>
      <p>
        <a href={`${missionHref(data.mission.id, 'sync')}`}>{t('conflicts.openView')}</a>
      </p>
    </div>
  );
}
