/**
 * The device side of the LAN sync hub (protocol in hub-protocol.ts, sealing in hub-crypto.ts).
 * `fetch` is injected and typed minimally, so this runs in Node, Electron's main process or a
 * browser alike. Every operation is safe to repeat: pushes are deduplicated by clock stamp on
 * the hub, pulls start from the vector given, attachments are content-addressed. So after a
 * dropped connection (the call throws a HubError with code "network") the caller just calls
 * again.
 */
import { compareStamps } from '../hlc';
import type { Change } from '../schemas/change';
import { IdSchema } from '../schemas/ids';
import { jsonLimitProblem } from '../json-limits';
import { isValidIterationCount, sha256Hex, toHex, utf8Decode, utf8Encode } from './bundle-crypto';
import {
  constantTimeEqual,
  fromHex,
  generateEcdhKeyPair,
  importSessionKey,
  openEnvelope,
  pairingCodeKey,
  pairingSecrets,
  pairingTranscript,
  platformHubCrypto,
  sealEnvelope,
  type CryptoKeyLike,
  type HubCrypto,
} from './hub-crypto';
import {
  HubErrorBodySchema,
  HubHelloSchema,
  MAX_ATTACHMENT_BYTES,
  MAX_PULL_PAGE,
  MAX_PUSH_CHANGES,
  MissingResponseSchema,
  PairResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  PutAttachmentResponseSchema,
  SEAL_HEADER,
  SHA256_HEX_PATTERN,
  SealedResponseHeaderSchema,
  hubPaths,
  namesForPush,
  normalizePairingCode,
  type HubErrorCode,
  type MissingRequest,
  type PairRequest,
  type PullRequest,
  type PushRequest,
} from './hub-protocol';
import type { VersionVector } from './sync-types';
import { mergeVectors, vectorOf } from './version-vector';

export interface HubFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer> | string;
}

export interface HubFetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of `fetch` the client uses; the platform's `fetch` satisfies it. */
export type HubFetch = (url: string, init: HubFetchInit) => Promise<HubFetchResponse>;

/**
 * What a paired device keeps to talk to the hub again after a restart. `key` is the session's
 * AES-256 key: store the session as a secret (Electron's safeStorage), never in a mission file.
 */
export interface HubSession {
  token: string;
  key: string;
  device: string;
  member: string | null;
  /** The last request counter used; a stale value only costs one automatic retry. */
  counter: number;
}

export interface HubClientOptions {
  /** e.g. "http://192.168.1.20:7420/" */
  baseUrl: string;
  fetch: HubFetch;
  crypto?: HubCrypto;
  /** A session saved from an earlier pairing. */
  session?: HubSession;
  /** Changes per push request; default 500. */
  pushBatchSize?: number;
  /** Changes per pull page; default (and at most) 1000. */
  pullPageSize?: number;
  now?: () => number;
}

export type HubClientErrorCode =
  | HubErrorCode
  /** The hub could not be reached, or the connection dropped: retry later. */
  | 'network'
  /** The hub's answer is not what the protocol says: not a Mission Kit hub, or tampered with. */
  | 'bad-response'
  /** No session yet: pair first. */
  | 'not-paired'
  /** What was typed cannot be a pairing code. */
  | 'invalid-code';

