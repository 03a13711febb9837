import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BackupsScreen } from '../../renderer/src/backups/BackupsScreen';
import { MissionsScreen } from '../../renderer/src/screens/MissionsScreen';
import { TemplatesScreen } from '../../renderer/src/screens/TemplatesScreen';
import { ImportBundleButton } from '../../renderer/src/sync/ImportBundleButton';
import type { Bridge } from '../../shared/ipc-contract';
import { MAX_JSON_DEPTH } from '../../shared/input-limits';
import { fakeBridge, renderWithServices } from './render-app';

/**
 * Every import and restore button shows every failure: a hostile file gets its problem list,
 * and an exception nobody foresaw (here the file dialog itself failing) gets a translated
 * message instead of a button that silently stops. Nothing is stored either way.
 */

const DEEP = `${'['.repeat(5000)}1${']'.repeat(5000)}`;

/** A bridge whose file dialog throws, as a crashed main process or a lost IPC channel would. */
function crashingBridge(): Bridge {
  return {
    host: 'web',
    invoke: () => Promise.reject(new Error('the file dialog crashed')),
  };
}

describe('mission import', () => {
  it('shows the depth limit for a mission file nested 5,000 deep, and imports nothing', async () => {
    const user = userEvent.setup();
    const text = `{"format":"mission-kit/mission","formatVersion":1,"changes":[{"value":${DEEP}}]}`;
    const { services } = await renderWithServices(<MissionsScreen />, fakeBridge({ name: 'deep.mission.json', text }));
    await user.click(await screen.findByRole('button', { name: 'Import mission file…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('deep.mission.json');
    expect(within(alert).getByRole('listitem').textContent).toBe(
      `changes[0].value${'[0]'.repeat(MAX_JSON_DEPTH - 3)}: nested more than ${MAX_JSON_DEPTH} levels deep (arrays and objects inside each other); Mission Kit reads at most ${MAX_JSON_DEPTH}`,
    );
    expect(await services.db.missions.count()).toBe(0);
  });

  it('lists "template" as missing from a mission file without one, instead of failing silently', async () => {
    const user = userEvent.setup();
    const text = JSON.stringify({ format: 'mission-kit/mission', formatVersion: 1 });
    await renderWithServices(<MissionsScreen />, fakeBridge({ name: 'bare.mission.json', text }));
    await user.click(await screen.findByRole('button', { name: 'Import mission file…' }));
    const problems = within(await screen.findByRole('alert'))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(problems).toContain('template: Invalid input: expected object, received undefined');
  });

  it('shows an unexpected exception as a failure, and the button works again', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<MissionsScreen />, crashingBridge());
    const button = await screen.findByRole('button', { name: 'Import mission file…' });
    await user.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('The mission file could not be imported: the file dialog crashed');
    expect(button).toHaveProperty('disabled', false);
    expect(await services.db.missions.count()).toBe(0);
  });
});

describe('template import', () => {
  it('lists the missing parts of {"format":"mission-kit/template"}, and stores nothing', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<TemplatesScreen />, fakeBridge({ name: 'bare.json', text: '{"format":"mission-kit/template"}' }));
    await screen.findAllByTestId('template-card');
    await user.click(screen.getByRole('button', { name: 'Import template file…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('bare.json is not a valid template. Nothing was imported.');
    const problems = within(alert)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(problems).toEqual(expect.arrayContaining(['scale: Invalid input: expected object, received undefined', 'blocks: Invalid input: expected array, received undefined']));
    expect(await services.db.templates.count()).toBe(3);
  });

  it('shows an unexpected exception as a translated failure', async () => {
    const user = userEvent.setup();
    const { services } = await renderWithServices(<TemplatesScreen />, crashingBridge());
    await screen.findAllByTestId('template-card');
    await user.click(screen.getByRole('button', { name: 'Import template file…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The template could not be imported and nothing was stored: the file dialog crashed');
    expect(screen.getByRole('button', { name: 'Import template file…' })).toHaveProperty('disabled', false);
    expect(await services.db.templates.count()).toBe(3);
  });
});

describe('bundle import and backup restore', () => {
  it('show an unexpected exception from the bundle import button', async () => {
    const user = userEvent.setup();
    await renderWithServices(<ImportBundleButton />, crashingBridge());
    await user.click(await screen.findByRole('button', { name: 'Import bundle…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The bundle could not be imported and nothing was changed: the file dialog crashed');
  });

  it('show an unexpected exception from the full-backup restore button', async () => {
    const user = userEvent.setup();
    await renderWithServices(<BackupsScreen />, crashingBridge());
    await user.click(await screen.findByRole('button', { name: 'Restore from a full backup…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The backup could not be restored and nothing was changed: the file dialog crashed');
  });
});
