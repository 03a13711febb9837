import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../renderer/src/files/file-size';

// French separates number and unit with a narrow no-break space; compare on plain spaces.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('file sizes per locale', () => {
  it.each([
    [0, '0 B', '0 o'],
    [999, '999 B', '999 o'],
    [1000, '1 kB', '1 ko'],
    [7400, '7.4 kB', '7,4 ko'],
    [9_987, '10 kB', '10 ko'],
    [35_840, '35.8 kB', '35,8 ko'],
    [999_949, '999.9 kB', '999,9 ko'],
    // Would round to "1,000 kB": shown in the next unit up instead.
    [999_950, '1 MB', '1 Mo'],
    [1_000_000, '1 MB', '1 Mo'],
    [1_200_000, '1.2 MB', '1,2 Mo'],
    [25_000_000, '25 MB', '25 Mo'],
    [1_100_000_000, '1.1 GB', '1,1 Go'],
  ])('%d bytes read "%s" in English and "%s" in French', (bytes, english, french) => {
    expect(formatFileSize(bytes, 'en')).toBe(english);
    expect(plain(formatFileSize(bytes, 'fr'))).toBe(french);
  });

  it('groups thousands the way each language does', () => {
    expect(formatFileSize(1_234_500_000_000_000, 'en')).toBe('1,234.5 TB');
    expect(plain(formatFileSize(1_234_500_000_000_000, 'fr'))).toBe('1 234,5 To');
  });

  it('refuses a size that is no size, naming it', () => {
    expect(() => formatFileSize(-1, 'en')).toThrow('not -1');
    expect(() => formatFileSize(Number.NaN, 'en')).toThrow('not NaN');
  });
});
