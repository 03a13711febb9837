import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ChangeSchema, type Change } from '../../shared/schemas/change';
import { formatIssuePath } from '../../shared/template-validation';
import { jsonLimitProblem } from '../../shared/json-limits';
import { clockAheadMessage, clockLimit, devicesAhead } from '../../shared/sync/clock-guard';
import { toHex, utf8Decode } from '../../shared/sync/bundle-crypto';
import { fromHex, openEnvelope, platformHubCrypto, sealEnvelope, type HubCrypto } from '../../shared/sync/hub-crypto';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_PAIR_BODY_BYTES,
  MAX_PULL_PAGE,
  MissingRequestSchema,
  PairRequestSchema,
  PullRequestSchema,
  PushRequestSchema,
  SEAL_HEADER,
  SEAL_OVERHEAD_BYTES,
  SealedRequestHeaderSchema,
  type PairResponse,
} from '../../shared/sync/hub-protocol';
import { HubRequestError, readBody, sendBytes, sendError, sendJson } from './hub-http';
import { HubPairing } from './hub-pairing';
import { HubSessions } from './hub-sessions';
import { HubStore, UnsafePathError, errorCode, isMissionId, isSha256, type HubLog } from './hub-store';

/**
 * The LAN sync hub: the lead's app, or `mission-kit hub` on an always-on machine, hosts it;
 * experts pair with the code it shows, then push and pull change records and attachments.
 * Protocol: shared/sync/hub-protocol.ts; sealing: shared/sync/hub-crypto.ts; storage:
 * hub-store.ts; paired devices: hub-sessions.ts; brute-force limits: hub-pairing.ts.
 */

export interface HubOptions {
  /** 0 (the default) picks a free port; read it back from `url`. */
  port?: number;
  /** Loopback by default; "0.0.0.0" to serve the LAN. */
  host?: string;
  /** Where missions, attachments and paired devices are kept; created if missing. */
  dataDir: string;
  /** Clock (ms) for rate limits and timestamps. */
  now?: () => number;
  /** A fixed pairing code (8 characters of PAIRING_CODE_ALPHABET); random by default. */
  pairingCode?: string;
  /** Where the hub reports pairings and alarms; console.log by default. */
  log?: HubLog;
  crypto?: HubCrypto;
}

export interface RunningHub {
  /** e.g. `http://127.0.0.1:7420/` (loopback when bound to every interface). */
  url: string;
  /** Every address devices can use: the LAN addresses when bound to every interface. */
  urls: string[];
  /** The code devices pair with now. */
  readonly pairingCode: string;
  /** True once the code was retired after too many wrong attempts. */
  readonly pairingClosed: boolean;
  /** Issues a new code (random unless given) and reopens pairing. */
  newPairingCode(code?: string): Promise<string>;
  close(): Promise<void>;
}

type Route =
  | { kind: 'hello' }
  | { kind: 'pair' }
  | { kind: 'push' | 'pull' | 'missing'; missionId: string }
  | { kind: 'put-attachment' | 'get-attachment'; missionId: string; sha256: string };

