import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type E2eSession } from './browser';
import { generateLargeMission } from '../fixtures/large-mission';

let session: E2eSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  // The crashed page reports its death as a page error; nothing else is expected here.
  await session.close().catch(() => undefined);
});

/**
 * Types forty words steadily (one every 50 ms) into the narrative at `checklistUrl`, kills the
 * renderer process (no unload handler runs), reopens the page and checks what was kept.
 */
async function typeCrashAndCheck({ page, context }: E2eSession, checklistUrl: string): Promise<void> {
  const narrative = page.getByLabel('Narrative');
  await narrative.fill('');
  await narrative.click();
  const words = Array.from({ length: 40 }, (_, index) => `w${index}`);
  for (const word of words) {
    await page.keyboard.type(`${word} `);
    await page.waitForTimeout(50);
  }
  const crashed = new Promise<boolean>((resolve) => page.once('crash', () => resolve(true)));
  await page.goto('chrome://crash').catch(() => undefined);
  expect(await crashed).toBe(true);

  const reopened: Page = await context.newPage();
  await reopened.goto(checklistUrl);
  const kept = await reopened.getByLabel('Narrative').inputValue();
  // Whatever survived is a prefix of what was typed (nothing garbled). An autosave can land
  // between two keys of a word, so the last word kept may be cut short: it counts as lost.
  const typed = words.map((word) => `${word} `).join('');
  expect(typed.startsWith(kept), `kept "${kept}"`).toBe(true);
  const whole = kept.split(' ').filter((token, index) => token === words[index]).length;
  // At most the words of the last 500 ms (10 words at 50 ms each) are missing.
  expect(whole, `kept "${kept}"`).toBeGreaterThanOrEqual(words.length - 10);
}

describe('crash safety in Chromium', () => {
  it('loses at most the last half second of typing when the page dies without running any unload handler', async () => {
    const { page, url } = session;
    await page.goto(url);
    await page.getByRole('button', { name: 'Open demo mission' }).click();
    await page.getByTestId('mission-summary').waitFor();
    await page.goto(`${url}#/missions/demo-mission-kosovo-2015/checklist/readmission-2`);
    await typeCrashAndCheck(session, `${url}#/missions/demo-mission-kosovo-2015/checklist/readmission-2`);
  });

  // Importing 20,000 findings takes a while on a loaded two-core machine.
  it('loses no more on the 1,000-requirement, 20,000-finding mission', async () => {
    const { page, url } = session;
    const large = generateLargeMission();
    const member = large.members[0];
    const requirement = large.template.blocks[0]?.areas[0]?.requirements[0];
    if (!member || !requirement) throw new Error('the large mission has members and requirements');
    await page.goto(url);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import mission file…' }).click();
    await (await chooser).setFiles({ name: 'large.mission.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(large), 'utf8') });
    await page.getByTestId('mission-summary').waitFor({ timeout: 150_000 });
    // Act as a member with findings, so the narrative is this device's to edit.
    const picker = page.getByLabel('I am');
    const value = (await picker.locator('option', { hasText: member.name }).getAttribute('value')) ?? '';
    await picker.selectOption(value);
    const checklistUrl = `${url}#/missions/${encodeURIComponent(large.mission.id)}/checklist/${encodeURIComponent(requirement.id)}`;
    await page.goto(checklistUrl);
    // The form is this member's once its title names them: the identity has been stored and
    // read back (on a loaded machine that takes seconds, not the one second of a default poll).
    await page.getByRole('heading', { name: `My finding — ${member.name}` }).waitFor({ timeout: 60_000 });
    await typeCrashAndCheck(session, checklistUrl);
  }, 240_000);
});
