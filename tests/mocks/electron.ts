/**
 * A hand-written stand-in for the parts of `electron` that main/ uses. The unit project aliases
 * `electron` to this file (the binary is not installed where tests run), so main code imports
 * it unchanged. Tests import this file directly to inspect what was called and to reset it:
 * both paths resolve to the same module instance.
 *
 * Only behaviour the code under test relies on is imitated (e.g. ipcMain refusing a second
 * handler for a channel, as Electron does); everything else just records calls.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Enough of Node's EventEmitter for `on` / `once` / `emit`, with the listeners inspectable. */
export class MockEmitter<L extends (...args: never[]) => unknown = Listener> {
  readonly listeners = new Map<string, L[]>();

  on(event: string, listener: L): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: L): this {
    const wrapper = ((...args: Parameters<L>) => {
      this.off(event, wrapper);
      return listener(...args);
    }) as L;
    return this.on(event, wrapper);
  }

  off(event: string, listener: L): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener));
    return this;
  }

  emit(event: string, ...args: Parameters<L>): boolean {
    const listeners = this.listeners.get(event) ?? [];
    for (const listener of listeners) listener(...args);
    return listeners.length > 0;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }
}

/** What a navigation event looks like to a `will-navigate` listener; `prevented` tells the test. */
export class MockNavigationEvent {
  prevented = false;
  constructor(
    readonly url: string,
    readonly isMainFrame = true,
  ) {}
  preventDefault(): void {
    this.prevented = true;
  }
  get defaultPrevented(): boolean {
    return this.prevented;
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

/** What a `will-attach-webview` listener gets: the event, the guest's preferences and its attributes. */
export type AttachWebviewListener = (event: MockNavigationEvent, webPreferences: Record<string, unknown>, params: Record<string, string>) => void;

export class MockWebContents extends MockEmitter<(event: MockNavigationEvent, ...args: never[]) => void> {
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Recorded, never acted on: tests check whether anything reaches DevTools. */
  readonly openDevTools = vi.fn();
  readonly toggleDevTools = vi.fn();

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Emits `event` with a fresh navigation event and returns it, to check `prevented`. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string, isMainFrame = true): MockNavigationEvent {
    const navigation = new MockNavigationEvent(url, isMainFrame);
    this.emit(event, navigation);
    return navigation;
  }

  /**
   * A navigation the page starts (a link, `location = …`), announced the way Electron's
   * navigation throttle does: 'will-frame-navigate' for any frame first; only if that was not
   * prevented, and only for the main frame, 'will-navigate' with the same event.
   */
  pageNavigates(url: string, { mainFrame = true }: { mainFrame?: boolean } = {}): MockNavigationEvent {
    const navigation = this.navigate('will-frame-navigate', url, mainFrame);
    if (!navigation.prevented && mainFrame) this.emit('will-navigate', navigation);
    return navigation;
  }

  /** A `<webview>` about to be attached; `prevented` means Electron destroys the guest. */
  attachWebview(src: string): MockNavigationEvent {
    const attach = new MockNavigationEvent(src);
    for (const listener of this.listeners.get('will-attach-webview') ?? []) {
      (listener as unknown as AttachWebviewListener)(attach, { nodeIntegration: true }, { src });
    }
    return attach;
  }

  /** What `window.open(url)` in the page would get back. */
  openWindow(url: string): { action: 'allow' | 'deny' } {
    if (!this.windowOpenHandler) return { action: 'allow' }; // Electron's default: allowed.
    return this.windowOpenHandler({ url });
  }
}

export class BrowserWindow extends MockEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.destroyed);
  }

  readonly webContents = new MockWebContents();
  loadedUrl: string | null = null;
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;

  constructor(readonly options: unknown = {}) {
    super();
    BrowserWindow.instances.push(this);
    // As in Electron: every web contents, a window's included, is announced on the app, which
    // is where main attaches its navigation guard.
    app.emit('web-contents-created', {}, this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class MockApp extends MockEmitter {
  name = 'Electron';
  /** False as in a development run (`electron .`); an installed build says true. */
  isPackaged = false;
  readonly paths = new Map<string, string>();
  /** Resolve it to fire 'ready': tests control when the app becomes ready. */
  ready = deferred();

  readonly setName = vi.fn((name: string) => {
    this.name = name;
  });
  readonly getPath = vi.fn((name: string) => this.paths.get(name) ?? `/mock-electron/${name}`);
  readonly setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
  });
  readonly whenReady = vi.fn(() => this.ready.promise);
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
}

