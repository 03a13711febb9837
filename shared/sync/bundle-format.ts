/**
 * The `.mkbundle` file: how an expert carries changes to the team lead on a USB stick or by
 * e-mail.
 *
 * ## Plain bundle
 *
 * A zip archive (deflate or stored entries, no zip64, no zip encryption) with exactly these
 * entries and nothing else — no folders, no other files:
 *
 * | entry                  | content                                                        |
 * |------------------------|----------------------------------------------------------------|
 * | `manifest.json`        | {@link BundleManifest}, UTF-8 JSON                             |
 * | `changes.json`         | array of {@link Change}, UTF-8 JSON                            |
 * | `template.json`        | the mission's {@link Template}, UTF-8 JSON                     |
 * | `attachments/<sha256>` | the raw bytes of one attachment, named by the lowercase hex    |
 * |                        | SHA-256 of those bytes; each content hash appears once         |
 *
 * The manifest records the SHA-256 of the exact bytes of `changes.json` and `template.json`,
 * the number of changes and attachments, and the hash and size of every attachment; the
 * reader checks all of them, plus every entry's zip CRC-32 (which is what protects the
 * manifest itself). A plain bundle starts with the zip signature `PK`.
 *
 * ## Encrypted bundle
 *
 * The whole zip above, sealed with a passphrase:
 *
 * | offset | length | content                                                               |
 * |--------|--------|-----------------------------------------------------------------------|
 * | 0      | 4      | ASCII `MKBE`                                                          |
 * | 4      | 1      | encryption format version, 1                                          |
 * | 5      | 16     | random PBKDF2 salt                                                    |
 * | 21     | 12     | random AES-GCM nonce                                                  |
 * | 33     | 4      | PBKDF2 iteration count, unsigned big-endian (600,000 to 10,000,000)   |
 * | 37     | rest   | AES-256-GCM ciphertext of the zip followed by the 16-byte tag         |
 *
 * key = PBKDF2-HMAC-SHA-256(passphrase as NFC-normalised UTF-8, salt, iterations), 256 bits.
 * The 37 header bytes are the GCM additional authenticated data, so altering any of them is
 * detected like altering the ciphertext. A reader refuses iteration counts outside the range
 * above: fewer would make a weak file look acceptable, more would let a hostile file keep the
 * machine busy for minutes.
 */
import { z } from 'zod';
import { ChangeSchema, StampSchema, type Change } from '../schemas/change';
import { IdSchema, IsoDateTimeSchema } from '../schemas/ids';
import type { Template } from '../schemas/template';
import type { VersionVector } from './sync-types';

export const BUNDLE_FORMAT = 'mission-kit/bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** File name extension, without the dot. */
export const BUNDLE_EXTENSION = 'mkbundle';

export const MANIFEST_ENTRY = 'manifest.json';
export const CHANGES_ENTRY = 'changes.json';
export const TEMPLATE_ENTRY = 'template.json';
export const ATTACHMENTS_FOLDER = 'attachments/';

/** Lowercase hex SHA-256, the content address of an attachment. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const Sha256Schema = z.string().regex(SHA256_PATTERN, 'must be a lowercase hex SHA-256 digest');

/** What an encrypted bundle starts with: ASCII "MKBE". */
export const ENCRYPTED_MAGIC = Uint8Array.of(0x4d, 0x4b, 0x42, 0x45);
export const ENCRYPTION_VERSION = 1;
export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;
/** magic + version + salt + nonce + iteration count. */
export const ENCRYPTED_HEADER_BYTES = ENCRYPTED_MAGIC.length + 1 + SALT_BYTES + NONCE_BYTES + 4;
/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256; also what writeBundle uses by default. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

/** What a plain bundle starts with: the zip signature "PK". */
export const ZIP_MAGIC = Uint8Array.of(0x50, 0x4b);

/*
 * Size limits of a bundle, checked against the file and the zip directory before anything is
 * unpacked (see bundle-zip.ts). Measured on the 20,000-finding test mission
 * (tests/fixtures/large-mission.ts) exported as a bundle: a 1.3 MiB file whose changes.json
 * unpacks to 22.7 MiB (18× compressed), template.json to 0.24 MiB and manifest.json to under
 * 1 KiB. Each limit leaves ten times that or more; what bounds memory in the end is the total.
 */
const MIB = 1024 * 1024;

/** The largest bundle file read, plain or encrypted (photos make bundles large). */
export const MAX_BUNDLE_FILE_BYTES = 512 * MIB;
/** Default ceiling on the unpacked size of all entries together. */
export const DEFAULT_MAX_UNPACKED_BYTES = 500 * MIB;
/** The most attachments one bundle carries: two and a half per finding of the test mission. */
export const MAX_BUNDLE_ATTACHMENTS = 50_000;
/** manifest.json, changes.json, template.json and the attachments. */
export const MAX_BUNDLE_ENTRIES = 3 + MAX_BUNDLE_ATTACHMENTS;
/** changes.json unpacked: eleven times the test mission's whole change log. */
export const MAX_CHANGES_ENTRY_BYTES = 256 * MIB;
/** template.json unpacked: the test mission's 1,000-requirement template is 0.24 MiB. */
export const MAX_TEMPLATE_ENTRY_BYTES = 8 * MIB;
/** manifest.json unpacked: 50,000 attachments and 10,000 device names take about 8 MiB. */
export const MAX_MANIFEST_ENTRY_BYTES = 16 * MIB;
/** One attachment unpacked: what the hub carries (the app takes files of up to 25 MiB). */
export const MAX_ATTACHMENT_ENTRY_BYTES = 50 * MIB;

export const BundleScopeSchema = z.enum(['since', 'everything']);
export type BundleScope = z.infer<typeof BundleScopeSchema>;

