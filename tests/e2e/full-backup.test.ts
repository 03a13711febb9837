import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openApps, type E2eSession } from './browser';

let sessions: E2eSession[] = [];

afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

describe('full backup file in Chromium', () => {
  it('carries every mission of one device to an empty one, and a second restore adds nothing', async () => {
    sessions = await openApps(2);
    const [laptop, replacement] = sessions;
    if (!laptop || !replacement) throw new Error('two sessions expected');

    await laptop.page.goto(laptop.url);
    await laptop.page.getByRole('button', { name: 'Open demo mission' }).click();
    await laptop.page.getByTestId('mission-summary').waitFor();
    await laptop.page.getByRole('link', { name: 'Backups' }).click();
    const download = laptop.page.waitForEvent('download');
    await laptop.page.getByRole('button', { name: 'Export full backup…' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^mission-kit-backup-\d{4}-\d{2}-\d{2}\.mkbackup$/);
    expect(await laptop.page.getByRole('status').textContent()).toMatch(/^Saved a full backup of 1 mission as mission-kit-backup-/);
    const bytes = await readFile(await file.path());

    const page = replacement.page;
    await page.goto(`${replacement.url}#/backups`);
    await page.getByText(/Automatic snapshots are kept by the desktop app/).waitFor();
    const restore = async (): Promise<string> => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Restore from a full backup…' }).click();
      await (await chooser).setFiles({ name: 'backup.mkbackup', mimeType: 'application/octet-stream', buffer: bytes });
      const status = page.getByRole('status');
      await status.waitFor();
      return (await status.textContent()) ?? '';
    };
    expect(await restore()).toMatch(/^Restored 1 mission from backup\.mkbackup \(\d+ changes were new on this device\)\.$/);
    await expect.poll(restore).toBe('Restored 1 mission from backup.mkbackup (0 changes were new on this device).');

    await page.getByRole('link', { name: 'Missions' }).click();
    await page.getByRole('link', { name: /Kosovo — visa roadmap assessment mission, July 2015/ }).click();
    await expect.poll(() => page.getByTestId('mission-summary').textContent()).toContain('requirements');
  });
});
