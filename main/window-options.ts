import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. Every web preference here is a security decision (see the
 * Electron security checklist): the page gets no Node, runs in Chromium's sandbox, is isolated
 * from the preload, and talks to main only through the bridge the preload exposes.
 */
export function createWindowOptions(preloadPath: string, { devTools = false }: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    title: 'Mission Kit',
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 560,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // Turns on Chromium's built-in PDF viewer, the only plugin Electron has, so the evidence
      // viewer can show a stored PDF in a frame instead of downloading it.
      plugins: true,
      // Off unless a development run asks for them (app-menu.ts): with it off, no menu item,
      // shortcut or call to openDevTools() can open them.
      devTools,
    },
  };
}
