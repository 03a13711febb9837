/**
 * The LAN sync hub's wire protocol, shared by the hub (main/hub/) and its client
 * (hub-client.ts). Sealing and key agreement are in hub-crypto.ts.
 *
 * ## Pairing (the only unsealed exchange)
 *
 * 1. `GET /pair` → {@link HubHello}: the hub's ECDH P-256 public key for this run and the
 *    PBKDF2 iteration count.
 * 2. `POST /pair` {@link PairRequest}: the device's ephemeral ECDH public key, its device and
 *    member ids, and a proof that it knows the pairing code. The code itself never travels.
 *    Sent as `application/json` without an `Origin` header: the hub refuses anything a web
 *    page could send.
 * 3. ← {@link PairResponse}: a random session token and the hub's proof that it knows the code
 *    too and derived the same session key.
 *
 * ## Everything else (sealed)
 *
 * `Authorization: Bearer <token>` names the session; the request and the response are sealed
 * with the session key (hub-crypto.ts). A request's sealed header repeats its method and path
 * and carries a counter above the last one the hub saw (by at most {@link MAX_COUNTER_STEP});
 * a response's names the counter it answers. A GET request, which has no body, carries its
 * sealed envelope in the {@link SEAL_HEADER} header (hex).
 *
 * | route                                        | request body          | response body          |
 * |----------------------------------------------|-----------------------|------------------------|
 * | `POST /missions/:id/push`                    | {@link PushRequest}   | {@link PushResponse}   |
 * | `POST /missions/:id/pull`                    | {@link PullRequest}   | {@link PullResponse}   |
 * | `PUT /missions/:id/attachments/:sha256`      | the attachment bytes  | {@link PutAttachmentResponse} |
 * | `GET /missions/:id/attachments/:sha256`      | (none)                | the attachment bytes   |
 * | `POST /missions/:id/attachments/missing`     | {@link MissingRequest}| {@link MissingResponse}|
 *
 * Errors are plain JSON {@link HubErrorBody} with an HTTP status and a {@link HubErrorCode};
 * they carry nothing the hub keeps secret.
 */
import { z } from 'zod';
import { ChangeSchema, StampSchema, type Change } from '../schemas/change';
import { IdSchema } from '../schemas/ids';
import { DEVICE_NAME_MAX_LENGTH } from './device-name';
import type { VersionVector } from './sync-types';

export const HUB_PROTOCOL = 'mission-kit/hub';
export const HUB_PROTOCOL_VERSION = 1;

/**
 * Pairing codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 39.6
 * bits. Shown by the hub, typed by the expert.
 */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
const PAIRING_CODE_PATTERN = new RegExp(`^[${PAIRING_CODE_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`);

/** The code as typed ("abcd efgh", "ABCD-EFGH") in canonical form, or null if it cannot be one. */
export function normalizePairingCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return PAIRING_CODE_PATTERN.test(code) ? code : null;
}

/** Request bodies the hub accepts, sealed (the hub refuses larger ones with 413 unread). */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** The pairing request is small and unauthenticated: keep what a stranger can send small too. */
export const MAX_PAIR_BODY_BYTES = 16 * 1024;
/** Envelope bytes around a body: magic, nonce, GCM tag, header length and header. */
export const MAX_SEALED_HEADER_BYTES = 2048;
export const SEAL_OVERHEAD_BYTES = 4 + 12 + 16 + 4 + MAX_SEALED_HEADER_BYTES;

/** Changes per push request the hub accepts, and per pull page it sends at most. */
export const MAX_PUSH_CHANGES = 5000;
export const MAX_PULL_PAGE = 1000;
/** The JSON of one pull page stays around this size (a single larger change still goes alone). */
export const PULL_PAGE_TARGET_BYTES = 4 * 1024 * 1024;
export const MAX_MISSING_QUERY = 10_000;

/** Where a GET request carries its sealed envelope, hex-encoded. */
export const SEAL_HEADER = 'x-mission-kit-seal';

