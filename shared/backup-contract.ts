import { z } from 'zod';
import { IdSchema } from './schemas/ids';

/**
 * Automatic mission snapshots kept by the desktop app in its user-data folder. Shared by the
 * IPC contract, main's store and the renderer's backup screen.
 */

export const DEFAULT_BACKUPS_KEPT = 20;
export const MIN_BACKUPS_KEPT = 1;
export const MAX_BACKUPS_KEPT = 200;
/** A mission with its photos can be large; a snapshot beyond this is refused, not truncated. */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

/** Why a snapshot was taken: on a timer, by the user, or just before a restore replaced the mission. */
export const BackupReasonSchema = z.enum(['automatic', 'manual', 'before-restore']);
export type BackupReason = z.infer<typeof BackupReasonSchema>;

/** `<yyyymmddThhmmssmmmZ>-<reason>[-n].mkbundle`: the only names a backup file can have. */
export const BACKUP_FILE_PATTERN = /^(\d{8}T\d{9}Z)-(automatic|manual|before-restore)(?:-\d{1,4})?\.mkbundle$/;

export interface BackupEntry {
  /** The file name, unique within its mission's folder. */
  id: string;
  missionId: string;
  missionTitle: string;
  createdAt: string;
  reason: BackupReason;
  bytes: number;
}

export const BackupWriteRequestSchema = z.strictObject({
  missionId: IdSchema,
  missionTitle: z.string().max(500),
  reason: BackupReasonSchema,
  data: z.instanceof(Uint8Array).refine((data) => data.byteLength <= MAX_BACKUP_BYTES, 'is larger than 512 MiB'),
});
export const BackupListRequestSchema = z.strictObject({ missionId: IdSchema.optional() });
export const BackupReadRequestSchema = z.strictObject({
  missionId: IdSchema,
  id: z.string().regex(BACKUP_FILE_PATTERN, 'must be the name of a backup'),
});
export const BackupSettingsRequestSchema = z.strictObject({ keep: z.number().int().min(MIN_BACKUPS_KEPT).max(MAX_BACKUPS_KEPT).optional() });

export interface BackupList {
  entries: BackupEntry[];
  keep: number;
  /** Shown to the user, who may want to copy the snapshots elsewhere. */
  folder: string;
}
