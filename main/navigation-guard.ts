import { isAppUrl } from './app-origin';
import { toAllowedExternalUrl } from './external-links';

/** The part of an Electron navigation event the guard reads. */
export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** The part of `WebContents` the guard needs; a real `WebContents` satisfies it. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type OpenExternal = (url: string) => Promise<void>;

/** Hands an allow-listed link to the system browser; anything else is dropped silently. */
function openIfAllowed(url: string, openExternal: OpenExternal): void {
  const allowed = toAllowedExternalUrl(url);
  if (allowed === null) return;
  // Nothing useful to do if the OS has no browser; the page must not crash because of it.
  openExternal(allowed).catch(() => undefined);
}

/**
 * Keeps a web contents on our own origin for its whole life. Leaving app://mission-kit would
 * hand a page that has the bridge to whatever site it reached (and a page from elsewhere
 * could then call the bridge). Links to allow-listed sites open in the system browser instead.
 */
export function attachNavigationGuard(contents: GuardedContents, openExternal: OpenExternal): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // A plain <a href> without target=_blank: treat it like window.open.
    openIfAllowed(event.url, openExternal);
  });
  // Our protocol never redirects, so a redirect elsewhere is refused, not followed outside.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });

  // No second window, ever: pop-ups would need their own guard and preload decisions.
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, openExternal);
    return { action: 'deny' };
  });
}
