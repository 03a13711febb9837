import { CREATED_FIELD, type Change } from '../schemas/change';

/**
 * Attachment bytes a set of changes refers to: attachment evidence created, or re-pointed, in
 * them. What travels with the changes so the receiver can show the photo.
 */
export function attachmentHashes(changes: readonly Change[]): Set<string> {
  const hashes = new Set<string>();
  for (const change of changes) {
    if (change.entity !== 'evidence') continue;
    if (change.field === CREATED_FIELD && typeof change.value === 'object' && change.value !== null && !Array.isArray(change.value)) {
      const sha256 = change.value['sha256'];
      if (typeof sha256 === 'string') hashes.add(sha256);
    } else if (change.field === 'sha256' && typeof change.value === 'string') {
      hashes.add(change.value);
    }
  }
  return hashes;
}
