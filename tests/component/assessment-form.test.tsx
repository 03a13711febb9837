import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AssessmentForm } from '../../renderer/src/assessment/AssessmentForm';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { Repository } from '../../renderer/src/db/repository';
import { fakeBridge, renderWithServices, startTestApp } from './render-app';

const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
if (!template) throw new Error('roadmap template missing');
const roadmap = template;
const REQUIREMENT = 'reintegration-1';

async function renderAssessment() {
  const services = await startTestApp(fakeBridge(null), new MissionKitDatabase(`assessment-${Math.random().toString(36).slice(2)}`));
  const { repository } = services;
  const created = await repository.createMission(roadmap, { title: 'M', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2015-07-06', endDate: '2015-07-10', classification: '', reportVersion: '1.0' });
  const lead = await repository.addMember({ missionId: created.id, name: 'Małgorzata', organisation: 'PL', role: 'lead', areaIds: [] });
  await repository.setIdentity(created.id, lead.id);
  await repository.save('assessment', { id: 'a-1', missionId: created.id, requirementId: REQUIREMENT, rating: 'fulfilled', narrative: 'Stored text.', sourceFindingIds: [] });
  const read = await services.reads.mission(created.id);
  if (!read?.me) throw new Error('seeding failed');
  const data = { ...read, template: roadmap, me: read.me };
  await renderWithServices(
    <AssessmentForm data={data} requirementId={REQUIREMENT} findings={[]} readOnly={false} appended={null} onAppended={() => undefined} />,
    fakeBridge(null),
    services,
  );
  await screen.findByLabelText('Consolidated narrative');
  return services;
}

/** Another device's lead edits the assessment; its changes arrive as a bundle would bring them. */
async function remoteEdit(services: Awaited<ReturnType<typeof renderAssessment>>, patch: { rating?: string; narrative?: string }): Promise<void> {
  const db = new MissionKitDatabase(`remote-${Math.random().toString(36).slice(2)}`);
  const remote = await Repository.open(db);
  await remote.importTemplate(roadmap);
  await remote.applyChanges(await services.db.changes.toArray());
  await remote.patch('assessment', 'a-1', patch);
  const known = new Set((await services.db.changes.toArray()).map((change) => change.hlc));
  await services.repository.applyChanges((await db.changes.toArray()).filter((change) => !known.has(change.hlc)));
  db.close();
}

describe('the assessment form and changes from elsewhere', () => {
  it('shows a rating changed elsewhere at once and writes only the narrative the lead typed', async () => {
    const user = userEvent.setup();
    const services = await renderAssessment();
    await user.type(screen.getByLabelText('Consolidated narrative'), ' Added.');
    await waitFor(async () => expect((await services.db.assessments.get('a-1'))?.narrative).toBe('Stored text. Added.'));
    await remoteEdit(services, { rating: 'not-fulfilled' });
    await waitFor(() => expect((screen.getByLabelText('Not fulfilled') as HTMLInputElement).checked).toBe(true));
    await user.type(screen.getByLabelText('Consolidated narrative'), ' More.');
    await waitFor(async () => expect((await services.db.assessments.get('a-1'))?.narrative).toBe('Stored text. Added. More.'));
    expect((await services.db.assessments.get('a-1'))?.rating).toBe('not-fulfilled');
    const ratings = (await services.db.changes.toArray()).filter((change) => change.entity === 'assessment' && change.field === 'rating');
    expect(ratings.map((change) => change.value)).toEqual(['not-fulfilled']);
  });

  it('shows a narrative changed elsewhere before the lead touched it, and builds on it without a conflict', async () => {
    const user = userEvent.setup();
    const services = await renderAssessment();
    await remoteEdit(services, { narrative: 'Their text.' });
    await waitFor(() => expect((screen.getByLabelText('Consolidated narrative') as HTMLTextAreaElement).value).toBe('Their text.'));
    await user.type(screen.getByLabelText('Consolidated narrative'), ' Mine.');
    await waitFor(async () => expect((await services.db.assessments.get('a-1'))?.narrative).toBe('Their text. Mine.'));
    expect((await services.db.assessments.get('a-1'))?._conflicts).toBeUndefined();
  });
});
