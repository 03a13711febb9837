import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BackupStore } from '../../main/backups/backup-store';
import { createIpcHandlers, type IpcDependencies } from '../../main/ipc-handlers';
import { BackupsScreen } from '../../renderer/src/backups/BackupsScreen';
import type { Bridge, BridgeRequests, BridgeResponses, IpcChannel } from '../../shared/ipc-contract';
import type { Result } from '../../shared/result';
import { buildKosovoDemo } from '../../shared/demo/kosovo-2015-demo';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import type { Template } from '../../shared/schemas/template';
import { fakeBridge, renderWithServices } from './render-app';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-backups-ui-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** The desktop bridge as the preload gives it, ending in main's real handlers and backup folder. */
function desktopBridge(): Bridge {
  const unused = async (): Promise<never> => {
    throw new Error('not used by the backups screen');
  };
  const handlers = createIpcHandlers({
    dialog: { showSaveDialog: unused, showOpenDialog: unused },
    fs: { stat: unused, open: unused, rename: unused, rm: unused },
    openExternal: unused,
    documentsFolder: () => folder,
    hub: { host: unused, stop: unused, status: unused, pair: unused, exchange: unused } as unknown as IpcDependencies['hub'],
    backups: new BackupStore(path.join(folder, 'backups')),
  });
  const fromApp = { senderFrame: { url: 'app://mission-kit/index.html' } };
  return {
    host: 'electron',
    invoke: <C extends IpcChannel>(channel: C, request: BridgeRequests[C]) => handlers[channel](fromApp, request) as Promise<Result<BridgeResponses[C]>>,
  };
}

/**
 * Waits until the snapshots panel has finished what the last click started. A backup or a
 * restore runs the whole door (read the snapshot, save the current state through main's real
 * file store, replace the mission in fake-indexeddb): 1.0–1.5 s on a loaded two-core machine,
 * past Testing Library's one-second default that this test used to rely on by accident. The
 * speed is not what these tests check, so they wait for the panel to say it is done (aria-busy),
 * bounded by the test's own timeout, then read the outcome without polling.
 */
async function untilSnapshotsIdle(): Promise<void> {
  const panel = screen.getByRole('region', { name: 'Automatic snapshots' });
  await waitFor(() => expect(panel.getAttribute('aria-busy')).toBe('false'), { timeout: 55_000 });
}

describe('BackupsScreen', () => {
  it('backs up, then restores a snapshot only after a confirmation, keeping the state it replaced', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<BackupsScreen />, desktopBridge());
    const demo = buildKosovoDemo();
    const imported = await services.repository.importMission({ template: findBuiltinTemplate('visa-roadmap-kosovo-2012') as Template, ...demo });
    if (!imported.ok) throw new Error(imported.error.message);
    const title = demo.mission.title;

    await user.click(await screen.findByRole('button', { name: 'Back up changed missions now' }));
    await untilSnapshotsIdle();
    expect(screen.getByText('1 snapshot written.')).toBeTruthy();
    const mission = await screen.findByRole('region', { name: title });
    expect(within(mission).getAllByTestId('backup-entry')).toHaveLength(1);
    expect(screen.getByText(new RegExp(path.join(folder, 'backups').replace(/[\\/.]/g, '.')))).toBeTruthy();

    await services.repository.updateMission(demo.mission.id, { title: 'Renamed by mistake' });

    // Cancel first: nothing happens.
    await user.click(within(mission).getByRole('button', { name: 'Restore…' }));
    const confirm = within(mission).getByRole('group', { name: 'Confirm the restore' });
    expect(confirm.textContent).toContain(`Restore “${title}” to`);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect((await services.db.missions.get(demo.mission.id))?.title).toBe('Renamed by mistake');

    await user.click(within(mission).getByRole('button', { name: 'Restore…' }));
    await user.click(within(mission).getByRole('button', { name: 'Restore this snapshot' }));
    await untilSnapshotsIdle();
    expect(screen.getByText(new RegExp(`“${title}” is restored to`))).toBeTruthy();
    expect((await services.db.missions.get(demo.mission.id))?.title).toBe(title);
    // The state it replaced is a snapshot of its own (listed under the title it had then).
    await waitFor(() => expect(screen.getAllByTestId('backup-entry')).toHaveLength(2));
    expect(screen.getByText(/before a restore/)).toBeTruthy();
  });

  it('keeps the number of snapshots the user sets, and refuses a number out of range', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<BackupsScreen />, desktopBridge());
    const mission = await services.repository.createMission(findBuiltinTemplate('visa-roadmap-kosovo-2012') as Template, { title: 'Follow-up', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2016-03-01', endDate: '2016-03-04', classification: '', reportVersion: '1.0' });
    for (const title of ['Follow-up 1', 'Follow-up 2', 'Follow-up 3']) {
      await services.repository.updateMission(mission.id, { title });
      await user.click(screen.getByRole('button', { name: 'Back up changed missions now' }));
      await untilSnapshotsIdle();
      screen.getByText('1 snapshot written.');
    }
    await waitFor(() => expect(screen.getAllByTestId('backup-entry')).toHaveLength(3));

    const keep = screen.getByRole('spinbutton', { name: 'Snapshots kept per mission' });
    await user.clear(keep);
    await user.type(keep, '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Keep between 1 and 200 snapshots per mission.');

    await user.clear(keep);
    await user.type(keep, '2');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The newest 2 snapshots of each mission are kept.')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('backup-entry')).toHaveLength(2));
  });

  it('tells a browser user that snapshots need the desktop app and offers the full backup file', async () => {
    await renderWithServices(<BackupsScreen />, fakeBridge(null));
    expect(await screen.findByText(/Automatic snapshots are kept by the desktop app/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export full backup…' })).toBeTruthy();
  });
});