export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
const Sha256HexSchema = z.string().regex(SHA256_HEX_PATTERN, 'must be a lowercase hex SHA-256 digest');
/** Uncompressed P-256 point: 0x04, x, y. */
const PublicKeySchema = z.string().regex(/^04[0-9a-f]{128}$/, 'must be an uncompressed P-256 public key in hex');
const HexBytes32Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 32 bytes in hex');

export const HubVersionVectorSchema: z.ZodType<VersionVector> = z
  .record(IdSchema, StampSchema)
  .refine((vector) => Object.keys(vector).length <= 10_000, 'lists too many devices');

export const HubHelloSchema = z.object({
  protocol: z.literal(HUB_PROTOCOL),
  version: z.literal(HUB_PROTOCOL_VERSION),
  publicKey: PublicKeySchema,
  iterations: z.number().int().positive(),
});
export type HubHello = z.infer<typeof HubHelloSchema>;

export const PairRequestSchema = z.object({
  device: IdSchema,
  member: IdSchema.nullable(),
  publicKey: PublicKeySchema,
  proof: HexBytes32Schema,
});
export type PairRequest = z.infer<typeof PairRequestSchema>;

export const PairResponseSchema = z.object({
  token: HexBytes32Schema,
  proof: HexBytes32Schema,
});
export type PairResponse = z.infer<typeof PairResponseSchema>;

/** Device names one push may carry (the pusher's own first), and how many the hub keeps per mission. */
export const MAX_PUSHED_DEVICE_NAMES = 200;
export const MAX_HUB_DEVICE_NAMES = 2000;

/** Device id → human name. Bounded, since a paired device could otherwise fill the hub's disk with names. */
export function deviceNamesSchema(maxEntries: number): z.ZodType<Record<string, string>> {
  return z
    .record(IdSchema, z.string().max(DEVICE_NAME_MAX_LENGTH, `a device name may hold at most ${DEVICE_NAME_MAX_LENGTH} characters`))
    .refine((names) => Object.keys(names).length <= maxEntries, `lists more than ${maxEntries} device names`);
}

/**
 * Changes are checked one by one on the hub, so that the error names the bad one.
 * `deviceNames` (optional: older clients send none) are the names the pusher knows.
 */
export const PushRequestSchema = z.object({
  changes: z.array(z.unknown()).max(MAX_PUSH_CHANGES),
  deviceNames: deviceNamesSchema(MAX_PUSHED_DEVICE_NAMES).optional(),
});
export interface PushRequest {
  changes: Change[];
  deviceNames?: Record<string, string>;
}

/**
 * At most MAX_PUSHED_DEVICE_NAMES names, each at most DEVICE_NAME_MAX_LENGTH characters, the
 * pusher's own first: what a push may carry. A device that knows more names sends the rest
 * through bundles; the hub learns each device's name from that device anyway.
 */
export function namesForPush(names: Readonly<Record<string, string>>, ownDevice: string): Record<string, string> {
  const picked: Record<string, string> = {};
  const own = names[ownDevice];
  const entries = own === undefined ? Object.entries(names) : [[ownDevice, own] as const, ...Object.entries(names).filter(([id]) => id !== ownDevice)];
  for (const [id, name] of entries) {
    if (Object.keys(picked).length >= MAX_PUSHED_DEVICE_NAMES) break;
    if (IdSchema.safeParse(id).success) picked[id] = name.slice(0, DEVICE_NAME_MAX_LENGTH);
  }
  return picked;
}

