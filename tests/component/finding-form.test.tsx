import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LiveFindingForm } from '../../renderer/src/checklist/FindingForm';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import type { AnyEntity, EditBatch } from '../../renderer/src/db/repository';
import { CREATED_FIELD } from '../../shared/schemas/change';
import type { MissionData } from '../../renderer/src/db/read-models';
import { fakeBridge, renderWithServices, startTestApp, type TestServices } from './render-app';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { Repository } from '../../renderer/src/db/repository';

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

/** `stored` writes my finding (and a statistic) before the form opens, as an earlier session would have. */
async function renderForm(autosaveDelayMs = 300, stored?: { rating: string; statistic?: string }) {
  const db = new MissionKitDatabase(`finding-${Math.random().toString(36).slice(2)}`);
  const services = await startTestApp(fakeBridge(null), db);
  const { mission, me, site } = await seed(services);
  if (stored) {
    const finding = { id: 'f-mine', missionId: mission.id, requirementId: REQUIREMENT, authorId: me.id, deviceId: services.repository.deviceId, rating: stored.rating, narrative: 'Earlier text.', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} };
    await services.repository.save('finding', finding);
    if (stored.statistic) {
      await services.repository.save('evidence', { id: 'stat-mine', missionId: mission.id, findingId: finding.id, kind: 'statistic', label: stored.statistic, value: 12, ofTotal: 40, unit: '', period: '', source: '' });
    }
  }
  const data = { mission, template: template as NonNullable<typeof template>, members: [me], sites: [site], me };
  const rendered = await renderWithServices(
    <LiveFindingForm data={data} me={me} requirementId={REQUIREMENT} autosaveDelayMs={autosaveDelayMs} />,
    fakeBridge(null),
    services,
  );
  // The form opens once my finding and my draft have been read.
  await screen.findByLabelText('Narrative');
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
      expect(drafts[0]?.values).toMatchObject({ values: { statistics: [{ value: 'twelve', ofTotal: '10' }] } });
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
    // Every batch the form hands to the repository, in order.
    const commits: EditBatch[] = [];
    const realCommit = services.repository.commitEdits.bind(services.repository);
    services.repository.commitEdits = async (batch) => {
      commits.push(batch);
      return realCommit(batch);
    };
    // Visiting the empty field and leaving it: the blur writes whatever is pending, at once.
    await user.click(screen.getByLabelText('Narrative'));
    await user.tab();
    // Then a real edit. The form writes one batch at a time, in order, so an empty finding or a
    // draft written on the blur above would come before these words.
    await user.type(screen.getByLabelText('Narrative'), 'Exit checks reintroduced');
    await user.tab();
    await waitFor(() => expect(screen.getByTestId('autosave-status').textContent).toBe('Saved'));
    // The narrative of each write: whole in the creation, as a field edit afterwards.
    const narratives = commits.map((batch) => {
      const created = batch.creations?.find((item): item is Extract<AnyEntity, { entity: 'finding' }> => item.entity === 'finding');
      if (created) return created.value.narrative;
      const edited = batch.edits?.find((item) => item.entity === 'finding')?.fields['narrative']?.value;
      return typeof edited === 'string' ? edited : undefined;
    });
    expect(narratives.length).toBeGreaterThan(0);
    for (const narrative of narratives) {
      // Each write holds typed words: some or all of them, never an empty narrative.
      expect(narrative).toMatch(/^E/);
      expect('Exit checks reintroduced'.startsWith(narrative ?? '')).toBe(true);
    }
    expect(commits.some((batch) => batch.draft !== undefined)).toBe(false);
    // The finding's history begins with typed words: it was created by the edit, not the blur.
    const [creation] = await services.db.changes.where({ entity: 'finding' }).sortBy('seq');
    expect(creation?.field).toBe(CREATED_FIELD);
    expect(creation?.value).toMatchObject({ narrative: expect.stringMatching(/^Exit/) });
    expect(await services.db.findings.count()).toBe(1);
    expect(await services.db.drafts.count()).toBe(0);
  });
});

