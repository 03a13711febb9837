import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubErrorBody, HubErrorCode } from '../../shared/sync/hub-protocol';

/** An expected refusal: becomes a plain JSON error answer with this status. */
export class HubRequestError extends Error {
  override name = 'HubRequestError';
  constructor(
    readonly status: number,
    readonly code: HubErrorCode,
    message: string,
    readonly extra: { lastCounter?: number; retryAfterSeconds?: number; allow?: string } = {},
  ) {
    super(message);
  }
}

/** On every answer: nothing the hub sends may be cached by a proxy or the client. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), ...headers });
  res.end(bytes);
}

export function sendBytes(res: ServerResponse, bytes: Uint8Array): void {
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
  res.end(bytes);
}

/** `close`: part of the request body is still unread (too large, or refused before reading it). */
export function sendError(res: ServerResponse, error: HubRequestError, { close }: { close: boolean }): void {
  const body: HubErrorBody = { error: error.code, message: error.message };
  if (error.extra.lastCounter !== undefined) body.lastCounter = error.extra.lastCounter;
  const headers: Record<string, string> = {};
  if (error.extra.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.extra.retryAfterSeconds);
  if (error.extra.allow !== undefined) headers.allow = error.extra.allow;
  // Rather than read (and discard) the rest of the body, close the connection once the answer is out.
  if (close) headers.connection = 'close';
  sendJson(res, error.status, body, headers);
}

export function tooLarge(limit: number): HubRequestError {
  return new HubRequestError(413, 'too-large', `The request body is larger than the ${formatMiB(limit)} the hub accepts.`);
}

/**
 * The whole request body if it holds at most `limit` bytes. A declared Content-Length above the
 * limit is refused before anything is read; a body that turns out longer stops being read (and
 * kept) at the limit. Either way the caller answers 413 and the connection closes. A body that
 * stalls (no byte for `idleMs`) is refused with 408: a sender that trickles or stops must not
 * hold a connection (and the memory of what it sent) for as long as it likes.
 */
export function readBody(req: IncomingMessage, limit: number, idleMs: number): Promise<Uint8Array> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    return Promise.reject(/^\d+$/.test(declared) ? tooLarge(limit) : new HubRequestError(400, 'bad-request', 'Invalid Content-Length.'));
  }
  // The device may have gone before the hub got round to reading: no event would come then.
  if (req.destroyed && !req.complete) return Promise.reject(disconnected());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanUp = (): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const stalled = (): void => {
      cleanUp();
      req.pause();
      chunks.length = 0;
      reject(new HubRequestError(408, 'request-timeout', `The request body stalled (nothing arrived for ${idleMs >= 1000 ? `${Math.round(idleMs / 1000)} s` : `${idleMs} ms`}); nothing was done.`));
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) {
        cleanUp();
        req.pause();
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
      timer.refresh();
    };
    const onEnd = (): void => {
      cleanUp();
      const body = Buffer.concat(chunks, total);
      resolve(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const onClose = (): void => {
      cleanUp();
      reject(disconnected());
    };
    // Restarted by each chunk; declared last, but only read once a listener runs.
    const timer = setTimeout(stalled, idleMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.once('close', onClose);
  });
}

/** What reading a body from a device that went away ends with. */
function disconnected(): Error {
  return Object.assign(new Error('the device disconnected'), { code: 'ECONNRESET' });
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
