import { contextBridge, ipcRenderer } from 'electron';
import type { BRIDGE_GLOBAL } from '../shared/ipc-contract';
import { createBridge } from './bridge';

// A type-only import keeps zod out of the preload bundle; the annotation still fails to
// compile if the contract renames the global.
const bridgeGlobal: typeof BRIDGE_GLOBAL = 'missionKit';

// The page's whole reach into the host: `window.missionKit` with `host` and `invoke`.
// `ipcRenderer` itself is never exposed; the bridge is the only way through.
contextBridge.exposeInMainWorld(
  bridgeGlobal,
  createBridge({ invoke: (channel, request) => ipcRenderer.invoke(channel, request) }),
);
