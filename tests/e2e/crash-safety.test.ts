import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type E2eSession } from './browser';

let session: E2eSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  // The crashed page reports its death as a page error; nothing else is expected here.
  await session.close().catch(() => undefined);
});

describe('crash safety in Chromium', () => {
  it('loses at most the last half second of typing when the page dies without running any unload handler', async () => {
    const { page, url, context } = session;
    await page.goto(url);
    await page.getByRole('button', { name: 'Open demo mission' }).click();
    await page.getByTestId('mission-summary').waitFor();
    await page.goto(`${url}#/missions/demo-mission-kosovo-2015/checklist/readmission-2`);
    const narrative = page.getByLabel('Narrative');
    await narrative.fill('');
    await narrative.click();

    // Forty words typed steadily, one every 50 ms, then the renderer process is killed.
    const words = Array.from({ length: 40 }, (_, index) => `w${index}`);
    for (const word of words) {
      await page.keyboard.type(`${word} `);
      await page.waitForTimeout(50);
    }
    const crashed = new Promise<boolean>((resolve) => page.once('crash', () => resolve(true)));
    await page.goto('chrome://crash').catch(() => undefined);
    expect(await crashed).toBe(true);

    const reopened = await context.newPage();
    await reopened.goto(`${url}#/missions/demo-mission-kosovo-2015/checklist/readmission-2`);
    const kept = (await reopened.getByLabel('Narrative').inputValue()).trim().split(/\s+/).filter(Boolean);
    // Whatever survived is a prefix of what was typed (nothing garbled), and at most the words of
    // the last 500 ms (10 words at 50 ms each) are missing.
    expect(words.slice(0, kept.length)).toEqual(kept);
    expect(kept.length).toBeGreaterThanOrEqual(words.length - 10);
  });
});
