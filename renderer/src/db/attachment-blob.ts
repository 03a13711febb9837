/**
 * Attachment bytes as the database stores them (a Blob). Bundles, hub exchanges and backups carry
 * plain byte arrays; every way in turns them into Blobs here, once.
 */
export function attachmentBlob(data: Uint8Array | Blob): Blob {
  if (data instanceof Blob) return data;
  // A Blob takes ArrayBuffer-backed views; bundle and hub readers produce exactly those.
  return new Blob([data as Uint8Array<ArrayBuffer>]);
}

/** The same, for a whole map of attachments by SHA-256. */
export function attachmentBlobs(attachments: ReadonlyMap<string, Uint8Array | Blob>): Map<string, Blob> {
  return new Map([...attachments].map(([sha256, data]) => [sha256, attachmentBlob(data)] as const));
}
