import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { ReactElement } from 'react';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { deviceNameKey } from '../../renderer/src/db/device-names';
import { Repository } from '../../renderer/src/db/repository';
import { ServicesProvider } from '../../renderer/src/app/services';
import { createI18n, type Language } from '../../renderer/src/i18n/i18n';
import { DashboardScreen } from '../../renderer/src/mission/DashboardScreen';
import { ChangeHistory } from '../../renderer/src/history/ChangeHistory';
import { RequirementHistory } from '../../renderer/src/history/RequirementHistory';
import type { Change } from '../../shared/schemas/change';
import { tinyTemplate as template } from '../unit/sync/device-kit';
import { fakeBridge, startTestApp, type TestServices } from './render-app';

async function changesOf(db: MissionKitDatabase): Promise<Change[]> {
  return (await db.changes.orderBy('seq').toArray()).map(({ seq: _seq, ...change }) => change);
}

/**
 * The lead's device (the app under test) creates the mission and team; Jürgen, on his laptop,
 * rates requirement A 1, changes his mind, adds a statistic and removes it; the lead receives
 * that and adds a site visit. Both devices are named.
 */
async function missionWithHistory() {
  const lead = await startTestApp(fakeBridge(null), new MissionKitDatabase(`lead-${Math.random().toString(36).slice(2)}`));
  const laptopDb = new MissionKitDatabase(`laptop-${Math.random().toString(36).slice(2)}`);
  const laptop = await Repository.open(laptopDb);
  await lead.repository.importTemplate(template);
  await laptop.importTemplate(template);
  const mission = await lead.repository.createMission(template, { title: 'Border mission', territory: { name: 'R' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const ana = await lead.repository.addMember({ missionId: mission.id, name: 'Ana Lead', organisation: 'EU', role: 'lead', areaIds: [] });
  const jurgen = await lead.repository.addMember({ missionId: mission.id, name: 'Jürgen Weber', organisation: 'DE', role: 'expert', areaIds: [] });
  await lead.repository.setIdentity(mission.id, ana.id);
  lead.repository.actAs(ana.id);
  await laptop.applyChanges(await changesOf(lead.db));
  laptop.actAs(jurgen.id);
  await laptop.save('finding', { id: 'f', missionId: mission.id, requirementId: 'r1', authorId: jurgen.id, deviceId: laptop.deviceId, rating: 'no', narrative: '', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} });
  await laptop.patch('finding', 'f', { rating: 'yes' });
  await laptop.save('evidence', { id: 'st', missionId: mission.id, findingId: 'f', kind: 'statistic', label: 'Refusals', value: 12, unit: '', period: '', source: '' });
  await laptop.remove('evidence', 'st');
  await lead.repository.applyChanges(await changesOf(laptopDb));
  await lead.repository.save('site', { id: 's', missionId: mission.id, type: 'land-crossing', name: 'Merdare', date: '2026-03-03', host: '', memberIds: [], notes: '' });
  await lead.repository.nameThisDevice('Ana’s desktop');
  await lead.db.meta.put({ key: deviceNameKey(laptop.deviceId), value: 'Jürgen’s laptop' });
  const data = await lead.reads.mission(mission.id);
  if (!data?.template) throw new Error('the mission did not load');
  return { lead, data: { ...data, template: data.template }, jurgen };
}

async function renderIn(language: Language, ui: ReactElement, services: TestServices): Promise<void> {
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}>{ui}</ServicesProvider>
    </I18nextProvider>,
  );
}

function sentences(): string[] {
  return screen.queryAllByTestId('history-line').map((line) => line.querySelector('.history-sentence')?.textContent ?? '');
}

const JURGEN_LINES = [
  'Jürgen Weber removed the statistic “Refusals” on A 1',
  'Jürgen Weber added the statistic “Refusals” on A 1',
  'Jürgen Weber changed the rating of A 1 from No to Yes',
  'Jürgen Weber added the finding on A 1',
];

describe('the change history', () => {
  it('tells the dashboard’s latest changes in words, with device, and filters them by member and by device', async () => {
    const { lead, data, jurgen } = await missionWithHistory();
    await renderIn('en', <DashboardScreen data={data} />, lead);
    await waitFor(() =>
      expect(sentences()).toEqual([
        'Ana Lead added the site visit Merdare',
        ...JURGEN_LINES,
        'Someone added the team member Jürgen Weber',
        'Someone added the team member Ana Lead',
        'Someone created the mission Border mission',
      ]),
    );
    const lines = screen.getAllByTestId('history-line');
    expect(lines[0]?.textContent).toContain('on Ana’s desktop');
    expect(lines[1]?.textContent).toContain('on Jürgen’s laptop');
    expect(screen.getByTestId('latest-changes').textContent).not.toMatch(/\((?:\*|_deleted|ofTotal|siteIds|rating)\)/);

    fireEvent.change(screen.getByLabelText('Member'), { target: { value: jurgen.id } });
    await waitFor(() => expect(sentences()).toEqual(JURGEN_LINES));

    fireEvent.change(screen.getByLabelText('Member'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Device'), { target: { value: lead.repository.deviceId } });
    await waitFor(() => expect(sentences()).toEqual(['Ana Lead added the site visit Merdare', 'Someone added the team member Jürgen Weber', 'Someone added the team member Ana Lead', 'Someone created the mission Border mission']));
    expect(within(screen.getByLabelText('Device')).getByRole('option', { name: 'Jürgen’s laptop' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Member'), { target: { value: jurgen.id } });
    await waitFor(() => expect(screen.getByText('No changes match these filters.')).toBeTruthy());
  });

  it('pages with "Show older changes" and speaks French', async () => {
    const { lead, data } = await missionWithHistory();
    await renderIn('fr', <ChangeHistory data={data} pageSize={3} />, lead);
    await waitFor(() =>
      expect(sentences()).toEqual([
        'Ana Lead a ajouté la visite sur place Merdare',
        'Jürgen Weber a supprimé la statistique « Refusals » sur A 1',
        'Jürgen Weber a ajouté la statistique « Refusals » sur A 1',
      ]),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Afficher les modifications plus anciennes' }));
    await waitFor(() => expect(sentences()).toHaveLength(6));
    expect(sentences()[3]).toBe('Jürgen Weber a fait passer l’appréciation de A 1 de No à Yes');
    expect(screen.getByLabelText('Membre')).toBeTruthy();
  });

  it('shows under a requirement only the changes of its findings, their evidence and its assessment', async () => {
    const { lead, data } = await missionWithHistory();
    await renderIn('en', <RequirementHistory data={data} requirementId="r1" />, lead);
    expect(screen.queryAllByTestId('history-line')).toHaveLength(0);
    const details = screen.getByTestId('requirement-history');
    fireEvent.click(within(details).getByText('History'));
    // jsdom does not toggle <details> on a summary click; the browser does.
    if (!(details as HTMLDetailsElement).open) {
      (details as HTMLDetailsElement).open = true;
      fireEvent(details, new Event('toggle'));
    }
    await waitFor(() => expect(sentences()).toEqual(JURGEN_LINES));
  });
});
