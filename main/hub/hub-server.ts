import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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
  MAX_COUNTER_STEP,
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
import { browserPairingRefusal } from './hub-browser-guard';
import { CODE_FILE, PairingCodeFile } from './hub-code-file';
import { LOOPBACK_HOST, reachOf, type HubListening } from './hub-host';
import { HubRequestError, readBody, sendBytes, sendError, sendJson } from './hub-http';
import { takeHubLock } from './hub-lock';
import { HubPairing } from './hub-pairing';
import { HubSessions } from './hub-sessions';
import { HubStore, PRIVATE_FOLDER_MODE, UnsafePathError, errorCode, isMissionId, isSha256, type HubLog } from './hub-store';

/**
 * The LAN sync hub: the lead's app, or `mission-kit hub` on an always-on machine, hosts it;
 * experts pair with the code it shows, then push and pull change records and attachments.
 * Protocol: shared/sync/hub-protocol.ts; sealing: shared/sync/hub-crypto.ts; storage:
 * hub-store.ts; paired devices: hub-sessions.ts; brute-force limits: hub-pairing.ts.
 */

/**
 * What one connection may take. The hub serves a team of 3–15 devices, each making one request
 * at a time; these keep a stranger on the LAN from tying it up with sockets that connect and
 * then send nothing, send their headers or body a byte at a time, or just stay open.
 */
export interface HubConnectionLimits {
  /** From connecting to the end of the request headers. */
  headersTimeoutMs: number;
  /** From connecting to the end of the whole request, body included (a 50 MiB attachment on slow Wi-Fi fits). */
  requestTimeoutMs: number;
  /** Longest pause while a body arrives. */
  bodyIdleTimeoutMs: number;
  /** How long a kept-alive connection may sit idle between requests. */
  keepAliveTimeoutMs: number;
  /** Open connections from one address; one more is closed at once. */
  maxConnectionsPerAddress: number;
  /** Open connections in all. */
  maxConnections: number;
  /** How often Node looks for connections past their header or request timeout. */
  checkIntervalMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: HubConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  bodyIdleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerAddress: 16,
  maxConnections: 128,
  checkIntervalMs: 1_000,
};

export interface HubOptions {
  /** 0 (the default) picks a free port; read it back from `url`. */
  port?: number;
  /** The address to listen on: loopback by default; "0.0.0.0" (or an address of one interface) to serve the LAN. */
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
  /** Tests shorten these. */
  limits?: Partial<HubConnectionLimits>;
}

export interface RunningHub {
  /** e.g. `http://127.0.0.1:7420/` (loopback when bound to every interface). */
  url: string;
  /** Every address devices can use: the LAN addresses when bound to every interface. */
  urls: string[];
  /** What the socket is bound to, and whether other machines can reach it. */
  listening: HubListening;
  /** The code devices pair with now. */
  readonly pairingCode: string;
  /** Issues a new code (random unless given), forgetting every wrong attempt; the old code stops working. */
  newPairingCode(code?: string): Promise<string>;
  close(): Promise<void>;
}

type Route =
  | { kind: 'hello' }
  | { kind: 'pair' }
  | { kind: 'push' | 'pull' | 'missing'; missionId: string }
  | { kind: 'put-attachment' | 'get-attachment'; missionId: string; sha256: string };