const LOCK_FILE = 'hub.lock';
const SESSIONS_FILE = 'sessions.json';
const MAX_LISTED_PROBLEMS = 5;

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { port = 0, host = '127.0.0.1' } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(`[hub] ${line}`));
  const crypto = options.crypto ?? platformHubCrypto();

  await nodeFs.mkdir(options.dataDir, { recursive: true });
  // Resolved once: every path the hub builds is checked to lie inside this one.
  const dataDir = await nodeFs.realpath(options.dataDir);
  const lockFile = path.join(dataDir, LOCK_FILE);
  await takeLock(lockFile);
  let server: ReturnType<typeof createServer> | undefined;
  try {
    const store = new HubStore(dataDir, log);
    const sessions = await HubSessions.load(path.join(dataDir, SESSIONS_FILE), crypto, log);
    const pairing = await HubPairing.create(crypto, options.pairingCode, now, log);
    const context: HubContext = { store, sessions, pairing, crypto, now, log };

    const created = createServer((req, res) => {
      handle(context, req, res).catch((error: unknown) => {
        if (!(error instanceof HubRequestError) && !(error instanceof UnsafePathError)) log(`Internal error on ${req.method ?? '?'} ${req.url ?? '?'}: ${describe(error)}`);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Whatever of the body was not read is not read now: close the connection instead.
        sendError(res, toRequestError(error), { close: !req.complete });
      });
    });
    server = created;
    // Requests Node's parser refuses (malformed, headers too large) get an answer that is not
    // cacheable either, instead of Node's default one.
    created.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\ncache-control: no-store\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    });
    // The hub is for a team of 3–15: this bounds what a stranger on the LAN can tie up.
    created.maxConnections = 128;
    created.headersTimeout = 30_000;

    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, host, () => {
        created.off('error', reject);
        resolve();
      });
    });
    const address = created.address() as AddressInfo;
    let closing: Promise<void> | null = null;
    return {
      url: urlFor(address.address, address.port),
      urls: reachableUrls(address),
      get pairingCode() {
        return pairing.currentCode;
      },
      get pairingClosed() {
        return pairing.isRetired;
      },
      newPairingCode: (code) => pairing.renew(code),
      close: () => {
        closing ??= (async () => {
          await new Promise<void>((resolve, reject) => {
            created.close((error) => (error ? reject(error) : resolve()));
            // Clients hold keep-alive connections open; without this close() waits for them.
            created.closeAllConnections();
          });
          await sessions.save();
          await nodeFs.rm(lockFile, { force: true });
        })();
        return closing;
      },
    };
  } catch (error) {
    server?.close();
    await nodeFs.rm(lockFile, { force: true });
    throw error;
  }
}

interface HubContext {
  store: HubStore;
  sessions: HubSessions;
  pairing: HubPairing;
  crypto: HubCrypto;
  now: () => number;
  log: HubLog;
}

async function handle(context: HubContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '';
  // Origin-form targets only ("/path"); an absolute-form "http://other/..." is a proxy request.
  if (!target.startsWith('/')) throw new HubRequestError(400, 'bad-request', 'Malformed request target.');
  const route = matchRoute(req.method ?? '', target.split('?', 1)[0] ?? '');

  if (route.kind === 'hello') {
    sendJson(res, 200, context.pairing.hello());
    return;
  }
  if (route.kind === 'pair') {
    await handlePair(context, req, res);
    return;
  }

  const session = context.sessions.find(req.headers.authorization);
  if (!session) throw new HubRequestError(401, 'unauthorized', 'This device is not paired with the hub (no valid session token). Pair it with the code the hub shows.');

  const limit = route.kind === 'put-attachment' ? MAX_ATTACHMENT_BYTES + SEAL_OVERHEAD_BYTES : MAX_JSON_BODY_BYTES;
  const sealed = req.method === 'GET' ? sealFromHeader(req.headers[SEAL_HEADER]) : await readBody(req, limit);
  const opened = await openEnvelope(context.crypto, session.key, 'request', sealed);
  const header = opened ? SealedRequestHeaderSchema.safeParse(opened.header) : null;
  if (!opened || !header?.success) {
    throw new HubRequestError(400, 'bad-seal', 'The request is not sealed with this device’s session key: it was altered, or the device must pair again.');
  }
  // The sealed header names the request, so a sealed body cannot be replayed against another route or mission.
  if (header.data.method !== req.method || header.data.path !== target) {
    throw new HubRequestError(400, 'bad-seal', 'The sealed request was made for another method or path.');
  }
  if (!context.sessions.accept(session, header.data.counter)) {
    throw new HubRequestError(409, 'replay', 'This request was already received (its counter is not above the last one); nothing was done.', {
      lastCounter: session.lastCounter,
    });
  }
  const answer = await dispatch(context, route, opened.body, session.device);
  sendBytes(res, await sealEnvelope(context.crypto, session.key, 'response', { replyTo: header.data.counter, sentAt: context.now() }, answer));
}

