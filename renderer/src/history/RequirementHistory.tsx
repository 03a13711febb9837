import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/schemas/template';
import type { MissionData } from '../mission/use-mission';
import { ChangeHistory } from './ChangeHistory';

/**
 * "History" under a requirement: every change to its findings, their evidence and its
 * assessment. Read only while open, so the forms do not pay for it on every keystroke.
 */
export function RequirementHistory({ data, requirementId }: { data: MissionData & { template: Template }; requirementId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="record-history" data-testid="requirement-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('history.view.recordTitle')}</summary>
      {open ? <ChangeHistory data={data} requirementId={requirementId} pageSize={10} /> : null}
    </details>
  );
}
