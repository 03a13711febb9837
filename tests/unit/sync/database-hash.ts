import { createHash } from 'node:crypto';
import type { MissionKitDatabase } from '../../../renderer/src/db/database';

/**
 * A hash of every table of a database — meta (clock, peers, device names) and attachment bytes
 * included — so a test can say "nothing changed, byte for byte".
 */
export async function databaseHash(db: MissionKitDatabase): Promise<string> {
  const hash = createHash('sha256');
  for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const rows: unknown[] = await table.toArray();
    hash.update(`table ${table.name} ${rows.length}\n`);
    for (const row of rows) hash.update(`${JSON.stringify(await plain(row))}\n`);
  }
  return hash.digest('hex');
}

/** Blobs (attachment bytes, thumbnails) as the hex of their bytes; JSON would make them {}. */
async function plain(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return `blob:${Buffer.from(await value.arrayBuffer()).toString('hex')}`;
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await plain(item)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}
