import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openDocx, packageProblems, paragraphTexts, wellFormednessProblems } from './docx-reading';

/** The checks the report tests rely on must themselves catch broken documents. */
describe('docx reading helpers', () => {
  it('extracts paragraph text with entities decoded', () => {
    expect(paragraphTexts('<w:body><w:p><w:r><w:t>Merdare/Merdar&#235;</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; more</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>x</w:t><w:br/><w:t>y</w:t></w:r></w:p></w:body>')).toEqual([
      'Merdare/Merdarë & more',
      '',
      'x\ny',
    ]);
  });

  it('finds crossed, unclosed and unknown-entity XML', () => {
    expect(wellFormednessProblems('<?xml version="1.0"?><a><b>text &amp; more</b></a>')).toEqual([]);
    expect(wellFormednessProblems('<a><b></a></b>')).not.toEqual([]);
    expect(wellFormednessProblems('<a><b></b>')).not.toEqual([]);
    expect(wellFormednessProblems('<a>Tom & Jerry</a>')).not.toEqual([]);
    expect(wellFormednessProblems('<a x="1" x="2"/>')).not.toEqual([]);
    expect(wellFormednessProblems('<a/><b/>')).not.toEqual([]);
  });

  it('finds missing parts and dangling relationships', () => {
    const zip = zipSync({
      '[Content_Types].xml': strToU8('<Types><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="r"/><Override PartName="/word/missing.xml" ContentType="x"/></Types>'),
      '_rels/.rels': strToU8('<Relationships><Relationship Id="r1" Target="word/document.xml"/></Relationships>'),
      'word/document.xml': strToU8('<w:document/>'),
      'word/_rels/document.xml.rels': strToU8('<Relationships><Relationship Id="r1" Target="media/image1.png"/><Relationship Id="r2" Target="https://example.org" TargetMode="External"/></Relationships>'),
      'word/media/photo.jpeg': new Uint8Array([1]),
    });
    expect(packageProblems(openDocx(zip))).toEqual([
      '[Content_Types].xml lists word/missing.xml, which is not in the package',
      'word/media/photo.jpeg has no content type',
      'word/_rels/document.xml.rels points to media/image1.png (word/media/image1.png), which is not in the package',
    ]);
  });
});
