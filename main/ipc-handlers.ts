import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { z } from 'zod';
import { IPC_CHANNELS, ipcRequestSchemas, type BridgeResponses, type IpcChannel } from '../shared/ipc-contract';
import { jsonLimitProblem } from '../shared/json-limits';
import { fail, ok, type Result } from '../shared/result';
import { APP_ORIGIN, isAppUrl } from './app-origin';
import { writeFileAtomically } from './atomic-write';
import { readFileAtMost } from './bounded-read';
import { toAllowedExternalUrl } from './external-links';
import type { FileSystem } from './file-system';
import { describePayloadProblems } from './payload-problems';
import type { HubService } from './hub-service';
import { HubError } from '../shared/sync/hub-client';
import { HubAddressRefusal, pinHubAddress, systemLookup, type HostLookup } from './hub-address';
import type { BackupStore } from './backups/backup-store';

/** The dialogs the handlers show; Electron's `dialog` satisfies it. */
export interface FileDialogs {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface IpcDependencies {
  dialog: FileDialogs;
  fs: FileSystem;
  openExternal(url: string): Promise<void>;
  /** Where save dialogs start: the user's Documents folder. */
  documentsFolder(): string;
  hub: Pick<HubService, 'host' | 'stop' | 'status' | 'newCode' | 'pair' | 'exchange'>;
  /** Resolves a hub's host name, so that its addresses are checked before anything is sent; the system's by default. */
  lookupHost?: HostLookup;
  backups: Pick<BackupStore, 'root' | 'write' | 'list' | 'read' | 'settings' | 'setKeep'>;
}

/** The part of Electron's `IpcMainInvokeEvent` the handlers read. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

export type IpcHandler<C extends IpcChannel> = (event: InvokeEvent, request: unknown) => Promise<Result<BridgeResponses[C]>>;
export type IpcHandlers = { readonly [C in IpcChannel]: IpcHandler<C> };

type ParsedRequest<C extends IpcChannel> = z.output<(typeof ipcRequestSchemas)[C]>;
type Action<C extends IpcChannel> = (request: ParsedRequest<C>) => Promise<Result<BridgeResponses[C]>>;

// The contract's schemas seen through a mapped type, so that indexing with a generic channel
// keeps the link between a channel and its parsed request type.
const requestSchemas: { readonly [C in IpcChannel]: z.ZodType<ParsedRequest<C>> } = ipcRequestSchemas;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why a hub call failed, with the code the renderer words in the user's language. A refused
 * address may come from the check before the call or, for a name that resolves elsewhere by
 * then, from main's fetch during it: the hub client keeps it as the cause of its error.
 */
function hubFailure<T>(what: string, failed: 'failed' | 'stopped', error: unknown): Result<T> {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    if (cause instanceof HubAddressRefusal) return fail(cause.code, `${what} refused: ${cause.message}`);
  }
  if (error instanceof HubError && error.code === 'not-paired') return fail('hub-not-paired', error.message);
  // A clock the hub refused keeps its own code, so the app can say how to set the clock right.
  const code = error instanceof HubError && error.code === 'clock-ahead' ? 'clock-ahead' : 'hub-error';
  return fail(code, `${what} ${failed}: ${errorMessage(error)}`);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * The most arrays and objects one request may hold, each shared one counted every time it is
 * reached. A hub exchange sends every change the hub lacks at once: the whole log of the
 * 20,000-finding test mission is 22,611 changes holding 146,132 arrays and objects, a
 * thirteenth of this cap, at which the walk takes about a second. A renderer that sent one
 * array nested in itself in pairs would otherwise hang main for good.
 */
export const MAX_IPC_CONTAINERS = 2_000_000;

/**
 * Wraps one channel's action with what every channel needs: the request must come from our
 * own page, must match the contract's schema, and nothing is ever thrown back across IPC.
 * Both checks run before the action, so a refused request shows no dialog and touches no file.
 */
function guarded<C extends IpcChannel>(channel: C, action: Action<C>): IpcHandler<C> {
  const schema = requestSchemas[channel];
  return async (event, request) => {
    const senderUrl = event.senderFrame?.url ?? '(a destroyed frame)';
    if (!isAppUrl(senderUrl)) {
      // A frame that navigated away, or foreign content, must never reach the file system.
      return fail('forbidden-sender', `${channel} refused: the request came from ${senderUrl}, not from ${APP_ORIGIN}`);
    }
    // Only a plain object is a request: a Map, Date or typed array would otherwise pass a
    // schema whose fields are all optional.
    const prototype: unknown = typeof request === 'object' && request !== null ? Object.getPrototypeOf(request) : undefined;
    if (prototype !== Object.prototype && prototype !== null) return fail('invalid-payload', `${channel}: the request must be a plain object`);
    // zod recurses once per level of nesting: the limits walk, which does not, refuses thousands
    // of levels (and over-long text) with the path before the schema sees them, as for files.
    const overLimit = jsonLimitProblem(request, { maxContainers: MAX_IPC_CONTAINERS });
    if (overLimit) return fail('invalid-payload', `${channel}: ${overLimit.path}: ${overLimit.message}`);
    const parsed = schema.safeParse(request);
    if (!parsed.success) return fail('invalid-payload', `${channel}: ${describePayloadProblems(parsed.error)}`);
    try {
      return await action(parsed.data);
    } catch (error) {
      return fail('io-error', `${channel} failed: ${errorMessage(error)}`);
    }
  };
}

/** One handler per channel of the contract; a missing one is a compile error. */
export function createIpcHandlers(deps: IpcDependencies): IpcHandlers {
  const lookupHost = deps.lookupHost ?? systemLookup;
  return {
    'file:save': guarded('file:save', async ({ suggestedName, filters, data }) => {
      const choice = await deps.dialog.showSaveDialog({
        defaultPath: path.join(deps.documentsFolder(), suggestedName),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return ok({ canceled: true });
      try {
        await writeFileAtomically(deps.fs, choice.filePath, data);
      } catch (error) {
        return fail('io-error', `Could not save ${path.basename(choice.filePath)}: ${errorMessage(error)}`);
      }
      // The base name only: the renderer has no use for the user's folder layout.
      return ok({ canceled: false, fileName: path.basename(choice.filePath) });
    }),

    'file:open': guarded('file:open', async ({ filters, maxBytes }) => {
      const choice = await deps.dialog.showOpenDialog({ filters, properties: ['openFile'] });
      const filePath = choice.filePaths[0];
      if (choice.canceled || filePath === undefined) return ok({ canceled: true });
      const fileName = path.basename(filePath);
      let read;
      try {
        read = await readFileAtMost(deps.fs, filePath, maxBytes);
      } catch (error) {
        return fail('io-error', `Could not read ${fileName}: ${errorMessage(error)}`);
      }
      if (!read.ok) {
        return read.reason === 'too-large'
          ? fail('file-too-large', `${fileName} is ${formatBytes(read.size)}; at most ${formatBytes(maxBytes)} can be opened here`)
          : fail('io-error', `${fileName} is not a regular file`);
      }
      return ok({ canceled: false, fileName, data: read.data });
    }),

    'link:open-external': guarded('link:open-external', async ({ url }) => {
      const allowed = toAllowedExternalUrl(url);
      // Not an error: the page may offer any link, only allow-listed ones leave the app.
      if (allowed === null) return ok({ opened: false });
      await deps.openExternal(allowed);
      return ok({ opened: true });
    }),

    'hub:host': guarded('hub:host', async ({ port, host }) => {
      try {
        return ok(await deps.hub.host(port, host));
      } catch (error) {
        return fail('hub-error', `The hub could not start on port ${port}: ${errorMessage(error)}`);
      }
    }),
    'hub:stop': guarded('hub:stop', async () => ok(await deps.hub.stop())),
    'hub:status': guarded('hub:status', async () => ok(deps.hub.status())),
    'hub:newCode': guarded('hub:newCode', async () => {
      try {
        return ok(await deps.hub.newCode());
      } catch (error) {
        return fail('hub-error', `No new pairing code: ${errorMessage(error)}`);
      }
    }),
    // Both check the address first (local network only, see hub-address.ts), so that a refused
    // one gets its own answer before any pairing is looked up or any byte is sent.
    'hub:pair': guarded('hub:pair', async ({ url, code, device, member }) => {
      try {
        await pinHubAddress(url, lookupHost);
        await deps.hub.pair(url, code, device, member);
        return ok({ paired: true as const });
      } catch (error) {
        return hubFailure(`Pairing with ${url}`, 'failed', error);
      }
    }),
    // The page's URL only names the pairing: HubService talks to the address that pairing was
    // made with, so a page cannot point a paired session at another host or port.
    'hub:exchange': guarded('hub:exchange', async (request) => {
      try {
        await pinHubAddress(request.url, lookupHost);
        return ok(await deps.hub.exchange(request));
      } catch (error) {
        // Nothing was applied on this side; a retry resumes where this one stopped.
        return hubFailure(`Sync with ${request.url}`, 'stopped', error);
      }
    }),

    'backup:write': guarded('backup:write', async ({ missionId, missionTitle, reason, data }) => {
      try {
        return ok(await deps.backups.write(missionId, missionTitle, reason, data));
      } catch (error) {
        return fail('io-error', `The backup of "${missionTitle}" could not be written: ${errorMessage(error)}`);
      }
    }),
    'backup:list': guarded('backup:list', async ({ missionId }) => {
      const [entries, settings] = await Promise.all([deps.backups.list(missionId), deps.backups.settings()]);
      return ok({ entries, keep: settings.keep, folder: deps.backups.root });
    }),
    'backup:read': guarded('backup:read', async ({ missionId, id }) => {
      try {
        return ok({ data: await deps.backups.read(missionId, id) });
      } catch (error) {
        return fail('not-found', `The backup ${id} could not be read: ${errorMessage(error)}`);
      }
    }),
    'backup:settings': guarded('backup:settings', async ({ keep }) => ok(keep === undefined ? await deps.backups.settings() : await deps.backups.setKeep(keep))),
  };
}

/** The part of Electron's `ipcMain` registration uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, request: unknown) => Promise<unknown>): void;
}

/**
 * Channels registered per ipcMain. Electron itself throws on a second handler for a channel;
 * we check first so the error names our channel and nothing is half registered.
 */
const registeredChannels = new WeakMap<IpcMainLike, Set<string>>();

export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDependencies): void {
  const handlers = createIpcHandlers(deps);
  const registered = registeredChannels.get(ipcMain) ?? new Set<string>();
  const duplicates = IPC_CHANNELS.filter((channel) => registered.has(channel));
  if (duplicates.length > 0) {
    throw new Error(`IPC channel(s) registered twice: ${duplicates.join(', ')}`);
  }
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, handlers[channel]);
    registered.add(channel);
  }
  registeredChannels.set(ipcMain, registered);
}
