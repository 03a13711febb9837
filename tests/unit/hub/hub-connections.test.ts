import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION_LIMITS, startHub, type HubConnectionLimits, type RunningHub } from '../../../main/hub/hub-server';
import { createHubClient } from '../../../shared/sync/hub-client';
import { CODE, MISSION, listFiles, makeHubFolder, platformFetch } from './hub-test-kit';

/**
 * What one connection may take: a stranger on the LAN must not tie the hub up with sockets
 * that send nothing, trickle, or just stay open. Every wait here is on an event (an answer, a
 * close); the limits are made short so that those events come fast.
 */

let folder: Awaited<ReturnType<typeof makeHubFolder>>;
let hub: RunningHub | undefined;
let logs: string[];
const logWaiters = new Set<() => void>();
const sockets: Socket[] = [];

beforeEach(async () => {
  folder = await makeHubFolder();
  logs = [];
  logWaiters.clear();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await hub?.close();
  hub = undefined;
  await folder.cleanUp();
});

async function start(limits: Partial<HubConnectionLimits>): Promise<RunningHub> {
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: folder.dataDir, pairingCode: CODE, log: (line) => {
      logs.push(line);
      for (const waiter of [...logWaiters]) waiter();
    },
    limits: { checkIntervalMs: 50, ...limits } });
  return hub;
}

/** A raw connection, from another loopback address if given, recording what the hub sends and whether it closed. */
interface RawSocket {
  socket: Socket;
  received(): string;
  /** Settles once the hub has closed (or reset) the connection. */
  closed: Promise<void>;
  /** Settles once this much has arrived, or the connection closed. */
  answered: Promise<void>;
}

function open(hubUrl: string, localAddress = '127.0.0.1'): Promise<RawSocket> {
  const { port } = new URL(hubUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress });
    sockets.push(socket);
    let text = '';
    let markAnswered: () => void = () => undefined;
    const answered = new Promise<void>((settle) => (markAnswered = settle));
    const closed = new Promise<void>((settle) => socket.once('close', () => settle()));
    void closed.then(() => markAnswered());
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) markAnswered();
    });
    // A reset counts as closed; the test looks at what arrived.
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => text, closed, answered }));
    socket.once('error', reject);
  });
}

// Each hub start and pairing runs PBKDF2 (600,000 iterations): seconds on a loaded two-core machine.
const SLOW = { timeout: 30_000 };

describe('per-connection limits', SLOW, () => {
  it('130 stalled sockets from one address cannot shut out a device at another: past 16 they get 503 at once', async () => {
    // Timeouts long enough that only the per-address cap can let the device in.
    const running = await start({ headersTimeoutMs: 60_000, requestTimeoutMs: 120_000 });
    // Stalled before their headers: they connect and send nothing.
    const attacker = await Promise.all(Array.from({ length: 130 }, () => open(running.url, '127.0.0.2')));
    // Wait until the hub has turned away everything past the cap: each gets its 503 and a close.
    const cap = DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress;
    await new Promise<void>((settle) => {
      let closed = 0;
      for (const raw of attacker) {
        void raw.closed.then(() => {
          closed += 1;
          if (closed === 130 - cap) settle();
        });
      }
    });
    expect(attacker.filter((raw) => raw.received().startsWith('HTTP/1.1 503'))).toHaveLength(130 - cap);
    expect(attacker.find((raw) => raw.received().startsWith('HTTP/1.1 503'))?.received()).toContain('Too many connections from this address; try again.');

    // The 16 held sockets are still open, and a device from 127.0.0.1 pairs and syncs at once.
    expect(attacker.filter((raw) => !raw.socket.destroyed && raw.received() === '')).toHaveLength(DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress);
    const client = createHubClient({ baseUrl: running.url, fetch: platformFetch });
    await client.pair(CODE, 'dev-real', null);
    await expect(client.pull(MISSION, {})).resolves.toMatchObject({ changes: [] });
  });

  it('closes a connection whose headers do not arrive in time, with 408', async () => {
    const running = await start({ headersTimeoutMs: 300, requestTimeoutMs: 60_000 });
    const silent = await open(running.url);
    const partial = await open(running.url);
    partial.socket.write('POST /pair HTTP/1.1\r\nHost: hub\r\n');
    await Promise.all([silent.closed, partial.closed]);
    expect(silent.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(partial.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 to a body that stalls and closes the connection; nothing is counted or stored', async () => {
    const running = await start({ bodyIdleTimeoutMs: 200, requestTimeoutMs: 60_000 });
    const before = await listFiles(folder.dataDir);
    const slow = await open(running.url);
    slow.socket.write('POST /pair HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"device":');
    await slow.closed;
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.received()).toContain('"error":"request-timeout"');
    expect(slow.received()).toContain('The request body stalled (nothing arrived for 200 ms); nothing was done.');
    expect(await listFiles(folder.dataDir)).toEqual(before);
  });

  it('closes a body that trickles in forever, once the whole request has taken too long', async () => {
    const running = await start({ bodyIdleTimeoutMs: 60_000, requestTimeoutMs: 500 });
    const trickle = await open(running.url);
    trickle.socket.write('POST /pair HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n');
    // A byte every 20 ms (never idle long) until the hub gives up; at most 1,000 bytes whatever happens.
    for (let sent = 0; sent < 1000 && !trickle.socket.destroyed && trickle.received() === ''; sent += 1) {
      trickle.socket.write(' ');
      await new Promise<void>((resume) => setTimeout(resume, 20));
    }
    await trickle.closed;
    expect(trickle.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a kept-alive connection that sits idle', async () => {
    const running = await start({ keepAliveTimeoutMs: 100 });
    const idle = await open(running.url);
    idle.socket.write('GET /pair HTTP/1.1\r\nHost: hub\r\nConnection: keep-alive\r\n\r\n');
    await idle.closed;
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(idle.received()).toMatch(/keep-alive/i);
  });
});

describe('a device that disconnects', SLOW, () => {
  it('is logged as a disconnect, not as an internal error', async () => {
    const running = await start({});
    const leaving = await open(running.url);
    leaving.socket.write('POST /pair HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"device":');
    // The body is on its way; the device goes away before the rest.
    await new Promise<void>((resume) => leaving.socket.write('"dev', () => resume()));
    leaving.socket.destroy();
    const line = await waitForLog((entry) => entry.includes('disconnected'));
    expect(line).toMatch(/^A device at 127\.0\.0\.1 disconnected before its request \(POST \/pair\) was complete; nothing was done\.$/);
    expect(logs.filter((entry) => entry.includes('Internal error'))).toEqual([]);
  });
});

/** Resolves with the first log line that matches, now or when it is logged. */
function waitForLog(match: (line: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const check = (): void => {
      const found = logs.find(match);
      if (found === undefined) return;
      logWaiters.delete(check);
      resolve(found);
    };
    logWaiters.add(check);
    check();
  });
}