export const PushResponseSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  hubVector: HubVersionVectorSchema,
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullRequestSchema = z.object({
  vector: HubVersionVectorSchema,
  limit: z.number().int().min(1).max(MAX_PULL_PAGE).optional(),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

/**
 * One page: the oldest changes (by clock stamp) the client lacks. Pages are prefixes of the
 * stamp order, so the client's vector after any page is exact and a retry resumes from it.
 */
export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  more: z.boolean(),
  hubVector: HubVersionVectorSchema,
  /** Every device name the hub knows for this mission; absent from older hubs and when it knows none. */
  deviceNames: deviceNamesSchema(MAX_HUB_DEVICE_NAMES).optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const PutAttachmentResponseSchema = z.object({ stored: z.boolean() });
export type PutAttachmentResponse = z.infer<typeof PutAttachmentResponseSchema>;

export const MissingRequestSchema = z.object({ hashes: z.array(Sha256HexSchema).max(MAX_MISSING_QUERY) });
export type MissingRequest = z.infer<typeof MissingRequestSchema>;

export const MissingResponseSchema = z.object({ missing: z.array(Sha256HexSchema) });
export type MissingResponse = z.infer<typeof MissingResponseSchema>;

/**
 * How far one request's counter may jump ahead of the last one the hub accepted on its
 * session. Clients count up by one; a larger jump only follows a lost answer or a hub restored
 * from an older copy of its data. Without a bound, one request counted at
 * Number.MAX_SAFE_INTEGER would leave no higher counter for the next: the session would be dead.
 */
export const MAX_COUNTER_STEP = 1_000_000;

/** Inside every sealed request: replay protection and what the request is for. */
export const SealedRequestHeaderSchema = z.object({
  /** Greater than every counter the hub has seen on this session. */
  counter: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Sender's clock (ms); informational, since field laptops' clocks cannot be trusted to agree. */
  sentAt: z.number().int().nonnegative(),
  method: z.string().max(16),
  path: z.string().max(512),
});
export type SealedRequestHeader = z.infer<typeof SealedRequestHeaderSchema>;

/** Inside every sealed response: which request it answers, so answers cannot be swapped. */
export const SealedResponseHeaderSchema = z.object({
  replyTo: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  sentAt: z.number().int().nonnegative(),
});
export type SealedResponseHeader = z.infer<typeof SealedResponseHeaderSchema>;

export type HubErrorCode =
  /** Malformed request: bad JSON, wrong shape, invalid id or hash in the path. */
  | 'bad-request'
  /** A pushed change fails its schema or belongs to another mission. */
  | 'invalid-changes'
  /** A pushed change is stamped more than ten minutes ahead of the hub's clock: a device's clock is wrong. */
  | 'clock-ahead'
  /** The uploaded bytes do not hash to the address they were sent to. */
  | 'hash-mismatch'
  /** The sealed envelope does not open with the session key, or its header does not match. */
  | 'bad-seal'
  /** No session token, or one the hub does not know. */
  | 'unauthorized'
  /** The pairing proof does not match: the code typed is wrong. */
  | 'wrong-code'
  /** Sent by older hubs only: the code was retired after too many wrong attempts. */
  | 'pairing-closed'
  | 'not-found'
  | 'method-not-allowed'
  /** The request counter is not above the last one seen: a replay, or a restarted client. */
  | 'replay'
  /** The request counter jumps more than MAX_COUNTER_STEP past the last one seen; nothing was done. */
  | 'bad-counter'
  /** A pairing request that is not `application/json`: not from a device (a browser form or page?). */
  | 'unsupported-media-type'
  /** A pairing request from a web page (it carries a foreign Origin): browsers may not pair. */
  | 'foreign-origin'
  | 'too-large'
  /** The request body stopped arriving; nothing was done. */
  | 'request-timeout'
  /** Too many wrong pairing attempts from this address or on this code; retry after Retry-After seconds. */
  | 'rate-limited'
  /** The hub holds as many paired devices as it allows. */
  | 'too-many-devices'
  | 'internal';

export const HubErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  /** With "replay": the highest counter the hub has seen on this session. */
  lastCounter: z.number().int().nonnegative().optional(),
});
export type HubErrorBody = { error: HubErrorCode; message: string; lastCounter?: number };

/** The paths of the routes, for the client; the hub matches them segment by segment. */
export const hubPaths = {
  pair: '/pair',
  push: (missionId: string) => `/missions/${missionId}/push`,
  pull: (missionId: string) => `/missions/${missionId}/pull`,
  attachment: (missionId: string, sha256: string) => `/missions/${missionId}/attachments/${sha256}`,
  missing: (missionId: string) => `/missions/${missionId}/attachments/missing`,
} as const;
