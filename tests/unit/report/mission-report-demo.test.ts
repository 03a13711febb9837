import { beforeAll, describe, expect, it } from 'vitest';
import { renderMissionReport } from '../../../shared/report';
import { documentParagraphs, openDocx, packageProblems, paragraphTexts, partsMatching, type DocxPackage } from './docx-reading';
import { demoReportInput, GENERATED_AT } from './demo-report-input';

/**
 * Golden test: the demo mission's report, read back from the .docx, says what the Commission's
 * 2015 report on Kosovo says — the same fulfilment sentences, the same eight recommendations in
 * the same order, the same totals — in the same structure.
 */
let pkg: DocxPackage;
let paragraphs: string[];

beforeAll(async () => {
  pkg = openDocx(await renderMissionReport(demoReportInput(), { generatedAt: GENERATED_AT }));
  paragraphs = documentParagraphs(pkg);
});

const SEED_SENTENCES = [
  'Kosovo fulfils all seven requirements in the area of readmission.',
  'Kosovo fulfils two of the three requirements in the area of reintegration.',
  'Kosovo fulfils eight of the nine requirements in the area of document security.',
  'Kosovo fulfils fourteen of the fifteen requirements in border/boundary management, including carriers’ responsibility.',
  'Kosovo fulfils all ten requirements in migration management.',
  'Kosovo fulfils six of the seven requirements in the area of asylum.',
  'Kosovo fulfils twelve of the fifteen requirements in the area of combating organised crime, corruption and terrorism.',
  'Kosovo fulfils all eleven requirements in the area of law enforcement cooperation.',
  'Kosovo fulfils all seven requirements in the area of judicial cooperation in criminal matters.',
  'Kosovo fulfils all three requirements in the area of data protection.',
  'Kosovo fulfils seven of the eight requirements in the area of fundamental rights related to the freedom of movement.',
];

