import { z } from 'zod';
import { IdSchema } from '../../../shared/schemas/ids';

/**
 * A full backup file (`.mkbackup`): a zip holding `mission-kit-backup.json` and one bundle per
 * mission under `missions/`. Bundles are the format devices already trust and check, so a full
 * backup is read with the same care as a bundle from another expert.
 */
export const FULL_BACKUP_FORMAT = 'mission-kit/full-backup';
export const FULL_BACKUP_FORMAT_VERSION = 1;
export const FULL_BACKUP_EXTENSION = 'mkbackup';
export const FULL_BACKUP_MANIFEST = 'mission-kit-backup.json';

const MIB = 1024 * 1024;
/** At most this many missions in one file (and so 1 + this many zip entries). */
export const MAX_FULL_BACKUP_MISSIONS = 10_000;
/**
 * The largest full backup file read. The bundles inside are stored as they are, not compressed
 * again, so this also bounds what the file unpacks to; the 20,000-finding test mission makes a
 * 1.3 MiB full backup.
 */
export const MAX_FULL_BACKUP_BYTES = 1024 * MIB;
/** mission-kit-backup.json unpacked: 10,000 missions with 1,000-character titles take about 12 MiB. */
export const MAX_FULL_BACKUP_MANIFEST_BYTES = 16 * MIB;

export const FullBackupManifestSchema = z.object({
  format: z.literal(FULL_BACKUP_FORMAT),
  formatVersion: z.literal(FULL_BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  missions: z
    .array(
      z.object({
        missionId: IdSchema,
        missionTitle: z.string(),
        file: z.string().regex(/^missions\/\d{1,5}\.mkbundle$/, 'must be a bundle under missions/'),
      }),
    )
    .max(MAX_FULL_BACKUP_MISSIONS),
});
export type FullBackupManifest = z.infer<typeof FullBackupManifestSchema>;
