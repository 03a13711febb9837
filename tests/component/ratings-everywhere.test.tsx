import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { Template } from '../../shared/schemas/template';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { ChecklistScreen } from '../../renderer/src/checklist/ChecklistScreen';
import { DashboardScreen } from '../../renderer/src/mission/DashboardScreen';
import type { MissionData } from '../../renderer/src/db/read-models';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { fakeBridge, renderWithServices, startTestApp, type TestServices } from './render-app';

const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
if (!roadmap) throw new Error('roadmap template missing');

/**
 * The roadmap with its scale turned around and ids that say nothing: a look taken from the
 * level's id or its position would show "Not fulfilled" green here.
 */
const template: Template = {
  ...roadmap,
  id: 'reordered-roadmap',
  scale: {
    id: 'reordered',
    name: 'Reordered',
    levels: [
      { id: 'x1', label: 'Not fulfilled', counts: 'not-fulfilled' },
      { id: 'x2', label: 'Fulfilled', counts: 'fulfilled' },
      { id: 'x3', label: 'Not assessed', counts: 'not-counted' },
    ],
  },
};
const LOOK_OF = new Map(template.scale.levels.map((level) => [level.label, level.counts]));
const REQUIREMENT = 'readmission-1';

type Data = MissionData & { template: Template };

/** One mission: an expert rated readmission-1 "Not fulfilled", and the lead assessed it the same. */
async function seed(): Promise<{ services: TestServices; expert: Data; lead: Data }> {
  const services = await startTestApp(fakeBridge(null), new MissionKitDatabase(`ratings-${Math.random().toString(36).slice(2)}`));
  const { repository, reads } = services;
  await repository.importTemplate(template);
  const mission = await repository.createMission(template, { title: 'M', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2015-07-06', endDate: '2015-07-10', classification: '', reportVersion: '1.0' });
  const ana = await repository.addMember({ missionId: mission.id, name: 'Ana', organisation: 'SI', role: 'expert', areaIds: [] });
  const lead = await repository.addMember({ missionId: mission.id, name: 'Małgorzata', organisation: 'PL', role: 'lead', areaIds: [] });
  await repository.setIdentity(mission.id, ana.id);
  await repository.save('finding', { id: 'f-ana', missionId: mission.id, requirementId: REQUIREMENT, authorId: ana.id, deviceId: repository.deviceId, rating: 'x1', narrative: 'Seen.', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} });
  await repository.save('assessment', { id: 'a-1', missionId: mission.id, requirementId: REQUIREMENT, rating: 'x1', narrative: 'Agreed.', sourceFindingIds: [] });
  const read = await reads.mission(mission.id);
  const anaLive = read?.members.find((member) => member.id === ana.id);
  const leadLive = read?.members.find((member) => member.id === lead.id);
  if (!read || !anaLive || !leadLive) throw new Error('seeding failed');
  return { services, expert: { ...read, template, me: anaLive }, lead: { ...read, template, me: leadLive } };
}

/** Every rating on screen, as [label, look]. */
function shownRatings(root: ParentNode): [string, string][] {
  return [...root.querySelectorAll('.rating')].map((rating) => [rating.querySelector('.rating-label')?.textContent ?? '', rating.getAttribute('data-look') ?? '']);
}

/** No rating anywhere on screen wears another level's look. */
function expectTruthful(root: ParentNode): void {
  for (const [label, look] of shownRatings(root)) {
    if (LOOK_OF.has(label)) expect([label, look]).toEqual([label, LOOK_OF.get(label)]);
  }
}

function lookOf(element: Element | null | undefined): string | null {
  return element?.closest('.rating')?.getAttribute('data-look') ?? element?.querySelector('.rating')?.getAttribute('data-look') ?? null;
}

describe('a rating looks the same in every place that shows it', () => {
  // jsdom lays nothing out, so the virtualised requirement list would show no rows: give
  // elements a size, as a window would.
  const sized = ['offsetHeight', 'offsetWidth', 'clientHeight', 'clientWidth'] as const;
  beforeAll(() => {
    for (const key of sized) Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => 800 });
  });
  afterAll(() => {
    for (const key of sized) Reflect.deleteProperty(HTMLElement.prototype, key);
  });

  it("the expert's checklist: the requirement list and the finding form", async () => {
    const { services, expert } = await seed();
    const { container } = await renderWithServices(<ChecklistScreen data={expert} requirementId={REQUIREMENT} />, fakeBridge(null), services);
    const link = await waitFor(() => {
      const found = container.querySelector(`[data-requirement-id="${REQUIREMENT}"] .rating.look-not-fulfilled`);
      if (!found) throw new Error('requirement not rated yet');
      return found;
    });
    expect(link.textContent).toBe('Not fulfilled');
    const radio = await screen.findByRole('radio', { name: 'Not fulfilled' });
    expect((radio as HTMLInputElement).checked).toBe(true);
    expect(lookOf(radio.closest('label'))).toBe('not-fulfilled');
    expect(lookOf(screen.getByRole('radio', { name: 'Fulfilled' }).closest('label'))).toBe('fulfilled');
    expectTruthful(container);
  });

  it("the lead's assessment: the list, the expert's finding card and the assessment form", async () => {
    const { services, lead } = await seed();
    const { container } = await renderWithServices(<ChecklistScreen data={lead} requirementId={REQUIREMENT} mode="assessment" />, fakeBridge(null), services);
    await waitFor(() => expect(container.querySelector(`[data-requirement-id="${REQUIREMENT}"] .rating`)?.getAttribute('data-look')).toBe('not-fulfilled'));
    const card = await screen.findByTestId('finding-card');
    expect(shownRatings(card)).toEqual([['Not fulfilled', 'not-fulfilled']]);
    await waitFor(() => expect((screen.getByRole('radio', { name: 'Not fulfilled' }) as HTMLInputElement).checked).toBe(true));
    expect(lookOf(screen.getByRole('radio', { name: 'Not fulfilled' }).closest('label'))).toBe('not-fulfilled');
    expectTruthful(container);
  });

  it('the dashboard: the legend and the bar, with the numbers as text', async () => {
    const { services, lead } = await seed();
    const { container } = await renderWithServices(<DashboardScreen data={lead} />, fakeBridge(null), services);
    const legend = await screen.findByTestId('rating-legend');
    expect(shownRatings(legend).slice(0, 3)).toEqual([
      ['Not fulfilled', 'not-fulfilled'],
      ['Fulfilled', 'fulfilled'],
      ['Not assessed', 'not-counted'],
    ]);
    await waitFor(() => expect(container.querySelector('.rating-segment[data-level="x1"]')?.classList.contains('look-not-fulfilled')).toBe(true));
    const rows = screen.getAllByTestId('progress-row');
    expect(rows[0]?.querySelector('[data-testid="bar-numbers"]')?.textContent).toBe('Not fulfilled: 1 · Not yet assessed: 6 (of 7)');
    expectTruthful(container);
  });
});