async function handlePair(context: HubContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const address = req.socket.remoteAddress ?? 'unknown';
  const early = context.pairing.refusal(address);
  if (early) throw refusalError(early);
  const request = parseJson(await readBody(req, MAX_PAIR_BODY_BYTES), PairRequestSchema);
  const outcome = await context.pairing.verify(address, request);
  if (!outcome.ok) {
    if ('refusal' in outcome) throw refusalError(outcome.refusal);
    if ('badKey' in outcome) throw new HubRequestError(400, 'bad-request', 'The public key is not a valid P-256 key.');
    throw new HubRequestError(403, 'wrong-code', 'The pairing code is wrong. Check the code the hub shows and try again.');
  }
  if (!context.sessions.canAdd(request.device)) {
    throw new HubRequestError(503, 'too-many-devices', 'The hub already has as many paired devices as it allows.');
  }
  const token = await context.sessions.add(request.device, request.member, outcome.secrets.sessionKey, new Date(context.now()).toISOString());
  const proof = await outcome.secrets.hubProof(token);
  context.log(`Paired device ${request.device}${request.member ? ` (member ${request.member})` : ''} from ${address}.`);
  const body: PairResponse = { token, proof: toHex(proof) };
  sendJson(res, 200, body);
}

function toRequestError(error: unknown): HubRequestError {
  if (error instanceof HubRequestError) return error;
  if (error instanceof UnsafePathError) return new HubRequestError(400, 'bad-request', 'The path names no valid mission or attachment.');
  return new HubRequestError(500, 'internal', 'The hub failed to handle the request.');
}

function refusalError(refusal: NonNullable<ReturnType<HubPairing['refusal']>>): HubRequestError {
  return new HubRequestError(refusal.status, refusal.code, refusal.message, refusal.status === 429 ? { retryAfterSeconds: refusal.retryAfterSeconds } : {});
}

async function dispatch(context: HubContext, route: Exclude<Route, { kind: 'hello' | 'pair' }>, body: Uint8Array, device: string): Promise<Uint8Array> {
  const { store } = context;
  switch (route.kind) {
    case 'push': {
      const request = parseJson(body, PushRequestSchema);
      const changes = validChanges(request.changes, route.missionId);
      // What the hub stores reaches every device: a clock far ahead would win every field
      // there, and every device would refuse the pull. The pusher hears it, with what to fix.
      const now = context.now();
      const ahead = devicesAhead(changes, now, clockLimit(now, now));
      if (ahead.length > 0) throw new HubRequestError(400, 'clock-ahead', `No change was stored: ${clockAheadMessage(ahead, "the hub's clock")}`);
      return json(await store.push(route.missionId, changes, request.deviceNames, device));
    }
    case 'pull': {
      const request = parseJson(body, PullRequestSchema);
      return json(await store.pull(route.missionId, request.vector, request.limit ?? MAX_PULL_PAGE));
    }
    case 'missing': {
      const request = parseJson(body, MissingRequestSchema);
      return json({ missing: await store.missingAttachments(route.missionId, request.hashes) });
    }
    case 'put-attachment': {
      if (body.length > MAX_ATTACHMENT_BYTES) throw new HubRequestError(413, 'too-large', `An attachment may hold at most ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MiB.`);
      const actual = createHash('sha256').update(body).digest('hex');
      if (actual !== route.sha256) {
        throw new HubRequestError(400, 'hash-mismatch', `The bytes sent hash to ${actual}, not to ${route.sha256}; nothing was stored.`);
      }
      return json({ stored: await store.putAttachment(route.missionId, route.sha256, body) });
    }
    case 'get-attachment': {
      const bytes = await store.readAttachment(route.missionId, route.sha256);
      if (!bytes) throw new HubRequestError(404, 'not-found', `The hub has no attachment ${route.sha256} in this mission.`);
      return bytes;
    }
  }
}

/**
 * The route of a request path, matched on its raw segments: nothing is percent-decoded, so
 * "..%2F" stays a segment that no id pattern accepts. Ids and hashes are checked here, before
 * the store builds any path from them (and the store checks again).
 */
