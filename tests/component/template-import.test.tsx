import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TemplatesScreen } from '../../renderer/src/screens/TemplatesScreen';
import { fakeBridge, renderWithServices } from './render-app';

const validTemplate = {
  format: 'mission-kit/template',
  formatVersion: 1,
  id: 'visa-action-plan-sample',
  version: 2,
  title: 'Visa liberalisation action plan (sample)',
  framework: 'Visa liberalisation action plan',
  scale: {
    id: 'achievement',
    name: 'Achievement',
    levels: [
      { id: 'achieved', label: 'Achieved', counts: 'fulfilled' },
      { id: 'almost-achieved', label: 'Almost achieved', counts: 'not-fulfilled' },
      { id: 'partially-achieved', label: 'Partially achieved', counts: 'not-fulfilled' },
    ],
  },
  blocks: [
    {
      id: 'phase-1',
      title: 'Phase 1: legislative framework',
      areas: [{ id: 'documents', title: 'Document security', phrase: 'the area of document security', requirements: [{ id: 'd1', text: 'Biometric passports' }] }],
    },
  ],
};

describe('template import', () => {
  it('lists the built-in templates with their counts and scales', async () => {
    await renderWithServices(<TemplatesScreen />, fakeBridge(null));
    const cards = await screen.findAllByTestId('template-card');
    expect(cards).toHaveLength(3);
    const roadmap = cards.find((card) => card.textContent?.includes('Kosovo (2012)')) as HTMLElement;
    expect(within(roadmap).getByText('95 requirements · 11 areas · 5 blocks')).toBeTruthy();
    expect(within(roadmap).getByText('Scale: Fulfilled / Not fulfilled / Not assessed')).toBeTruthy();
  });

  it('imports a valid template file', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(
      <TemplatesScreen />,
      fakeBridge({ name: 'action-plan.json', text: JSON.stringify(validTemplate) }),
    );
    await screen.findAllByTestId('template-card');
    await user.click(screen.getByRole('button', { name: 'Import template file…' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Imported “Visa liberalisation action plan (sample)” (version 2).');
    expect(await services.db.templates.get(['visa-action-plan-sample', 2])).toBeDefined();
    await waitFor(() => expect(screen.getAllByTestId('template-card')).toHaveLength(4));
  });

  it('refuses an invalid file, listing the path and reason of each problem, and stores nothing', async () => {
    const user = userEvent.setup();
    const broken = structuredClone(validTemplate) as Record<string, unknown> & typeof validTemplate;
    delete (broken as Partial<typeof validTemplate>).title;
    broken.scale.levels = broken.scale.levels.map((level) => ({ ...level, counts: 'not-fulfilled' }));
    broken.blocks[0]?.areas[0]?.requirements.push({ id: 'd1', text: 'Duplicate' });
    const bridge = fakeBridge({ name: 'broken.json', text: JSON.stringify(broken) });
    const { services } = await renderWithServices(<TemplatesScreen />, bridge);
    await screen.findAllByTestId('template-card');
    await user.click(screen.getByRole('button', { name: 'Import template file…' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('broken.json is not a valid template. Nothing was imported.');
    const problems = within(alert)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^title: /),
        'scale.levels: no level counts as fulfilled',
        'blocks[0].areas[0].requirements[1].id: duplicate requirement id "d1"',
      ]),
    );
    expect(await services.db.templates.count()).toBe(3);
  });

  it('refuses a file that is not JSON', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<TemplatesScreen />, fakeBridge({ name: 'notes.json', text: '{ "format": ' }));
    await screen.findAllByTestId('template-card');
    await user.click(screen.getByRole('button', { name: 'Import template file…' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('listitem').textContent).toMatch(/^\(root\): not valid JSON/);
    expect(await services.db.templates.count()).toBe(3);
  });
});
