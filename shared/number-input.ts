/**
 * Numbers as experts type them: "1,542" in English, "1 542" or "1 542,5" in French. Returns
 * null when the text is not a number, so the form can keep it as a draft and say so.
 */
export function parseLocalisedNumber(text: string, language: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const decimalComma = language.startsWith('fr');
  // Spaces (including the no-break and narrow no-break spaces French uses) group thousands.
  let normalised = trimmed.replace(/[\s\u00a0\u202f]/g, '');
  if (decimalComma) {
    normalised = normalised.replace(/\./g, '').replace(',', '.');
  } else {
    if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(normalised)) return null;
    normalised = normalised.replace(/,/g, '');
  }
  if (!/^[-+]?\d+(\.\d+)?$/.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}
