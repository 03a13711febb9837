import { BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/** The command-line switch that asks for DevTools in a development run. */
export const DEVTOOLS_SWITCH = '--devtools';
/** The same as an environment variable, for `npm start`, which passes no arguments on. */
export const DEVTOOLS_ENV = 'MISSION_KIT_DEVTOOLS';

export interface DevToolsRequest {
  /** `app.isPackaged`: true for an installed build. */
  packaged: boolean;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * DevTools read and change everything the page holds (the whole database of findings) and run
 * any script in it. So never in an installed build, whatever its arguments; in a development
 * run only when asked for explicitly.
 */
export function devToolsAllowed({ packaged, argv, env }: DevToolsRequest): boolean {
  if (packaged) return false;
  return argv.includes(DEVTOOLS_SWITCH) || env[DEVTOOLS_ENV] === '1';
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  devTools: boolean;
}

/**
 * The application menu. Electron's default menu offers Reload and Toggle Developer Tools in
 * every build; this one keeps what users need (the Edit roles, without which copy and paste
 * shortcuts do nothing on macOS; zoom and full screen; the macOS app menu) and adds a
 * Developer menu only when DevTools are allowed.
 */
export function applicationMenuTemplate({ platform, appName, devTools }: MenuContext): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    { role: 'fileMenu', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      role: 'editMenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      role: 'viewMenu',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
  );
  if (devTools) {
    template.push({
      label: 'Developer',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        {
          label: 'Toggle Developer Tools',
          accelerator: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I',
          // A click rather than the toggleDevTools role: what it reaches is then plain code.
          click: (_item, window) => {
            if (window instanceof BrowserWindow) window.webContents.toggleDevTools();
          },
        },
      ],
    });
  }
  return template;
}
