/**
 * The fetch main gives the hub client: every request checked and pinned to a local address,
 * no redirect followed, answers bounded in size and in silence. Against servers on loopback;
 * the refused cases must not reach any server (nor the platform fetch) at all.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HubAddressRefusal, type HostLookup } from '../../../main/hub-address';
import { createLocalHubFetch, type PlatformFetch } from '../../../main/local-hub-fetch';

interface Seen {
  method: string;
  url: string;
  host: string;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
});

/** A server on 127.0.0.1 that records each request and answers with `answer`. */
async function loopbackServer(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', host: request.headers.host ?? '', body: Buffer.concat(chunks).toString('utf8') });
      answer(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { port: (server.address() as AddressInfo).port, seen };
}

const noLookup: HostLookup = () => Promise.reject(new Error('an IP literal must not be resolved'));
const platformFetch: PlatformFetch = (url, init) => fetch(url, init);
const text = async (response: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<string> => Buffer.from(await response.arrayBuffer()).toString('utf8');

async function refusalOf(promise: Promise<unknown>): Promise<HubAddressRefusal> {
  const error: unknown = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof HubAddressRefusal)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('createLocalHubFetch', () => {
  it('sends the request to the local address and port given, and returns the whole answer', async () => {
    const hub = await loopbackServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    const hubFetch = createLocalHubFetch({ lookup: noLookup, fetch: platformFetch });
    const response = await hubFetch(`http://127.0.0.1:${hub.port}/pair?x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await text(response)).toBe('{"ok":true}');
    expect(hub.seen).toEqual([{ method: 'POST', url: '/pair?x=1', host: `127.0.0.1:${hub.port}`, body: '{"a":1}' }]);
  });

  it('connects a host name to the local address it resolved to, checking it again at every request', async () => {
    const hub = await loopbackServer((_request, response) => response.writeHead(200).end('hello'));
    // A DNS server that answers "local" first, then a public address (DNS rebinding).
    const lookup = vi.fn<HostLookup>().mockResolvedValueOnce(['127.0.0.1']).mockResolvedValue(['93.184.216.34']);
    const platform = vi.fn(platformFetch);
    const hubFetch = createLocalHubFetch({ lookup, fetch: platform });

    expect(await text(await hubFetch(`http://hub.test:${hub.port}/pair`, { method: 'GET', headers: {} }))).toBe('hello');
    expect(platform).toHaveBeenCalledWith(`http://127.0.0.1:${hub.port}/pair`, expect.objectContaining({ redirect: 'manual' }));

    const refused = await refusalOf(hubFetch(`http://hub.test:${hub.port}/pair`, { method: 'GET', headers: {} }));
    expect(refused.code).toBe('hub-not-local');
    expect(refused.message).toContain('hub.test (93.184.216.34) is not on a local network');
    expect(platform).toHaveBeenCalledTimes(1);
    expect(hub.seen).toHaveLength(1);
  });

  it.each([
    ['a public IP address', 'http://93.184.216.34:7420/pair', noLookup],
    ['a host name resolving to a public address', 'http://hub.example:7420/pair', (() => Promise.resolve(['8.8.8.8'])) satisfies HostLookup],
  ])('refuses %s without calling fetch', async (_label, url, lookup) => {
    const platform = vi.fn(platformFetch);
    const refused = await refusalOf(createLocalHubFetch({ lookup, fetch: platform })(url, { method: 'GET', headers: {} }));
    expect(refused.code).toBe('hub-not-local');
    expect(platform).not.toHaveBeenCalled();
  });

  it.each([301, 302, 307, 308])('does not follow a %i redirect, even to another local port', async (status) => {
    const elsewhere = await loopbackServer((_request, response) => response.writeHead(200).end('followed'));
    const redirecting = await loopbackServer((_request, response) => response.writeHead(status, { location: `http://127.0.0.1:${elsewhere.port}/pair` }).end());
    const hubFetch = createLocalHubFetch({ lookup: noLookup, fetch: platformFetch });

    const refused = await refusalOf(hubFetch(`http://127.0.0.1:${redirecting.port}/pair`, { method: 'POST', headers: {}, body: '{}' }));
    expect(refused.code).toBe('hub-redirect');
    expect(refused.message).toContain(`answered with a redirect to http://127.0.0.1:${elsewhere.port}/pair`);
    expect(redirecting.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });

  it.each([
    ['declared', true],
    ['chunked, with no length given', false],
  ])('refuses an answer larger than its cap, %s', async (_label, declared) => {
    const hub = await loopbackServer((_request, response) => {
      const body = Buffer.alloc(64 * 1024, 1);
      response.writeHead(200, declared ? { 'content-length': String(body.length) } : {});
      // Several writes, so that the chunked answer comes in parts.
      for (let offset = 0; offset < body.length; offset += 8 * 1024) response.write(body.subarray(offset, offset + 8 * 1024));
      response.end();
    });
    const hubFetch = createLocalHubFetch({ lookup: noLookup, fetch: platformFetch, maxAnswerBytes: 16 * 1024 });
    await expect(hubFetch(`http://127.0.0.1:${hub.port}/pull`, { method: 'GET', headers: {} })).rejects.toThrow(
      `the hub at http://127.0.0.1:${hub.port} sent an answer larger than 16 KiB`,
    );
  });

  it('gives up on a hub that accepts the request and never answers', async () => {
    const hub = await loopbackServer(() => undefined);
    const hubFetch = createLocalHubFetch({ lookup: noLookup, fetch: platformFetch, idleTimeoutMs: 100 });
    await expect(hubFetch(`http://127.0.0.1:${hub.port}/pull`, { method: 'GET', headers: {} })).rejects.toThrow(`the hub at http://127.0.0.1:${hub.port} sent nothing for 100 ms`);
    expect(hub.seen).toHaveLength(1);
  });
});
