import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [path.relative(root, file)] : [];
  });
}

const files = ['shared', 'main', 'renderer/src'].flatMap((dir) => sourceFiles(path.join(root, dir)));
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const using = (pattern: RegExp): string[] => files.filter((file) => pattern.test(read(file))).sort();

/**
 * The sanitiser and the check guard every report only while there is one way into a .docx:
 * a model passed through `xmlSafeModel` on its way into a `Document`, and `packDocument`,
 * which checks what it packs. A second way in would skip them without any test noticing.
 */
describe('the one way into a Word document', () => {
  it('is through shared/report alone', () => {
    expect(using(/from 'docx'/)).toEqual(['shared/report/docx-house-style.ts', 'shared/report/render-expert-report.ts', 'shared/report/render-mission-report.ts']);
  });

  it('makes each document from a model passed through xmlSafeModel first', () => {
    expect(using(/new Document\(/)).toEqual(['shared/report/render-expert-report.ts', 'shared/report/render-mission-report.ts']);
    for (const file of using(/new Document\(/)) {
      const text = read(file);
      const builders = [...text.matchAll(/export function \w+Document\(unsafeModel: \w+\): Document \{\n {2}const model = xmlSafeModel\(unsafeModel\);/g)];
      expect(builders, file).toHaveLength(1);
      expect(text.match(/new Document\(/g), file).toHaveLength(1);
    }
  });

  it('packs in one place, which checks every part', () => {
    expect(using(/Packer\./)).toEqual(['shared/report/docx-house-style.ts']);
    expect(read('shared/report/docx-house-style.ts')).toMatch(/const bytes = new Uint8Array\(await Packer\.toArrayBuffer\(document\)\);\n {2}assertWellFormedDocx\(bytes\);\n {2}return bytes;/);
    expect(read('shared/report/docx-house-style.ts').match(/Packer\./g)).toHaveLength(1);
  });
});
