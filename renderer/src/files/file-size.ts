/**
 * File sizes as people read them in a file manager: decimal units (1 kB = 1,000 bytes), one
 * decimal at most, numbers and unit symbols in the reader's language ("7.4 kB" / "7,4 ko",
 * "1.2 MB" / "1,2 Mo"). Intl knows the symbols, so French gets "o", "ko", "Mo" without a
 * translation table. Every size the renderer shows goes through here, so one screen never
 * says "35 KiB" while another says "0 MB".
 */
const UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
const STEP = 1000;

function unitFormat(locale: string, unit: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
}

export function formatFileSize(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`A file size must be a whole number of bytes of zero or more, not ${bytes}.`);
  const whole = Math.round(bytes);
  if (whole < STEP) return formatBytes(whole, locale);
  let value = whole / STEP;
  let index = 0;
  // Move up a unit when rounding to one decimal would read "1,000 kB" instead of "1 MB".
  while (index < UNITS.length - 1 && Math.round(value * 10) / 10 >= STEP) {
    value /= STEP;
    index += 1;
  }
  return unitFormat(locale, UNITS[index] ?? 'terabyte').format(value);
}

/**
 * English CLDR spells the short byte unit as the word "byte" ("999 byte"); the symbol "B" is what
 * file managers show. Other languages already have a symbol there (French "o"), which is kept.
 */
function formatBytes(bytes: number, locale: string): string {
  return unitFormat(locale, 'byte')
    .formatToParts(bytes)
    .map((part) => (part.type === 'unit' && /^bytes?$/i.test(part.value) ? 'B' : part.value))
    .join('');
}
