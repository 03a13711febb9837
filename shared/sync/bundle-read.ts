/**
 * Reads a `.mkbundle` (format described in bundle-format.ts) from untrusted bytes. Every
 * problem becomes a {@link BundleError} with a code and a plain message; nothing is thrown for
 * bad input. Checks run in this order, so the message names the most basic problem:
 * file size → signature → encryption header → passphrase → zip directory and its limits (entry
 * count, sizes, duplicate names) → entry names → sizes per entry → manifest → mission → counts
 * and attachment list → changes → template → attachments. The JSON entries are watched while
 * they unpack, so a text or a nesting beyond the input limits stops the unpacking at once.
 */
import type { z } from 'zod';
import { JsonLimitExceeded, JsonLimitScanner } from '../json-stream-scanner';
import { ChangeSchema, type Change, type EntityName } from '../schemas/change';
import { TemplateSchema, type Template } from '../schemas/template';
import { formatIssuePath } from '../template-validation';
import { parseJsonWithinLimits } from '../json-limits';
import {
  ATTACHMENTS_FOLDER,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleManifestSchema,
  CHANGES_ENTRY,
  DEFAULT_MAX_UNPACKED_BYTES,
  ENCRYPTED_HEADER_BYTES,
  ENCRYPTED_MAGIC,
  ENCRYPTION_VERSION,
  GCM_TAG_BYTES,
  MANIFEST_ENTRY,
  MAX_ATTACHMENT_ENTRY_BYTES,
  MAX_BUNDLE_ENTRIES,
  MAX_BUNDLE_FILE_BYTES,
  MAX_CHANGES_ENTRY_BYTES,
  MAX_MANIFEST_ENTRY_BYTES,
  MAX_PBKDF2_ITERATIONS,
  MAX_TEMPLATE_ENTRY_BYTES,
  MIN_PBKDF2_ITERATIONS,
  SHA256_PATTERN,
  TEMPLATE_ENTRY,
  ZIP_MAGIC,
  attachmentEntryName,
  formatByteSize,
  formatSizeOverLimit,
  type Bundle,
  type BundleError,
  type BundleErrorCode,
  type BundleManifest,
  type BundleReadResult,
  type ReadBundleOptions,
} from './bundle-format';
import {
  assertBundleCryptoAvailable,
  decryptBundleBytes,
  isValidIterationCount,
  readEncryptedHeader,
  sha256Hex,
  startsWith,
  utf8Decode,
} from './bundle-crypto';
import { ZipRefusal, readZipDirectory, readZipEntry, type ZipEntry, type ZipLimits } from './bundle-zip';
import { changeShapeProblems, idsIn, referenceProblems, summarizeProblems } from './delivery-references';

/** Thrown inside this module only; readBundle turns it into a result. */
class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The smallest possible zip: an end-of-directory record alone. */
const MIN_ZIP_BYTES = 22;
const MAX_LISTED_PROBLEMS = 5;

/**
 * Opens, checks and parses a bundle. Resolves to `{ ok: false, error }` for any bad input —
 * random bytes, a truncated or altered file, a wrong passphrase, a zip bomb — and throws only
 * for programming errors (an invalid `maxBytes`, no WebCrypto).
 */
export async function readBundle(bytes: Uint8Array, options: ReadBundleOptions = {}): Promise<BundleReadResult> {
  const result = await readBundleDetailed(bytes, options);
  return result.ok ? { ok: true, bundle: result.bundle } : result;
}

type DetailedResult = { ok: true; bundle: Bundle; unpackedBytes: number } | { ok: false; error: BundleError };