export class HubError extends Error {
  override name = 'HubError';
  constructor(
    readonly code: HubClientErrorCode,
    message: string,
    /** The HTTP status, 0 when there was no answer. */
    readonly status = 0,
    /** With "rate-limited": how long to wait. */
    readonly retryAfterSeconds?: number,
    /** With "network": what the fetch threw, so main can tell a refused address from a dropped line. */
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface PushResult {
  accepted: number;
  duplicates: number;
  hubVector: VersionVector;
}

export interface PullPage {
  changes: Change[];
  /** The caller's vector once this page is applied. */
  vector: VersionVector;
}

export interface PullOptions {
  /**
   * Called after each page, before the next is asked for. Apply the page here and a pull cut
   * short by a dropped connection resumes, on the next call, after the last page applied.
   */
  onPage?: (page: PullPage) => Promise<void> | void;
}

export interface PullResult {
  /** Every change received, oldest first. */
  changes: Change[];
  /** The vector given, advanced by everything received. */
  vector: VersionVector;
  hubVector: VersionVector;
  /** The device names the hub knows for this mission (empty from a hub that relays none). */
  deviceNames: Record<string, string>;
}

export interface PushOptions {
  /** Device names this device knows, its own included; trimmed to what one push may carry (namesForPush). */
  deviceNames?: Readonly<Record<string, string>>;
}

export interface HubClient {
  /** Pairs this device with the hub using the code the hub shows; keeps and returns the session. */
  pair(code: string, device: string, member: string | null): Promise<HubSession>;
  /** The current session, to save; null before pairing. */
  session(): HubSession | null;
  /** Sends changes, oldest first, in batches; returns the totals and the hub's vector afterwards. */
  push(missionId: string, changes: readonly Change[], options?: PushOptions): Promise<PushResult>;
  /** Fetches every change the hub holds that `vector` has not seen, page by page. */
  pull(missionId: string, vector: VersionVector, options?: PullOptions): Promise<PullResult>;
  /** Uploads one attachment; returns its SHA-256 and whether the hub did not have it yet. */
  putAttachment(missionId: string, bytes: Uint8Array): Promise<{ sha256: string; stored: boolean }>;
  /** Downloads one attachment and checks it hashes to `sha256`. */
  getAttachment(missionId: string, sha256: string): Promise<Uint8Array>;
  /** Which of these attachments the hub lacks. */
  missingAttachments(missionId: string, hashes: readonly string[]): Promise<string[]>;
}

const DEFAULT_PUSH_BATCH = 500;
/** UTF-16 units of change JSON per push request: at most ~12 MiB of UTF-8, under the hub's 16 MiB. */
const PUSH_BATCH_CHARS = 4 * 1024 * 1024;
/** A bound on any pull loop: 100,000 pages of 1,000 changes is far beyond a mission. */
const MAX_PULL_PAGES = 100_000;

export function createHubClient(options: HubClientOptions): HubClient {
  const crypto = options.crypto ?? platformHubCrypto();
  const now = options.now ?? Date.now;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const pushBatchSize = boundedSize(options.pushBatchSize ?? DEFAULT_PUSH_BATCH, MAX_PUSH_CHANGES, 'pushBatchSize');
  const pullPageSize = boundedSize(options.pullPageSize ?? MAX_PULL_PAGE, MAX_PULL_PAGE, 'pullPageSize');

  let session: HubSession | null = options.session ? { ...options.session } : null;
  let sessionKey: Promise<CryptoKeyLike> | null = null;
  // One request at a time: the hub wants counters in increasing order.
  let queue: Promise<unknown> = Promise.resolve();

  const keyOf = (current: HubSession): Promise<CryptoKeyLike> => {
    if (!sessionKey) {
      const raw = fromHex(current.key);
      if (!raw || raw.length !== 32) throw new HubError('not-paired', 'The saved hub session is damaged; pair this device again.');
      sessionKey = importSessionKey(crypto, raw);
    }
    return sessionKey;
  };

  async function send(path: string, init: HubFetchInit): Promise<{ status: number; bytes: Uint8Array; retryAfter: string | null }> {
    try {
      const response = await options.fetch(`${baseUrl}${path}`, init);
      return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      throw new HubError('network', `The hub at ${baseUrl} could not be reached or the connection dropped (${describe(error)}).`, 0, undefined, { cause: error });
    }
  }

  /** One sealed request; the body of the sealed answer. */
  function sealedCall(method: string, path: string, body: Uint8Array): Promise<Uint8Array> {
    const run = queue.then(() => sealedCallNow(method, path, body, false));
    queue = run.catch(() => undefined);
    return run;
  }

  async function sealedCallNow(method: string, path: string, body: Uint8Array, isRetry: boolean): Promise<Uint8Array> {
    const current = session;
    if (!current) throw new HubError('not-paired', 'This device is not paired with the hub yet.');
    const key = await keyOf(current);
    current.counter += 1;
    const counter = current.counter;
    const envelope = await sealEnvelope(crypto, key, 'request', { counter, sentAt: now(), method, path }, body);
    const headers: Record<string, string> = { authorization: `Bearer ${current.token}` };
    const init: HubFetchInit = { method, headers };
    if (method === 'GET') headers[SEAL_HEADER] = toHex(envelope);
    else {
      headers['content-type'] = 'application/octet-stream';
      init.body = envelope;
    }
    const answer = await send(path, init);
    if (answer.status !== 200) {
      const error = errorFrom(answer.status, answer.bytes, answer.retryAfter);
      // A restored session with a stale counter: the hub says where it is; one retry is enough.
      if (error.code === 'replay' && !isRetry && error.lastCounter !== undefined) {
        current.counter = Math.max(current.counter, error.lastCounter);
        return sealedCallNow(method, path, body, true);
      }
      throw error.error;
    }
    const opened = await openEnvelope(crypto, key, 'response', answer.bytes);
    const header = opened ? SealedResponseHeaderSchema.safeParse(opened.header) : null;
    if (!opened || !header?.success || header.data.replyTo !== counter) {
      throw new HubError('bad-response', 'The hub’s answer could not be authenticated: it was altered on the way, or it is not the paired hub.', 200);
    }
    return opened.body;
  }

  async function sealedJson<T>(method: string, path: string, request: PushRequest | PullRequest | MissingRequest, parse: (value: unknown) => T): Promise<T> {
    const body = await sealedCall(method, path, utf8Encode(JSON.stringify(request)));
    let value: unknown;
    try {
      value = JSON.parse(utf8Decode(body));
    } catch {
      throw new HubError('bad-response', 'The hub answered with something that is not JSON.', 200);
    }
    // A hostile hub's answer is outside JSON like any file: limits before the recursive schemas.
    const tooBig = jsonLimitProblem(value);
    if (tooBig) throw new HubError('bad-response', `The hub’s answer was refused: ${tooBig.path}: ${tooBig.message}.`, 200);
    return parse(value);
  }

  return {
    async pair(typedCode, device, member) {
      const code = normalizePairingCode(typedCode);
      if (code === null) throw new HubError('invalid-code', 'A pairing code is 8 letters and digits, as the hub shows it.');
      requireId(device, 'device id');
      if (member !== null) requireId(member, 'member id');

      const helloAnswer = await send(hubPaths.pair, { method: 'GET', headers: {} });
      if (helloAnswer.status !== 200) throw errorFrom(helloAnswer.status, helloAnswer.bytes, helloAnswer.retryAfter).error;
      const hello = HubHelloSchema.safeParse(parseJson(helloAnswer.bytes));
      const hubPublicKey = hello.success ? fromHex(hello.data.publicKey) : null;
      if (!hello.success || !hubPublicKey || !isValidIterationCount(hello.data.iterations)) {
        throw new HubError('bad-response', `${baseUrl} is not a Mission Kit hub this version can pair with.`, helloAnswer.status);
      }

      const codeKey = await pairingCodeKey(crypto, code, hubPublicKey, hello.data.iterations);
      const own = await generateEcdhKeyPair(crypto);
      const ownPublicKey = toHex(own.publicKey);
      const transcript = pairingTranscript(hello.data.publicKey, ownPublicKey, device, member);
      const secrets = await pairingSecrets(crypto, own.privateKey, hubPublicKey, codeKey, transcript);
      if (!secrets) throw new HubError('bad-response', 'The hub’s public key is not a valid P-256 key.', helloAnswer.status);

      const pairAnswer = await send(hubPaths.pair, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ device, member, publicKey: ownPublicKey, proof: toHex(secrets.clientProof) } satisfies PairRequest),
      });
      if (pairAnswer.status !== 200) throw errorFrom(pairAnswer.status, pairAnswer.bytes, pairAnswer.retryAfter).error;
      const paired = PairResponseSchema.safeParse(parseJson(pairAnswer.bytes));
      const hubProof = paired.success ? fromHex(paired.data.proof) : null;
      if (!paired.success || !hubProof || !constantTimeEqual(hubProof, await secrets.hubProof(paired.data.token))) {
        throw new HubError(
          'bad-response',
          'The hub could not prove it knows the pairing code: someone may be intercepting the connection. Do not sync over this network.',
          pairAnswer.status,
        );
      }
      session = { token: paired.data.token, key: toHex(secrets.sessionKey), device, member, counter: 0 };
      sessionKey = importSessionKey(crypto, secrets.sessionKey);
      return { ...session };
    },