/** What main's handlers are called with: the sender frame's URL is what they check. */
export interface MockInvokeEvent {
  senderFrame: { url: string } | null;
}

type InvokeListener = (event: MockInvokeEvent, ...args: unknown[]) => unknown;

export class MockIpcMain {
  readonly handlers = new Map<string, InvokeListener>();

  readonly handle = vi.fn((channel: string, listener: InvokeListener) => {
    // Electron's own behaviour, reproduced so a double registration fails here too.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  });
  readonly removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });

  /** Calls the registered handler as a renderer `invoke` from `senderUrl` would. */
  invoke(channel: string, senderUrl: string, ...args: unknown[]): Promise<unknown> {
    return this.invokeWith(channel, { senderFrame: { url: senderUrl } }, ...args);
  }

  /** Same, with the whole event: `senderFrame` is null when the frame is gone. */
  invokeWith(channel: string, event: MockInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(listener(event, ...args));
  }
}

export const app = new MockApp();
export const ipcMain = new MockIpcMain();

export const dialog = {
  showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePath: '' })),
  showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePaths: [] as string[] })),
};

export const shell = {
  openExternal: vi.fn((_url: string) => Promise.resolve()),
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
    protocol.handlers.set(scheme, handler);
  }),
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    setPermissionRequestHandler: vi.fn((handler: PermissionRequestHandler | null) => {
      session.defaultSession.permissionRequestHandler = handler;
    }),
    setPermissionCheckHandler: vi.fn(),
  },
};

/** The OS keychain is "unavailable" here: the hub's pairings are then kept in memory only. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => false),
  encryptString: vi.fn((text: string) => Buffer.from(text, 'utf8')),
  decryptString: vi.fn((data: Buffer) => data.toString('utf8')),
  getSelectedStorageBackend: vi.fn((): string => 'unknown'),
};

/** A built menu is just its template here, so tests can read what the app would show. */
export interface MockMenu {
  readonly template: unknown[];
}

export const Menu = {
  applicationMenu: null as MockMenu | null,
  buildFromTemplate: vi.fn((template: unknown[]): MockMenu => ({ template })),
  setApplicationMenu: vi.fn((menu: MockMenu | null) => {
    Menu.applicationMenu = menu;
  }),
};

export const contextBridge = {
  /** What the page would see on `window`, by key. */
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const ipcRenderer = {
  invoke: vi.fn((_channel: string, ..._args: unknown[]): Promise<unknown> => Promise.resolve(undefined)),
};

const spies = [
  app.setName,
  app.getPath,
  app.setPath,
  app.whenReady,
  app.requestSingleInstanceLock,
  app.enableSandbox,
  app.quit,
  ipcMain.handle,
  ipcMain.removeHandler,
  dialog.showSaveDialog,
  dialog.showOpenDialog,
  shell.openExternal,
  protocol.registerSchemesAsPrivileged,
  protocol.handle,
  session.defaultSession.setPermissionRequestHandler,
  session.defaultSession.setPermissionCheckHandler,
  contextBridge.exposeInMainWorld,
  ipcRenderer.invoke,
  safeStorage.isEncryptionAvailable,
  safeStorage.encryptString,
  safeStorage.decryptString,
  safeStorage.getSelectedStorageBackend,
  Menu.buildFromTemplate,
  Menu.setApplicationMenu,
];

/** Back to a fresh Electron: no windows, handlers, listeners or recorded calls. */
export function resetElectronMock(): void {
  // mockReset restores each spy's original implementation and clears its calls.
  for (const spy of spies) spy.mockReset();
  app.removeAllListeners();
  app.name = 'Electron';
  app.isPackaged = false;
  Menu.applicationMenu = null;
  app.paths.clear();
  app.ready = deferred();
  ipcMain.handlers.clear();
  BrowserWindow.instances.length = 0;
  protocol.handlers.clear();
  session.defaultSession.permissionRequestHandler = null;
  contextBridge.exposed.clear();
}
