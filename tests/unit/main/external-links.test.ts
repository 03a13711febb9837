import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, toAllowedExternalUrl } from '../../../main/external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://europa.eu',
    'https://ec.europa.eu',
    'https://ec.europa.eu/home-affairs/policies_en',
    'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018R1806',
    'https://EC.EUROPA.EU/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://ec.europa.eu'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['a custom scheme', 'ms-msdt://europa.eu'],
    ['a look-alike host', 'https://europa.eu.evil.com'],
    ['a host merely ending in the name', 'https://noteuropa.eu'],
    ['credentials', 'https://user:pw@europa.eu'],
    ['a username hiding the real host', 'https://europa.eu@evil.example/'],
    ['a non-default port', 'https://europa.eu:8443/'],
    ['not a URL', 'europa.eu'],
    ['the empty string', ''],
    ['an over-long URL', `https://europa.eu/${'a'.repeat(2048)}`],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('returns the normalised URL, so what was checked is what gets opened', () => {
    expect(toAllowedExternalUrl('https://EC.europa.eu/a b')).toBe('https://ec.europa.eu/a%20b');
  });
});
