import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/content-security-policy';
import { startWebServer, type RunningWebServer } from '../../../main/web-server';
import { createRendererFixture, INDEX_HTML, type RendererFixture } from './renderer-root';

let fixture: RendererFixture;
let server: RunningWebServer;

beforeAll(async () => {
  fixture = await createRendererFixture();
  server = await startWebServer({ root: fixture.root, port: 0 });
});
afterAll(async () => {
  await server.close();
  await fixture.cleanUp();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: fetch() would normalise "/../" away before sending it. */
function rawGet(target: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: target, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startWebServer', () => {
  it('binds 127.0.0.1 on the port it chose and reports it', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toBe('http://127.0.0.1:0/');
  });

  it('serves index.html with the CSP', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('answers a missing file with 404 and the CSP', async () => {
    const response = await rawGet('/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['/../package.json', '/assets/../../package.json', '/%2e%2e%2fpackage.json', '/..%5cpackage.json', '//../package.json'])(
    'refuses %s, with the CSP',
    async (target) => {
      const response = await rawGet(target);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.body).not.toContain(fixture.secret);
    },
  );

  it('refuses proxy-style absolute targets', async () => {
    const response = await rawGet('http://example.com/index.html');
    expect(response.status).toBe(400);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await rawGet('/index.html', 'DELETE');
    expect(response.status).toBe(405);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
