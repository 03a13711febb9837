import path from 'node:path';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { HubExchangeResponse, HubStatus } from '../shared/ipc-contract';
import type { Change } from '../shared/schemas/change';
import { attachmentHashes } from '../shared/sync/attachment-hashes';
import { createHubClient, type HubClient, type HubFetch, type HubSession } from '../shared/sync/hub-client';
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
    const hosted = this.hosted;
    return hosted ? { hosting: true, urls: hosted.urls, pairingCode: hosted.pairingCode, listening: { ...hosted.listening } } : { hosting: false, urls: [], pairingCode: null };
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
    const client = createHubClient({ baseUrl: url, fetch: this.options.fetch });
    const session = await client.pair(code, device, member);
    await this.saveSession(url, session);
  }

  /** Push what the hub lacks (changes, then their attachments), pull what we lack. */
  async exchange(request: HubExchange): Promise<HubExchangeResponse> {
    const client = await this.client(request.url);
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
      if (session) await this.saveSession(request.url, session);
    }
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private async client(url: string): Promise<HubClient> {
    const sessions = await this.loadSessions();
    const session = sessions[normalise(url)];
    if (!session) throw new Error(`This device is not paired with ${url}; pair with the code the hub shows first.`);
    return createHubClient({ baseUrl: url, fetch: this.options.fetch, session });
  }

  private async loadSessions(): Promise<Record<string, HubSession>> {
    if (this.sessions) return this.sessions;
    try {
      const raw = await readFile(this.options.sessionsFile);
      const text = this.options.secretBox ? this.options.secretBox.decrypt(raw) : raw.toString('utf8');
      this.sessions = JSON.parse(text) as Record<string, HubSession>;
    } catch {
      // No file yet, or one this OS account can no longer decrypt: pair again.
      this.sessions = {};
    }
    return this.sessions;
  }

  private async saveSession(url: string, session: HubSession): Promise<void> {
    const sessions = await this.loadSessions();
    sessions[normalise(url)] = session;
    const text = JSON.stringify(sessions);
    const data = this.options.secretBox ? this.options.secretBox.encrypt(text) : Buffer.from(text, 'utf8');
    await mkdir(path.dirname(this.options.sessionsFile), { recursive: true });
    const temp = `${this.options.sessionsFile}.tmp`;
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, this.options.sessionsFile);
  }
}

function normalise(url: string): string {
  return url.replace(/\/+$/, '');
}
