import type { VersionVector } from '../../../shared/sync/sync-types';
import type { MissionKitDatabase } from '../db/database';

/** What this device knows of another device in a mission: what it has seen, and when we last synced. */
export interface PeerRecord {
  device: string;
  member: string | null;
  /** The peer's version vector as of our last exchange: changes above it are what it lacks. */
  vector: VersionVector;
  lastSyncAt: string;
  lastDirection: 'sent' | 'received';
}

const prefix = (missionId: string): string => `peer:${missionId}:`;

export function peerKey(missionId: string, device: string): string {
  return `${prefix(missionId)}${device}`;
}

export async function listPeers(db: MissionKitDatabase, missionId: string): Promise<PeerRecord[]> {
  const rows = await db.meta.where('key').startsWith(prefix(missionId)).toArray();
  return rows.map((row) => row.value as PeerRecord).sort((a, b) => b.lastSyncAt.localeCompare(a.lastSyncAt));
}

export async function getPeer(db: MissionKitDatabase, missionId: string, device: string): Promise<PeerRecord | undefined> {
  return (await db.meta.get(peerKey(missionId, device)))?.value as PeerRecord | undefined;
}