describe('mission report of the Kosovo 2015 demo', () => {
  it('is a well-formed package: every listed part exists, every relationship resolves, every XML part parses', () => {
    expect(packageProblems(pkg)).toEqual([]);
  });

  it('opens each area with the seed’s fulfilment sentence, in report order', () => {
    const sentences = paragraphs.filter((text) => /^Kosovo fulfils .* requirements in /.test(text));
    expect(sentences).toEqual(SEED_SENTENCES);
  });

  it('numbers the sections as the seed does', () => {
    const body = paragraphs.slice(0, paragraphs.indexOf('ANNEX A: STATUS OF THE REQUIREMENTS'));
    const headings = body.filter((text) => /^\d+\.(\d+\.)? [A-Z]/.test(text));
    expect(headings).toEqual([
      '1. INTRODUCTION',
      '2. READMISSION AND REINTEGRATION',
      '2.1. Readmission',
      '2.2. Reintegration',
      '3. BLOCK 1: DOCUMENT SECURITY',
      '4. BLOCK 2: BORDER/BOUNDARY AND MIGRATION MANAGEMENT',
      '4.1. Border/boundary management',
      '4.2. Migration management',
      '4.3. Asylum',
      '5. BLOCK 3: PUBLIC ORDER AND SECURITY',
      '5.1. Preventing and combating organised crime, corruption and terrorism',
      '5.2. Law enforcement cooperation',
      '5.3. Judicial cooperation in criminal matters',
      '5.4. Data protection',
      '6. BLOCK 4: FUNDAMENTAL RIGHTS RELATED TO THE FREEDOM OF MOVEMENT',
      '7. CONCLUSION',
    ]);
    // A block with one area goes straight to its sentence.
    expect(paragraphs[paragraphs.indexOf('3. BLOCK 1: DOCUMENT SECURITY') + 1]).toBe(SEED_SENTENCES[2]);
  });

  it('numbers the eight recommendations 1–8 in the seed’s order and wording', () => {
    const headings = paragraphs.filter((text) => /^Recommendations? No\./.test(text));
    expect(headings).toEqual([
      'Recommendation No. 1:',
      'Recommendation No. 2:',
      'Recommendation No. 3:',
      'Recommendation No. 4:',
      'Recommendations No. 5, 6 & 7:',
      'Recommendation No. 8:',
    ]);
    const after = (heading: string, count: number): string[] => {
      const at = paragraphs.indexOf(heading);
      return paragraphs.slice(at + 1, at + 1 + count);
    };
    expect(after('Recommendation No. 1:', 1)).toEqual([
      'To fully comply with requirements in the area of reintegration, the Reintegration Fund should be fully disbursed, with a focus on offering assistance with employment, the establishment of small businesses, vocational training and linguistic training for children.',
    ]);
    expect(after('Recommendation No. 2:', 1)).toEqual([
      'To fully comply with requirements in the area of document security, Kosovo should demonstrate that it has implemented its amended secondary legislation on name changes.',
    ]);
    expect(after('Recommendation No. 3:', 1)).toEqual([
      'To fully comply with requirements in the area of border/boundary management, Kosovo should ratify the border/boundary delineation agreement with Montenegro before visa-free status is granted to Kosovo citizens.',
    ]);
    expect(after('Recommendation No. 4:', 1)).toEqual([
      'To fully comply with requirements in the area of asylum, Kosovo should monitor the reasons for its low recognition rate for asylum-seekers.',
    ]);
    expect(after('Recommendations No. 5, 6 & 7:', 4)).toEqual([
      'To fully comply with requirements in the area of combating organised crime, corruption and terrorism, Kosovo should do the following:',
      'Transfer a sufficient number of judges, with appropriate support staff, to serious crime departments across courts in Kosovo;',
      'Build up a track record of investigations, final court rulings and confiscations in serious organised crime and corruption cases, notably by endowing the central coordinator for serious organised crime and corruption cases with the mandate and resources to lead multidisciplinary teams of financial investigations and to monitor the judicial follow-up of such cases;',
      'Ensure the operational independence of the Public Procurement Review Body. Strict integrity plans should be implemented to protect the independence of this body and the Public Procurement Regulatory Commission.',
    ]);
    expect(after('Recommendation No. 8:', 1)).toEqual([
      'To fully comply with requirements in the area of fundamental rights related to the freedom of movement, Kosovo should provide appropriate premises for and ensure the full budgetary independence of the ombudsperson.',
    ]);
  });

  it('prints recommendation bullets as list paragraphs with the dash numbering', () => {
    const xml = pkg.part('word/document.xml');
    const bullet = xml.split('</w:p>').find((chunk) => chunk.includes('Transfer a sufficient number of judges'));
    expect(bullet).toMatch(/<w:numPr>/);
    expect(pkg.part('word/numbering.xml')).toMatch(/<w:lvlText w:val="–"\/>/);
  });

  it('concludes with the totals, the key priorities and the other outstanding recommendations', () => {
    const conclusion = paragraphs.slice(paragraphs.indexOf('7. CONCLUSION'));
    expect(conclusion[1]).toBe('The current report has set out 8 recommendations corresponding to 8 outstanding requirements.');
    expect(conclusion[2]).toBe('Kosovo fulfils 87 of the 95 requirements.');
    const key = conclusion.indexOf('Progress in implementing reforms in the following areas remains a key priority:');
    const other = conclusion.indexOf('Kosovo should also address the other outstanding recommendations:');
    expect(key).toBe(3);
    expect(other).toBe(key + 5);
    expect(conclusion.slice(key + 1, other)).toEqual([
      'Demonstrate that it has implemented its amended secondary legislation on name changes;',
      'Transfer a sufficient number of judges, with appropriate support staff, to serious crime departments across courts in Kosovo;',
      expect.stringMatching(/^Build up a track record .* such cases;$/),
      'Ensure the operational independence of the Public Procurement Review Body. Strict integrity plans should be implemented to protect the independence of this body and the Public Procurement Regulatory Commission.',
    ]);
    expect(conclusion.slice(other + 1, other + 5)).toEqual([
      expect.stringMatching(/^The Reintegration Fund should be fully disbursed, .* for children;$/),
      'Ratify the border/boundary delineation agreement with Montenegro before visa-free status is granted to Kosovo citizens;',
      'Monitor the reasons for its low recognition rate for asylum-seekers;',
      'Provide appropriate premises for and ensure the full budgetary independence of the ombudsperson.',
    ]);
  });

  it('writes the introduction from the mission data', () => {
    const intro = paragraphs.slice(paragraphs.indexOf('1. INTRODUCTION') + 1, paragraphs.indexOf('2. READMISSION AND REINTEGRATION'));
    expect(intro[0]).toBe('This report sets out the findings of the assessment mission to Kosovo carried out from 6 to 10 July 2015 in the framework of the EU visa liberalisation dialogue.');
    expect(intro).toContain(
      'The team consisted of six experts from six Member States and organisations: Austria, Croatia, Czech Republic, France, Germany and Slovenia, led by Małgorzata Wiśniewska (European Commission — Directorate-General for Migration and Home Affairs).',
    );
    expect(intro.some((text) => text.startsWith('The assessment draws upon the following sources: Kosovo government progress report to the Commission, 2015; '))).toBe(true);
  });

  it('puts the designation footnote on the first mention of the territory', () => {
    const footnotes = paragraphTexts(pkg.part('word/footnotes.xml'));
    expect(footnotes.some((text) => text.includes('This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999'))).toBe(true);
    const xml = pkg.part('word/document.xml');
    const first = xml.indexOf('<w:footnoteReference');
    expect(first).toBeGreaterThan(0);
    expect(xml.match(/<w:footnoteReference /g)).toHaveLength(1);
    // The reference follows "… mission to Kosovo" and nothing of the report's body comes before it.
    const before = paragraphTexts(`<w:body>${xml.slice(0, first)}</w:p></w:body>`).pop() ?? '';
    expect(before.endsWith('assessment mission to Kosovo')).toBe(true);
  });

  it('lists the sites with their bilingual names, the team and the status of every requirement', () => {
    const annexB = paragraphs.indexOf('ANNEX B: SITES VISITED');
    const annexC = paragraphs.indexOf('ANNEX C: COMPOSITION OF THE TEAM');
    expect(annexB).toBeGreaterThan(0);
    const sites = paragraphs.slice(annexB, annexC);
    expect(sites).toContain('Merdare/Merdarë crossing point');
    expect(sites).toContain('Vërmica/Vrbnica crossing point');
    expect(paragraphs.slice(annexC)).toContain('Mojca Žagar');

    const annexA = paragraphs.slice(paragraphs.indexOf('ANNEX A: STATUS OF THE REQUIREMENTS'), annexB);
    expect(annexA.filter((text) => text === 'Fulfilled')).toHaveLength(87);
    expect(annexA.filter((text) => text === 'Not fulfilled')).toHaveLength(8);
    expect(annexA.filter((text) => /^No\. \d$/.test(text))).toEqual(['No. 1', 'No. 2', 'No. 3', 'No. 4', 'No. 5', 'No. 6', 'No. 7', 'No. 8']);
  });

  it('summarises the answers to the guiding questions in English', () => {
    const annexD = paragraphs.slice(paragraphs.indexOf('ANNEX D: ANSWERS TO THE GUIDING QUESTIONS'));
    expect(annexD).toContain('Are exit checks performed?');
    expect(annexD).toContain('No at both site visits');
    expect(annexD).toContain('Yes at 2 of 3 site visits, Partly at 1');
  });

  it('marks every page with the classification and numbers them "Page X of Y"', () => {
    const headers = partsMatching(pkg, /^word\/header\d*\.xml$/).map((name) => paragraphTexts(pkg.part(name)).join(' '));
    expect(headers.some((text) => text.includes('LIMITED'))).toBe(true);
    const footers = partsMatching(pkg, /^word\/footer\d*\.xml$/).map((name) => pkg.part(name));
    expect(footers.length).toBeGreaterThan(0);
    const footer = footers.join('');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(paragraphTexts(footer).join(' ')).toMatch(/^Page .* of /);
  });

  it('draws the tables’ grey grid and cell padding once per table, not on every cell', () => {
    const xml = pkg.part('word/document.xml');
    const tables = [...xml.matchAll(/<w:tblPr>(.*?)<\/w:tblPr>/g)].map((match) => match[1] ?? '');
    expect(tables.length).toBeGreaterThan(10);
    const attributes = (element: string): Record<string, string> =>
      Object.fromEntries([...element.matchAll(/([\w:]+)="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
    for (const properties of tables) {
      const borders = /<w:tblBorders>(.*?)<\/w:tblBorders>/.exec(properties)?.[1] ?? '';
      const sides = [...borders.matchAll(/<w:(\w+) ([^>]*)\/>/g)].map((match) => ({ side: match[1], ...attributes(match[2] ?? '') }));
      expect(sides.map((side) => side.side).sort()).toEqual(['bottom', 'insideH', 'insideV', 'left', 'right', 'top']);
      for (const side of sides) expect(side).toMatchObject({ 'w:val': 'single', 'w:sz': '4', 'w:color': '808080' });
      const margins = /<w:tblCellMar>(.*?)<\/w:tblCellMar>/.exec(properties)?.[1] ?? '';
      const padding = Object.fromEntries([...margins.matchAll(/<w:(\w+) ([^>]*)\/>/g)].map((match) => [match[1], attributes(match[2] ?? '')['w:w']]));
      expect(padding).toEqual({ top: '40', bottom: '40', left: '80', right: '80' });
    }
    // Per-cell copies of the same borders and margins made the 1,000-requirement report slow to write.
    expect(xml).not.toContain('<w:tcBorders>');
    expect(xml).not.toContain('<w:tcMar>');
    expect(xml).not.toMatch(/<w:(b|keepNext) w:val="false"\/>/);
  });

  it('uses A4 paper with 2.5 cm margins', () => {
    const xml = pkg.part('word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"/);
  });
});
