/** Every error that crosses a boundary (IPC, import) carries one of these codes. */
export type ErrorCode =
  | 'invalid-payload'
  | 'forbidden-sender'
  | 'invalid-template'
  | 'invalid-json'
  | 'file-too-large'
  | 'io-error'
  | 'unknown-channel'
  | 'not-found'
  | 'conflict'
  | 'unsupported'
  | 'hub-error'
  /** A hub address outside the local network (or a name resolving there): nothing was sent. */
  | 'hub-not-local'
  /** The hub answered with a redirect, which main never follows. */
  | 'hub-redirect'
  /** A sync with a hub this device holds no pairing for (or no longer: it was kept in memory only). */
  | 'hub-not-paired'
  /** A delivery stamped by a clock far ahead of this one: nothing was received. */
  | 'clock-ahead';

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Makes a switch over a union exhaustive: adding a member without handling it fails to compile. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
