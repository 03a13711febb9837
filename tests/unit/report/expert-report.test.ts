import { describe, expect, it } from 'vitest';
import { memberId } from '../../../shared/demo/kosovo-2015-demo';
import { buildExpertReport, renderExpertReport, type ReportInput } from '../../../shared/report';
import type { AttachmentEvidence } from '../../../shared/schemas/finding';
import { solidPng } from '../../fixtures/png';
import { documentParagraphs, openDocx, packageProblems, partsMatching } from './docx-reading';
import { demoReportInput, GENERATED_AT } from './demo-report-input';

/** The expert who recorded the reintegration figures of the seed (1,542 of 2,744 returnees). */
const GERMANY = memberId('germany');
const PHOTO_SHA = 'a'.repeat(64);
const MISSING_SHA = 'b'.repeat(64);

function inputWithPhotos(): ReportInput {
  const input = demoReportInput();
  const finding = input.findings.find((candidate) => candidate.authorId === GERMANY && candidate.requirementId === 'border-management-7');
  if (!finding) throw new Error('the demo has no finding of the German expert on border-management-7');
  const attachment = (id: string, fileName: string, mediaType: string, sha256: string, caption: string): AttachmentEvidence => ({
    id,
    missionId: input.mission.id,
    findingId: finding.id,
    kind: 'attachment',
    fileName,
    mediaType,
    size: 1000,
    sha256,
    caption,
    date: '2015-07-07',
  });
  input.evidence = [
    ...input.evidence,
    attachment('photo', 'merdare-second-line.png', 'image/png', PHOTO_SHA, 'Second-line booth at Merdare/Merdarë'),
    attachment('missing', 'vermica-exit-lane.jpg', 'image/jpeg', MISSING_SHA, 'Exit lane without checks'),
    attachment('pdf', 'duty-roster.pdf', 'application/pdf', 'c'.repeat(64), ''),
  ];
  input.attachments = new Map([[PHOTO_SHA, new Uint8Array(solidPng(2000, 1000, [40, 90, 160]))]]);
  return input;
}

describe('expert report', () => {
  it('gives the expert’s findings by requirement with ratings, sites, sources, answers and statistics', async () => {
    const pkg = openDocx(await renderExpertReport(inputWithPhotos(), GERMANY, { generatedAt: GENERATED_AT }));
    expect(packageProblems(pkg)).toEqual([]);
    const paragraphs = documentParagraphs(pkg);
    expect(paragraphs[0]).toBe('Expert report — Jürgen Weiß (Germany — Federal Ministry of the Interior)');
    expect(paragraphs).toContain('Kosovo — visa roadmap assessment mission, July 2015');
    expect(paragraphs).toContain('Mission carried out from 6 to 10 July 2015');
    // Requirement number and text as headings, in template order, only where the expert wrote something.
    expect(paragraphs).toContain('1. Legal framework on readmission in place and implemented.');
    expect(paragraphs.indexOf('READMISSION AND REINTEGRATION')).toBeLessThan(paragraphs.indexOf('BLOCK 2: BORDER/BOUNDARY AND MIGRATION MANAGEMENT'));
    expect(paragraphs).not.toContain('BLOCK 1: DOCUMENT SECURITY');
    expect(paragraphs).toContain('Proposed rating: Fulfilled');
    expect(paragraphs).toContain('Proposed rating: Not fulfilled');
    expect(paragraphs).toContain('Sites: Pristina International Airport');
    expect(paragraphs.some((text) => text.startsWith('Sources: Kosovo government progress report to the Commission, 2015; On-site assessment mission, July 2015'))).toBe(true);
    expect(paragraphs).toContain(
      'Registered returnees who received immediate assistance upon return: 1,542 of 2,744 (56 %) returnees, first half of 2015; source: Case management system for returnees (Kosovo government data)',
    );
    expect(paragraphs).toContain('Has the border/boundary delineation agreement with Montenegro been ratified? — No');
  });

  it('gives answers asked per site visit site by site', async () => {
    const paragraphs = documentParagraphs(openDocx(await renderExpertReport(demoReportInput(), memberId('slovenia'), { generatedAt: GENERATED_AT })));
    const at = paragraphs.indexOf('Are exit checks performed?');
    expect(at).toBeGreaterThan(0);
    expect(paragraphs.slice(at + 1, at + 3)).toEqual(['Merdare/Merdarë crossing point: Yes', 'Vërmica/Vrbnica crossing point: No']);
    expect(paragraphs).toContain('Merdare/Merdarë crossing point: Document examination kit, Database access');
  });

  it('embeds a photo whose bytes are given, at most 15 cm wide, and lists the others by name', async () => {
    const pkg = openDocx(await renderExpertReport(inputWithPhotos(), GERMANY, { generatedAt: GENERATED_AT }));
    expect(partsMatching(pkg, /^word\/media\/.+\.png$/)).toHaveLength(1);
    const xml = pkg.part('word/document.xml');
    expect(xml.match(/<w:drawing>/g)).toHaveLength(1);
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(xml);
    const [width, height] = [Number(extent?.[1]), Number(extent?.[2])];
    const fifteenCm = (15 / 2.54) * 914400;
    expect(width).toBeLessThanOrEqual(fifteenCm * 1.001);
    expect(width).toBeGreaterThan(fifteenCm * 0.99);
    expect(width / height).toBeCloseTo(2, 2);
    const paragraphs = documentParagraphs(pkg);
    expect(paragraphs).toContain('merdare-second-line.png — Second-line booth at Merdare/Merdarë, 7 July 2015');
    expect(paragraphs).toContain('vermica-exit-lane.jpg — Exit lane without checks, 7 July 2015');
    expect(paragraphs).toContain('duty-roster.pdf — 7 July 2015');
  });

  it('does not embed bytes that are not the image type the attachment claims', () => {
    const input = inputWithPhotos();
    input.attachments = new Map([[PHOTO_SHA, new Uint8Array([1, 2, 3, 4])], [MISSING_SHA, new Uint8Array(solidPng(10, 10, [0, 0, 0]))]]);
    const model = buildExpertReport(input, GERMANY, { generatedAt: GENERATED_AT });
    const attachments = model.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.flatMap((requirement) => requirement.findings.flatMap((finding) => finding.attachments))));
    expect(attachments).toHaveLength(3);
    expect(attachments.every((attachment) => attachment.image === null)).toBe(true);
  });

  it('says so when a member has recorded no findings', async () => {
    const paragraphs = documentParagraphs(openDocx(await renderExpertReport(demoReportInput(), 'demo-member-lead', { generatedAt: GENERATED_AT })));
    expect(paragraphs[0]).toBe('Expert report — Małgorzata Wiśniewska (European Commission — Directorate-General for Migration and Home Affairs)');
    expect(paragraphs).toContain('No findings recorded.');
  });

  it('throws for an unknown member id, naming it', async () => {
    await expect(renderExpertReport(demoReportInput(), 'demo-member-nobody')).rejects.toThrow(/"demo-member-nobody"/);
    expect(() => buildExpertReport(demoReportInput(), 'demo-member-nobody')).toThrow(/No member with id "demo-member-nobody"/);
  });
});
