import path from 'node:path';
import { open, rename, rm, stat } from 'node:fs/promises';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { applicationMenuTemplate, devToolsAllowed } from './app-menu';
import { APP_SCHEME } from './app-origin';
import { handleAppRequest } from './app-protocol';
import { registerIpcHandlers } from './ipc-handlers';
import { BackupStore } from './backups/backup-store';
import { systemLookup } from './hub-address';
import { HubService } from './hub-service';
import { keychainSecretBox } from './keychain-secret-box';
import { createLocalHubFetch } from './local-hub-fetch';
import { createMainWindow, focusWindow } from './main-window';
import { attachNavigationGuard } from './navigation-guard';

/**
 * Electron entry (bundled to dist/main/main.cjs). Only wiring lives here; the decisions are in
 * the modules it imports, which are tested without Electron.
 */

/** Also the userData folder name, where IndexedDB lives: never change it. */
const APP_NAME = 'Mission Kit';

// Paths of the bundled files, next to each other under dist/.
const rendererRoot = path.join(__dirname, '../renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// Must run before 'ready'. `standard` gives the scheme real origins (so IndexedDB and relative
// URLs work) and `secure` makes it a secure context; the origin app://mission-kit is then stable.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

app.setName(APP_NAME);
// Pin userData explicitly: by default it follows package.json's productName/name, and a rename
// there would silently start users on an empty database.
app.setPath('userData', path.join(app.getPath('appData'), APP_NAME));
// Sandbox every renderer, including any we did not create ourselves.
app.enableSandbox();

function start(): void {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
  });

  // Every web contents, whoever creates it, stays on our origin.
  app.on('web-contents-created', (_event, contents) => {
    attachNavigationGuard(contents, (url) => shell.openExternal(url));
  });

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock until the user quits them.
    if (process.platform !== 'darwin') app.quit();
  });

  const devTools = devToolsAllowed({ packaged: app.isPackaged, argv: process.argv, env: process.env });

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ platform: process.platform, appName: APP_NAME, devTools })));
    // Created once ready: only then does safeStorage know whether a keychain is there.
    const hubService = new HubService({
      dataDir: path.join(app.getPath('userData'), 'hub'),
      sessionsFile: path.join(app.getPath('userData'), 'hub-sessions'),
      // Local-network addresses only, no redirects (main/local-hub-fetch.ts). The global fetch
      // is looked up at each call.
      fetch: createLocalHubFetch({ lookup: systemLookup, fetch: (url, init) => fetch(url, init) }),
      secretBox: keychainSecretBox(safeStorage, process.platform),
    });
    app.on('will-quit', () => void hubService.close());

    // Camera, microphone, geolocation, notifications…: the app needs none of them.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, rendererRoot));
    registerIpcHandlers(ipcMain, {
      dialog: {
        // Modal to the window when there is one, so the dialog cannot get lost behind it.
        showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
        showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
      },
      fs: { stat, open, rename, rm },
      openExternal: (url) => shell.openExternal(url),
      documentsFolder: () => app.getPath('documents'),
      hub: hubService,
      lookupHost: systemLookup,
      backups: new BackupStore(path.join(app.getPath('userData'), 'backups')),
    });

    mainWindow = createMainWindow(preloadPath, { devTools });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) {
        mainWindow = createMainWindow(preloadPath, { devTools });
      }
    });
  });
}

// A second copy would open the same IndexedDB from two processes; hand over to the first.
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
