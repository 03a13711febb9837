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
    .max(10_000),
});
export type FullBackupManifest = z.infer<typeof FullBackupManifestSchema>;
