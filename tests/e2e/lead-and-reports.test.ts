import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type E2eSession } from './browser';

let session: E2eSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  await session.close();
});

async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Open demo mission' }).click();
  await page.getByTestId('mission-summary').waitFor();
}

/** Paragraph texts of a .docx, read back from word/document.xml. */
function paragraphs(docx: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(docx)['word/document.xml'] ?? new Uint8Array());
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
  );
}

describe('the lead and the reports in Chromium', () => {
  it('consolidates an assessment from a finding with "Use this text", and keeps it across a reload', async () => {
    const { page, url } = session;
    await openDemo(page, url);
    await page.getByRole('heading', { name: /requirements? still without an assessment|Every requirement/ }).waitFor();
    await page.goto(`${url}#/missions/demo-mission-kosovo-2015/assessment/reintegration-1`);
    await page.getByTestId('finding-card').first().waitFor();
    const narrative = page.getByLabel('Consolidated narrative');
    await narrative.fill('');
    const firstCard = page.getByTestId('finding-card').first();
    const findingText = ((await firstCard.locator('.narrative p').first().textContent()) ?? '').trim();
    await firstCard.getByRole('button', { name: /Use the text of/ }).click();
    await expect.poll(() => narrative.inputValue()).toContain(findingText);
    await expect.poll(() => page.getByTestId('assessment-sources').textContent()).toMatch(/^Based on the findings of /);
    await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
    await page.reload();
    await expect.poll(() => page.getByLabel('Consolidated narrative').inputValue()).toContain(findingText);
    await expect.poll(() => page.getByTestId('assessment-sources').textContent()).toMatch(/^Based on the findings of /);
  });

  it('numbers recommendations as the report will, warns about inconsistencies, reorders and deletes', async () => {
    const { page, url } = session;
    await openDemo(page, url);
    await page.getByRole('link', { name: 'Recommendations' }).click();
    await page.getByTestId('recommendation').first().waitFor();
    expect(await page.getByTestId('recommendation').count()).toBe(8);
    const labels = await page.locator('.rec-number').allTextContents();
    expect(labels.map((text) => text.match(/No\. (\d+)/)?.[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(await page.getByTestId('recommendation-warnings').count()).toBe(0);

    // A recommendation on a fulfilled requirement is allowed, with a warning.
    await page.getByRole('button', { name: 'New recommendation' }).click();
    await page.locator('#new-rec-requirement').selectOption('readmission-1');
    await page.locator('#new-rec-text').fill('Kosovo should publish readmission statistics quarterly.');
    await page.getByRole('button', { name: 'Add recommendation' }).click();
    await page.getByTestId('recommendation-warnings').waitFor();
    expect(await page.getByTestId('recommendation-warnings').textContent()).toContain('Recommendation No. 1 is linked only to requirements assessed as fulfilled.');
    expect(await page.getByTestId('recommendation').count()).toBe(9);

    // Reorder inside the organised-crime area: No. 7 moves above No. 6.
    const seventh = await page.locator('textarea[id^="rec-text-"]').nth(7).inputValue();
    await page.getByRole('button', { name: 'Move recommendation No. 8 up' }).click();
    await expect.poll(() => page.locator('textarea[id^="rec-text-"]').nth(6).inputValue()).toBe(seventh);

    // The app asks in its own dialog, and the deletion can be undone from the toast.
    await page.getByRole('button', { name: 'Delete No. 1' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('recommendation').count()).toBe(8);
    expect(await page.getByTestId('recommendation-warnings').count()).toBe(0);
    await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => page.getByTestId('recommendation').count()).toBe(9);
    await page.getByTestId('recommendation-warnings').waitFor();
  });

  it('exports the mission report as a Word document with the seed’s numbering', async () => {
    const { page, url } = session;
    await openDemo(page, url);
    await page.getByRole('link', { name: 'Reports' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export the mission report (.docx)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('kosovo-visa-roadmap-assessment-mission-july-2015-report.docx');
    await page.getByTestId('report-outcome').waitFor();
    const texts = paragraphs(new Uint8Array(await readFile(await file.path())));
    expect(texts).toContain('Kosovo fulfils all seven requirements in the area of readmission.');
    expect(texts).toContain('Recommendations No. 5, 6 & 7:');

    const expertDownload = page.waitForEvent('download');
    const value = await page.getByLabel('Member').locator('option', { hasText: 'Mojca Žagar' }).getAttribute('value');
    await page.getByLabel('Member').selectOption(value ?? '');
    await page.getByRole('button', { name: 'Export the expert report (.docx)' }).click();
    const expert = await expertDownload;
    const expertTexts = paragraphs(new Uint8Array(await readFile(await expert.path())));
    expect(expertTexts.some((text) => text.includes('Mojca Žagar'))).toBe(true);
  });
});