const SESSIONS_FILE = 'sessions.json';
const TOO_MANY_CONNECTIONS_TEXT = 'Too many connections from this address; try again.';
const TOO_MANY_CONNECTIONS = [
  'HTTP/1.1 503 Service Unavailable',
  'connection: close',
  'cache-control: no-store',
  'retry-after: 1',
  'content-type: text/plain; charset=utf-8',
  `content-length: ${Buffer.byteLength(TOO_MANY_CONNECTIONS_TEXT)}`,
  '',
  TOO_MANY_CONNECTIONS_TEXT,
].join('\r\n');
const MAX_LISTED_PROBLEMS = 5;

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { port = 0, host = LOOPBACK_HOST } = options;
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(`[hub] ${line}`));
  const crypto = options.crypto ?? platformHubCrypto();

  await nodeFs.mkdir(options.dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // Resolved once: every path the hub builds is checked to lie inside this one.
  const dataDir = await nodeFs.realpath(options.dataDir);
  const lock = await takeHubLock(dataDir);
  let server: ReturnType<typeof createServer> | undefined;
  try {
    const store = new HubStore(dataDir, log);
    const sessions = await HubSessions.load(path.join(dataDir, SESSIONS_FILE), crypto, log);
    const pairing = await HubPairing.create(crypto, options.pairingCode, now, log);
    const codeFile = new PairingCodeFile(dataDir);
    // Code changes one at a time: from the file, from the app, never two PBKDF2 runs racing.
    let codeChange: Promise<unknown> = Promise.resolve();
    const changeCode = <T>(work: () => Promise<T>): Promise<T> => {
      const run = codeChange.then(work, work);
      codeChange = run.catch(() => undefined);
      return run;
    };
    const takeCodeFromFile = (): Promise<void> =>
      changeCode(async () => {
        const change = await codeFile.changed();
        if (change === null) return;
        if ('problem' in change) {
          log(change.problem);
          return;
        }
        if (change.code === pairing.currentCode) return;
        await pairing.renew(change.code);
        log('New pairing code taken from the data folder (mission-kit hub --new-code); the old code no longer works.');
      });
    const context: HubContext = { store, sessions, pairing, crypto, now, log, limits, takeCodeFromFile };

    // Sockets over their address's share: already answered, whatever they send is ignored.
    const refused = new WeakSet<Socket>();
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      if (refused.has(req.socket)) return;
      handle(context, req, res).catch((error: unknown) => {
        if (isDisconnect(error, req)) {
          // The device went away (closed the app, lost Wi-Fi): nothing failed on this side.
          log(`A device at ${req.socket.remoteAddress ?? '?'} disconnected before its request (${req.method ?? '?'} ${req.url ?? '?'}) was complete; nothing was done.`);
          return;
        }
        if (!(error instanceof HubRequestError) && !(error instanceof UnsafePathError)) log(`Internal error on ${req.method ?? '?'} ${req.url ?? '?'}: ${describe(error)}`);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Whatever of the body was not read is not read now: close the connection instead.
        sendError(res, toRequestError(error), { close: !req.complete });
      });
    };
    const created = createServer(
      {
        // Node requires the header timeout to be the shorter one.
        headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: limits.checkIntervalMs,
      },
      onRequest,
    );
    server = created;
    // One address cannot fill the connection limit and shut out the team: past its share its
    // new connections get a 503 and are closed at once (a device makes one request at a time).
    const openByAddress = new Map<string, number>();
    created.on('connection', (socket: Socket) => {
      const address = socket.remoteAddress ?? 'unknown';
      const open = (openByAddress.get(address) ?? 0) + 1;
      if (open > limits.maxConnectionsPerAddress) {
        refused.add(socket);
        // Gone as soon as the answer is out: a peer that never closes its side must not keep
        // the socket (and one of the 128 places) half-open.
        socket.once('finish', () => socket.destroy());
        socket.end(TOO_MANY_CONNECTIONS);
        return;
      }
      openByAddress.set(address, open);
      socket.once('close', () => {
        const left = (openByAddress.get(address) ?? 1) - 1;
        if (left > 0) openByAddress.set(address, left);
        else openByAddress.delete(address);
      });
    });
    // Requests Node's parser refuses (malformed, headers too large) get an answer that is not
    // cacheable either, instead of Node's default one.
    created.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? '408 Request Timeout'
            : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\ncache-control: no-store\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    });
    // The hub is for a team of 3–15: this bounds what strangers on the LAN can tie up together.
    created.maxConnections = limits.maxConnections;

    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, host, () => {
        created.off('error', reject);
        resolve();
      });
    });
    const address = created.address() as AddressInfo;
    // Written once the hub listens: a hub that failed to start leaves no code behind.
    await codeFile.write(pairing.currentCode);
    let closing: Promise<void> | null = null;
    return {
      url: urlFor(address.address, address.port),
      urls: reachableUrls(address),
      listening: { address: address.address, port: address.port, reach: reachOf(address.address) },
      get pairingCode() {
        return pairing.currentCode;
      },
      newPairingCode: (code) =>
        changeCode(async () => {
          const chosen = await pairing.renew(code);
          await codeFile.write(chosen);
          log('New pairing code issued; the old code no longer works.');
          return chosen;
        }),
      close: () => {
        closing ??= (async () => {
          await new Promise<void>((resolve, reject) => {
            created.close((error) => (error ? reject(error) : resolve()));
            // Clients hold keep-alive connections open; without this close() waits for them.
            created.closeAllConnections();
          });
          await sessions.save();
          await nodeFs.rm(path.join(dataDir, CODE_FILE), { force: true });
          await lock.release();
        })();
        return closing;
      },
    };
  } catch (error) {
    server?.close();
    await nodeFs.rm(path.join(dataDir, CODE_FILE), { force: true });
    await lock.release();
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
  limits: HubConnectionLimits;
  /** Takes up a code written into the data folder by `mission-kit hub --new-code`. */
  takeCodeFromFile(): Promise<void>;
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
  const sealed = req.method === 'GET' ? sealFromHeader(req.headers[SEAL_HEADER]) : await readBody(req, limit, context.limits.bodyIdleTimeoutMs);
  const opened = await openEnvelope(context.crypto, session.key, 'request', sealed);
  const header = opened ? SealedRequestHeaderSchema.safeParse(opened.header) : null;
  if (!opened || !header?.success) {
    throw new HubRequestError(400, 'bad-seal', 'The request is not sealed with this device’s session key: it was altered, or the device must pair again.');
  }
  // The sealed header names the request, so a sealed body cannot be replayed against another route or mission.
  if (header.data.method !== req.method || header.data.path !== target) {
    throw new HubRequestError(400, 'bad-seal', 'The sealed request was made for another method or path.');
  }
  const counted = context.sessions.accept(session, header.data.counter);
  if (counted === 'replay') {
    throw new HubRequestError(409, 'replay', 'This request was already received (its counter is not above the last one); nothing was done.', {
      lastCounter: session.lastCounter,
    });
  }
  if (counted === 'out-of-range') {
    throw new HubRequestError(
      400,
      'bad-counter',
      `The request counter jumps more than ${MAX_COUNTER_STEP.toLocaleString('en')} past the last one (${session.lastCounter}); nothing was done and the session is unchanged.`,
      { lastCounter: session.lastCounter },
    );
  }
  // Saved before anything is done: after a crash and restart the same request is still a replay.
  await context.sessions.save();
  const answer = await dispatch(context, route, opened.body, session.device);
  sendBytes(res, await sealEnvelope(context.crypto, session.key, 'response', { replyTo: header.data.counter, sentAt: context.now() }, answer));
}

async function handlePair(context: HubContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const address = req.socket.remoteAddress ?? 'unknown';
  const browser = browserPairingRefusal(req.headers);
  if (browser) throw browser;
  await context.takeCodeFromFile();
  const early = context.pairing.refusal(address);
  if (early) throw refusalError(early);
  const request = parseJson(await readBody(req, MAX_PAIR_BODY_BYTES, context.limits.bodyIdleTimeoutMs), PairRequestSchema);
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
  return new HubRequestError(refusal.status, refusal.code, refusal.message, { retryAfterSeconds: refusal.retryAfterSeconds });
}

/** The client closed the connection while the hub was still reading its request. */
function isDisconnect(error: unknown, req: IncomingMessage): boolean {
  return !(error instanceof HubRequestError) && !req.complete && (errorCode(error) === 'ECONNRESET' || req.socket.destroyed);
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
