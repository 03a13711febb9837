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

  // Its web preferences, the navigation guard, the app:// handler and the IPC handlers main
  // wires up are checked in hardening-rules.test.ts.
  it('opens one window on app://mission-kit/index.html', async () => {
    const { BrowserWindow } = await startMain();
    const [window] = BrowserWindow.instances;
    expect(window?.loadedUrl).toBe('app://mission-kit/index.html');
  });

  it('denies every permission request', async () => {
    const { session } = await startMain();
    const handler = session.defaultSession.permissionRequestHandler;
    const answers: boolean[] = [];
    handler?.(null, 'media', (granted) => answers.push(granted));
    handler?.(null, 'geolocation', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false]);
  });

  it('quits when another instance already runs', async () => {
    const { app } = await importFresh('../../../main/main', (electron) => {
      electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    });
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });
});
