import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApps, type E2eSession } from './browser';

let sessions: E2eSession[] = [];

beforeEach(async () => {
  sessions = await openApps(3);
});

afterEach(async () => {
  for (const session of sessions) await session.close();
});

const MISSION = 'demo-mission-kosovo-2015';
const REQUIREMENT = 'readmission-3';

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

async function actAs(page: Page, name: string): Promise<void> {
  const picker = page.getByLabel('I am');
  await picker.locator('option', { hasText: name }).first().waitFor({ state: 'attached' });
  const value = (await picker.locator('option', { hasText: name }).first().getAttribute('value')) ?? '';
  await picker.selectOption(value);
  // The picker follows the stored identity: once it shows the choice, the app acts as that member.
  await expect.poll(() => picker.inputValue()).toBe(value);
}

async function writeNarrative(page: Page, url: string, text: string): Promise<void> {
  await page.goto(`${url}#/missions/${MISSION}/checklist/${REQUIREMENT}`);
  await page.getByTestId('autosave-status').waitFor();
  await page.getByLabel('Narrative').fill(text);
  await page.getByLabel('Narrative').blur();
  await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
}

describe('sync by bundle files between three devices in Chromium', () => {
  it('experts and the lead exchange bundles; the lead resolves a narrative conflict; the resolution reaches the expert', async () => {
    const [lead, ana, jurgen] = sessions as [E2eSession, E2eSession, E2eSession];
    const url = lead.url;

    // The lead opens the demo mission and hands it to two experts.
    await lead.page.goto(url);
    await lead.page.getByRole('button', { name: 'Open demo mission' }).click();
    await lead.page.getByTestId('mission-summary').waitFor();
    const everything = await exportBundle(lead.page, url, null);
    for (const expert of [ana, jurgen]) {
      await expert.page.goto(url);
      await expert.page.getByText('Receive a mission from a bundle').click();
      const chooser = expert.page.waitForEvent('filechooser');
      await expert.page.getByRole('button', { name: 'Import bundle…' }).click();
      await (await chooser).setFiles({ name: 'mission.mkbundle', mimeType: 'application/octet-stream', buffer: everything });
      // A mission received from a bundle opens on its Sync tab.
      await expert.page.getByRole('heading', { name: 'Kosovo — visa roadmap assessment mission, July 2015' }).waitFor();
      await expect.poll(() => expert.page.url()).toMatch(/\/sync$/);
    }

    // Both experts write on the same requirement, each in their own finding.
    await actAs(ana.page, 'Florian Pölzl');
    await writeNarrative(ana.page, url, 'Florian: readmission requests are processed within the deadlines.');
    await actAs(jurgen.page, 'Jürgen Weiß');
    await writeNarrative(jurgen.page, url, 'Jürgen: no backlog of readmission requests was found.');
    const fromAna = await exportBundle(ana.page, url, /Małgorzata/);
    const fromJurgen = await exportBundle(jurgen.page, url, /Małgorzata/);

    await lead.page.goto(`${url}#/missions/${MISSION}/sync`);
    expect(await importBundle(lead.page, fromAna, 'ana.mkbundle')).toMatch(/0 new conflicts/);
    expect(await importBundle(lead.page, fromJurgen, 'jurgen.mkbundle')).toMatch(/0 new conflicts/);
    await lead.page.goto(`${url}#/missions/${MISSION}/assessment/${REQUIREMENT}`);
    const cards = lead.page.getByTestId('finding-cards');
    await expect.poll(() => cards.textContent()).toContain('Florian: readmission requests are processed within the deadlines.');
    await expect.poll(() => cards.textContent()).toContain('Jürgen: no backlog of readmission requests was found.');

    // The same finding is edited on the expert's laptop and, meanwhile, on the lead's (acting as the expert).
    await writeNarrative(ana.page, url, 'Florian: requests are processed within 30 days.');
    await actAs(lead.page, 'Florian Pölzl');
    await writeNarrative(lead.page, url, 'Florian: requests are processed within the deadlines, with one exception.');
    const second = await exportBundle(ana.page, url, /Małgorzata/);
    await lead.page.goto(`${url}#/missions/${MISSION}/sync`);
    expect(await importBundle(lead.page, second, 'ana-2.mkbundle')).toMatch(/1 new conflicts/);

    // The lead resolves it with a merged text.
    await actAs(lead.page, 'Małgorzata');
    const conflict = lead.page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('within 30 days');
    expect(await conflict.textContent()).toContain('with one exception');
    await conflict.getByLabel('Or write the merged text').fill('Florian: requests are processed within 30 days, with one exception.');
    await conflict.getByRole('button', { name: 'Save the merged text' }).click();
    await expect.poll(() => lead.page.getByTestId('conflict').count()).toBe(0);

    // The resolution reaches the expert with the next exchange.
    const resolution = await exportBundle(lead.page, url, /Florian/);
    await ana.page.goto(`${url}#/missions/${MISSION}/sync`);
    expect(await importBundle(ana.page, resolution, 'lead.mkbundle')).toMatch(/^Imported/);
    expect(await ana.page.getByTestId('conflict').count()).toBe(0);
    await ana.page.goto(`${url}#/missions/${MISSION}/checklist/${REQUIREMENT}`);
    await expect.poll(() => ana.page.getByLabel('Narrative').inputValue()).toBe('Florian: requests are processed within 30 days, with one exception.');
  });
});
