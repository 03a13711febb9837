import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { createWindowOptions } from './window-options';

/** Opens the one Mission Kit window on the renderer's entry page; DevTools as app-menu.ts allows. */
export function createMainWindow(preloadPath: string, { devTools }: { devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions(preloadPath, { devTools }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Brings an existing window to the front (a second launch lands here instead of a second app). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
