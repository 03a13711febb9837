import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FindingForm } from '../../renderer/src/checklist/FindingForm';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import type { MissionData } from '../../renderer/src/db/read-models';
import { fakeBridge, renderWithServices, startTestApp, type TestServices } from './render-app';
import { MissionKitDatabase } from '../../renderer/src/db/database';

const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
if (!template) throw new Error('roadmap template missing');
const REQUIREMENT = 'reintegration-1';

/** A mission with one expert and one site, written through the repository like the app does. */
async function seed(services: TestServices): Promise<{ mission: MissionData['mission']; me: NonNullable<MissionData['me']>; site: MissionData['sites'][number] }> {
  const { repository, reads } = services;
  const created = await repository.createMission(template as NonNullable<typeof template>, {
    title: 'Test mission',
    territory: { name: 'Kosovo' },
    framework: 'Visa dialogue',
    startDate: '2015-07-06',
    endDate: '2015-07-10',
    classification: '',
    reportVersion: '1.0',
  });
  const member = await repository.addMember({ missionId: created.id, name: 'Mojca Žagar', organisation: 'Slovenia', role: 'expert', areaIds: [] });
  await repository.save('site', { id: 'site-1', missionId: created.id, type: 'land-crossing', name: 'Merdare/Merdarë', date: '2015-07-07', host: '', memberIds: [], notes: '' });
  await repository.setIdentity(created.id, member.id);
  const data = await reads.mission(created.id);
  const [site] = data?.sites ?? [];
  if (!data?.me || !site) throw new Error('seeding failed');
  return { mission: data.mission, me: data.me, site };
}

async function renderForm(autosaveDelayMs = 300) {
  const db = new MissionKitDatabase(`finding-${Math.random().toString(36).slice(2)}`);
  const services = await startTestApp(fakeBridge(null), db);
  const { mission, me, site } = await seed(services);
  const data = { mission, template: template as NonNullable<typeof template>, members: [me], sites: [site], me };
  const rendered = await renderWithServices(
    <FindingForm data={data} me={me} requirementId={REQUIREMENT} finding={undefined} statistics={[]} draft={undefined} autosaveDelayMs={autosaveDelayMs} />,
    fakeBridge(null),
    services,
  );
  return { ...rendered, services, mission, me };
}

function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('finding form', () => {
  it('computes a statistic percentage from what is typed: 1,542 of 2,744 is 56 %', async () => {
    const user = userEvent.setup();
    await renderForm();
    await user.click(screen.getByRole('button', { name: 'Add statistic' }));
    await user.type(screen.getByLabelText('What is counted'), 'Returnees who received immediate assistance');
    await user.type(screen.getByLabelText('Value'), '1,542');
    await user.type(screen.getByLabelText('Of total (optional)'), '2,744');
    expect(screen.getByTestId('statistic-percent').textContent).toBe('= 56 %');
  });

  it('shows each problem beside its field and keeps the typed value as a draft', async () => {
    const user = userEvent.setup();
    const { services, mission } = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Add statistic' }));
    await user.type(screen.getByLabelText('Value'), 'twelve');
    await user.type(screen.getByLabelText('Of total (optional)'), '10');

    expect(describedText(screen.getByLabelText('Value'))).toBe('Enter a number, e.g. 1,542.');
    expect(describedText(screen.getByLabelText('What is counted'))).toBe('Say what is counted.');
    expect(screen.getByLabelText('Value').getAttribute('aria-invalid')).toBe('true');

    await waitFor(async () => {
      const drafts = await services.db.drafts.where('missionId').equals(mission.id).toArray();
      expect(drafts).toHaveLength(1);
      expect(drafts[0]?.values).toMatchObject({ statistics: [{ value: 'twelve', ofTotal: '10' }] });
      expect(drafts[0]?.problems.map((problem) => problem.path).sort()).toEqual(['statistics.0.label', 'statistics.0.value']);
    });
    expect(await services.db.evidence.count()).toBe(0);
    expect(screen.getByTestId('autosave-status').textContent).toBe('Saved as a draft — 2 fields to fix');

    await user.clear(screen.getByLabelText('Value'));
    await user.type(screen.getByLabelText('Value'), '12');
    expect(describedText(screen.getByLabelText('Value'))).toBe('The value is larger than the total.');
  });

  it('saves the finding shortly after an edit, without any button', async () => {
    const user = userEvent.setup();
    const { services, me } = await renderForm();
    await user.click(screen.getByLabelText('Not fulfilled'));
    await user.type(screen.getByLabelText('Narrative'), 'The Reintegration Fund is not fully disbursed.');
    await user.click(screen.getByLabelText(/Merdare\/Merdarë/));

    await waitFor(async () => {
      const [finding] = await services.db.findings.toArray();
      expect(finding).toMatchObject({
        requirementId: REQUIREMENT,
        authorId: me.id,
        deviceId: services.repository.deviceId,
        rating: 'not-fulfilled',
        narrative: 'The Reintegration Fund is not fully disbursed.',
        siteIds: ['site-1'],
      });
    });
    await waitFor(() => expect(screen.getByTestId('autosave-status').textContent).toBe('Saved'));
    const changes = await services.db.changes.where({ entity: 'finding' }).toArray();
    expect(changes.every((change) => change.member === me.id)).toBe(true);
  });

  it('writes at once when a field loses focus, not only when the timer fires', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm(60_000);
    await user.type(screen.getByLabelText('Narrative'), 'Exit checks reintroduced');
    expect(await services.db.findings.count()).toBe(0);
    await user.tab();
    await waitFor(async () => expect((await services.db.findings.toArray())[0]?.narrative).toBe('Exit checks reintroduced'));
  });

  it('creates no finding while nothing has been entered', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm();
    await user.click(screen.getByLabelText('Narrative'));
    await user.tab();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await services.db.findings.count()).toBe(0);
    expect(await services.db.drafts.count()).toBe(0);
  });
});

describe('attachments', () => {
  it('refuses a file over the size limit with a message that names it, and stores nothing', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm();
    const huge = new File([new Uint8Array(26 * 1024 * 1024)], 'border-video.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByTestId('attachment-input'), huge);
    expect((await screen.findByRole('alert')).textContent).toBe('border-video.pdf is 26 MB; attachments can be at most 25 MB. It was not added.');
    expect(await services.db.attachments.count()).toBe(0);
    expect(await services.db.evidence.count()).toBe(0);
  });
});

describe('storage pressure', () => {
  it('says the disk is full, keeps the text on screen, and saves it once writing works again', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm();
    const realCommit = services.repository.commit.bind(services.repository);
    let full = true;
    services.repository.commit = async (batch) => {
      if (full) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
      return realCommit(batch);
    };
    await user.type(screen.getByLabelText('Narrative'), 'Written while the disk was full.');
    await waitFor(() => expect(screen.getByTestId('autosave-status').textContent).toContain('the disk is full'));
    expect((screen.getByLabelText('Narrative') as HTMLTextAreaElement).value).toBe('Written while the disk was full.');
    expect(await services.db.findings.count()).toBe(0);

    full = false;
    await user.type(screen.getByLabelText('Narrative'), ' Space was freed.');
    await waitFor(async () => expect((await services.db.findings.toArray())[0]?.narrative).toBe('Written while the disk was full. Space was freed.'));
    await waitFor(() => expect(screen.getByTestId('autosave-status').textContent).toBe('Saved'));
  });
});
