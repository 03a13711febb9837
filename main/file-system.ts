import type { FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/**
 * The file operations the IPC handlers use, injected so tests can count calls or fail them on
 * purpose. `node:fs/promises` satisfies it as is.
 */
export interface FileSystem {
  stat(filePath: string): Promise<Stats>;
  open(filePath: string, flags: string): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(filePath: string, options: { force: boolean }): Promise<void>;
}
