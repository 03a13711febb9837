/** Writes a `.mkbundle` (format described in bundle-format.ts). */
import { zipSync, type Zippable } from 'fflate';
import { formatIssuePath } from '../template-validation';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleChangesSchema,
  BundleManifestSchema,
  CHANGES_ENTRY,
  MANIFEST_ENTRY,
  MIN_PBKDF2_ITERATIONS,
  SHA256_PATTERN,
  TEMPLATE_ENTRY,
  attachmentEntryName,
  type BundleAttachment,
  type BundleInput,
  type BundleManifest,
  type WriteBundleOptions,
} from './bundle-format';
import { assertBundleCryptoAvailable, encryptBundleBytes, sha256Hex, startsWith, utf8Encode } from './bundle-crypto';
import { checkAttachmentCount, checkEntrySizes } from './bundle-write-limits';

/**
 * Packs changes, the mission's template and attachments into a bundle, encrypted when a
 * passphrase is given. Computes the manifest's counts and hashes itself.
 *
 * Throws (programming errors, never bad files): an attachment whose bytes do not hash to its
 * key, a template or change that belongs to another mission or template than the manifest
 * names, a manifest or change that fails its schema, an empty passphrase, an iteration count
 * below 600,000 or above 10,000,000. A {@link BundleTooLargeError} (a real mission can meet it)
 * when the bundle would break a limit of the reader.
 */
export async function writeBundle(input: BundleInput, options: WriteBundleOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  assertBundleCryptoAvailable();
  const { manifest: fields, changes, template, attachments } = input;

  checkAttachmentCount(attachments.size);
  const listed: BundleAttachment[] = [];
  for (const [sha256, bytes] of attachments) {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`attachment key "${sha256}" is not a lowercase hex SHA-256 digest`);
    const actual = await sha256Hex(bytes);
    if (actual !== sha256) throw new Error(`attachment ${sha256} does not match its bytes, which hash to ${actual}`);
    listed.push({ sha256, size: bytes.length });
  }
  listed.sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));

  if (template.id !== fields.templateId || template.version !== fields.templateVersion) {
    throw new Error(`the template is "${template.id}" version ${template.version}, but the manifest names "${fields.templateId}" version ${fields.templateVersion}`);
  }
  const checkedChanges = BundleChangesSchema.safeParse(changes);
  if (!checkedChanges.success) throw new Error(`cannot write an invalid change: ${describeIssues(checkedChanges.error.issues)}`);
  const stray = changes.findIndex((change) => change.missionId !== fields.missionId);
  if (stray >= 0) {
    throw new Error(`change [${stray}] belongs to mission "${changes[stray]?.missionId ?? ''}", not to the bundle's mission "${fields.missionId}"`);
  }

  const changesBytes = utf8Encode(JSON.stringify(changes));
  const templateBytes = utf8Encode(JSON.stringify(template));
  const candidate: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    missionId: fields.missionId,
    missionTitle: fields.missionTitle,
    templateId: fields.templateId,
    templateVersion: fields.templateVersion,
    createdAt: fields.createdAt,
    device: fields.device,
    member: fields.member,
    scope: fields.scope,
    senderVector: fields.senderVector,
    ...(fields.deviceNames && Object.keys(fields.deviceNames).length > 0 ? { deviceNames: fields.deviceNames } : {}),
    counts: { changes: changes.length, attachments: listed.length },
    changesSha256: await sha256Hex(changesBytes),
    templateSha256: await sha256Hex(templateBytes),
    attachments: listed,
  };
  const manifest = BundleManifestSchema.safeParse(candidate);
  if (!manifest.success) throw new Error(`cannot write an invalid bundle manifest: ${describeIssues(manifest.error.issues)}`);

  const manifestBytes = utf8Encode(`${JSON.stringify(manifest.data, null, 2)}\n`);
  checkEntrySizes({ manifest: manifestBytes.length, changes: changesBytes.length, template: templateBytes.length, attachments: listed });
  const entries: Zippable = {
    [MANIFEST_ENTRY]: [manifestBytes, { level: 6 }],
    [CHANGES_ENTRY]: [changesBytes, { level: 6 }],
    [TEMPLATE_ENTRY]: [templateBytes, { level: 6 }],
  };
  for (const { sha256 } of listed) {
    const bytes = attachments.get(sha256) as Uint8Array;
    entries[attachmentEntryName(sha256)] = [bytes, { level: isAlreadyCompressed(bytes) ? 0 : 6 }];
  }
  const zip = zipSync(entries, { mtime: zipTimestamp(fields.createdAt) });

  if (options.passphrase === undefined) return zip;
  return encryptBundleBytes(zip, options.passphrase, options.iterations ?? MIN_PBKDF2_ITERATIONS);
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
    .join('; ');
}

const COMPRESSED_SIGNATURES: readonly (readonly [offset: number, bytes: Uint8Array])[] = [
  [0, Uint8Array.of(0xff, 0xd8, 0xff)], // JPEG
  [0, Uint8Array.of(0x89, 0x50, 0x4e, 0x47)], // PNG
  [0, Uint8Array.of(0x47, 0x49, 0x46, 0x38)], // GIF
  [8, Uint8Array.of(0x57, 0x45, 0x42, 0x50)], // WebP ("RIFF....WEBP")
  [4, Uint8Array.of(0x66, 0x74, 0x79, 0x70)], // MP4, MOV, HEIC ("....ftyp")
  [0, Uint8Array.of(0x50, 0x4b, 0x03, 0x04)], // zip, .docx, .xlsx, .odt
  [0, Uint8Array.of(0x1f, 0x8b)], // gzip
  [0, Uint8Array.of(0x37, 0x7a, 0xbc, 0xaf)], // 7-Zip
];

/** Photos and office files are compressed already: deflating them again only costs time. */
function isAlreadyCompressed(bytes: Uint8Array): boolean {
  return COMPRESSED_SIGNATURES.some(([offset, signature]) => startsWith(bytes.subarray(offset), signature));
}

/** Zip entries carry a DOS date (1980–2107, local time); out of range falls back to 1980. */
function zipTimestamp(createdAt: string): Date {
  const date = new Date(createdAt);
  const year = date.getFullYear();
  return Number.isNaN(date.getTime()) || year < 1981 || year > 2098 ? new Date(1980, 0, 2) : date;
}