async function readBundleDetailed(bytes: Uint8Array, options: ReadBundleOptions): Promise<DetailedResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UNPACKED_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer, not ${maxBytes}`);
  assertBundleCryptoAvailable();
  try {
    const zip = await openBundle(bytes, options.passphrase);
    return { ok: true, ...(await readZipBundle(zip, { ...options, maxBytes })) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: { code: error.code, message: error.message } };
    if (error instanceof ZipRefusal) return { ok: false, error: { code: error.code === 'too-large' ? 'hostile' : error.code, message: zipMessage(error) } };
    // Defence in depth: a parser bug on strange input must still not escape as an exception.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'not-a-bundle', message: `This file could not be read as a bundle (${reason}).` } };
  }
}

/** What `mission-kit bundle info` shows: the manifest plus what the content holds. */
export interface BundleInfo {
  encrypted: boolean;
  fileBytes: number;
  /** Unpacked size of all entries of the zip. */
  unpackedBytes: number;
  manifest: BundleManifest;
  changesByEntity: Partial<Record<EntityName, number>>;
  /** Devices whose changes the bundle carries, sorted. */
  devices: string[];
  /** Oldest and newest change stamps, null without changes. */
  firstStamp: string | null;
  lastStamp: string | null;
  attachmentBytes: number;
}

export type BundleInfoResult = { ok: true; info: BundleInfo } | { ok: false; error: BundleError };

/** Reads and fully checks a bundle, then summarises it. */
export async function bundleInfo(bytes: Uint8Array, passphrase?: string, options: Omit<ReadBundleOptions, 'passphrase'> = {}): Promise<BundleInfoResult> {
  const result = await readBundleDetailed(bytes, { ...options, passphrase });
  if (!result.ok) return result;
  const { manifest, changes, attachments } = result.bundle;
  const changesByEntity: Partial<Record<EntityName, number>> = {};
  for (const change of changes) changesByEntity[change.entity] = (changesByEntity[change.entity] ?? 0) + 1;
  const stamps = changes.map((change) => change.hlc).sort();
  let attachmentBytes = 0;
  for (const attachment of attachments.values()) attachmentBytes += attachment.length;
  return {
    ok: true,
    info: {
      encrypted: startsWith(bytes, ENCRYPTED_MAGIC),
      fileBytes: bytes.length,
      unpackedBytes: result.unpackedBytes,
      manifest,
      changesByEntity,
      devices: [...new Set(changes.map((change) => change.device))].sort(),
      firstStamp: stamps[0] ?? null,
      lastStamp: stamps[stamps.length - 1] ?? null,
      attachmentBytes,
    },
  };
}

/** Plain-text lines for the command line. */
export function formatBundleInfo(info: BundleInfo): string {
  const { manifest } = info;
  const entities = Object.entries(info.changesByEntity)
    .map(([entity, count]) => `${count} ${entity}`)
    .join(', ');
  const vector = Object.entries(manifest.senderVector)
    .map(([device, stamp]) => `  ${device}: ${stamp}`)
    .join('\n');
  return [
    `Mission:     ${manifest.missionTitle} (${manifest.missionId})`,
    `Template:    ${manifest.templateId} version ${manifest.templateVersion}`,
    `Created:     ${manifest.createdAt} on device ${manifest.device}${manifest.member ? ` by member ${manifest.member}` : ''}`,
    `Scope:       ${manifest.scope === 'since' ? 'changes the receiver had not seen' : 'the whole change log'}`,
    `Encrypted:   ${info.encrypted ? 'yes' : 'no'}`,
    `File size:   ${formatByteSize(info.fileBytes)}`,
    `Changes:     ${manifest.counts.changes}${entities ? ` (${entities})` : ''}`,
    ...(info.firstStamp && info.lastStamp ? [`Stamps:      ${info.firstStamp} … ${info.lastStamp}`] : []),
    `Attachments: ${manifest.counts.attachments} (${formatByteSize(info.attachmentBytes)})`,
    `Sender holds:${vector ? `\n${vector}` : ' nothing yet'}`,
  ].join('\n');
}

/** True when the bytes start like an encrypted bundle, so a UI can ask for the passphrase first. */
export function isEncryptedBundle(bytes: Uint8Array): boolean {
  return startsWith(bytes, ENCRYPTED_MAGIC);
}

// ---------------------------------------------------------------------------------------------

function isByteArray(value: unknown): value is Uint8Array {
  return Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/** Plain or encrypted → the zip bytes. */
async function openBundle(bytes: Uint8Array, passphrase: string | undefined): Promise<Uint8Array> {
  if (!isByteArray(bytes)) throw new Refusal('not-a-bundle', 'This is not a bundle: no file content was given.');
  if (bytes.length === 0) throw new Refusal('not-a-bundle', 'This is not a bundle: the file is empty.');
  // Before decrypting, which needs the whole file and as much again for the plain zip.
  if (bytes.length > MAX_BUNDLE_FILE_BYTES) {
    throw new Refusal(
      'hostile',
      `The bundle was refused as too large: the file is ${formatSizeOverLimit(bytes.length, MAX_BUNDLE_FILE_BYTES)}.`,
    );
  }
  if (startsWith(bytes, ZIP_MAGIC)) return bytes;
  if (!startsWith(bytes, ENCRYPTED_MAGIC)) {
    const cutMagic = bytes.length < ENCRYPTED_MAGIC.length && (isPrefix(bytes, ENCRYPTED_MAGIC) || isPrefix(bytes, ZIP_MAGIC));
    if (cutMagic) throw new Refusal('truncated', `The bundle is cut short: the file has only ${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'}.`);
    throw new Refusal(
      'not-a-bundle',
      'This is not a Mission Kit bundle: it starts neither with "PK" (a plain bundle) nor with "MKBE" (an encrypted bundle).',
    );
  }

  if (bytes.length < ENCRYPTED_HEADER_BYTES + 1) {
    throw new Refusal('truncated', `The encrypted bundle is cut short: its ${ENCRYPTED_HEADER_BYTES}-byte header is incomplete.`);
  }
  const header = readEncryptedHeader(bytes);
  if (header.version !== ENCRYPTION_VERSION) {
    throw new Refusal(
      'not-a-bundle',
      `This encrypted bundle uses encryption format version ${header.version}, which this version of Mission Kit cannot read (it reads version ${ENCRYPTION_VERSION}).`,
    );
  }
  if (!isValidIterationCount(header.iterations)) {
    const which = header.iterations < MIN_PBKDF2_ITERATIONS ? 'too few to protect the passphrase' : 'so many that opening it would take minutes';
    throw new Refusal(
      'hostile',
      `The encrypted bundle was refused: its header asks for ${header.iterations.toLocaleString('en')} key-derivation rounds, ${which} (Mission Kit accepts ${MIN_PBKDF2_ITERATIONS.toLocaleString('en')} to ${MAX_PBKDF2_ITERATIONS.toLocaleString('en')}).`,
    );
  }
  if (bytes.length < ENCRYPTED_HEADER_BYTES + GCM_TAG_BYTES + MIN_ZIP_BYTES) {
    throw new Refusal('truncated', 'The encrypted bundle is cut short: it is smaller than the smallest possible bundle.');
  }
  if (passphrase === undefined || passphrase === '') {
    throw new Refusal('needs-passphrase', 'This bundle is encrypted: enter the passphrase it was exported with.');
  }
  const zip = await decryptBundleBytes(bytes, header, passphrase);
  if (!zip) throw new Refusal('wrong-passphrase', 'The bundle could not be decrypted: wrong passphrase, or the bundle was damaged.');
  if (!startsWith(zip, ZIP_MAGIC)) throw new Refusal('not-a-bundle', 'The encrypted file decrypts, but what it holds is not a bundle (no zip inside).');
  return zip;
}

