import type { FileSystem } from './file-system';

export type BoundedReadResult =
  | { ok: true; data: Uint8Array }
  | { ok: false; reason: 'not-a-file' }
  | { ok: false; reason: 'too-large'; size: number };

const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a whole file only if it holds at most `maxBytes`. The size is checked with `stat`
 * before anything is read, and the read itself stops one byte past the limit, so a file that
 * grows after the check (or a device that never ends) cannot make us allocate without bound.
 */
export async function readFileAtMost(fs: FileSystem, filePath: string, maxBytes: number): Promise<BoundedReadResult> {
  const info = await fs.stat(filePath);
  // stat, not open, first: opening a FIFO blocks until someone writes to it.
  if (!info.isFile()) return { ok: false, reason: 'not-a-file' };
  if (info.size > maxBytes) return { ok: false, reason: 'too-large', size: info.size };

  const handle = await fs.open(filePath, 'r');
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    // First read sized to the expected file, plus one byte to see the end of file.
    let wanted = info.size + 1;
    for (;;) {
      const chunk = new Uint8Array(Math.min(wanted, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { ok: false, reason: 'too-large', size: total };
      wanted = CHUNK_BYTES;
    }
    return { ok: true, data: concatenate(chunks, total) };
  } finally {
    await handle.close();
  }
}

function concatenate(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return data;
}
