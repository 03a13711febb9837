import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { openApp, type E2eSession } from './browser';
import { solidPng } from '../fixtures/png';

let session: E2eSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  await session.close();
});

/** A real photo-sized PNG, larger than a thumbnail, so the thumbnail is a true reduction. */
const PHOTO = solidPng(640, 480, [40, 110, 60]);

async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Open demo mission' }).click();
  await page.getByTestId('mission-summary').waitFor();
}

async function actAs(page: Page, name: string): Promise<void> {
  const picker = page.getByLabel('I am');
  const value = (await picker.locator('option', { hasText: name }).getAttribute('value')) ?? '';
  await picker.selectOption(value);
  // The picker follows the stored identity: once it shows the choice, the app acts as that member.
  await expect.poll(() => picker.inputValue()).toBe(value);
}

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
}

describe('field checklist in Chromium', () => {
  it('opens the demo mission with 95 requirements, all rated by the team', async () => {
    const { page, url } = session;
    await openDemo(page, url);
    expect(await page.getByTestId('mission-summary').textContent()).toBe('95 requirements in 11 areas and 5 blocks');
    await expect.poll(() => page.getByTestId('dashboard-totals').textContent()).toContain('rated by the team: 95');
    await page.getByRole('link', { name: 'Checklist' }).click();
    expect(await page.getByTestId('checklist-count').textContent()).toBe('Showing 95 of 95');
    await page.getByLabel('Show').selectOption({ label: 'Flagged' });
    await expect.poll(() => page.getByTestId('checklist-count').textContent()).toMatch(/^Showing \d+ of 95$/);
    await expect.poll(() => page.getByTestId('checklist-count').textContent()).not.toBe('Showing 95 of 95');
    await page.getByTestId('checklist-requirement').first().waitFor();
    expect(await page.locator('.requirement-link .flag').count()).toBe(await page.getByTestId('checklist-requirement').count());
  });

  it('keeps a finding with a site, a statistic and a photo across a reload', async () => {
    const { page, url } = session;
    await openDemo(page, url);
    await actAs(page, 'Florian Pölzl');
    await page.getByRole('link', { name: 'Checklist' }).click();
    await page.getByLabel('Search requirements and my findings').fill('reintegration fund');
    await page.getByTestId('checklist-requirement').first().click();
    const heading = await page.locator('#requirement-heading').textContent();

    await page.getByLabel('Not fulfilled').check();
    await page.getByLabel('Narrative').fill('Only 20 % of the Reintegration Fund was spent in the first half of 2015.');
    await page.getByLabel(/Merdare\/Merdarë/).check();
    await page.getByRole('button', { name: 'Add statistic' }).click();
    await page.getByLabel('What is counted').fill('Returnees who received immediate assistance');
    await page.getByLabel('Value').fill('1,542');
    await page.getByLabel('Of total (optional)').fill('2,744');
    expect(await page.getByTestId('statistic-percent').textContent()).toBe('= 56 %');
    await page.getByTestId('attachment-input').setInputFiles({ name: 'merdare-second-line.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByTestId('attachment').waitFor();
    await waitSaved(page);

    await page.reload();
    await page.locator('#requirement-heading').waitFor();
    expect(await page.locator('#requirement-heading').textContent()).toBe(heading);
    expect(await page.getByLabel('Not fulfilled').isChecked()).toBe(true);
    expect(await page.getByLabel('Narrative').inputValue()).toBe('Only 20 % of the Reintegration Fund was spent in the first half of 2015.');
    expect(await page.getByLabel(/Merdare\/Merdarë/).isChecked()).toBe(true);
    expect(await page.getByLabel('Value').inputValue()).toBe('1,542');
    expect(await page.getByTestId('statistic-percent').textContent()).toBe('= 56 %');
    const thumbnail = page.getByRole('img', { name: 'merdare-second-line.png' });
    await thumbnail.waitFor();
    // The stored thumbnail (a decodable JPEG) is what the list shows.
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    const stored = await page.evaluate(async () => {
      const open = indexedDB.open('mission-kit');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const rows = await new Promise<{ blob: Blob; thumbnail?: Blob }[]>((resolve) => {
        const request = db.transaction('attachments').objectStore('attachments').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      return rows.map((row) => ({ size: row.blob.size, thumbnailType: row.thumbnail?.type }));
    });
    expect(stored).toEqual([{ size: PHOTO.length, thumbnailType: 'image/jpeg' }]);
  });

  it('keeps text typed just before a reload', async () => {
    const { page, url } = session;
    await openDemo(page, url);
    await page.getByRole('link', { name: 'Checklist' }).click();
    const narrative = page.getByLabel('Narrative');
    await narrative.click();
    await page.keyboard.type('Second-line checks equipment present at every crossing point visited');
    // Reloaded the moment the last key is in the field, with no pause for the autosave: what the
    // page has not written yet must come back from what it keeps while unloading.
    expect(await narrative.inputValue()).toBe('Second-line checks equipment present at every crossing point visited');
    await page.reload();
    await expect.poll(() => page.getByLabel('Narrative').inputValue()).toBe('Second-line checks equipment present at every crossing point visited');
  });

  it('moves between requirements and to search by keyboard', async () => {
    const { page, url } = session;
    await openDemo(page, url);
    await page.getByRole('link', { name: 'Checklist' }).click();
    await page.locator('#requirement-heading').waitFor();
    expect(await page.locator('#requirement-heading').textContent()).toContain('Legal framework on readmission');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => page.url()).toMatch(/checklist\/readmission-2$/);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => page.url()).toMatch(/checklist\/readmission-1$/);
    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('checklist-search');
    await page.keyboard.type('merdare');
    expect(await page.getByTestId('checklist-count').textContent()).not.toBe('Showing 95 of 95');
  });

  it('switches to French, remembers it, and switches back', async () => {
    const { page, url } = session;
    await page.goto(url);
    await page.getByRole('button', { name: 'Open demo mission' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Ouvrir la mission de démonstration' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.reload();
    await page.getByRole('button', { name: 'Ouvrir la mission de démonstration' }).waitFor();
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('button', { name: 'Open demo mission' }).waitFor();
  });

  // axe walks every node of ten screens: slower than the other tests on a loaded machine.
  it('has no serious or critical accessibility violation on the main screens', async () => {
    const { page, url } = session;
    const problems: string[] = [];
    const check = async (screen: string): Promise<void> => {
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact === 'serious' || violation.impact === 'critical') {
          problems.push(`${screen}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
        }
      }
    };
    await page.goto(url);
    await page.getByRole('button', { name: 'Open demo mission' }).waitFor();
    await check('missions');
    await page.getByRole('button', { name: 'Open demo mission' }).click();
    await page.getByTestId('mission-summary').waitFor();
    await check('dashboard');
    await page.getByRole('link', { name: 'Checklist' }).click();
    await page.locator('#requirement-heading').waitFor();
    await check('checklist');
    await page.getByRole('link', { name: 'Site visits' }).click();
    await page.getByTestId('site-row').first().waitFor();
    await check('sites');
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await page.getByTestId('member-row').first().waitFor();
    await check('team');
    await page.getByRole('link', { name: 'Assessment', exact: true }).click();
    await page.getByTestId('finding-cards').waitFor();
    await check('assessment');
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByTestId('recommendation').first().waitFor();
    await check('recommendations');
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await check('reports');
    await page.getByRole('link', { name: 'Sync', exact: true }).click();
    await page.getByRole('heading', { name: 'Sync', exact: true }).waitFor();
    await check('sync');
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('heading', { name: 'Full backup file' }).waitFor();
    await check('backups');
    expect(problems).toEqual([]);
  }, 180_000);
});
