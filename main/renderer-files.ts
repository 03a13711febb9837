import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from './content-security-policy';
import { contentTypeFor } from './content-types';

/**
 * Serving the built renderer from disk, shared by the app:// protocol (Electron) and the
 * static web server (browser fallback, end-to-end tests) so both refuse the same requests.
 */

export type ResolvedRendererPath =
  | { ok: true; filePath: string }
  | { ok: false; status: 400 | 403; reason: string };

/**
 * Maps the still-percent-encoded path of a request URL to a file under `root`, or refuses it.
 * Pure: touches no file. Every check runs on the DECODED path, because that is what reaches
 * the file system (`%2e%2e%2f` is `../` once decoded, `%5c` a Windows separator).
 */
export function resolveRendererPath(root: string, encodedPathname: string): ResolvedRendererPath {
  if (!encodedPathname.startsWith('/')) return { ok: false, status: 400, reason: 'path must start with "/"' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  // Backslash is a separator on Windows, ':' switches drives there, NUL truncates paths in C
  // APIs: none appears in a Vite build's file names, so refusing them everywhere costs nothing.
  if (/[\\:\0]/.test(decoded)) return { ok: false, status: 403, reason: 'forbidden character in path' };

  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const segments = relative.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, status: 403, reason: 'path traversal' };
  }

  const absoluteRoot = path.resolve(root);
  const filePath = path.resolve(absoluteRoot, ...segments);
  // Belt and braces: whatever slipped through above must still land inside the root.
  const fromRoot = path.relative(absoluteRoot, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  return { ok: true, filePath };
}

/** A transport-neutral response: app-protocol turns it into a Fetch `Response`, web-server into `res.end`. */
export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  // ArrayBuffer-backed, as Fetch's BodyInit requires.
  body: Uint8Array<ArrayBuffer>;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  500: 'Internal error',
};

export function rendererErrorResponse(status: number, extraHeaders: Record<string, string> = {}): RendererResponse {
  return {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders },
    body: new TextEncoder().encode(`${STATUS_TEXT[status] ?? 'Error'}\n`),
  };
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Reads the file a request asks for; every outcome, errors included, carries the security headers. */
export async function serveRendererFile(root: string, method: string, encodedPathname: string): Promise<RendererResponse> {
  if (method !== 'GET' && method !== 'HEAD') return rendererErrorResponse(405, { Allow: 'GET, HEAD' });

  const resolved = resolveRendererPath(root, encodedPathname);
  if (!resolved.ok) return rendererErrorResponse(resolved.status);

  try {
    const info = await stat(resolved.filePath);
    if (!info.isFile()) return rendererErrorResponse(404);
    const body = method === 'HEAD' ? new Uint8Array(0) : await readFile(resolved.filePath);
    return {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': contentTypeFor(resolved.filePath),
        'Content-Length': String(info.size),
      },
      body,
    };
  } catch (error) {
    return rendererErrorResponse(isMissingFileError(error) ? 404 : 500);
  }
}