const CountSchema = z.number().int().nonnegative();

export const BundleAttachmentSchema = z.object({
  sha256: Sha256Schema,
  size: CountSchema,
});
export type BundleAttachment = z.infer<typeof BundleAttachmentSchema>;

const VersionVectorSchema: z.ZodType<VersionVector> = z.record(IdSchema, StampSchema);

export const BundleManifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT, { error: `must be "${BUNDLE_FORMAT}"` }),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION, { error: `must be ${BUNDLE_FORMAT_VERSION} (the only bundle format version so far)` }),
    missionId: IdSchema,
    missionTitle: z.string().max(1000),
    templateId: IdSchema,
    templateVersion: z.number().int().positive(),
    createdAt: IsoDateTimeSchema,
    /** The device that wrote the bundle. */
    device: IdSchema,
    /** The member that device acts as, if it has chosen one. */
    member: IdSchema.nullable(),
    /** "since": the changes the receiver had not seen; "everything": the whole change log. */
    scope: BundleScopeSchema,
    /** What the sender holds once this bundle is written: the receiver's new "seen" mark. */
    senderVector: VersionVectorSchema,
    /**
     * Human names of devices ("Jürgen's laptop") the sender knows, its own included, so the
     * receiver can show who wrote what. Optional: bundles written before it stay readable.
     */
    deviceNames: z
      .record(IdSchema, z.string().max(200))
      .refine((names) => Object.keys(names).length <= 10_000, 'lists more than 10,000 devices')
      .optional(),
    counts: z.object({ changes: CountSchema, attachments: CountSchema }),
    changesSha256: Sha256Schema,
    templateSha256: Sha256Schema,
    attachments: z.array(BundleAttachmentSchema),
  })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.attachments.forEach((attachment, index) => {
      if (seen.has(attachment.sha256)) {
        ctx.addIssue({ code: 'custom', path: ['attachments', index, 'sha256'], message: `lists attachment ${attachment.sha256} twice` });
      }
      seen.add(attachment.sha256);
    });
  });
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** The manifest fields a caller supplies; writeBundle computes the rest. */
export type BundleManifestInput = Omit<BundleManifest, 'format' | 'formatVersion' | 'counts' | 'changesSha256' | 'templateSha256' | 'attachments'>;

export interface BundleInput {
  manifest: BundleManifestInput;
  changes: readonly Change[];
  template: Template;
  /** Attachment bytes by lowercase hex SHA-256 of those bytes. */
  attachments: ReadonlyMap<string, Uint8Array>;
}

export interface WriteBundleOptions {
  /** Encrypts the bundle when given; must not be empty. */
  passphrase?: string;
  /** PBKDF2 iterations, default and minimum {@link MIN_PBKDF2_ITERATIONS}. */
  iterations?: number;
}

export interface ReadBundleOptions {
  passphrase?: string;
  /** Refuse a bundle made for any other mission ("wrong-mission"). */
  expectedMissionId?: string;
  /** Title of the expected mission, only to name it in the "wrong-mission" message. */
  expectedMissionTitle?: string;
  /** Ceiling on the unpacked size of all entries together; default (and at most useful) 500 MiB. */
  maxBytes?: number;
}

export type BundleErrorCode =
  /** Not a bundle at all: wrong signature, or a zip without a manifest. */
  | 'not-a-bundle'
  /** Encrypted, and no passphrase was given. */
  | 'needs-passphrase'
  /** The AES-GCM authentication failed: wrong passphrase, or damaged ciphertext. */
  | 'wrong-passphrase'
  /** Cut short: the zip directory or the encryption header is incomplete, or an entry is missing. */
  | 'truncated'
  /** Altered or damaged: a hash, checksum, count or size does not match. */
  | 'tampered'
  /** Refused as unsafe: path-like or unexpected entry names, duplicates, zip bombs. */
  | 'hostile'
  /** The content fails its schema, or its parts contradict each other. */
  | 'invalid'
  /** Made for another mission than the one expected. */
  | 'wrong-mission';

export const BUNDLE_ERROR_CODES: readonly BundleErrorCode[] = [
  'not-a-bundle',
  'needs-passphrase',
  'wrong-passphrase',
  'truncated',
  'tampered',
  'hostile',
  'invalid',
  'wrong-mission',
];

export interface BundleError {
  code: BundleErrorCode;
  message: string;
}

export interface Bundle {
  manifest: BundleManifest;
  changes: Change[];
  template: Template;
  /** Attachment bytes by SHA-256; each array owns its (ArrayBuffer-backed) memory. */
  attachments: Map<string, Uint8Array<ArrayBuffer>>;
}

export type BundleReadResult = { ok: true; bundle: Bundle } | { ok: false; error: BundleError };

/** Re-exported so a caller can validate a change list the way the reader does. */
export const BundleChangesSchema = z.array(ChangeSchema);

/** "attachments/<sha256>" for a content hash. */
export function attachmentEntryName(sha256: string): string {
  return `${ATTACHMENTS_FOLDER}${sha256}`;
}

/** Sizes people read: "812 bytes", "3.4 MiB". */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TiB'}`;
}

/**
 * "3.4 MiB, more than the limit of 2.0 MiB": a size over a limit. When rounding would show the
 * two as equal ("16.0 MiB, more than the limit of 16.0 MiB") both are given in bytes.
 */
export function formatSizeOverLimit(size: number, limit: number): string {
  const [shown, shownLimit] = [formatByteSize(size), formatByteSize(limit)];
  if (shown !== shownLimit) return `${shown}, more than the limit of ${shownLimit}`;
  return `${size.toLocaleString('en')} bytes, more than the limit of ${limit.toLocaleString('en')} bytes`;
}
