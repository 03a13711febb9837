import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { createHubCommand } from '../../../main/cli/hub-command';
import { startHub } from '../../../main/hub/hub-server';
import { HybridLogicalClock } from '../../../shared/hlc';
import { CREATED_FIELD, ChangeSchema, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import { createHubClient, type HubClient, type HubFetch, type HubFetchInit } from '../../../shared/sync/hub-client';
import { materializeEntity } from '../../../shared/sync/materialize';
import type { MaterializedEntity, VersionVector } from '../../../shared/sync/sync-types';
import { changesSince, vectorOf } from '../../../shared/sync/version-vector';

export const MISSION = 'mission-kosovo-2015';
/** A fixed, valid pairing code, so tests can type it (and a wrong one). */
export const CODE = 'KSVM2345';
export const WRONG_CODE = 'KSVM2346';

/** A temporary folder holding the hub's data folder, so tests can check nothing is written beside it. */
export async function makeHubFolder(): Promise<{ root: string; dataDir: string; cleanUp: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'mission-kit-hub-'));
  return { root, dataDir: path.join(root, 'data'), cleanUp: () => rm(root, { recursive: true, force: true }) };
}

/** The platform fetch, typed as the client wants it. */
export const platformFetch: HubFetch = (url, init) => fetch(url, init);

/** Every file under a folder, as paths relative to it, sorted. */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The non-empty lines of a mission's changes.jsonl (the plain-folder case). */
export async function changeLines(dataDir: string, missionId = MISSION): Promise<string[]> {
  const text = await readFile(path.join(dataDir, 'missions', missionId, 'changes.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim() !== '');
}

/**
 * One expert's laptop, reduced to what sync needs: its change log (as the repository keeps it,
 * deduplicated by stamp), its attachments and a hub client.
 */
export class SimulatedDevice {
  readonly changes: Change[] = [];
  readonly attachments = new Map<string, Uint8Array>();
  readonly clock: HybridLogicalClock;
  readonly client: HubClient;

  constructor(
    readonly device: string,
    readonly member: string,
    hubUrl: string,
    options: { fetch?: HubFetch; startMillis?: number; pushBatchSize?: number; pullPageSize?: number } = {},
  ) {
    let millis = options.startMillis ?? 1_436_745_600_000;
    this.clock = new HybridLogicalClock(device, () => (millis += 7));
    this.client = createHubClient({
      baseUrl: hubUrl,
      fetch: options.fetch ?? platformFetch,
      pushBatchSize: options.pushBatchSize,
      pullPageSize: options.pullPageSize,
    });
  }

  private record(entity: EntityName, id: string, field: string, value: JsonValue, base: string | null): Change {
    const change = ChangeSchema.parse({ entity, id, missionId: MISSION, field, value, hlc: this.clock.tick(), device: this.device, member: this.member, base });
    this.changes.push(change);
    return change;
  }

  create(entity: EntityName, id: string, fields: Record<string, JsonValue>): Change {
    return this.record(entity, id, CREATED_FIELD, fields, null);
  }

  edit(entity: EntityName, id: string, field: string, value: JsonValue, base: string | null): Change {
    return this.record(entity, id, field, value, base);
  }

  /** What the repository's applyChanges does to the log: add what is new, advance the clock. */
  receive(incoming: readonly Change[]): number {
    const known = new Set(this.changes.map((change) => change.hlc));
    let added = 0;
    for (const change of incoming) {
      if (known.has(change.hlc)) continue;
      known.add(change.hlc);
      this.changes.push(change);
      this.clock.receive(change.hlc);
      added += 1;
    }
    return added;
  }

  vector(): VersionVector {
    return vectorOf(this.changes);
  }

  /** One sync round: pull what the hub has, then push what it lacks, then the attachments it lacks. */
  async sync(): Promise<void> {
    const pulled = await this.client.pull(MISSION, this.vector(), { onPage: (page) => void this.receive(page.changes) });
    await this.client.push(MISSION, changesSince(this.changes, pulled.hubVector));
    const missing = await this.client.missingAttachments(MISSION, [...this.attachments.keys()]);
    for (const sha256 of missing) {
      const bytes = this.attachments.get(sha256);
      if (bytes) await this.client.putAttachment(MISSION, bytes);
    }
  }

  /** Every entity as the change log determines it, by "entity/id". */
  state(): Record<string, MaterializedEntity> {
    const byEntity = new Map<string, Change[]>();
    for (const change of this.changes) {
      const key = `${change.entity}/${change.id}`;
      byEntity.set(key, [...(byEntity.get(key) ?? []), change]);
    }
    const state: Record<string, MaterializedEntity> = {};
    for (const [key, changes] of [...byEntity.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const entity = materializeEntity(changes);
      if (entity) state[key] = entity;
    }
    return state;
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): unknown;
}

/**
 * A request exactly as given: fetch() would normalise "/../" away and refuse some headers.
 * `body` may be an async generator, written chunk by chunk (a body larger than it declares or
 * than the hub accepts). It is handed a promise that settles once the whole answer has been
 * read, so it can hold the rest of the body back until the hub has answered: a hub that waited
 * for that rest would never answer.
 */
export function rawRequest(
  baseUrl: string,
  target: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Uint8Array | ((answered: Promise<void>) => AsyncIterable<Uint8Array>);
    /** Another loopback address to send from (127.0.0.2, …): another device, as the hub sees it. */
    localAddress?: string;
  } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  let markAnswered: () => void = () => undefined;
  const answered = new Promise<void>((settle) => {
    markAnswered = settle;
  });
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: target, method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        markAnswered();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) as unknown });
      });
      res.on('error', reject);
    });
    // The hub may answer and close before the whole body is out: that is what is being tested.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const body = options.body;
    if (body === undefined) req.end();
    else if (body instanceof Uint8Array) req.end(body);
    else {
      void (async () => {
        for await (const chunk of body(answered)) {
          if (req.destroyed) return;
          if (!req.write(chunk)) {
            await new Promise((resume) => {
              req.once('drain', resume);
              req.once('close', resume);
            });
          }
        }
        req.end();
      })().catch(() => undefined);
    }
  });
}

export interface RecordedRequest {
  url: string;
  init: HubFetchInit;
}

/** A fetch that remembers every request, to replay one byte for byte. */
export function recordingFetch(): { fetch: HubFetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    fetch: (url, init) => {
      requests.push({ url, init: { ...init, headers: { ...init.headers } } });
      return platformFetch(url, init);
    },
  };
}

export function fixtureBytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 31 + seed * 17 + (index >> 8)) % 256);
}

/** The `mission-kit hub` command with a stop switch, a promise that it serves, and its printed lines. */
export function hubCommandHarness() {
  const printed: string[] = [];
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let announce: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (announce = resolve));
  const command = createHubCommand({
    startHub,
    waitForStop: () => {
      announce();
      return stopped;
    },
    print: (line) => printed.push(line),
    interfaces: networkInterfaces,
  });
  return { command, printed, stop, running };
}