describe('attachments', () => {
  it('refuses a file over the size limit with a message that names it, and stores nothing', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm();
    const huge = new File([new Uint8Array(26 * 1000 * 1000)], 'border-video.pdf', { type: 'application/pdf' });
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
    const realCommit = services.repository.commitEdits.bind(services.repository);
    let full = true;
    services.repository.commitEdits = async (batch) => {
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

/**
 * Another member's change landing while the form is open, as a bundle or the hub delivers it:
 * written with another device's repository and applied through applyChanges.
 */
async function remoteChange(services: TestServices, edit: (remote: Repository, findingId: string) => Promise<unknown>): Promise<void> {
  const db = new MissionKitDatabase(`remote-${Math.random().toString(36).slice(2)}`);
  const remote = await Repository.open(db);
  await remote.importTemplate(template as NonNullable<typeof template>);
  await remote.applyChanges(await services.db.changes.toArray());
  const [finding] = await services.db.findings.toArray();
  if (!finding) throw new Error('no finding yet');
  remote.actAs(null);
  await edit(remote, finding.id);
  const known = new Set((await services.db.changes.toArray()).map((change) => change.hlc));
  await services.repository.applyChanges((await db.changes.toArray()).filter((change) => !known.has(change.hlc)));
  db.close();
}

describe('a remote change while the form is open', () => {
  it('shows a changed rating at once when the user has not touched it, and never writes the old one back', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm(25, { rating: 'fulfilled', statistic: 'Returnees' });
    expect((screen.getByLabelText('Fulfilled') as HTMLInputElement).checked).toBe(true);
    await user.clear(screen.getByLabelText('Value'));
    await user.type(screen.getByLabelText('Value'), '50');
    await waitFor(async () => expect(await services.db.drafts.count()).toBe(1));
    // 50 of 40 stays a draft; meanwhile the lead changes the rating the expert has not touched.
    await remoteChange(services, (remote, id) => remote.patch('finding', id, { rating: 'not-fulfilled' }));

    await waitFor(() => expect((screen.getByLabelText('Not fulfilled') as HTMLInputElement).checked).toBe(true));
    expect(screen.queryByTestId('remote-notice')).toBeNull();
    await user.clear(screen.getByLabelText('Value'));
    await user.type(screen.getByLabelText('Value'), '12');
    // The state the form settles in: the fixed statistic stored and no draft left. (Under a
    // loaded full run a draft was once still present when the value first read 12; that
    // transient is not understood yet — see the session note.)
    await waitFor(async () => {
      const stat = await services.db.evidence.get('stat-mine');
      expect(stat?.kind === 'statistic' ? stat.value : null).toBe(12);
      expect(await services.db.drafts.count()).toBe(0);
    });
    expect((await services.db.findings.toArray())[0]?.rating).toBe('not-fulfilled');
    // The only rating written after the creation is the lead's.
    const ratingChanges = (await services.db.changes.toArray()).filter((change) => change.field === 'rating');
    expect(ratingChanges.map((change) => change.value)).toEqual(['not-fulfilled']);
  });

  it('keeps a flag the user is changing and says so with both values, then saves it', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm(60_000);
    await user.type(screen.getByLabelText('Narrative'), 'Exit checks');
    await user.tab();
    await waitFor(async () => expect(await services.db.findings.count()).toBe(1));
    // Ticked, not written yet (the timer is long and focus stays in the form).
    await user.click(screen.getByLabelText('Good practice'));
    await remoteChange(services, (remote, id) => remote.patch('finding', id, { flags: { goodPractice: false, seriousDeficiency: true } }));

    const notice = await screen.findByTestId('remote-notice');
    expect(notice.textContent).toContain('Another member changed the flags to “Serious deficiency” while you were editing it; yours (“Good practice”) is kept and saved.');
    expect((screen.getByLabelText('Good practice') as HTMLInputElement).checked).toBe(true);
    await user.tab();
    await waitFor(async () => expect((await services.db.findings.toArray())[0]?.flags).toEqual({ goodPractice: true, seriousDeficiency: false }));
  });

  it('keeps the narrative being typed and the other text as a conflict; an untouched field still follows', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm(60_000);
    await user.type(screen.getByLabelText('Narrative'), 'Exit checks');
    await user.tab();
    await waitFor(async () => expect(await services.db.findings.count()).toBe(1));
    await user.type(screen.getByLabelText('Narrative'), ' are done at Merdare.');
    await remoteChange(services, async (remote, id) => {
      await remote.patch('finding', id, { narrative: 'Exit checks are not done.', rating: 'fulfilled' });
    });

    await waitFor(() => expect((screen.getByLabelText('Fulfilled') as HTMLInputElement).checked).toBe(true));
    expect((screen.getByLabelText('Narrative') as HTMLTextAreaElement).value).toBe('Exit checks are done at Merdare.');
    await user.tab();
    await waitFor(async () => {
      const [finding] = await services.db.findings.toArray();
      expect(finding?._conflicts?.['narrative']?.map((version) => version.value).sort()).toEqual(['Exit checks are done at Merdare.', 'Exit checks are not done.']);
    });
    expect((await services.db.findings.toArray())[0]?.rating).toBe('fulfilled');
    await waitFor(() => expect(screen.getByTestId('remote-notices').textContent).toContain('Exit checks are not done.'));
  });

  it('removes a statistic deleted elsewhere that the user did not touch, and shows one added elsewhere', async () => {
    const user = userEvent.setup();
    const { services, mission } = await renderForm(25, { rating: 'fulfilled', statistic: 'Returnees' });
    await user.type(screen.getByLabelText('Narrative'), ' More.');
    await remoteChange(services, async (remote, findingId) => {
      await remote.remove('evidence', 'stat-mine');
      await remote.save('evidence', { id: 'stat-remote', missionId: mission.id, findingId, kind: 'statistic', label: 'Refusals', value: 3, unit: '', period: '', source: '' });
    });
    await waitFor(() => expect(screen.getAllByTestId('statistic-row')).toHaveLength(1));
    await waitFor(() => expect((screen.getByLabelText('What is counted') as HTMLInputElement).value).toBe('Refusals'));
    expect(await services.db.evidence.count()).toBe(2);
    expect((await services.db.evidence.get('stat-mine'))?._deleted).toBe(true);
  });

  it('keeps a statistic the user is editing when it is deleted elsewhere, as a new one, and says so', async () => {
    const user = userEvent.setup();
    const { services } = await renderForm(25, { rating: 'fulfilled', statistic: 'Returnees' });
    await user.clear(screen.getByLabelText('Value'));
    await user.type(screen.getByLabelText('Value'), '30');
    await waitFor(async () => expect((await services.db.evidence.get('stat-mine'))?._stamps['value']).not.toBe((await services.db.evidence.get('stat-mine'))?._stamps['label']));
    await remoteChange(services, (remote) => remote.remove('evidence', 'stat-mine'));
    expect((await screen.findByTestId('remote-notice')).textContent).toContain('The statistic “Returnees” you were editing was removed on another device');
    await waitFor(async () => {
      const kept = (await services.db.evidence.toArray()).filter((row) => !row._deleted);
      expect(kept).toMatchObject([{ kind: 'statistic', label: 'Returnees', value: 30, ofTotal: 40 }]);
    });
  });
});
