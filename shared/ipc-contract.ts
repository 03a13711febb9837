import { z } from 'zod';
import type { Result } from './result';

/**
 * The one contract between the renderer and the host. Main parses every payload with these
 * schemas (a compromised renderer can send anything); the preload exposes exactly these calls.
 */

/** 50 MiB: a full report with photos fits; anything larger is a mistake or an attack. */
export const MAX_IPC_FILE_BYTES = 50 * 1024 * 1024;

export const FileFilterSchema = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'must be a bare extension such as "docx"')).min(1).max(20),
});
export type FileFilter = z.infer<typeof FileFilterSchema>;

const SafeFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', 'must be a plain file name, not a path');

export const SaveFileRequestSchema = z.object({
  suggestedName: SafeFileNameSchema,
  filters: z.array(FileFilterSchema).max(10).default([]),
  data: z.instanceof(Uint8Array).refine((data) => data.byteLength <= MAX_IPC_FILE_BYTES, 'is larger than 50 MiB'),
});
export type SaveFileRequest = z.input<typeof SaveFileRequestSchema>;
export type SaveFileResponse = { canceled: true } | { canceled: false; fileName: string };

export const OpenFileRequestSchema = z.object({
  filters: z.array(FileFilterSchema).max(10).default([]),
  maxBytes: z.number().int().positive().max(MAX_IPC_FILE_BYTES).default(MAX_IPC_FILE_BYTES),
});
export type OpenFileRequest = z.input<typeof OpenFileRequestSchema>;
export type OpenFileResponse = { canceled: true } | { canceled: false; fileName: string; data: Uint8Array };

export const OpenExternalRequestSchema = z.object({ url: z.string().max(2048) });
export type OpenExternalRequest = z.input<typeof OpenExternalRequestSchema>;

/** Channel name → request schema. Response types are in `BridgeResponses`. */
export const ipcRequestSchemas = {
  'file:save': SaveFileRequestSchema,
  'file:open': OpenFileRequestSchema,
  'link:open-external': OpenExternalRequestSchema,
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export const IPC_CHANNELS = Object.keys(ipcRequestSchemas) as IpcChannel[];

export interface BridgeRequests {
  'file:save': SaveFileRequest;
  'file:open': OpenFileRequest;
  'link:open-external': OpenExternalRequest;
}

export interface BridgeResponses {
  'file:save': SaveFileResponse;
  'file:open': OpenFileResponse;
  'link:open-external': { opened: boolean };
}

/** What the renderer sees as `window.missionKit` (Electron) or gets from the web implementation. */
export interface Bridge {
  readonly host: 'electron' | 'web';
  invoke<C extends IpcChannel>(channel: C, request: BridgeRequests[C]): Promise<Result<BridgeResponses[C]>>;
}

/** Name of the global the preload defines through contextBridge. */
export const BRIDGE_GLOBAL = 'missionKit';
