import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAppRequest } from '../../../main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/content-security-policy';
import { resolveRendererPath } from '../../../main/renderer-files';
import { APP_JS, createRendererFixture, INDEX_HTML, type RendererFixture } from './renderer-root';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let fixture: RendererFixture;
beforeAll(async () => {
  fixture = await createRendererFixture();
});
afterAll(() => fixture.cleanUp());

function get(url: string, method = 'GET'): Promise<Response> {
  return handleAppRequest({ url, method }, fixture.root);
}

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the strict policy, word for word', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });
});

describe('handleAppRequest', () => {
  it('serves index.html with the CSP', async () => {
    const response = await get('app://mission-kit/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves index.html for "/"', async () => {
    const response = await get('app://mission-kit/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves assets with their content type, ignoring query and fragment', async () => {
    const response = await get('app://mission-kit/assets/app.js?v=1#x');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.text()).toBe(APP_JS);
  });

  it('answers a missing file with 404 and the CSP', async () => {
    const response = await get('app://mission-kit/missing.js');
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('answers a folder with 404', async () => {
    expect((await get('app://mission-kit/assets')).status).toBe(404);
  });

  it.each([
    ['a dot-dot segment', 'app://mission-kit/../package.json'],
    ['an encoded dot-dot segment', 'app://mission-kit/%2e%2e/package.json'],
    ['an encoded dot-dot-slash', 'app://mission-kit/%2e%2e%2fpackage.json'],
    ['an encoded dot-dot-slash below a folder', 'app://mission-kit/assets/%2e%2e%2f%2e%2e%2fpackage.json'],
    ['an encoded backslash', 'app://mission-kit/..%5cpackage.json'],
    ['an encoded NUL', 'app://mission-kit/index.html%00.js'],
    ['malformed percent-encoding', 'app://mission-kit/%E0%A4%A'],
    ['a Windows drive', 'app://mission-kit/C:%5cWindows%5cwin.ini'],
  ])('refuses %s, with the CSP', async (_label, url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expectSecurityHeaders(response);
    expect(await response.text()).not.toContain(fixture.secret);
  });

  it.each([
    ['another host', 'app://evil.example/index.html'],
    ['a look-alike host', 'app://mission-kit.evil/index.html'],
    ['credentials', 'app://user@mission-kit/index.html'],
    ['another scheme', 'https://mission-kit/index.html'],
    ['not a URL', 'not a url'],
  ])('refuses %s, with the CSP', async (_label, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://mission-kit/index.html', 'POST');
    expect(response.status).toBe(405);
    expectSecurityHeaders(response);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://mission-kit/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('resolveRendererPath', () => {
  it('keeps every accepted path inside the root', () => {
    const resolved = resolveRendererPath('/srv/renderer', '/assets/app.js');
    expect(resolved).toEqual({ ok: true, filePath: expect.stringMatching(/renderer[\\/]assets[\\/]app\.js$/) });
  });

  it.each(['/..', '/a/../../b', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/./index.html', 'index.html', '/a%5c..%5c..%5cb'])(
    'refuses %s',
    (pathname) => {
      expect(resolveRendererPath('/srv/renderer', pathname).ok).toBe(false);
    },
  );
});
