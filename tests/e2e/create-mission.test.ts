import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type E2eSession } from './browser';

let session: E2eSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  await session.close();
});

describe('creating a mission in Chromium', () => {
  it('creates a mission from the roadmap template, and after a reload it still shows 95 requirements in 11 areas', async () => {
    const { page, url } = session;
    await page.goto(url);
    await page.getByRole('link', { name: 'New mission' }).click();

    await expect.poll(() => page.getByLabel('Template').inputValue()).toBe('visa-roadmap-kosovo-2012@1');
    await page.getByLabel('Mission title').fill('Kosovo — visa roadmap assessment mission, July 2015');
    await page.getByLabel('Territory', { exact: true }).fill('Kosovo');
    await page.getByLabel('Start date').fill('2015-07-06');
    await page.getByLabel('End date').fill('2015-07-10');
    await page.getByRole('button', { name: 'Create mission' }).click();

    await page.getByRole('heading', { level: 1, name: 'Kosovo — visa roadmap assessment mission, July 2015' }).waitFor();
    // A new mission opens on its team, the first thing to set up.
    await page.getByRole('heading', { name: 'Team', level: 2 }).waitFor();
    const missionUrl = page.url();
    await page.reload();
    await page.getByRole('heading', { name: 'Team', level: 2 }).waitFor();
    expect(page.url()).toBe(missionUrl);

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('mission-summary').waitFor();
    expect(await page.getByTestId('mission-summary').textContent()).toBe('95 requirements in 11 areas and 5 blocks');
    expect(await page.getByTestId('progress-row').count()).toBe(11);
    await page.getByRole('link', { name: 'Checklist' }).click();
    expect(await page.getByTestId('checklist-count').textContent()).toBe('Showing 95 of 95');

    await page.getByRole('link', { name: 'All missions' }).click();
    await page.getByTestId('mission-row').waitFor();
    expect(await page.getByTestId('mission-row').count()).toBe(1);
    expect(await page.getByTestId('mission-row').textContent()).toContain('Visa liberalisation roadmap — Kosovo (2012)');
  });

  it('shows each validation message beside its field and creates nothing', async () => {
    const { page, url } = session;
    await page.goto(`${url}#/missions/new`);
    await expect.poll(() => page.getByLabel('Template').inputValue()).not.toBe('');
    await page.getByLabel('Start date').fill('2015-07-10');
    await page.getByLabel('End date').fill('2015-07-06');
    await page.getByRole('button', { name: 'Create mission' }).click();

    const titleError = await page.getByLabel('Mission title').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${titleError}"]`).textContent()).toBe('Enter mission title.');
    const endError = await page.getByLabel('End date').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${endError}"]`).textContent()).toBe('The end date must not be before the start date.');

    await page.goto(`${url}#/missions`);
    await page.getByText('No missions yet').waitFor();
  });
});
