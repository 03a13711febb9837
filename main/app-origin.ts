/**
 * The renderer's origin. IndexedDB (all of a user's mission data) is keyed by it, so these
 * values are decided once and must never change between releases.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mission-kit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` belongs to our app:// origin. Compares parsed parts rather than
 * `URL.origin`: Node's URL does not know `app` is a registered standard scheme and reports an
 * opaque "null" origin for it, and a prefix test would accept `app://mission-kit.evil/`.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * True for an object URL the app's own page made (`blob:app://mission-kit/<uuid>`): the evidence
 * viewer shows a stored PDF in a frame from one. A blob URL names its creator's origin after
 * `blob:`, and only a page of that origin can create one under it.
 */
export function isOwnBlobUrl(url: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}

/**
 * Chromium's built-in PDF viewer, an extension compiled into the browser (Electron's included)
 * with this fixed id. It renders a PDF shown in a frame; it is not a web page.
 */
export const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai';
