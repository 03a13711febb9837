import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeviceNamePrompt } from '../../renderer/src/app/DeviceNamePrompt';
import { tinyTemplate as template } from '../unit/sync/device-kit';
import { fakeBridge, renderWithServices, startTestApp } from './render-app';

describe('the device-name question on first start', () => {
  // Every test is a first start: nothing was put off yet.
  beforeEach(() => sessionStorage.clear());

  it('suggests a name from the member this device acts as, and saves what is typed', async () => {
    const user = userEvent.setup();
    const services = await startTestApp(fakeBridge(null));
    await services.repository.importTemplate(template);
    const mission = await services.repository.createMission(template, { title: 'M', territory: { name: 'R' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
    const jurgen = await services.repository.addMember({ missionId: mission.id, name: 'Jürgen', organisation: 'DE', role: 'expert', areaIds: [] });
    await services.repository.setIdentity(mission.id, jurgen.id);
    await renderWithServices(<DeviceNamePrompt />, fakeBridge(null), services);

    const dialog = await screen.findByRole('dialog', { name: 'Name this device' });
    const field = screen.getByLabelText<HTMLInputElement>('Device name');
    expect(dialog.contains(field)).toBe(true);
    expect(field.value).toBe("Jürgen's laptop");
    expect(document.activeElement).toBe(field); // keyboard users can type at once
    await user.clear(field);
    await user.type(field, '  Jürgen’s field laptop ');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    // Stored trimmed; the question then goes away by itself, as the name is now known.
    await waitFor(() => expect(screen.queryByTestId('device-name-prompt')).toBeNull());
    expect(await services.reads.deviceName(services.repository.deviceId)).toBe('Jürgen’s field laptop');
  });

  it('can be put off with Escape, stores nothing, and asks again on the next start', async () => {
    const user = userEvent.setup();
    const services = await startTestApp(fakeBridge(null));
    const first = await renderWithServices(<DeviceNamePrompt />, fakeBridge(null), services);
    await screen.findByRole('dialog', { name: 'Name this device' });
    expect(screen.getByLabelText<HTMLInputElement>('Device name').value).toBe('');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await services.reads.deviceName(services.repository.deviceId)).toBeNull();
    first.unmount();

    // A reload in the same session does not ask again; the next start (a new session) does,
    // as there is still no name, and "Later" puts it off again.
    expect(sessionStorage.getItem('mission-kit:device-name-later')).toBe('1');
    sessionStorage.clear();
    await renderWithServices(<DeviceNamePrompt />, fakeBridge(null), services);
    await user.click(await screen.findByRole('button', { name: 'Later' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('refuses an empty name and says what to do', async () => {
    const user = userEvent.setup();
    const services = await startTestApp(fakeBridge(null));
    await renderWithServices(<DeviceNamePrompt />, fakeBridge(null), services);
    await user.click(await screen.findByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Type a name, or choose Later.');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(await services.reads.deviceName(services.repository.deviceId)).toBeNull();
  });
});
