import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FileSystem } from './file-system';

/**
 * Writes `data` to `filePath` so that the file is either the old one or the complete new one,
 * never half written (a crash, a full disk or a pulled USB stick mid-save would otherwise
 * destroy the user's previous report). The temporary file sits in the same folder because a
 * rename is only atomic within one file system.
 */
export async function writeFileAtomically(fs: FileSystem, filePath: string, data: Uint8Array): Promise<void> {
  const tempPath = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomUUID()}.tmp`);
  // 'wx': fail rather than write through a file (or symlink) that already has this name.
  const handle = await fs.open(tempPath, 'wx');
  try {
    try {
      await handle.writeFile(data);
      // Flush to disk before the rename makes it the real file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tempPath, filePath);
  } catch (error) {
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
}
