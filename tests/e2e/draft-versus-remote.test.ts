import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApps, type E2eSession } from './browser';

/**
 * The reported loss: an expert's finding form holds an invalid statistic (50 of 40) as a draft;
 * the lead's rating change for that finding arrives by bundle; the expert then fixes the
 * statistic. The lead's rating must be on screen at once and still be stored after autosave.
 */

let sessions: E2eSession[] = [];

beforeEach(async () => {
  sessions = await openApps(2);
});

afterEach(async () => {
  for (const session of sessions) await session.close();
});

const MISSION = 'demo-mission-kosovo-2015';
const REQUIREMENT = 'readmission-3';
const EXPERT = 'Jürgen Weiß';

async function exportBundle(page: Page, url: string, forLabel: RegExp | null): Promise<Buffer> {
  await page.goto(`${url}#/missions/${MISSION}/sync`);
  await page.getByRole('button', { name: 'Export bundle' }).waitFor();
  if (forLabel) {
    const value = await page.getByLabel('For', { exact: true }).locator('option', { hasText: forLabel }).getAttribute('value');
    await page.getByLabel('For', { exact: true }).selectOption(value ?? '');
  }
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export bundle' }).click();
  return readFile(await (await download).path());
}

async function importBundle(page: Page, bundle: Buffer, name: string): Promise<string> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import bundle…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: bundle });
  const outcome = page.getByTestId('import-outcome');
  await outcome.waitFor();
  return (await outcome.textContent()) ?? '';
}

/** Acts as the member; returns the member's id. */
async function actAs(page: Page, name: string): Promise<string> {
  const picker = page.getByLabel('I am');
  await picker.locator('option', { hasText: name }).first().waitFor({ state: 'attached' });
  const value = (await picker.locator('option', { hasText: name }).first().getAttribute('value')) ?? '';
  await picker.selectOption(value);
  await expect.poll(() => picker.inputValue(), { timeout: 20_000 }).toBe(value);
  return value;
}

/** The stored finding of a member on the requirement, read from IndexedDB as the app wrote it. */
async function storedFinding(page: Page, memberId: string): Promise<{ rating: string | null; statistics: { value: number; ofTotal?: number }[] }> {
  return page.evaluate(
    async ({ requirementId, authorId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mission-kit');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const all = <T,>(store: string): Promise<T[]> =>
        new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      type Row = { id: string; requirementId?: string; authorId?: string; findingId?: string; kind?: string; rating?: string | null; value?: number; ofTotal?: number; _deleted?: boolean };
      const finding = (await all<Row>('findings')).find((row) => row.requirementId === requirementId && row.authorId === authorId && !row._deleted);
      const statistics = (await all<Row>('evidence')).filter((row) => row.findingId === finding?.id && row.kind === 'statistic' && !row._deleted);
      db.close();
      return { rating: finding?.rating ?? null, statistics: statistics.map((row) => ({ value: row.value ?? NaN, ...(row.ofTotal === undefined ? {} : { ofTotal: row.ofTotal }) })) };
    },
    { requirementId: REQUIREMENT, authorId: memberId },
  );
}

describe('a draft and a rating change from the lead, in Chromium', () => {
  it('shows the lead’s rating at once and keeps it when the expert fixes the draft', async () => {
    const [expert, lead] = sessions as [E2eSession, E2eSession];
    const url = lead.url;

    // The lead opens the demo mission and hands it to the expert.
    await lead.page.goto(url);
    await lead.page.getByRole('button', { name: 'Open demo mission' }).click();
    await lead.page.getByTestId('mission-summary').waitFor();
    const everything = await exportBundle(lead.page, url, null);
    await expert.page.goto(url);
    await expert.page.getByText('Receive a mission from a bundle').click();
    const chooser = expert.page.waitForEvent('filechooser');
    await expert.page.getByRole('button', { name: 'Import bundle…' }).click();
    await (await chooser).setFiles({ name: 'mission.mkbundle', mimeType: 'application/octet-stream', buffer: everything });
    // A mission received from a bundle opens on its Sync tab.
    await expert.page.getByRole('heading', { name: 'Kosovo — visa roadmap assessment mission, July 2015' }).waitFor();
    await expect.poll(() => expert.page.url(), { timeout: 20_000 }).toMatch(/\/sync$/);

    // The expert types 50 of 40 into the statistic of their finding: kept as a draft, not stored.
    const expertId = await actAs(expert.page, EXPERT);
    await expert.page.goto(`${url}#/missions/${MISSION}/checklist/${REQUIREMENT}`);
    const status = expert.page.getByTestId('autosave-status');
    await status.waitFor();
    const before = await storedFinding(expert.page, expertId);
    const leadRating = before.rating === 'not-fulfilled' ? 'Fulfilled' : 'Not fulfilled';
    const leadRatingId = before.rating === 'not-fulfilled' ? 'fulfilled' : 'not-fulfilled';
    expect(before.statistics).toEqual([{ value: 2 }]);
    await expert.page.getByLabel('Of total (optional)').fill('40');
    await expect.poll(() => storedFinding(expert.page, expertId).then((stored) => stored.statistics), { timeout: 20_000 }).toEqual([{ value: 2, ofTotal: 40 }]);
    await expert.page.getByLabel('Value', { exact: true }).fill('50');
    await expert.page.getByLabel('Value', { exact: true }).blur();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Saved as a draft — 1 field to fix');
    expect((await storedFinding(expert.page, expertId)).statistics).toEqual([{ value: 2, ofTotal: 40 }]);

    // Meanwhile the lead changes the rating of that finding (acting for the expert) and sends it.
    await lead.page.goto(`${url}#/missions/${MISSION}/sync`);
    await actAs(lead.page, EXPERT);
    await lead.page.goto(`${url}#/missions/${MISSION}/checklist/${REQUIREMENT}`);
    await lead.page.getByTestId('autosave-status').waitFor();
    await lead.page.getByLabel(leadRating, { exact: true }).check();
    await expect.poll(() => lead.page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    const fromLead = await exportBundle(lead.page, url, null);

    // The expert imports it on the Sync screen of a second window, the form still open in the first.
    const syncWindow = await expert.context.newPage();
    await syncWindow.goto(`${url}#/missions/${MISSION}/sync`);
    expect(await importBundle(syncWindow, fromLead, 'lead.mkbundle')).toMatch(/^Imported/);
    await expect.poll(() => storedFinding(expert.page, expertId).then((stored) => stored.rating), { timeout: 20_000 }).toBe(leadRatingId);

    // The open form shows the lead's rating at once; the draft is untouched.
    await expect.poll(() => expert.page.getByLabel(leadRating, { exact: true }).isChecked(), { timeout: 20_000 }).toBe(true);
    expect(await expert.page.getByLabel('Value', { exact: true }).inputValue()).toBe('50');

    // The expert fixes the statistic; autosave stores it and leaves the lead's rating alone.
    await expert.page.getByLabel('Value', { exact: true }).fill('12');
    await expert.page.getByLabel('Value', { exact: true }).blur();
    await expect.poll(() => storedFinding(expert.page, expertId).then((stored) => stored.statistics), { timeout: 20_000 }).toEqual([{ value: 12, ofTotal: 40 }]);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    expect((await storedFinding(expert.page, expertId)).rating).toBe(leadRatingId);

    // Reopened, the form still shows the lead's rating: nothing of the draft shadows it.
    await expert.page.reload();
    await expert.page.getByTestId('autosave-status').waitFor();
    expect(await expert.page.getByLabel(leadRating, { exact: true }).isChecked()).toBe(true);
    await syncWindow.close();
  });
});