function matchRoute(method: string, pathname: string): Route {
  const segments = pathname.split('/').slice(1);
  const allow = (allowed: string, route: Route): Route => {
    if (!allowed.split(', ').includes(method)) {
      throw new HubRequestError(405, 'method-not-allowed', `${method} is not allowed here (${allowed}).`, { allow: allowed });
    }
    return route;
  };
  if (segments.length === 1 && segments[0] === 'pair') return allow('GET, POST', { kind: method === 'GET' ? 'hello' : 'pair' });
  const [first, missionId, third, fourth, ...rest] = segments;
  if (first !== 'missions' || missionId === undefined || third === undefined || rest.length > 0) throw notFound();
  const mission = (): string => {
    if (!isMissionId(missionId)) throw new HubRequestError(400, 'bad-request', 'The mission id in the path is not a valid id.');
    return missionId;
  };
  if (fourth === undefined) {
    if (third === 'push') return allow('POST', { kind: 'push', missionId: mission() });
    if (third === 'pull') return allow('POST', { kind: 'pull', missionId: mission() });
    throw notFound();
  }
  if (third !== 'attachments') throw notFound();
  if (fourth === 'missing') return allow('POST', { kind: 'missing', missionId: mission() });
  const routed = allow('GET, PUT', { kind: method === 'GET' ? 'get-attachment' : 'put-attachment', missionId: mission(), sha256: fourth });
  if (!isSha256(fourth)) throw new HubRequestError(400, 'bad-request', 'The attachment address in the path is not a lowercase hex SHA-256 digest.');
  return routed;
}

function notFound(): HubRequestError {
  return new HubRequestError(404, 'not-found', 'No such hub endpoint.');
}

function sealFromHeader(value: string | string[] | undefined): Uint8Array {
  const bytes = typeof value === 'string' ? fromHex(value) : null;
  if (!bytes) throw new HubRequestError(400, 'bad-seal', `A GET request carries its sealed envelope in the ${SEAL_HEADER} header.`);
  return bytes;
}

function parseJson<T>(bytes: Uint8Array, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new HubRequestError(400, 'bad-request', 'The request body is not UTF-8 JSON.');
  }
  // Before the schema, which recurses: a body nested 5,000 deep would overflow the stack (a 500).
  const tooBig = jsonLimitProblem(value);
  if (tooBig) {
    const status = tooBig.limit === 'depth' ? 400 : 413;
    throw new HubRequestError(status, status === 413 ? 'too-large' : 'bad-request', `The request was refused and nothing was stored: ${tooBig.path}: ${tooBig.message}.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
    throw new HubRequestError(400, 'bad-request', `The request does not have the expected shape: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Every change valid and of this mission, or a 400 naming the first few bad ones; nothing is stored then. */
function validChanges(values: readonly unknown[], missionId: string): Change[] {
  const changes: Change[] = [];
  const problems: string[] = [];
  values.forEach((value, index) => {
    const parsed = ChangeSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`changes[${index}]${issue && issue.path.length > 0 ? `.${formatIssuePath(issue.path)}` : ''}: ${issue?.message ?? 'invalid'}`);
    } else if (parsed.data.missionId !== missionId) {
      problems.push(`changes[${index}] belongs to mission ${parsed.data.missionId}, not ${missionId}`);
    } else {
      changes.push(parsed.data);
    }
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
    const more = problems.length > MAX_LISTED_PROBLEMS ? ` (and ${problems.length - MAX_LISTED_PROBLEMS} more)` : '';
    throw new HubRequestError(400, 'invalid-changes', `No change was stored: ${shown}${more}`);
  }
  return changes;
}

function json(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * One hub per data folder: two would append to the same change logs behind each other's
 * in-memory index. A lock left by a hub that crashed (its process is gone) is taken over.
 */
async function takeLock(lockFile: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await nodeFs.open(lockFile, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify({ pid: process.pid })}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const pid = await nodeFs
      .readFile(lockFile, 'utf8')
      .then((text) => Number((JSON.parse(text) as { pid?: unknown }).pid))
      .catch(() => NaN);
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
      throw new Error(`another hub (process ${pid}) is already using the data folder ${path.dirname(lockFile)}`);
    }
    await nodeFs.rm(lockFile, { force: true });
  }
  throw new Error(`cannot lock the data folder ${path.dirname(lockFile)}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

/** For a hub bound to every interface, each external IPv4 address (what experts type); else the one bound. */
function reachableUrls(address: AddressInfo): string[] {
  if (address.address !== '0.0.0.0' && address.address !== '::') return [urlFor(address.address, address.port)];
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
    .map((entry) => urlFor(entry?.address ?? '', address.port));
  return lan.length > 0 ? lan : [urlFor(address.address, address.port)];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
