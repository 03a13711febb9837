/** A narrative as paragraphs: blank lines separate them; single line breaks stay inside one; empty ones are dropped. */
export function narrativeParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.replace(/\r\n/g, '\n').trim())
    .filter((paragraph) => paragraph !== '');
}
