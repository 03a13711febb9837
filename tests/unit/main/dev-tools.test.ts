/**
 * DevTools and the application menu. DevTools read and change everything the page holds, so an
 * installed build must offer no way to them: no menu item, no role, and the window's own
 * `devTools` preference off, which makes every `openDevTools()` a no-op. Checked on what
 * main.ts itself sets up under the Electron mock, and on the menu template for each platform.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate, DEVTOOLS_ENV, DEVTOOLS_SWITCH, devToolsAllowed } from '../../../main/app-menu';
import { importFresh, type ElectronMock } from './fresh-import';

type MockWindow = InstanceType<ElectronMock['BrowserWindow']>;

/** Roles that reach DevTools, or reload the page (which a user never needs and can lose a draft). */
const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload'];

function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const rolesOf = (template: readonly MenuItemConstructorOptions[]): string[] => items(template).flatMap((item) => (item.role ? [item.role] : []));

/** Clicks every item that has a click handler, as Electron would with `window` focused. */
function clickEverything(template: readonly MenuItemConstructorOptions[], window: MockWindow): number {
  const clickable = items(template).filter((item) => item.click);
  for (const item of clickable) item.click?.(undefined as never, window as never, undefined as never);
  return clickable.length;
}

const argv = process.argv;
afterEach(() => {
  process.argv = argv;
  vi.unstubAllEnvs();
});

/** Starts main as Electron would, packaged or not, and returns its menu and window. */
async function startMain(packaged: boolean): Promise<{ template: MenuItemConstructorOptions[]; window: MockWindow }> {
  const electron = await importFresh('../../../main/main', (mock) => {
    mock.app.isPackaged = packaged;
  });
  electron.app.ready.resolve();
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
  const [window] = electron.BrowserWindow.instances;
  const menu = electron.Menu.applicationMenu;
  if (!window || !menu) throw new Error('main opened no window or set no menu');
  return { template: menu.template as MenuItemConstructorOptions[], window };
}

function devToolsPreference(window: MockWindow): unknown {
  return (window.options as { webPreferences?: { devTools?: unknown } }).webPreferences?.devTools;
}

describe('DevTools in an installed build', () => {
  it('are unreachable even when the DevTools switch and variable are given', async () => {
    process.argv = [...argv, DEVTOOLS_SWITCH];
    vi.stubEnv(DEVTOOLS_ENV, '1');
    const { template, window } = await startMain(true);

    expect(rolesOf(template).filter((role) => DEVELOPER_ROLES.includes(role))).toEqual([]);
    clickEverything(template, window);
    expect(window.webContents.toggleDevTools).not.toHaveBeenCalled();
    expect(window.webContents.openDevTools).not.toHaveBeenCalled();
    // The window itself refuses them, whatever calls openDevTools().
    expect(devToolsPreference(window)).toBe(false);
  });

  it('keeps the Edit roles, so that cut, copy, paste and undo shortcuts work', async () => {
    const { template } = await startMain(true);
    expect(rolesOf(template)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']));
  });
});

describe('DevTools in a development run', () => {
  it('stay off unless asked for', async () => {
    const { template, window } = await startMain(false);
    expect(rolesOf(template).filter((role) => DEVELOPER_ROLES.includes(role))).toEqual([]);
    clickEverything(template, window);
    expect(window.webContents.toggleDevTools).not.toHaveBeenCalled();
    expect(devToolsPreference(window)).toBe(false);
  });

  it.each([
    ['the --devtools switch', () => (process.argv = [...argv, DEVTOOLS_SWITCH])],
    [`${DEVTOOLS_ENV}=1`, () => vi.stubEnv(DEVTOOLS_ENV, '1')],
  ])('open from the Developer menu with %s', async (_label, ask) => {
    ask();
    const { template, window } = await startMain(false);
    expect(template.map((menu) => menu.label)).toContain('Developer');
    expect(rolesOf(template)).toEqual(expect.arrayContaining(['reload', 'forceReload']));
    expect(clickEverything(template, window)).toBe(1);
    expect(window.webContents.toggleDevTools).toHaveBeenCalledTimes(1);
    expect(devToolsPreference(window)).toBe(true);
  });
});

describe('devToolsAllowed', () => {
  it.each([
    [{ packaged: true, argv: [DEVTOOLS_SWITCH], env: { [DEVTOOLS_ENV]: '1' } }, false],
    [{ packaged: false, argv: [], env: {} }, false],
    [{ packaged: false, argv: ['--devtools=1'], env: { [DEVTOOLS_ENV]: 'true' } }, false],
    [{ packaged: false, argv: [DEVTOOLS_SWITCH], env: {} }, true],
    [{ packaged: false, argv: [], env: { [DEVTOOLS_ENV]: '1' } }, true],
  ])('%j → %s', (request, allowed) => {
    expect(devToolsAllowed(request)).toBe(allowed);
  });
});

describe('the menu on each platform', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: no developer item without DevTools', (platform) => {
    const template = applicationMenuTemplate({ platform, appName: 'Mission Kit', devTools: false });
    expect(rolesOf(template).filter((role) => DEVELOPER_ROLES.includes(role))).toEqual([]);
    expect(items(template).filter((item) => item.click)).toEqual([]);
    expect(rolesOf(template)).toEqual(expect.arrayContaining(['copy', 'paste']));
  });

  it('macOS keeps its app menu, named after the app', () => {
    const [first] = applicationMenuTemplate({ platform: 'darwin', appName: 'Mission Kit', devTools: false });
    expect(first?.label).toBe('Mission Kit');
    expect(rolesOf(first ? [first] : [])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });
});
