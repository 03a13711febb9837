import path from 'node:path';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { HubExchangeResponse, HubStatus } from '../shared/ipc-contract';
import type { Change } from '../shared/schemas/change';
import { attachmentHashes } from '../shared/sync/attachment-hashes';
import { createHubClient, HubError, type HubClient, type HubFetch, type HubSession } from '../shared/sync/hub-client';
import type { VersionVector } from '../shared/sync/sync-types';
import { startHub, type HubOptions, type RunningHub } from './hub/hub-server';

/** Electron's safeStorage, when the OS keychain is available: sessions hold sealing keys. */
export interface SecretBox {
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface HubServiceOptions {
  /** The hosted hub's data folder (userData/hub). */
  dataDir: string;
  /** Where paired sessions are kept between runs (userData/hub-sessions). */
  sessionsFile: string;
  fetch: HubFetch;
  /**
   * The OS keychain. Without one, pairings are kept in memory only and last until the app
   * closes: a session key written in plain text would let whoever copies the file (a lost
   * laptop, a backup) push and pull as this device.
   */
  secretBox?: SecretBox | undefined;
  start?: (options: HubOptions) => Promise<RunningHub>;
}

export interface HubExchange {
  url: string;
  missionId: string;
  vector: VersionVector;
  changes: Change[];
  attachments: { sha256: string; data: Uint8Array }[];
  deviceNames?: Record<string, string> | undefined;
}

/**
 * The hub as the desktop app uses it: hosting one (the lead), and talking to one as a paired
 * client (everyone, the lead's own app included). Runs in main because the renderer's CSP and
 * CORS rightly keep it from talking to other hosts.
 */
export class HubService {
  private hosted: RunningHub | null = null;
  private sessions: Record<string, HubSession> | null = null;

  constructor(private readonly options: HubServiceOptions) {}

  status(): HubStatus {
    const pairingsKept = this.options.secretBox ? 'encrypted' : 'until-quit';
    const hosted = this.hosted;
    return hosted
      ? { hosting: true, urls: hosted.urls, pairingCode: hosted.pairingCode, listening: { ...hosted.listening }, pairingsKept }
      : { hosting: false, urls: [], pairingCode: null, pairingsKept };
  }

  /** Loopback unless the lead chose the LAN: the status then says which it is. */
  async host(port: number, host: string): Promise<HubStatus> {
    if (this.hosted) return this.status();
    this.hosted = await (this.options.start ?? startHub)({ port, host, dataDir: this.options.dataDir });
    return this.status();
  }

  /** A fresh pairing code for the hosted hub: after wrong codes slowed pairing down, or to shut out whoever saw the old one. */
  async newCode(): Promise<HubStatus> {
    if (!this.hosted) throw new Error('no hub is running in this app');
    await this.hosted.newPairingCode();
    return this.status();
  }

  async stop(): Promise<HubStatus> {
    await this.hosted?.close();
    this.hosted = null;
    return this.status();
  }

  async pair(url: string, code: string, device: string, member: string | null): Promise<void> {
    const hub = hubOrigin(url);
    const client = createHubClient({ baseUrl: hub, fetch: this.options.fetch });
    const session = await client.pair(code, device, member);
    await this.saveSession(hub, session);
  }

  /** Push what the hub lacks (changes, then their attachments), pull what we lack. */
  async exchange(request: HubExchange): Promise<HubExchangeResponse> {
    const hub = hubOrigin(request.url);
    const client = await this.client(hub);
    try {
      const pushed = await client.push(request.missionId, request.changes, request.deviceNames ? { deviceNames: request.deviceNames } : {});
      const offered = request.attachments.map((item) => item.sha256);
      const missing = new Set(offered.length ? await client.missingAttachments(request.missionId, offered) : []);
      for (const item of request.attachments) if (missing.has(item.sha256)) await client.putAttachment(request.missionId, item.data);
      const pulled = await client.pull(request.missionId, request.vector);
      const attachments: { sha256: string; data: Uint8Array }[] = [];
      for (const sha256 of attachmentHashes(pulled.changes)) {
        attachments.push({ sha256, data: await client.getAttachment(request.missionId, sha256) });
      }
      const names = Object.keys(pulled.deviceNames).length > 0 ? { deviceNames: pulled.deviceNames } : {};
      return { pushed: pushed.accepted, pulled: pulled.changes, hubVector: pulled.hubVector, attachments, ...names };
    } finally {
      const session = client.session();
      if (session) await this.saveSession(hub, session);
    }
  }

  async close(): Promise<void> {
    await this.stop();
  }

  /** A client for the hub `hub` was paired under: the page's URL only picks the pairing. */
  private async client(hub: string): Promise<HubClient> {
    const sessions = await this.loadSessions();
    const session = Object.hasOwn(sessions, hub) ? sessions[hub] : undefined;
    if (!session) throw new HubError('not-paired', `This device is not paired with ${hub}; pair with the code the hub shows first.`);
    return createHubClient({ baseUrl: hub, fetch: this.options.fetch, session });
  }

  private async loadSessions(): Promise<Record<string, HubSession>> {
    if (this.sessions) return this.sessions;
    this.sessions = {};
    const raw = await readFile(this.options.sessionsFile).catch(() => null);
    if (raw === null) return this.sessions;
    const legacy = plainTextSessions(raw);
    if (legacy) {
      // Written in plain text by an earlier version: keep the pairings for this run, and on disk
      // only encrypted (rewritten below) or not at all.
      this.sessions = legacy;
      if (this.options.secretBox) await this.writeSessions();
      else await rm(this.options.sessionsFile, { force: true });
    } else if (this.options.secretBox) {
      try {
        this.sessions = JSON.parse(this.options.secretBox.decrypt(raw)) as Record<string, HubSession>;
      } catch {
        // One this OS account can no longer decrypt: pair again.
      }
    }
    // Encrypted but no keychain this time (it may come back): leave the file as it is.
    return this.sessions;
  }

  private async saveSession(hub: string, session: HubSession): Promise<void> {
    const sessions = await this.loadSessions();
    sessions[hub] = session;
    if (this.options.secretBox) await this.writeSessions();
  }

  private async writeSessions(): Promise<void> {
    if (!this.options.secretBox || !this.sessions) return;
    const data = this.options.secretBox.encrypt(JSON.stringify(this.sessions));
    await mkdir(path.dirname(this.options.sessionsFile), { recursive: true });
    const temp = `${this.options.sessionsFile}.tmp`;
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, this.options.sessionsFile);
  }
}

/** `http://host:port`, as the URL parser normalises it: one key per hub however it was typed. */
function hubOrigin(url: string): string {
  return new URL(url).origin;
}

/** The sessions of a file written unencrypted by an earlier version, or null. */
function plainTextSessions(raw: Buffer): Record<string, HubSession> | null {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, HubSession>) : null;
  } catch {
    return null;
  }
}
