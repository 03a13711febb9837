import path from 'node:path';
import { readFileAtMost } from '../bounded-read';
import { BUNDLE_EXTENSION, ENCRYPTED_MAGIC, MAX_BUNDLE_FILE_BYTES, ZIP_MAGIC, isEncryptedBundle, readBundle, type Bundle } from '../../shared/sync/bundle';
import { CliError, UsageError } from './cli-errors';
import type { CliIo } from './cli-io';
import { describeFsError, resolvePath } from './cli-files';

/** The environment variable a passphrase can come from, so it need not be typed on the command line. */
export const PASSPHRASE_ENV = 'MISSION_KIT_PASSPHRASE';

/**
 * A bundle carries attachment bytes (photos, scans): far larger than a mission file. The same
 * limit as the reader's (shared/sync/bundle-format.ts), checked here before the file is read.
 */
export const MAX_BUNDLE_BYTES = MAX_BUNDLE_FILE_BYTES;

/** The `--passphrase` option of the bundle commands, as parseArgs takes it. */
export const PASSPHRASE_OPTION = { passphrase: { type: 'string' } } as const;

export const PASSPHRASE_HELP = `  --passphrase P     the passphrase of encrypted bundles; without it, the environment variable
                     ${PASSPHRASE_ENV} is used when set`;

/** The passphrase: the option if given, else the environment variable if set and not empty. */
export function passphraseOf(io: CliIo, option: string | undefined, command: string): string | undefined {
  if (option !== undefined) {
    if (option === '') throw new UsageError('--passphrase must not be empty', command);
    return option;
  }
  const value = io.env[PASSPHRASE_ENV];
  return value === undefined || value === '' ? undefined : value;
}

export interface OpenedBundle {
  bundle: Bundle;
  /** The file's bytes as read. */
  bytes: Uint8Array;
  encrypted: boolean;
}

/** Reads a file named on the command line as bytes, at most {@link MAX_BUNDLE_BYTES}. */
export async function readBundleBytes(io: CliIo, file: string): Promise<Uint8Array> {
  let read;
  try {
    read = await readFileAtMost(io.fs, resolvePath(io, file), MAX_BUNDLE_BYTES);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error, 'no such file')}`);
  }
  if (!read.ok) {
    throw new CliError(
      read.reason === 'too-large'
        ? `cannot read ${file}: too large for a bundle (${formatMiB(read.size)}; at most ${formatMiB(MAX_BUNDLE_BYTES)})`
        : `cannot read ${file}: not a regular file`,
    );
  }
  return read.data;
}

/**
 * Reads and fully checks a bundle (see shared/sync/bundle-read.ts); a bad one becomes a
 * CliError with the reader's message, "cannot read FILE: <why>".
 */
export async function openBundleFile(io: CliIo, file: string, passphrase: string | undefined): Promise<OpenedBundle> {
  const bytes = await readBundleBytes(io, file);
  const result = await readBundle(bytes, passphrase === undefined ? {} : { passphrase });
  if (!result.ok) throw bundleError(file, result.error);
  return { bundle: result.bundle, bytes, encrypted: isEncryptedBundle(bytes) };
}

/** The CliError for a bundle the reader refused; a missing passphrase gets a hint where to give it. */
export function bundleError(file: string, error: { code: string; message: string }): CliError {
  const lines = [`cannot read ${file}: ${error.message}`];
  if (error.code === 'needs-passphrase') lines.push(`Give the passphrase with --passphrase P or in the environment variable ${PASSPHRASE_ENV}.`);
  return new CliError(lines);
}

/**
 * Whether a file named on the command line is a bundle rather than a mission file: its name
 * ends in ".mkbundle", or it starts with a bundle's signature ("PK" plain, "MKBE" encrypted).
 * A file that cannot be read is not a bundle here; reading it as a mission file reports why.
 */
export async function looksLikeBundle(io: CliIo, file: string): Promise<boolean> {
  if (path.extname(file).toLowerCase() === `.${BUNDLE_EXTENSION}`) return true;
  const target = resolvePath(io, file);
  try {
    // stat before open: opening a FIFO would block.
    if (!(await io.fs.stat(target)).isFile()) return false;
    const handle = await io.fs.open(target, 'r');
    try {
      const head = new Uint8Array(ENCRYPTED_MAGIC.length);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return startsWith(head.subarray(0, bytesRead), ZIP_MAGIC) || startsWith(head.subarray(0, bytesRead), ENCRYPTED_MAGIC);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

function startsWith(bytes: Uint8Array, magic: Uint8Array): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
