import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AttachmentsPanel } from '../../renderer/src/checklist/AttachmentsPanel';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { fakeBridge, renderWithServices, startTestApp } from './render-app';

const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');

/**
 * jsdom has no object URLs: these stand in for them and record which were made and revoked,
 * so the test can tell a file was shown (and released) rather than downloaded.
 */
let made: string[] = [];
let revoked: string[] = [];
let madeTypes: string[] = [];
beforeEach(() => {
  made = [];
  revoked = [];
  madeTypes = [];
  vi.stubGlobal('URL', Object.assign(class extends URL {}, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${made.length}`;
      made.push(url);
      madeTypes.push(blob.type);
      return url;
    },
    revokeObjectURL: (url: string) => {
      revoked.push(url);
    },
  }));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const FILES = [
  { id: 'ev-1', fileName: 'merdare-booth.jpg', mediaType: 'image/jpeg', size: 7400, byte: 1 },
  { id: 'ev-2', fileName: 'scanned-register.pdf', mediaType: 'application/pdf', size: 1_200_000, byte: 2 },
  { id: 'ev-3', fileName: 'queue-at-dawn.png', mediaType: 'image/png', size: 999, byte: 3 },
  { id: 'ev-4', fileName: 'statistics.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 35_840, byte: 4 },
] as const;

async function renderPanel() {
  if (!template) throw new Error('built-in template missing');
  const services = await startTestApp(fakeBridge(null));
  const mission = await services.repository.createMission(template, {
    title: 'Test mission',
    territory: { name: 'Kosovo' },
    framework: 'Visa dialogue',
    startDate: '2015-07-06',
    endDate: '2015-07-10',
    classification: '',
    reportVersion: '1.0',
  });
  for (const file of FILES) {
    const sha256 = String(file.byte).repeat(64);
    await services.repository.addAttachment(
      { id: file.id, missionId: mission.id, findingId: 'f-1', kind: 'attachment', fileName: file.fileName, mediaType: file.mediaType, size: file.size, sha256, caption: '' },
      new Blob([new Uint8Array([file.byte])], { type: file.mediaType }),
    );
  }
  const rendered = await renderWithServices(<AttachmentsPanel missionId={mission.id} findingId="f-1" ensureFinding={async () => 'f-1'} />, fakeBridge(null), services);
  await waitFor(() => expect(screen.getAllByTestId('attachment')).toHaveLength(FILES.length));
  return rendered;
}

const viewer = (): HTMLElement => screen.getByRole('dialog');
const shownPhoto = (): HTMLImageElement | null => viewer().querySelector('img');

// Bounded but generous: each test opens a database and renders the panel, slow on a loaded machine.
describe('evidence viewer', { timeout: 30_000 }, () => {
  it('opens a photo in a dialog instead of downloading it', async () => {
    const user = userEvent.setup();
    await renderPanel();
    const opener = screen.getByRole('button', { name: 'Open merdare-booth.jpg' });
    // Nothing in the list downloads a photo or PDF: only the spreadsheet keeps its download link.
    await screen.findByRole('link', { name: 'statistics.xlsx' });
    expect(Array.from(document.querySelectorAll('a[download]')).map((link) => link.getAttribute('download'))).toEqual(['statistics.xlsx']);
    await user.click(opener);
    expect(viewer().getAttribute('aria-modal')).toBe('true');
    expect(within(viewer()).getByRole('heading').textContent).toBe('merdare-booth.jpg · 7.4 kB');
    await waitFor(() => expect(shownPhoto()?.getAttribute('alt')).toBe('merdare-booth.jpg'));
    expect(within(viewer()).getByText('Photo 1 of 2')).toBeTruthy();
    // Focus is inside the dialog, on Close.
    expect(document.activeElement).toBe(within(viewer()).getByRole('button', { name: 'Close' }));
  });

  it('steps through the record\'s photos with the buttons and the arrow keys, skipping the PDF', async () => {
    const user = userEvent.setup();
    await renderPanel();
    await user.click(screen.getByRole('button', { name: 'Open merdare-booth.jpg' }));
    await user.click(within(viewer()).getByRole('button', { name: 'Next photo' }));
    expect(within(viewer()).getByRole('heading').textContent).toContain('queue-at-dawn.png');
    expect(within(viewer()).getByText('Photo 2 of 2')).toBeTruthy();
    await user.keyboard('{ArrowRight}');
    expect(within(viewer()).getByRole('heading').textContent).toContain('merdare-booth.jpg');
    await user.keyboard('{ArrowLeft}');
    expect(within(viewer()).getByRole('heading').textContent).toContain('queue-at-dawn.png');
    await user.click(within(viewer()).getByRole('button', { name: 'Previous photo' }));
    expect(within(viewer()).getByRole('heading').textContent).toContain('merdare-booth.jpg');
    await waitFor(() => expect(shownPhoto()).not.toBeNull());
  });

  it('zooms with the buttons, the keyboard and Ctrl + wheel, and starts each photo fitted', async () => {
    const user = userEvent.setup();
    await renderPanel();
    await user.click(screen.getByRole('button', { name: 'Open merdare-booth.jpg' }));
    const zoom = (): string => within(viewer()).getByTestId('viewer-zoom').textContent ?? '';
    expect(zoom()).toBe('100%');
    expect(within(viewer()).getByRole('button', { name: 'Zoom out' }).getAttribute('aria-disabled')).toBe('true');
    await user.click(within(viewer()).getByRole('button', { name: 'Zoom in' }));
    expect(zoom()).toBe('150%');
    await waitFor(() => expect(shownPhoto()?.style.width).toBe('150%'));
    await user.keyboard('+');
    expect(zoom()).toBe('200%');
    await user.keyboard('-');
    expect(zoom()).toBe('150%');
    const wheel = new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true });
    within(viewer()).getByTestId('viewer-stage').dispatchEvent(wheel);
    await waitFor(() => expect(zoom()).toBe('200%'));
    // The wheel zoomed the photo, so the page itself must not zoom too.
    expect(wheel.defaultPrevented).toBe(true);
    await user.keyboard('0');
    expect(zoom()).toBe('100%');
    await user.keyboard('++++++');
    expect(zoom()).toBe('400%');
    const zoomIn = within(viewer()).getByRole('button', { name: 'Zoom in' });
    expect(zoomIn.getAttribute('aria-disabled')).toBe('true');
    // At the limit the button stays focusable, so focus (and the keys) stay in the dialog.
    await user.click(zoomIn);
    expect(zoom()).toBe('400%');
    expect(document.activeElement).toBe(zoomIn);
    await user.keyboard('{ArrowRight}');
    expect(zoom()).toBe('100%');
  });

  it('closes on Escape, gives focus back to the photo that opened it, and releases the object URLs', async () => {
    const user = userEvent.setup();
    await renderPanel();
    const opener = screen.getByRole('button', { name: 'Open queue-at-dawn.png' });
    await user.click(opener);
    await waitFor(() => expect(shownPhoto()).not.toBeNull());
    const shown = shownPhoto()?.getAttribute('src') ?? '';
    expect(shown).toMatch(/^blob:test\//);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(revoked).toContain(shown);
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const user = userEvent.setup();
    await renderPanel();
    await user.click(screen.getByRole('button', { name: 'Open merdare-booth.jpg' }));
    await waitFor(() => expect(within(viewer()).getByRole('link', { name: 'Download' })).toBeTruthy());
    const close = within(viewer()).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    await user.tab();
    expect(viewer().contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(within(viewer()).getByRole('button', { name: 'Previous photo' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(close);
    for (let step = 0; step < 12; step += 1) {
      await user.tab();
      expect(viewer().contains(document.activeElement)).toBe(true);
    }
  });

  it('shows a PDF in a frame as a PDF, alone, with its download kept', async () => {
    const user = userEvent.setup();
    await renderPanel();
    await user.click(screen.getByRole('button', { name: 'Open scanned-register.pdf' }));
    const frame = await within(viewer()).findByTitle('scanned-register.pdf (PDF)');
    expect(frame.tagName).toBe('IFRAME');
    const url = frame.getAttribute('src') ?? '';
    expect(madeTypes[made.indexOf(url)]).toBe('application/pdf');
    expect(within(viewer()).getByRole('heading').textContent).toBe('scanned-register.pdf · 1.2 MB');
    expect(within(viewer()).queryByRole('button', { name: 'Next photo' })).toBeNull();
    expect(within(viewer()).queryByRole('button', { name: 'Zoom in' })).toBeNull();
    expect(within(viewer()).getByRole('link', { name: 'Download' }).getAttribute('download')).toBe('scanned-register.pdf');
    await user.click(within(viewer()).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(revoked).toContain(url);
  });

  it('shows sizes per locale and an SVG icon, not an emoji, for files without a thumbnail', async () => {
    const { container } = await renderPanel();
    const items = screen.getAllByTestId('attachment').map((item) => item.textContent ?? '');
    expect(items.some((text) => text.includes('statistics.xlsx · 35.8 kB'))).toBe(true);
    expect(items.some((text) => text.includes('queue-at-dawn.png · 999 B'))).toBe(true);
    expect(container.querySelector('svg.file-icon[data-kind="spreadsheet"]')).not.toBeNull();
    expect(container.querySelector('svg.file-icon[data-kind="pdf"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open merdare-booth.jpg' }));
    expect(container.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});
