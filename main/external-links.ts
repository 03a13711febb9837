/**
 * The only web sites Mission Kit will hand to the system browser. Anything opened by
 * `shell.openExternal` runs with the user's full rights (a `file:` or custom-scheme URL can
 * launch programs), so a compromised renderer must not choose freely. Each entry allows the
 * domain and its subdomains (europa.eu covers ec.europa.eu, eur-lex.europa.eu, frontex.europa.eu).
 */
const ALLOWED_DOMAINS: readonly string[] = ['europa.eu'];

const MAX_URL_LENGTH = 2048;

function isAllowedHost(hostname: string): boolean {
  return ALLOWED_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

/**
 * The normalised URL to open, or null when it is not allowed: https only, an allow-listed
 * host, the default port, no credentials (`https://europa.eu@evil.example` is a login on
 * evil.example). Callers open the returned string, not their input, so what was checked is
 * exactly what is opened.
 */
export function toAllowedExternalUrl(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.port !== '') return null;
  if (!isAllowedHost(parsed.hostname)) return null;
  return parsed.href;
}

export function isAllowedExternalUrl(url: string): boolean {
  return toAllowedExternalUrl(url) !== null;
}
