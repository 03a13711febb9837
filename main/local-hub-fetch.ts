import type { HubFetch, HubFetchInit, HubFetchResponse } from '../shared/sync/hub-client';
import { MAX_ATTACHMENT_BYTES, MAX_JSON_BODY_BYTES, SEAL_OVERHEAD_BYTES } from '../shared/sync/hub-protocol';
import { HubAddressRefusal, pinHubAddress, type HostLookup } from './hub-address';

/** The platform's fetch, as far as this module uses it. */
export type PlatformFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface LocalHubFetchOptions {
  lookup: HostLookup;
  /** The platform's fetch (looked up at each call in main, so a test can stand in for it). */
  fetch: PlatformFetch;
  /** How long the hub may stay silent (before answering, or between two parts of its answer). */
  idleTimeoutMs?: number;
  /** The largest answer read into memory; more is refused. */
  maxAnswerBytes?: number;
}

/**
 * The largest answer a hub sends: an attachment, or a pull page (a few MiB of changes plus one
 * change as large as a push may carry), each sealed. Twice that bound is still far from what a
 * laptop can hold, and a hostile hub cannot make main read more.
 */
export const MAX_HUB_ANSWER_BYTES = MAX_ATTACHMENT_BYTES + MAX_JSON_BODY_BYTES + SEAL_OVERHEAD_BYTES;
const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * The fetch main gives the hub client. Every request, pairing and sync alike, goes through
 * `pinHubAddress`: to a local-network address and the port in the URL, never anywhere else,
 * whatever URL the client was built with. Redirects are not followed (a hub has no reason to
 * send one, and following it would leave the checked address); an answer is read with a size
 * cap and an idle timeout, so a hostile or stuck hub can neither fill memory nor hang a sync.
 */
export function createLocalHubFetch(options: LocalHubFetchOptions): HubFetch {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const maxAnswerBytes = options.maxAnswerBytes ?? MAX_HUB_ANSWER_BYTES;

  return async (url: string, init: HubFetchInit): Promise<HubFetchResponse> => {
    const target = new URL(url);
    const pinned = await pinHubAddress(url, options.lookup);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const rearm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new Error(`the hub at ${pinned.origin} sent nothing for ${duration(idleTimeoutMs)}`)), idleTimeoutMs);
    };
    try {
      rearm();
      const response = await options.fetch(`${pinned.connectOrigin}${target.pathname}${target.search}`, {
        method: init.method,
        headers: init.headers,
        body: init.body ?? null,
        redirect: 'manual',
        signal: controller.signal,
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location') ?? '(no address given)';
        throw new HubAddressRefusal(
          'hub-redirect',
          `The hub at ${pinned.origin} answered with a redirect to ${location}; Mission Kit follows no redirect, so it talks only to the address typed.`,
        );
      }
      const bytes = await readAtMost(response, maxAnswerBytes, rearm, pinned.origin);
      return { status: response.status, headers: response.headers, arrayBuffer: () => Promise.resolve(bytes.buffer) };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The whole body, or an error as soon as it passes `max` bytes; `progress` runs at each part. */
async function readAtMost(response: Response, max: number, progress: () => void, origin: string): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = (): Error => new Error(`the hub at ${origin} sent an answer larger than ${size(max)}`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    progress();
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
