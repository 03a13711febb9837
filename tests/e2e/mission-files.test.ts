import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type E2eSession } from './browser';
import { generateLargeMission } from '../fixtures/large-mission';
import { parseMissionFileText } from '../../shared/mission-file';

let session: E2eSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  await session.close();
});

async function importFile(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import mission file…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

describe('mission files in Chromium', () => {
  it('imports a 1,000-requirement, 20,000-finding mission and keeps its checklist virtualised and searchable', async () => {
    const { page, url } = session;
    const large = generateLargeMission();
    await page.goto(url);
    await importFile(page, 'large.mission.json', JSON.stringify(large));
    await page.getByTestId('mission-summary').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('mission-summary').textContent()).toBe('1000 requirements in 100 areas and 10 blocks');

    await page.getByRole('link', { name: 'Checklist' }).click();
    await expect.poll(() => page.getByTestId('checklist-count').textContent()).toBe('Showing 1000 of 1000');
    // Only the rows in view are in the page, not a thousand.
    const rendered = await page.getByTestId('checklist-requirement').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(80);

    const last = large.template.blocks.at(-1)?.areas.at(-1)?.requirements.at(-1);
    await page.locator('.requirement-list').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await page.locator(`[data-requirement-id="${last?.id}"]`).waitFor();

    await page.getByLabel('Search requirements and my findings').fill(last?.text.slice(0, 40) ?? '');
    await expect.poll(async () => Number((await page.getByTestId('checklist-count').textContent())?.match(/^Showing (\d+)/)?.[1])).toBeLessThan(1000);
  });

  it('refuses an invalid mission file, says why, and adds nothing', async () => {
    const { page, url } = session;
    const broken = generateLargeMission({ requirements: 7, members: 3, findings: 10 });
    const firstFinding = broken.findings[0];
    if (!firstFinding) throw new Error('fixture has no finding');
    firstFinding.requirementId = 'no-such-requirement';
    await page.goto(url);
    await importFile(page, 'broken.mission.json', JSON.stringify(broken));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('broken.mission.json is not a valid mission file. Nothing was imported.');
    expect(await alert.textContent()).toContain('findings[0].requirementId: "no-such-requirement" is not a requirement of the template');
    await page.reload();
    await page.getByText('No missions yet').waitFor();
  });

  it('exports the demo mission as a valid mission file', async () => {
    const { page, url } = session;
    await page.goto(url);
    await page.getByRole('button', { name: 'Open demo mission' }).click();
    await page.getByTestId('mission-summary').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export mission file' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('kosovo-visa-roadmap-assessment-mission-july-2015.mission.json');
    const parsed = parseMissionFileText(await readFile(await file.path(), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.file.findings.length).toBeGreaterThanOrEqual(95);
    expect(parsed.file.changes.length).toBeGreaterThanOrEqual(parsed.file.findings.length + parsed.file.assessments.length);
    expect(parsed.file.sites.map((site) => site.name)).toContain('Merdare/Merdarë crossing point');
  });
});
