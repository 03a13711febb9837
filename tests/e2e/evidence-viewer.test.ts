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

/** The id of Chromium's built-in PDF viewer extension (the same in every Chromium build). */
const CHROMIUM_PDF_VIEWER = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

const GREEN = solidPng(640, 480, [40, 110, 60]);
const BLUE = solidPng(480, 640, [30, 60, 140]);

/** A one-page PDF written out by hand (with a correct cross-reference table), so no tool is needed. */
function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 24 Tf 40 100 Td (Register) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function openFindingWithEvidence(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Open demo mission' }).click();
  await page.getByTestId('mission-summary').waitFor();
  await page.getByRole('link', { name: 'Checklist' }).click();
  await page.getByLabel('Narrative').fill('Second-line booth photographed.');
  await page.getByTestId('attachment-input').setInputFiles([
    { name: 'booth.png', mimeType: 'image/png', buffer: GREEN },
    { name: 'queue.png', mimeType: 'image/png', buffer: BLUE },
    { name: 'register.pdf', mimeType: 'application/pdf', buffer: onePagePdf() },
  ]);
  await expect.poll(() => page.getByTestId('attachment').count()).toBe(3);
}

describe('evidence viewer in Chromium', () => {
  it('opens a photo in the viewer instead of downloading it, steps to the next one and zooms', async () => {
    const { page, url } = session;
    await openFindingWithEvidence(page, url);
    let downloads = 0;
    page.on('download', () => {
      downloads += 1;
    });
    await page.getByRole('button', { name: 'Open booth.png' }).click();
    // Named after the file it shows, so found by role alone: the name changes with the photo.
    const viewer = page.getByRole('dialog');
    await viewer.waitFor();
    const photo = viewer.getByRole('img', { name: 'booth.png' });
    // The full photo, not the 320 px thumbnail, and decoded.
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    expect(await viewer.getByText(/^Photo [12] of 2$/).isVisible()).toBe(true);
    const before = await photo.boundingBox();
    await page.keyboard.press('+');
    await expect.poll(async () => (await photo.boundingBox())?.width).toBeGreaterThan((before?.width ?? 0) * 1.4);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => viewer.getByRole('img', { name: 'queue.png' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    expect(await viewer.getByTestId('viewer-zoom').textContent()).toBe('100%');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Open booth.png');
    expect(downloads).toBe(0);
  });

  it('shows a PDF in Chromium\'s own viewer inside the app, under the CSP', async () => {
    const { page, url } = session;
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) refused.push(message.text());
    });
    await openFindingWithEvidence(page, url);
    await page.getByRole('button', { name: 'Open register.pdf' }).click();
    const frame = page.getByTitle('register.pdf (PDF)');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    // Chromium hands a PDF document to its built-in viewer extension, which then runs in a frame
    // of its own; a frame the CSP refused would show an error page instead.
    await expect.poll(() => page.frames().some((candidate) => candidate.url().startsWith(`chrome-extension://${CHROMIUM_PDF_VIEWER}/`)), { timeout: 20_000 }).toBe(true);
    expect(refused).toEqual([]);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });
});
