import { BRIDGE_GLOBAL, type Bridge } from '../../../shared/ipc-contract';
import { createWebBridge } from './web-bridge';

/** The Electron preload's bridge when present, otherwise the web implementation. */
export function resolveBridge(win: Window = window): Bridge {
  const exposed = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (isBridge(exposed)) return exposed;
  return createWebBridge(win.document);
}

function isBridge(value: unknown): value is Bridge {
  return typeof value === 'object' && value !== null && 'invoke' in value && typeof value.invoke === 'function';
}
