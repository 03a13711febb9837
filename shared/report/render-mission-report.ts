import { AlignmentType, Document, FootnoteReferenceRun, HeadingLevel, Paragraph, TextRun, type FileChild, type ParagraphChild } from 'docx';
import {
  bodyParagraph,
  classificationHeader,
  dashBullet,
  heading,
  HOUSE_NUMBERING,
  HOUSE_STYLES,
  PAGE_PROPERTIES,
  packDocument,
  pageFooter,
  reportTable,
  textRuns,
} from './docx-house-style';
import type { ReportInput, ReportOptions } from './report-input';
import { buildMissionReport } from './report-model';
import type { Annex, AreaSection, MissionReportModel, RichParagraph, TitlePage } from './report-model-types';
import { xmlSafeModel } from './xml-safe-text';

/** The mission report as .docx bytes. All wording comes from the model; this only lays it out. */
export async function renderMissionReport(input: ReportInput, options: ReportOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  return packDocument(missionReportDocument(buildMissionReport(input, options)));
}

/** Every string of the model passes through `xmlSafeModel` here, the one way from a model into a document. */
export function missionReportDocument(unsafeModel: MissionReportModel): Document {
  const model = xmlSafeModel(unsafeModel);
  const children: FileChild[] = [
    ...titlePage(model.titlePage),
    heading(`${model.introduction.number} ${model.introduction.heading}`, 1, { pageBreakBefore: true }),
    ...model.introduction.body.map(richParagraph),
  ];
  for (const section of model.sections) {
    children.push(heading(`${section.number} ${section.heading}`, 1));
    for (const area of section.areas) children.push(...areaSection(area));
  }
  const { conclusion } = model;
  children.push(heading(`${conclusion.number} ${conclusion.heading}`, 1), ...conclusion.body.map((text) => bodyParagraph(text)));
  for (const list of [conclusion.keyPriorities, conclusion.others]) {
    if (list) children.push(bodyParagraph(list.intro, { keepNext: true }), ...list.bullets.map(dashBullet));
  }
  for (const annex of model.annexes) children.push(...annexContent(annex));

  return new Document({
    creator: 'Mission Kit',
    title: model.titlePage.title,
    description: model.titlePage.kind,
    styles: HOUSE_STYLES,
    numbering: HOUSE_NUMBERING,
    footnotes: Object.fromEntries(model.footnotes.map((note) => [note.id, { children: [new Paragraph({ children: [new TextRun({ text: ` ${note.text}`, size: 20 })] })] }])),
    sections: [
      {
        properties: PAGE_PROPERTIES,
        headers: classificationHeader(model.header),
        footers: pageFooter(model.footer),
        children,
      },
    ],
  });
}

function titlePage(page: TitlePage): Paragraph[] {
  const centred = (text: string, options: { size?: number; bold?: boolean; before?: number } = {}): Paragraph =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: options.before ?? 0, after: 160 },
      children: [new TextRun({ text, size: options.size, bold: options.bold })],
    });
  const lines: Paragraph[] = [];
  if (page.classification) lines.push(centred(page.classification, { bold: true }));
  lines.push(
    centred(page.kind.toUpperCase(), { size: 28, bold: true, before: 2400 }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(page.title)] }),
    centred(page.framework, { size: 26, before: 240 }),
    centred(page.template),
    centred(page.dates, { before: 480 }),
    centred(page.version, { size: 20, before: 2400 }),
  );
  return lines;
}

function richParagraph(parts: RichParagraph): Paragraph {
  const children: ParagraphChild[] = parts.flatMap((part) => {
    const runs: ParagraphChild[] = textRuns(part.text);
    if (part.footnote !== undefined) runs.push(new FootnoteReferenceRun(part.footnote));
    return runs;
  });
  return bodyParagraph(children);
}

function areaSection(area: AreaSection): Paragraph[] {
  const out: Paragraph[] = [];
  if (area.number && area.heading) out.push(heading(`${area.number} ${area.heading}`, 2));
  out.push(bodyParagraph(area.sentence), ...area.paragraphs.map((text) => bodyParagraph(text)));
  const group = area.recommendations;
  if (group) {
    out.push(new Paragraph({ style: 'RecommendationHeading', children: [new TextRun(group.heading)] }));
    if (group.intro) out.push(bodyParagraph(group.intro, { keepNext: true }));
    out.push(...group.bullets.map(dashBullet));
  }
  return out;
}

function annexContent(annex: Annex): FileChild[] {
  const out: FileChild[] = [heading(`ANNEX ${annex.letter}: ${annex.title.toUpperCase()}`, 1, { pageBreakBefore: true })];
  out.push(...annex.notes.map((note) => new Paragraph({ children: [new TextRun({ text: note, italics: true, size: 20 })] })));
  for (const part of annex.parts) {
    if (part.heading) out.push(heading(part.heading, 3));
    out.push(reportTable(part.table));
    // Word merges two tables that touch; an empty paragraph keeps them apart.
    out.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
  }
  return out;
}