function isPrefix(bytes: Uint8Array, magic: Uint8Array): boolean {
  return bytes.every((byte, index) => magic[index] === byte);
}

function zipMessage(error: ZipRefusal): string {
  const lead: Record<ZipRefusal['code'], string> = {
    truncated: 'The bundle is incomplete',
    tampered: 'The bundle was altered or damaged',
    hostile: 'The bundle was refused as unsafe',
    'too-large': 'The bundle was refused as too large',
    'not-a-bundle': 'This is not a Mission Kit bundle',
  };
  return `${lead[error.code]}: ${error.message}.`;
}

type Layout = { manifest: ZipEntry; changes: ZipEntry; template: ZipEntry; attachments: Map<string, ZipEntry> };

/** Checks the entry names against the layout: exactly the bundle's files, nothing path-like. */
function checkLayout(entries: readonly ZipEntry[]): Layout {
  // Two entries with the same name (or names one file system would confuse) were already
  // refused by readZipDirectory.
  const pathLike = entries.find((entry) => isPathLike(entry));
  if (pathLike) {
    throw new Refusal(
      'hostile',
      `The bundle was refused as unsafe: it contains an entry named ${JSON.stringify(pathLike.name)}, a path that could reach outside the folder it is unpacked to.`,
    );
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const manifest = byName.get(MANIFEST_ENTRY);
  if (!manifest) {
    throw new Refusal('not-a-bundle', `This is a zip file, but not a Mission Kit bundle: it has no ${MANIFEST_ENTRY}.`);
  }
  const attachments = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (entry.name === MANIFEST_ENTRY || entry.name === CHANGES_ENTRY || entry.name === TEMPLATE_ENTRY) continue;
    const hash = entry.name.startsWith(ATTACHMENTS_FOLDER) ? entry.name.slice(ATTACHMENTS_FOLDER.length) : '';
    if (!SHA256_PATTERN.test(hash)) {
      throw new Refusal(
        'hostile',
        `The bundle was refused as unsafe: it contains an entry named ${JSON.stringify(entry.name)}, which is not part of the bundle layout (${MANIFEST_ENTRY}, ${CHANGES_ENTRY}, ${TEMPLATE_ENTRY} and ${ATTACHMENTS_FOLDER}<sha256>).`,
      );
    }
    attachments.set(hash, entry);
  }
  const changes = byName.get(CHANGES_ENTRY);
  const template = byName.get(TEMPLATE_ENTRY);
  const missing = [changes ? null : CHANGES_ENTRY, template ? null : TEMPLATE_ENTRY].filter((name) => name !== null);
  if (!changes || !template) throw new Refusal('truncated', `The bundle is incomplete: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.`);
  checkEntrySize(manifest, MAX_MANIFEST_ENTRY_BYTES);
  checkEntrySize(changes, MAX_CHANGES_ENTRY_BYTES);
  checkEntrySize(template, MAX_TEMPLATE_ENTRY_BYTES);
  for (const entry of attachments.values()) checkEntrySize(entry, MAX_ATTACHMENT_ENTRY_BYTES, 'an attachment');
  return { manifest, changes, template, attachments };
}