    session: () => (session ? { ...session } : null),

    async push(missionId, changes, pushOptions = {}) {
      requireId(missionId, 'mission id');
      const names = pushOptions.deviceNames ? namesForPush(pushOptions.deviceNames, session?.device ?? '') : {};
      // The names ride on the first request only: the hub keeps them, and the rest stay small.
      let namesPart: Pick<PushRequest, 'deviceNames'> = Object.keys(names).length > 0 ? { deviceNames: names } : {};
      // Oldest first, so that whatever part arrives is a prefix of each device's changes and a
      // vector computed by whoever pulls meanwhile never skips one.
      const ordered = [...changes].sort((a, b) => compareStamps(a.hlc, b.hlc));
      const result: PushResult = { accepted: 0, duplicates: 0, hubVector: {} };
      for (const batch of batches(ordered, pushBatchSize)) {
        const answer = await sealedJson('POST', hubPaths.push(missionId), { changes: batch, ...namesPart }, (value) => parseOrThrow(PushResponseSchema, value));
        namesPart = {};
        result.accepted += answer.accepted;
        result.duplicates += answer.duplicates;
        result.hubVector = answer.hubVector;
      }
      if (ordered.length === 0) {
        result.hubVector = (await sealedJson('POST', hubPaths.push(missionId), { changes: [], ...namesPart }, (value) => parseOrThrow(PushResponseSchema, value))).hubVector;
      }
      return result;
    },

