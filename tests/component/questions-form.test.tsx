import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LiveFindingForm } from '../../renderer/src/checklist/FindingForm';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import type { SiteVisit } from '../../shared/schemas/mission';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { fakeBridge, renderWithServices, startTestApp } from './render-app';

const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
if (!template) throw new Error('roadmap template missing');
const roadmap = template;
const REQUIREMENT = 'border-management-6'; // second-line checks, exit checks, officers on duty

async function renderQuestions(existingAnswers?: Record<string, string | number | string[]>) {
  const services = await startTestApp(fakeBridge(null), new MissionKitDatabase(`questions-${Math.random().toString(36).slice(2)}`));
  const { repository } = services;
  const created = await repository.createMission(roadmap, {
    title: 'Border mission',
    territory: { name: 'Kosovo' },
    framework: 'Visa dialogue',
    startDate: '2015-07-06',
    endDate: '2015-07-10',
    classification: '',
    reportVersion: '1.0',
  });
  const member = await repository.addMember({ missionId: created.id, name: 'Mojca Žagar', organisation: 'Slovenia', role: 'expert', areaIds: [] });
  const site = (id: string, type: SiteVisit['type'], name: string) => ({ id, missionId: created.id, type, name, date: '2015-07-07', host: '', memberIds: [], notes: '' });
  await repository.saveAll([
    { entity: 'site', value: site('merdare', 'land-crossing', 'Merdare/Merdarë') },
    { entity: 'site', value: site('vermica', 'land-crossing', 'Vërmica') },
    { entity: 'site', value: site('vranidoll', 'detention-centre', 'Vranidoll') },
  ]);
  let finding;
  if (existingAnswers) {
    finding = { id: 'f-1', missionId: created.id, requirementId: REQUIREMENT, authorId: member.id, deviceId: repository.deviceId, rating: null, narrative: '', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: existingAnswers };
    await repository.save('finding', finding);
  }
  const read = await services.reads.mission(created.id);
  const me = read?.members.find((candidate) => candidate.id === member.id);
  if (!read || !me) throw new Error('seeding failed');
  const data = { ...read, template: roadmap, me, sites: [...read.sites].sort((a, b) => a.id.localeCompare(b.id)) };
  await renderWithServices(<LiveFindingForm data={data} me={me} requirementId={REQUIREMENT} />, fakeBridge(null), services);
  await screen.findByLabelText('Narrative');
  return { services };
}

const siteSection = (name: string): HTMLElement => screen.getByRole('region', { name: `At ${name}` });

describe('guiding questions in the finding form', () => {
  it('asks per-site questions once at each site visit of the right type', async () => {
    await renderQuestions();
    expect(screen.getAllByTestId('site-questions')).toHaveLength(2);
    expect(screen.queryByRole('region', { name: 'At Vranidoll' })).toBeNull();
    const merdare = siteSection('Merdare/Merdarë');
    expect(within(merdare).getByRole('group', { name: /Are exit checks performed\?/ })).toBeTruthy();
    expect(within(merdare).getByLabelText(/Officers on duty/)).toBeTruthy();
  });

  it('shows "what is missing" only where second-line checks are not fully equipped, live', async () => {
    const user = userEvent.setup();
    await renderQuestions();
    const merdare = siteSection('Merdare/Merdarë');
    const vermica = siteSection('Vërmica');
    expect(within(merdare).queryByRole('group', { name: /What is missing/ })).toBeNull();
    await user.click(within(within(merdare).getByRole('group', { name: /second-line checks equipped/i })).getByLabelText('Partly'));
    expect(within(merdare).getByRole('group', { name: /What is missing/ })).toBeTruthy();
    expect(within(vermica).queryByRole('group', { name: /What is missing/ })).toBeNull();
    await user.click(within(within(merdare).getByRole('group', { name: /second-line checks equipped/i })).getByLabelText('Yes'));
    expect(within(merdare).queryByRole('group', { name: /What is missing/ })).toBeNull();
  });

  it('saves answers per site, and keeps an out-of-range number as a marked draft', async () => {
    const user = userEvent.setup();
    const { services } = await renderQuestions();
    const merdare = siteSection('Merdare/Merdarë');
    const vermica = siteSection('Vërmica');
    await user.click(within(within(merdare).getByRole('group', { name: /Are exit checks performed/ })).getByLabelText('Yes'));
    await user.click(within(within(vermica).getByRole('group', { name: /Are exit checks performed/ })).getByLabelText('No'));
    await user.type(within(vermica).getByLabelText(/Officers on duty/), '600');

    const officers = within(vermica).getByLabelText(/Officers on duty/);
    const message = (officers.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(message).toContain('Must be at most 500; what you typed is kept as a draft.');

    await waitFor(async () => {
      const [finding] = await services.db.findings.toArray();
      expect(finding?.answers).toEqual({ 'exit-checks@merdare': 'yes', 'exit-checks@vermica': 'no' });
      const [draft] = await services.db.drafts.toArray();
      expect(draft?.values).toMatchObject({ values: { answers: { 'officers-on-duty@vermica': '600' } } });
      expect(draft?.problems).toEqual([{ path: 'answers.officers-on-duty@vermica', message: 'Must be at most 500; what you typed is kept as a draft.' }]);
    });
  });

  it('shows answers to questions the template no longer asks as archived, and keeps them', async () => {
    const user = userEvent.setup();
    const { services } = await renderQuestions({ 'exit-checks@merdare': 'yes', 'vehicle-scanner@merdare': 'no' });
    const archived = screen.getByTestId('archived-answers');
    expect(archived.textContent).toContain('vehicle-scanner (Merdare/Merdarë): no');
    await user.type(screen.getByLabelText('Narrative'), 'Edited after the template changed.');
    await waitFor(async () => {
      const finding = await services.db.findings.get('f-1');
      expect(finding?.narrative).toBe('Edited after the template changed.');
      expect(finding?.answers).toEqual({ 'exit-checks@merdare': 'yes', 'vehicle-scanner@merdare': 'no' });
    });
  });
});
