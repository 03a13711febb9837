import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LiveFindingForm } from '../../renderer/src/checklist/FindingForm';
import { SitesScreen } from '../../renderer/src/mission/SitesScreen';
import { TeamScreen } from '../../renderer/src/mission/TeamScreen';
import { RecommendationsScreen } from '../../renderer/src/recommendations/RecommendationsScreen';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { stripBookkeeping } from '../../renderer/src/db/strip-bookkeeping';
import { DELETED_FIELD } from '../../shared/schemas/change';
import { fakeBridge, renderWithServices, startTestApp, type TestServices } from './render-app';

const found = findBuiltinTemplate('visa-roadmap-kosovo-2012');
if (!found) throw new Error('roadmap template missing');
const template = found;
const REQUIREMENT = 'reintegration-1';
const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 8, 7]);
const PHOTO_SHA = 'a'.repeat(64);

/** A mission where I am the lead, with a site, a second member, my finding with a source, a statistic and a photo, and a recommendation. */
async function seed() {
  const services = await startTestApp(fakeBridge(null), new MissionKitDatabase(`undo-${Math.random().toString(36).slice(2)}`));
  const { repository, reads } = services;
  const mission = await repository.createMission(template, { title: 'M', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2015-07-06', endDate: '2015-07-10', classification: '', reportVersion: '1.0' });
  const me = await repository.addMember({ missionId: mission.id, name: 'Mojca', organisation: 'Slovenia', role: 'lead', areaIds: [] });
  await repository.addMember({ missionId: mission.id, name: 'Bo', organisation: 'Sweden', role: 'observer', areaIds: [] });
  await repository.setIdentity(mission.id, me.id);
  await repository.save('site', { id: 'site-1', missionId: mission.id, type: 'land-crossing', name: 'Merdare', date: '2015-07-07', host: 'Border police', memberIds: [me.id], notes: 'Night shift.' });
  await repository.save('finding', {
    id: 'f-mine',
    missionId: mission.id,
    requirementId: REQUIREMENT,
    authorId: me.id,
    deviceId: repository.deviceId,
    rating: 'not-fulfilled',
    narrative: 'Earlier text.',
    siteIds: ['site-1'],
    sources: [{ kind: 'government-report', text: 'Annual report 2014' }, { kind: 'other', text: 'Interview' }],
    flags: { goodPractice: false, seriousDeficiency: false },
    answers: {},
  });
  await repository.save('evidence', { id: 'stat-mine', missionId: mission.id, findingId: 'f-mine', kind: 'statistic', label: 'Returnees', value: 12, ofTotal: 40, unit: 'persons', period: '2014', source: 'Ministry' });
  await repository.addAttachment(
    { id: 'photo-1', missionId: mission.id, findingId: 'f-mine', kind: 'attachment', fileName: 'booth.png', mediaType: 'image/png', size: PHOTO.length, sha256: PHOTO_SHA, caption: 'The booth' },
    new Blob([PHOTO], { type: 'image/png' }),
  );
  await repository.save('recommendation', { id: 'rec-1', missionId: mission.id, text: 'Disburse the fund.', requirementIds: [REQUIREMENT], keyPriority: true, order: 0 });
  const read = await reads.mission(mission.id);
  if (!read?.me) throw new Error('seeding failed');
  return { services, data: { ...read, template, me: read.me } };
}

async function renderForm() {
  const { services, data } = await seed();
  await renderWithServices(<LiveFindingForm data={data} me={data.me} requirementId={REQUIREMENT} autosaveDelayMs={25} />, fakeBridge(null), services);
  await screen.findByLabelText('Narrative');
  return services;
}

async function stored(services: TestServices) {
  const { db } = services;
  const rows = async <T extends object>(list: Promise<T[]>) => (await list).map((row) => stripBookkeeping(row));
  return {
    findings: await rows(db.findings.toArray()),
    evidence: await rows(db.evidence.toArray()),
    sites: await rows(db.sites.toArray()),
    members: await rows(db.members.toArray()),
    recommendations: await rows(db.recommendations.toArray()),
    // The stored bytes of every attachment: a removal and its undo leave them as they were.
    attachments: await db.attachments.toArray(),
    deleted: [...(await db.evidence.toArray()), ...(await db.sites.toArray()), ...(await db.members.toArray()), ...(await db.recommendations.toArray())].filter((row) => row._deleted).map((row) => row.id),
  };
}

// jsdom's Blob does not survive fake-indexeddb's structured clone, so thumbnails get a stand-in
// URL; that the bytes themselves come back is asserted with real Blobs in tests/unit/sync/undo-restore.test.ts.
beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:stand-in');
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function pressCtrlZ(element: HTMLElement): void {
  fireEvent.keyDown(element, { key: 'z', ctrlKey: true });
}

describe('undo in the finding form', () => {
  it('puts a removed source back in its place with Ctrl+Z, and the finding is saved as before', async () => {
    const user = userEvent.setup();
    const services = await renderForm();
    const before = await stored(services);
    await user.click(screen.getByRole('button', { name: 'Remove source 1' }));
    await waitFor(async () => expect((await services.db.findings.get('f-mine'))?.sources).toEqual([{ kind: 'other', text: 'Interview' }]));
    expect(screen.getByTestId('undo-toast').textContent).toContain('Source 1 was removed.');

    pressCtrlZ(screen.getByRole('button', { name: 'Add source' }));
    await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(2));
    expect((screen.getByLabelText('Source 1') as HTMLInputElement).value).toBe('Annual report 2014');
    await waitFor(async () => expect(await stored(services)).toEqual(before));
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });

  it('restores a removed statistic exactly from the toast, by a new change', async () => {
    const user = userEvent.setup();
    const services = await renderForm();
    const before = await stored(services);
    await user.click(screen.getByRole('button', { name: 'Remove statistic 1' }));
    await waitFor(async () => expect((await services.db.evidence.get('stat-mine'))?._deleted).toBe(true));

    await user.click(within(screen.getByTestId('undo-toast')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect((screen.getByLabelText('What is counted') as HTMLInputElement).value).toBe('Returnees'));
    await waitFor(async () => expect(await stored(services)).toEqual(before));
    const tombstones = await services.db.changes.where('[entity+id]').equals(['evidence', 'stat-mine']).filter((change) => change.field === DELETED_FIELD).toArray();
    expect(tombstones.map((change) => change.value)).toEqual([true, false]);
  });

  it('restores a removed attachment with its bytes and metadata with Ctrl+Z in the form', async () => {
    const user = userEvent.setup();
    const services = await renderForm();
    const before = await stored(services);
    await screen.findByTestId('attachment');
    await user.click(screen.getByRole('button', { name: 'Remove booth.png' }));
    await waitFor(() => expect(screen.queryByTestId('attachment')).toBeNull());
    expect(screen.getByTestId('undo-announcement').textContent).toContain('booth.png was removed.');

    pressCtrlZ(screen.getByRole('button', { name: 'Add statistic' }));
    await screen.findByTestId('attachment');
    expect(await stored(services)).toEqual(before);
    expect(before.attachments.map((row) => row.sha256)).toEqual([PHOTO_SHA]);
  });

  it('leaves Ctrl+Z inside a text field to the text', async () => {
    const user = userEvent.setup();
    const services = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Remove source 2' }));
    await waitFor(async () => expect((await services.db.findings.get('f-mine'))?.sources).toHaveLength(1));
    pressCtrlZ(screen.getByLabelText('Narrative'));
    pressCtrlZ(screen.getByLabelText('Source 1'));
    expect(screen.getAllByTestId('source-row')).toHaveLength(1);
    expect(screen.getByTestId('undo-toast')).toBeTruthy();
  });
});

describe('removals that ask first, in the app’s own dialog', () => {
  const cases = [
    { what: 'a site visit', screen: 'sites', button: 'Remove Merdare', action: 'Delete visit', table: 'sites', id: 'site-1', message: 'The visit to Merdare was deleted.' },
    { what: 'a team member', screen: 'team', button: 'Remove Bo', action: 'Remove', table: 'members', id: '', message: 'Bo was removed from the team.' },
    { what: 'a recommendation', screen: 'recommendations', button: 'Delete No. 1', action: 'Delete', table: 'recommendations', id: 'rec-1', message: 'Recommendation No. 1 was deleted.' },
  ] as const;
  for (const item of cases) {
    it(`asks before deleting ${item.what}, starts on Cancel, closes on Esc, and undoes the deletion exactly`, async () => {
      const user = userEvent.setup();
      const { services, data } = await seed();
      const ui = item.screen === 'sites' ? <SitesScreen data={data} /> : item.screen === 'team' ? <TeamScreen data={data} /> : <RecommendationsScreen data={data} />;
      await renderWithServices(ui, fakeBridge(null), services);
      const before = await stored(services);
      const open = await screen.findByRole('button', { name: item.button });

      await user.click(open);
      const dialog = screen.getByRole('alertdialog');
      expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
      // The focus stays in the dialog.
      await user.tab();
      expect(within(dialog).getByRole('button', { name: item.action })).toBe(document.activeElement);
      await user.tab();
      expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(open).toBe(document.activeElement);
      expect(await stored(services)).toEqual(before);

      await user.click(open);
      await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: item.action }));
      await waitFor(async () => expect((await stored(services)).deleted).toHaveLength(1));
      const toast = screen.getByTestId('undo-toast');
      expect(toast.textContent).toContain(item.message);

      await user.click(within(toast).getByRole('button', { name: 'Undo' }));
      await waitFor(async () => expect(await stored(services)).toEqual(before));
      expect(screen.queryByTestId('undo-toast')).toBeNull();
    });
  }
});