    async pull(missionId, vector, pullOptions = {}) {
      requireId(missionId, 'mission id');
      const received: Change[] = [];
      // Normalised (sorted) like every merged vector, so "no progress" compares like with like.
      let current: VersionVector = mergeVectors({}, vector);
      for (let page = 0; page < MAX_PULL_PAGES; page += 1) {
        const answer = await sealedJson('POST', hubPaths.pull(missionId), { vector: current, limit: pullPageSize }, (value) =>
          parseOrThrow(PullResponseSchema, value),
        );
        const next = mergeVectors(current, vectorOf(answer.changes));
        if (answer.more && JSON.stringify(next) === JSON.stringify(current)) {
          throw new HubError('bad-response', 'The hub announced more changes but sent none that are new.', 200);
        }
        current = next;
        received.push(...answer.changes);
        await pullOptions.onPage?.({ changes: answer.changes, vector: current });
        if (!answer.more) return { changes: received, vector: current, hubVector: answer.hubVector, deviceNames: answer.deviceNames ?? {} };
      }
      throw new HubError('bad-response', `The hub kept sending pages after ${MAX_PULL_PAGES}.`, 200);
    },

    async putAttachment(missionId, bytes) {
      requireId(missionId, 'mission id');
      if (bytes.length > MAX_ATTACHMENT_BYTES) {
        throw new HubError('too-large', `An attachment of more than ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MiB cannot go through the hub.`);
      }
      const sha256 = await sha256Hex(bytes);
      const body = await sealedCall('PUT', hubPaths.attachment(missionId, sha256), bytes);
      const answer = parseOrThrow(PutAttachmentResponseSchema, parseJson(body));
      return { sha256, stored: answer.stored };
    },

    async getAttachment(missionId, sha256) {
      requireId(missionId, 'mission id');
      requireSha256(sha256);
      const bytes = await sealedCall('GET', hubPaths.attachment(missionId, sha256), new Uint8Array(0));
      if ((await sha256Hex(bytes)) !== sha256) throw new HubError('hash-mismatch', `The attachment received does not hash to ${sha256}.`, 200);
      return bytes;
    },

    async missingAttachments(missionId, hashes) {
      requireId(missionId, 'mission id');
      hashes.forEach(requireSha256);
      const missing: string[] = [];
      for (const batch of batches([...new Set(hashes)], 5000)) {
        const answer = await sealedJson('POST', hubPaths.missing(missionId), { hashes: batch }, (value) => parseOrThrow(MissingResponseSchema, value));
        missing.push(...answer.missing);
      }
      return missing;
    },
  };
}

/** Consecutive slices of at most `size` items and about PUSH_BATCH_CHARS of JSON each. */
function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const itemChars = JSON.stringify(item).length;
    if (current.length > 0 && (current.length >= size || chars + itemChars > PUSH_BATCH_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += itemChars;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function errorFrom(status: number, bytes: Uint8Array, retryAfter: string | null): { code: HubClientErrorCode; error: HubError; lastCounter?: number } {
  const body = HubErrorBodySchema.safeParse(parseJson(bytes));
  if (!body.success) {
    const error = new HubError('bad-response', `The hub answered with HTTP status ${status} and no explanation.`, status);
    return { code: error.code, error };
  }
  const code = body.data.error as HubErrorCode;
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return { code, error: new HubError(code, body.data.message, status, seconds), lastCounter: body.data.lastCounter };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Decode(bytes));
  } catch {
    return undefined;
  }
}

function parseOrThrow<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HubError('bad-response', 'The hub’s answer does not have the expected shape.', 200);
  return parsed.data;
}

function requireId(value: string, what: string): void {
  if (!IdSchema.safeParse(value).success) throw new TypeError(`"${value}" is not a valid ${what}`);
}

function requireSha256(value: string): void {
  if (!SHA256_HEX_PATTERN.test(value)) throw new TypeError(`"${value}" is not a lowercase hex SHA-256 digest`);
}

function boundedSize(value: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`${name} must be an integer from 1 to ${max}, not ${value}`);
  return value;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