/** Each part of a bundle has its own ceiling, below the zip-wide one of {@link BUNDLE_ZIP_LIMITS}. */
function checkEntrySize(entry: ZipEntry, limit: number, what = entry.name): void {
  if (entry.size <= limit) return;
  throw new Refusal(
    'hostile',
    `The bundle was refused as too large: its entry ${JSON.stringify(entry.name)} would unpack to ${formatSizeOverLimit(entry.size, limit)} for ${what}.`,
  );
}

function isPathLike(entry: ZipEntry): boolean {
  const { name } = entry;
  if (!entry.asciiName || name.length === 0) return true;
  if (name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
}

/** The zip-wide limits of a bundle; the largest entry allowed is changes.json. */
export const BUNDLE_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: MAX_BUNDLE_FILE_BYTES,
  maxEntries: MAX_BUNDLE_ENTRIES,
  maxEntryBytes: Math.max(MAX_CHANGES_ENTRY_BYTES, MAX_TEMPLATE_ENTRY_BYTES, MAX_MANIFEST_ENTRY_BYTES, MAX_ATTACHMENT_ENTRY_BYTES),
  maxTotalBytes: DEFAULT_MAX_UNPACKED_BYTES,
};

async function readZipBundle(zip: Uint8Array, options: ReadBundleOptions & { maxBytes: number }): Promise<{ bundle: Bundle; unpackedBytes: number }> {
  const entries = readZipDirectory(zip, { ...BUNDLE_ZIP_LIMITS, maxTotalBytes: options.maxBytes });
  const layout = checkLayout(entries);
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);

  const manifest = parseManifest(readJsonEntry(zip, layout.manifest));
  checkMission(manifest, options);
  checkAttachmentList(manifest, layout);

  const changesBytes = readJsonEntry(zip, layout.changes);
  if ((await sha256Hex(changesBytes)) !== manifest.changesSha256) {
    throw new Refusal('tampered', `The bundle was altered or damaged: ${CHANGES_ENTRY} does not match the checksum in its manifest.`);
  }
  const changes = parseChanges(changesBytes, manifest);

  const templateBytes = readJsonEntry(zip, layout.template);
  if ((await sha256Hex(templateBytes)) !== manifest.templateSha256) {
    throw new Refusal('tampered', `The bundle was altered or damaged: ${TEMPLATE_ENTRY} does not match the checksum in its manifest.`);
  }
  const template = parseTemplate(templateBytes, manifest);
  checkDelivery(changes, template, manifest);

  const attachments = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const { sha256 } of manifest.attachments) {
    const entry = layout.attachments.get(sha256) as ZipEntry;
    const bytes = readZipEntry(zip, entry);
    if ((await sha256Hex(bytes)) !== sha256) {
      throw new Refusal('tampered', `The bundle was altered or damaged: attachment ${sha256} does not match its checksum.`);
    }
    attachments.set(sha256, bytes);
  }
  return { bundle: { manifest, changes, template, attachments }, unpackedBytes: total };
}

