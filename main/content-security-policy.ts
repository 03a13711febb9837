/**
 * The one Content-Security-Policy for the renderer, sent by the app:// protocol and by the
 * browser-fallback web server alike, so the page runs under the same rules in both.
 * No remote origins at all: the app works offline and must not phone home. `'unsafe-inline'`
 * for styles only, because React style attributes need it; scripts stay strict.
 * `frame-src blob:` lets the evidence viewer show a stored PDF in Chromium's own viewer from an
 * object URL the page made itself; no web address can be framed, and nothing else is a frame.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every renderer response carries, errors included (an error page is a page too). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
});
