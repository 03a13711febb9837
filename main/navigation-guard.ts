import { PDF_VIEWER_ORIGIN, isAppUrl, isOwnBlobUrl } from './app-origin';
import { toAllowedExternalUrl } from './external-links';

/** The part of an Electron navigation event the guard reads. */
export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** `will-frame-navigate` also says which frame is moving. */
export interface FrameNavigationEvent extends NavigationEvent {
  readonly isMainFrame: boolean;
}

/** The part of `WebContents` the guard needs; a real `WebContents` satisfies it. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
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
 * The frames the evidence viewer needs for a PDF: the object URL of the stored bytes, which the
 * app's page made itself, and Chromium's PDF viewer that then draws it. Subframes only.
 */
function isPdfViewerFrame(url: string): boolean {
  return isOwnBlobUrl(url) || url.startsWith(`${PDF_VIEWER_ORIGIN}/`);
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
  // 'will-navigate' only sees the main frame. Subframes are held to the same origin here (the
  // CSP's frame-src already refuses other origins; this does not depend on it). Main-frame
  // navigations are left to 'will-navigate': Electron emits this event first and skips
  // 'will-navigate' once it is prevented, so preventing them here would stop allow-listed
  // links from opening in the browser.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url) && !isPdfViewerFrame(event.url)) event.preventDefault();
  });
  // Our protocol never redirects, so a redirect elsewhere is refused, not followed outside.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // The app uses no <webview> and the window disables the tag; should that ever change, a guest
  // page must not be attached with preferences nobody reviewed.
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // No second window, ever: pop-ups would need their own guard and preload decisions.
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, openExternal);
    return { action: 'deny' };
  });
}
