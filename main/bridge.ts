import type { Bridge, BridgeRequests, BridgeResponses, IpcChannel } from '../shared/ipc-contract';
import { fail, type Result } from '../shared/result';

/** The part of `ipcRenderer` the bridge uses. */
export interface IpcInvoker {
  invoke(channel: string, request: unknown): Promise<unknown>;
}

/**
 * The contract's channels, spelled out here instead of importing `IPC_CHANNELS`: that import
 * would bundle zod (~750 kB) into a preload that never parses anything. `satisfies` keeps the
 * two in step: a channel missing here or unknown to the contract is a compile error.
 */
const CHANNELS = {
  'file:save': true,
  'file:open': true,
  'link:open-external': true,
  'hub:host': true,
  'hub:stop': true,
  'hub:status': true,
  'hub:newCode': true,
  'hub:pair': true,
  'hub:exchange': true,
  'backup:write': true,
  'backup:list': true,
  'backup:read': true,
  'backup:settings': true,
} as const satisfies Record<IpcChannel, true>;

export const BRIDGE_CHANNELS: readonly IpcChannel[] = Object.freeze(Object.keys(CHANNELS) as IpcChannel[]);

function isChannel(channel: unknown): channel is IpcChannel {
  return typeof channel === 'string' && Object.hasOwn(CHANNELS, channel);
}

/**
 * The Electron implementation of the renderer's bridge. Only contract channels go through
 * (page scripts are untyped at run time, so the check is real), and a failed invoke becomes a
 * `Result` like every other error, so the renderer has one error path.
 */
export function createBridge(ipc: IpcInvoker): Bridge {
  return Object.freeze({
    host: 'electron' as const,
    async invoke<C extends IpcChannel>(channel: C, request: BridgeRequests[C]): Promise<Result<BridgeResponses[C]>> {
      if (!isChannel(channel)) {
        return fail('unknown-channel', `"${String(channel)}" is not a Mission Kit channel`);
      }
      try {
        // Main answers every channel with a Result built from the contract.
        return (await ipc.invoke(channel, request)) as Result<BridgeResponses[C]>;
      } catch (error) {
        return fail('io-error', `${channel} could not reach the app: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
}
