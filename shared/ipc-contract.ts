import { z } from 'zod';
import type { Result } from './result';
import { IdSchema } from './schemas/ids';
import { MAX_PUSHED_DEVICE_NAMES, deviceNamesSchema } from './sync/hub-protocol';
import { ChangeSchema, StampSchema, type Change } from './schemas/change';
import {
  BackupListRequestSchema,
  BackupReadRequestSchema,
  BackupSettingsRequestSchema,
  BackupWriteRequestSchema,
  type BackupEntry,
  type BackupList,
} from './backup-contract';

/**
 * The one contract between the renderer and the host. Main parses every payload with these
 * schemas (a compromised renderer can send anything); the preload exposes exactly these calls.
 * Requests are strict objects: an unknown field is refused, not silently dropped, so nothing
 * can ride along with a valid request.
 */

/** 50 MiB: a full report with photos fits; anything larger is a mistake or an attack. */
export const MAX_IPC_FILE_BYTES = 50 * 1024 * 1024;

export const FileFilterSchema = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'must be a bare extension such as "docx"')).min(1).max(20),
});
export type FileFilter = z.infer<typeof FileFilterSchema>;

const SafeFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', 'must be a plain file name, not a path');

export const SaveFileRequestSchema = z.strictObject({
  suggestedName: SafeFileNameSchema,
  filters: z.array(FileFilterSchema).max(10).default([]),
  data: z.instanceof(Uint8Array).refine((data) => data.byteLength <= MAX_IPC_FILE_BYTES, 'is larger than 50 MiB'),
});
export type SaveFileRequest = z.input<typeof SaveFileRequestSchema>;
export type SaveFileResponse = { canceled: true } | { canceled: false; fileName: string };

export const OpenFileRequestSchema = z.strictObject({
  filters: z.array(FileFilterSchema).max(10).default([]),
  maxBytes: z.number().int().positive().max(MAX_IPC_FILE_BYTES).default(MAX_IPC_FILE_BYTES),
});
export type OpenFileRequest = z.input<typeof OpenFileRequestSchema>;
export type OpenFileResponse = { canceled: true } | { canceled: false; fileName: string; data: Uint8Array };

export const OpenExternalRequestSchema = z.strictObject({ url: z.string().max(2048) });
export type OpenExternalRequest = z.input<typeof OpenExternalRequestSchema>;

const HubUrlSchema = z
  .string()
  .max(300)
  .refine((value) => /^https?:\/\/[^/\s]+\/?$/.test(value), 'must be a hub address such as http://192.168.1.20:7420/');

/** Host a hub in this app: loopback (the default) or every interface (LAN), on a port of the user's choice. */
export const HubHostRequestSchema = z.strictObject({
  port: z.number().int().min(1024).max(65535),
  host: z.enum(['0.0.0.0', '127.0.0.1']).default('127.0.0.1'),
});
export const HubPairRequestSchema = z.strictObject({
  url: HubUrlSchema,
  code: z.string().trim().min(4).max(32),
  device: IdSchema,
  member: IdSchema.nullable(),
});
const AttachmentBytesSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.instanceof(Uint8Array),
});
/** One exchange with a hub: push what the hub lacks, pull what this device lacks. */
export const HubExchangeRequestSchema = z
  .strictObject({
    url: HubUrlSchema,
    missionId: IdSchema,
    vector: z.record(z.string(), StampSchema),
    changes: z.array(ChangeSchema).max(500_000),
    attachments: z.array(AttachmentBytesSchema).max(20_000),
    /** The device names this device knows, its own included: the hub relays them to the others. */
    deviceNames: deviceNamesSchema(MAX_PUSHED_DEVICE_NAMES).optional(),
  })
  .refine((request) => request.attachments.reduce((sum, item) => sum + item.data.byteLength, 0) <= MAX_IPC_FILE_BYTES, {
    message: 'carries more than 50 MiB of attachments; exchange in several steps',
    path: ['attachments'],
  });
export type HubExchangeRequest = z.input<typeof HubExchangeRequestSchema>;
export interface HubExchangeResponse {
  pushed: number;
  pulled: Change[];
  hubVector: Record<string, string>;
  attachments: { sha256: string; data: Uint8Array }[];
  /** The device names the hub knows for the mission; absent when it knows none (or is an older hub). */
  deviceNames?: Record<string, string>;
}
export interface HubStatus {
  hosting: boolean;
  urls: string[];
  pairingCode: string | null;
  /**
   * Where this device keeps its pairings: encrypted by the OS keychain, or in memory until the
   * app closes (no keychain: a session key is never written in plain text). Absent from a
   * bridge that pairs with nothing (the browser build).
   */
  pairingsKept?: 'encrypted' | 'until-quit';
  /** What the hosted hub listens on, and whether other machines can reach it; absent when not hosting. */
  listening?: { address: string; port: number; reach: 'this-machine' | 'network' };
}

/** Channel name → request schema. Response types are in `BridgeResponses`. */
export const ipcRequestSchemas = {
  'file:save': SaveFileRequestSchema,
  'file:open': OpenFileRequestSchema,
  'link:open-external': OpenExternalRequestSchema,
  'hub:host': HubHostRequestSchema,
  'hub:stop': z.strictObject({}),
  'hub:status': z.strictObject({}),
  'hub:newCode': z.strictObject({}),
  'hub:pair': HubPairRequestSchema,
  'hub:exchange': HubExchangeRequestSchema,
  'backup:write': BackupWriteRequestSchema,
  'backup:list': BackupListRequestSchema,
  'backup:read': BackupReadRequestSchema,
  'backup:settings': BackupSettingsRequestSchema,
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export const IPC_CHANNELS = Object.keys(ipcRequestSchemas) as IpcChannel[];

export interface BridgeRequests {
  'file:save': SaveFileRequest;
  'file:open': OpenFileRequest;
  'link:open-external': OpenExternalRequest;
  'hub:host': z.input<typeof HubHostRequestSchema>;
  'hub:stop': Record<string, never>;
  'hub:status': Record<string, never>;
  'hub:newCode': Record<string, never>;
  'hub:pair': z.input<typeof HubPairRequestSchema>;
  'hub:exchange': HubExchangeRequest;
  'backup:write': z.input<typeof BackupWriteRequestSchema>;
  'backup:list': z.input<typeof BackupListRequestSchema>;
  'backup:read': z.input<typeof BackupReadRequestSchema>;
  'backup:settings': z.input<typeof BackupSettingsRequestSchema>;
}

export interface BridgeResponses {
  'file:save': SaveFileResponse;
  'file:open': OpenFileResponse;
  'link:open-external': { opened: boolean };
  'hub:host': HubStatus;
  'hub:stop': HubStatus;
  'hub:status': HubStatus;
  'hub:newCode': HubStatus;
  'hub:pair': { paired: true };
  'hub:exchange': HubExchangeResponse;
  'backup:write': BackupEntry;
  'backup:list': BackupList;
  'backup:read': { data: Uint8Array };
  'backup:settings': { keep: number };
}

/** What the renderer sees as `window.missionKit` (Electron) or gets from the web implementation. */
export interface Bridge {
  readonly host: 'electron' | 'web';
  invoke<C extends IpcChannel>(channel: C, request: BridgeRequests[C]): Promise<Result<BridgeResponses[C]>>;
}

/** Name of the global the preload defines through contextBridge. */
export const BRIDGE_GLOBAL = 'missionKit';
