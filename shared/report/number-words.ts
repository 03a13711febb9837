const WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
] as const;

/**
 * A count as the Commission's reports write it in running text: words up to twenty ("fourteen
 * of the fifteen"), digits above ("87 of the 95"). Anything that is not a whole number from 0 to
 * 20 is written in digits, so a bad count is visible rather than mis-spelled.
 */
export function numberWord(count: number): string {
  if (Number.isInteger(count) && count >= 0 && count < WORDS.length) return WORDS[count] ?? String(count);
  return formatNumber(count);
}

/**
 * A number with thousands separators, as English-language reports print them: "1,542",
 * "1,602,453", "3.2". Written by hand rather than with Intl so the output does not depend on the
 * ICU data a runtime happens to ship.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  const [whole = '0', fraction] = String(Math.abs(value)).split('.');
  if (/e/i.test(whole)) return sign + whole; // astronomically large: leave the exponent form alone
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? sign + grouped : `${sign}${grouped}.${fraction}`;
}

/** "1 recommendation", "8 recommendations": digits, as the seed's conclusion writes these counts. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}