/**
 * Unpacks a JSON entry while a scanner watches the bytes go by: a text longer than the input
 * limit, or a nesting deeper than it, stops the unpacking there, before the entry is whole,
 * decoded or parsed (a 100 MB narrative packs into 140 KB).
 */
function readJsonEntry(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const scanner = new JsonLimitScanner();
  try {
    return readZipEntry(zip, entry, { inspect: (chunk) => scanner.push(chunk) });
  } catch (error) {
    if (error instanceof JsonLimitExceeded) throw new Refusal('invalid', `The bundle's ${entry.name} was refused: it ${error.message}.`);
    throw error;
  }
}

function parseJsonEntry(bytes: Uint8Array, entryName: string): unknown {
  let text: string;
  try {
    text = utf8Decode(bytes);
  } catch {
    throw new Refusal('invalid', `The bundle's ${entryName} is not valid UTF-8 text.`);
  }
  // Syntax, then depth and length: a document too deep or too long is refused here, before the
  // schemas recurse into it.
  const json = parseJsonWithinLimits(text);
  if (!json.ok) throw new Refusal('invalid', `The bundle's ${entryName} is not valid: ${json.problem.path}: ${json.problem.message}.`);
  return json.value;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_LISTED_PROBLEMS ? `; and ${issues.length - MAX_LISTED_PROBLEMS} more` : '';
  return `${listed.join('; ')}${more}`;
}

function parseManifest(bytes: Uint8Array): BundleManifest {
  const value = parseJsonEntry(bytes, MANIFEST_ENTRY);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { format, formatVersion } = value as { format?: unknown; formatVersion?: unknown };
    if (format !== BUNDLE_FORMAT) {
      throw new Refusal('not-a-bundle', `This is not a Mission Kit bundle: its ${MANIFEST_ENTRY} declares the format ${JSON.stringify(format ?? null)}, not "${BUNDLE_FORMAT}".`);
    }
    if (typeof formatVersion === 'number' && formatVersion > BUNDLE_FORMAT_VERSION) {
      throw new Refusal(
        'invalid',
        `This bundle was made by a newer Mission Kit (bundle format version ${formatVersion}); this version reads version ${BUNDLE_FORMAT_VERSION}. Update Mission Kit to import it.`,
      );
    }
  }
  const parsed = BundleManifestSchema.safeParse(value);
  if (!parsed.success) throw new Refusal('invalid', `The bundle's ${MANIFEST_ENTRY} is not valid: ${describeIssues(parsed.error.issues)}.`);
  return parsed.data;
}

function checkMission(manifest: BundleManifest, options: ReadBundleOptions): void {
  const expected = options.expectedMissionId;
  if (expected === undefined || expected === manifest.missionId) return;
  const theirs = `"${manifest.missionTitle}" (${manifest.missionId})`;
  const ours = options.expectedMissionTitle ? `"${options.expectedMissionTitle}" (${expected})` : `the open mission (${expected})`;
  throw new Refusal('wrong-mission', `This bundle belongs to the mission ${theirs}, not to ${ours}.`);
}

