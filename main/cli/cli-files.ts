import path from 'node:path';
import { writeFileAtomically } from '../atomic-write';
import { readFileAtMost } from '../bounded-read';
import { CliError } from './cli-errors';
import type { CliIo } from './cli-io';


export function resolvePath(io: CliIo, file: string): string {
  return path.resolve(io.cwd, file);
}

/**
 * Reads a UTF-8 text file named on the command line, refusing one over `maxBytes` before
 * reading it; failures become one-line messages.
 */
export async function readInputText(io: CliIo, file: string, maxBytes: number): Promise<string> {
  let read;
  try {
    read = await readFileAtMost(io.fs, resolvePath(io, file), maxBytes);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error, 'no such file')}`);
  }
  if (!read.ok) {
    throw new CliError(
      read.reason === 'too-large'
        ? `cannot read ${file}: too large (${formatMiB(read.size)}; at most ${formatMiB(maxBytes)})`
        : `cannot read ${file}: not a regular file`,
    );
  }
  try {
    // Decoding drops a leading byte-order mark, which Windows editors like to add.
    return new TextDecoder('utf-8', { fatal: true }).decode(read.data);
  } catch {
    throw new CliError(`cannot read ${file}: not UTF-8 text`);
  }
}

export interface WriteOptions {
  /** Replace an existing file; without it an existing file is an error. */
  overwrite: boolean;
  /** How the error for an existing file tells the user to overwrite it, e.g. "--force". */
  overwriteHint?: string;
}

/**
 * Writes a file named on the command line atomically (temporary file in the same folder, then
 * a rename), so an interrupted run never leaves a half-written report or mission file behind.
 */
export async function writeOutputFile(io: CliIo, file: string, data: Uint8Array, options: WriteOptions): Promise<void> {
  const target = resolvePath(io, file);
  const existing = await io.fs.stat(target).catch(() => null);
  if (existing !== null) {
    if (existing.isDirectory()) throw new CliError(`cannot write ${file}: it is a folder`);
    if (!options.overwrite) {
      throw new CliError(`${file} already exists; ${options.overwriteHint ? `use ${options.overwriteHint} to overwrite it` : 'not overwritten'}`);
    }
  }
  try {
    await writeFileAtomically(io.fs, target, data);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${describeFsError(error, 'no such folder')}`);
  }
}

/** A short reason for a failed file operation, without the system's path-laden message. */
export function describeFsError(error: unknown, notFound: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return notFound;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** "1 finding", "8 recommendations". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
