import { isAppUrl } from './app-origin';
import { rendererErrorResponse, serveRendererFile, type RendererResponse } from './renderer-files';

/** The parts of a Fetch `Request` the handler reads; Electron's `protocol.handle` passes a full one. */
export interface AppRequest {
  url: string;
  method: string;
}

function toFetchResponse(response: RendererResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

/**
 * The app:// scheme: maps `app://mission-kit/<path>` to a file of the built renderer.
 * Requests for another host are refused rather than served from the same folder, so the
 * renderer can never run under a second origin with its own, empty, IndexedDB.
 */
export async function handleAppRequest(request: AppRequest, rendererRoot: string): Promise<Response> {
  if (!isAppUrl(request.url)) return toFetchResponse(rendererErrorResponse(404));
  // isAppUrl has parsed it already; `pathname` keeps the percent-encoding for the resolver.
  const { pathname } = new URL(request.url);
  return toFetchResponse(await serveRendererFile(rendererRoot, request.method, pathname));
}