function checkAttachmentList(manifest: BundleManifest, layout: Layout): void {
  if (manifest.counts.attachments !== manifest.attachments.length) {
    throw new Refusal(
      'tampered',
      `The bundle was altered or damaged: its manifest counts ${manifest.counts.attachments} attachments but lists ${manifest.attachments.length}.`,
    );
  }
  const listed = new Set(manifest.attachments.map((attachment) => attachment.sha256));
  const extra = [...layout.attachments.keys()].find((sha256) => !listed.has(sha256));
  if (extra !== undefined) {
    throw new Refusal('tampered', `The bundle was altered or damaged: it holds attachment ${extra}, which its manifest does not list.`);
  }
  for (const { sha256, size } of manifest.attachments) {
    const entry = layout.attachments.get(sha256);
    if (!entry) throw new Refusal('truncated', `The bundle is incomplete: attachment ${attachmentEntryName(sha256)} is missing.`);
    if (entry.size !== size) {
      throw new Refusal(
        'tampered',
        `The bundle was altered or damaged: attachment ${sha256} has ${entry.size} bytes, but its manifest says ${size}.`,
      );
    }
  }
}

function parseChanges(bytes: Uint8Array, manifest: BundleManifest): Change[] {
  const value = parseJsonEntry(bytes, CHANGES_ENTRY);
  if (!Array.isArray(value)) throw new Refusal('invalid', `The bundle's ${CHANGES_ENTRY} is not valid: it must hold a list of changes.`);
  if (value.length !== manifest.counts.changes) {
    throw new Refusal(
      'tampered',
      `The bundle was altered or damaged: its manifest counts ${manifest.counts.changes} changes, but ${CHANGES_ENTRY} holds ${value.length}.`,
    );
  }
  const changes: Change[] = [];
  for (let index = 0; index < value.length; index++) {
    const parsed = ChangeSchema.safeParse(value[index]);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] }));
      throw new Refusal('invalid', `The bundle's ${CHANGES_ENTRY} is not valid: ${describeIssues(issues)}.`);
    }
    if (parsed.data.missionId !== manifest.missionId) {
      throw new Refusal(
        'invalid',
        `The bundle's ${CHANGES_ENTRY} is not valid: change [${index}] belongs to mission ${parsed.data.missionId}, but the bundle is for mission ${manifest.missionId}.`,
      );
    }
    changes.push(parsed.data);
  }
  return changes;
}

/**
 * The changes' shapes and references (see delivery-references.ts). A bundle of everything must
 * be whole on its own, so its references to members, site visits and findings are checked too;
 * those of a "since" bundle are checked by the receiver, which knows the rest of the mission.
 */
function checkDelivery(changes: readonly Change[], template: Template, manifest: BundleManifest): void {
  const shape = changeShapeProblems(changes, manifest.missionId);
  const problems = shape.length > 0 ? shape : referenceProblems(template, changes, manifest.scope === 'everything' ? idsIn(changes) : null);
  if (problems.length > 0) throw new Refusal('invalid', `The bundle's ${CHANGES_ENTRY} is not valid: ${summarizeProblems(problems, MAX_LISTED_PROBLEMS)}.`);
}

function parseTemplate(bytes: Uint8Array, manifest: BundleManifest): Template {
  const parsed = TemplateSchema.safeParse(parseJsonEntry(bytes, TEMPLATE_ENTRY));
  if (!parsed.success) throw new Refusal('invalid', `The bundle's ${TEMPLATE_ENTRY} is not valid: ${describeIssues(parsed.error.issues)}.`);
  const template = parsed.data;
  if (template.id !== manifest.templateId || template.version !== manifest.templateVersion) {
    throw new Refusal(
      'invalid',
      `The bundle's ${TEMPLATE_ENTRY} is template "${template.id}" version ${template.version}, but its manifest names "${manifest.templateId}" version ${manifest.templateVersion}.`,
    );
  }
  return template;
}
