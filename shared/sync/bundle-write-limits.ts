import {
  DEFAULT_MAX_UNPACKED_BYTES,
  MAX_ATTACHMENT_ENTRY_BYTES,
  MAX_BUNDLE_ATTACHMENTS,
  MAX_CHANGES_ENTRY_BYTES,
  MAX_MANIFEST_ENTRY_BYTES,
  MAX_TEMPLATE_ENTRY_BYTES,
  formatSizeOverLimit,
} from './bundle-format';

/**
 * A bundle the writer is asked for but every reader would refuse. The reader's limits
 * (bundle-format.ts) bound what a hostile file can make us unpack; the writer must keep to the
 * same ones, or a mission with many photos, or `mission-kit merge` of several large bundles,
 * says "Wrote" or "exported" and hands over a file that no device can take in.
 */
export class BundleTooLargeError extends Error {
  constructor(reason: string) {
    super(`This bundle would be refused by every device that reads it: ${reason}. Nothing was written; send the changes in several bundles ("since" a device) or sync through a hub.`);
    this.name = 'BundleTooLargeError';
  }
}

/** Checked before any attachment is hashed: more than the reader takes is refused at once. */
export function checkAttachmentCount(count: number): void {
  if (count > MAX_BUNDLE_ATTACHMENTS) {
    throw new BundleTooLargeError(`it would carry ${count.toLocaleString('en')} attachments, more than the limit of ${MAX_BUNDLE_ATTACHMENTS.toLocaleString('en')}`);
  }
}

/** Each entry's unpacked size and their total against the reader's limits. */
export function checkEntrySizes(sizes: { manifest: number; changes: number; template: number; attachments: readonly { sha256: string; size: number }[] }): void {
  if (sizes.changes > MAX_CHANGES_ENTRY_BYTES) throw new BundleTooLargeError(`its change log would be ${formatSizeOverLimit(sizes.changes, MAX_CHANGES_ENTRY_BYTES)}`);
  if (sizes.template > MAX_TEMPLATE_ENTRY_BYTES) throw new BundleTooLargeError(`its template would be ${formatSizeOverLimit(sizes.template, MAX_TEMPLATE_ENTRY_BYTES)}`);
  if (sizes.manifest > MAX_MANIFEST_ENTRY_BYTES) throw new BundleTooLargeError(`its manifest would be ${formatSizeOverLimit(sizes.manifest, MAX_MANIFEST_ENTRY_BYTES)}`);
  let total = sizes.manifest + sizes.changes + sizes.template;
  for (const { sha256, size } of sizes.attachments) {
    if (size > MAX_ATTACHMENT_ENTRY_BYTES) throw new BundleTooLargeError(`attachment ${sha256} is ${formatSizeOverLimit(size, MAX_ATTACHMENT_ENTRY_BYTES)}`);
    total += size;
  }
  if (total > DEFAULT_MAX_UNPACKED_BYTES) throw new BundleTooLargeError(`it would unpack to ${formatSizeOverLimit(total, DEFAULT_MAX_UNPACKED_BYTES)}`);
}
