import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NewMissionScreen } from '../../renderer/src/screens/NewMissionScreen';
import { fakeBridge, renderWithServices } from './render-app';

function messageFor(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

describe('new mission form', () => {
  it('shows a message beside each invalid field and writes nothing', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<NewMissionScreen />, fakeBridge(null));
    await waitFor(() => expect((screen.getByLabelText('Template') as HTMLSelectElement).value).toBe('visa-roadmap-kosovo-2012@1'));

    await user.type(screen.getByLabelText('Start date'), '2015-07-10');
    await user.type(screen.getByLabelText('End date'), '2015-07-01');
    await user.click(screen.getByRole('button', { name: 'Create mission' }));

    await waitFor(() => expect(messageFor(screen.getByLabelText('Mission title'))).toBe('Enter mission title.'));
    expect(screen.getByLabelText('Mission title').getAttribute('aria-invalid')).toBe('true');
    expect(messageFor(screen.getByLabelText('Territory'))).toContain('Enter territory.');
    expect(messageFor(screen.getByLabelText('End date'))).toBe('The end date must not be before the start date.');
    expect(await services.db.missions.count()).toBe(0);
    expect(await services.db.changes.count()).toBe(0);
  });

  it('fills the framework from the chosen template and creates the mission with its change records', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<NewMissionScreen />, fakeBridge(null));
    await waitFor(() => expect((screen.getByLabelText('Framework') as HTMLInputElement).value).toBe('EU visa liberalisation dialogue'));

    await user.type(screen.getByLabelText('Mission title'), 'Schengen evaluation of Ruritania');
    await user.selectOptions(screen.getByLabelText('Template'), 'schengen-evaluation-sample@1');
    await user.type(screen.getByLabelText('Territory'), 'Ruritania');
    await user.type(screen.getByLabelText('Start date'), '2026-03-02');
    await user.type(screen.getByLabelText('End date'), '2026-03-06');
    await user.click(screen.getByRole('button', { name: 'Create mission' }));

    await waitFor(async () => expect(await services.db.missions.count()).toBe(1));
    const [mission] = await services.db.missions.toArray();
    expect(mission).toMatchObject({
      title: 'Schengen evaluation of Ruritania',
      templateId: 'schengen-evaluation-sample',
      territory: { name: 'Ruritania' },
      startDate: '2026-03-02',
      endDate: '2026-03-06',
    });
    expect(mission?.framework).not.toBe('EU visa liberalisation dialogue');
    expect(await services.db.changes.where({ entity: 'mission', id: mission?.id ?? '' }).toArray()).toEqual([expect.objectContaining({ field: '*' })]);
    expect(window.location.hash).toBe(`#/missions/${mission?.id}/team`);
  });
});
