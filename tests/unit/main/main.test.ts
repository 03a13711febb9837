import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importFresh, type ElectronMock } from './fresh-import';

/** Imports main.ts afresh (it wires everything at import time) and lets 'ready' fire. */
async function startMain(): Promise<ElectronMock> {
  const electron = await importFresh('../../../main/main');
  electron.app.ready.resolve();
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
  return electron;
}

describe('main', () => {

  it('registers app:// as a standard, secure scheme before the app is ready', async () => {
    const { app, protocol } = await startMain();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    const registered = protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    const readyAwaited = app.whenReady.mock.invocationCallOrder[0] ?? -Infinity;
    expect(registered).toBeLessThan(readyAwaited);
  });

  it('keeps the name and userData folder "Mission Kit", whatever package.json says', async () => {
    const { app } = await startMain();
    expect(app.name).toBe('Mission Kit');
    expect(app.setPath).toHaveBeenCalledWith('userData', path.join('/mock-electron/appData', 'Mission Kit'));
  });

  it('opens one hardened window on app://mission-kit/index.html', async () => {
    const { BrowserWindow } = await startMain();
    const [window] = BrowserWindow.instances;
    expect(window?.loadedUrl).toBe('app://mission-kit/index.html');
    expect(window?.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
  });

  it('serves app:// from the renderer folder and registers every IPC channel', async () => {
    const { ipcMain, protocol } = await startMain();
    expect(protocol.handlers.has('app')).toBe(true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(['file:open', 'file:save', 'hub:exchange', 'hub:host', 'hub:pair', 'hub:status', 'hub:stop', 'link:open-external']);
  });

  it('denies every permission request', async () => {
    const { session } = await startMain();
    const handler = session.defaultSession.permissionRequestHandler;
    const answers: boolean[] = [];
    handler?.(null, 'media', (granted) => answers.push(granted));
    handler?.(null, 'geolocation', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false]);
  });

  it('guards every web contents created', async () => {
    const { app, BrowserWindow } = await startMain();
    const { webContents } = new BrowserWindow();
    app.emit('web-contents-created', {}, webContents);
    expect(webContents.navigate('will-navigate', 'https://evil.example/').prevented).toBe(true);
    expect(webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('quits when another instance already runs', async () => {
    const { app } = await importFresh('../../../main/main', (electron) => {
      electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    });
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });
});
