import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../renderer/', import.meta.url));

/**
 * Emoji used as icons render as empty boxes on Linux desktops without a colour emoji font, and a
 * screen reader reads out their long names. Icons come from lucide-react instead. Pictographs
 * are caught by their Unicode property, plus the variation selector that asks for emoji style.
 */
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{1F1E6}-\u{1F1FF}]/gu;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(tsx?|json|css|html)$/.test(name) ? [path] : [];
  });
}

describe('no emoji in the renderer', () => {
  it('finds an emoji when one is there, so a pass below means something', () => {
    expect('<span>\u{1F4C4}</span> \u{1F4CE} \u{2705}\u{FE0F}'.match(EMOJI)).toHaveLength(4);
    expect('← → − … « » · %'.match(EMOJI)).toBeNull();
  });

  it('no source, style, page or translation of the renderer contains one', () => {
    const found: string[] = [];
    for (const path of files(ROOT)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const match of line.match(EMOJI) ?? []) {
            found.push(`${relative(ROOT, path)}:${index + 1} U+${match.codePointAt(0)?.toString(16).toUpperCase()}`);
          }
        });
    }
    expect(found).toEqual([]);
  });
});
