import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openApp, type E2eSession } from './browser';

let session: E2eSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  await session.close();
});

const atSite = (page: Page, name: RegExp): Locator => page.getByRole('region', { name });
const question = (scope: Locator, text: RegExp): Locator => scope.getByRole('group', { name: text });

describe('guiding questions in Chromium', () => {
  it('keeps answers to per-site questions for two sites across a reload', async () => {
    const { page, url } = session;
    await page.goto(url);
    await page.getByRole('button', { name: 'Open demo mission' }).click();
    await page.getByTestId('mission-summary').waitFor();
    const picker = page.getByLabel('I am');
    const florian = (await picker.locator('option', { hasText: 'Florian Pölzl' }).getAttribute('value')) ?? '';
    await picker.selectOption(florian);
    await expect.poll(() => picker.inputValue()).toBe(florian);
    await page.goto(`${page.url().replace(/#.*$/, '')}#/missions/demo-mission-kosovo-2015/checklist/border-management-6`);
    await page.getByTestId('questions').waitFor();

    const merdare = atSite(page, /^At Merdare/);
    const vermica = atSite(page, /^At Vërmica/);
    await question(merdare, /Are exit checks performed/).getByLabel('Yes', { exact: true }).check();
    await question(vermica, /Are exit checks performed/).getByLabel('No', { exact: true }).check();
    await question(merdare, /second-line checks equipped/i).getByLabel('Partly', { exact: true }).check();
    await question(merdare, /What is missing/).getByRole('checkbox').first().check();
    await vermica.getByLabel(/Officers on duty/).fill('12');
    await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');

    await page.reload();
    await page.getByTestId('questions').waitFor();
    expect(await question(merdare, /Are exit checks performed/).getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    expect(await question(vermica, /Are exit checks performed/).getByLabel('No', { exact: true }).isChecked()).toBe(true);
    expect(await question(merdare, /second-line checks equipped/i).getByLabel('Partly', { exact: true }).isChecked()).toBe(true);
    expect(await question(merdare, /What is missing/).getByRole('checkbox').first().isChecked()).toBe(true);
    expect(await vermica.getByLabel(/Officers on duty/).inputValue()).toBe('12');
    // The team's summary now counts this expert's answers with the demo team's.
    await expect.poll(() => page.getByTestId('questionnaire-summary').textContent()).toContain('Are exit checks performed?');
  });
});
