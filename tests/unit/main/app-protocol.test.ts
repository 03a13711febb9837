import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAppRequest } from '../../../main/app-protocol';
import { resolveRendererPath } from '../../../main/renderer-files';
import { APP_JS, createRendererFixture, INDEX_HTML, type RendererFixture } from './renderer-root';

// What the handler serves. That every answer, refusals included, carries the CSP, and that
// traversals and other hosts are refused, is checked through main's wiring in
// hardening-rules.test.ts.

let fixture: RendererFixture;
beforeAll(async () => {
  fixture = await createRendererFixture();
});
afterAll(() => fixture.cleanUp());

function get(url: string, method = 'GET'): Promise<Response> {
  return handleAppRequest({ url, method }, fixture.root);
}

describe('handleAppRequest', () => {
  it('serves index.html', async () => {
    const response = await get('app://mission-kit/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
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
    expect(await response.text()).toBe(APP_JS);
  });

  it('answers a folder with 404', async () => {
    expect((await get('app://mission-kit/assets')).status).toBe(404);
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
