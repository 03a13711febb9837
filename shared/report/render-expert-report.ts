import { AlignmentType, Document, HeadingLevel, ImageRun, Paragraph, TextRun, type FileChild } from 'docx';
import { bodyParagraph, classificationHeader, dashBullet, heading, HOUSE_NUMBERING, HOUSE_STYLES, PAGE_PROPERTIES, packDocument, pageFooter } from './docx-house-style';
import { buildExpertReport, type ExpertFinding, type ExpertReportModel } from './expert-report';
import type { ReportInput, ReportOptions } from './report-input';
import { xmlSafeModel } from './xml-safe-text';

/**
 * One member's findings as .docx bytes. Throws when `memberId` is not a member of the mission,
 * naming the id, rather than writing an empty report for a typo.
 */
export async function renderExpertReport(input: ReportInput, memberId: string, options: ReportOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  return packDocument(expertReportDocument(buildExpertReport(input, memberId, options)));
}

/** Every string of the model passes through `xmlSafeModel` here, the one way from a model into a document. */
export function expertReportDocument(unsafeModel: ExpertReportModel): Document {
  const model = xmlSafeModel(unsafeModel);
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    centred(model.missionTitle, true),
    centred(model.dates),
    centred(`${model.role}. ${model.generated}.`),
    bodyParagraph(model.summary),
  ];
  for (const block of model.blocks) {
    children.push(heading(block.title.toUpperCase(), 1));
    for (const area of block.areas) {
      children.push(heading(area.title, 2));
      for (const requirement of area.requirements) {
        children.push(heading(requirement.heading, 3));
        for (const finding of requirement.findings) children.push(...findingContent(finding));
      }
    }
  }
  return new Document({
    creator: 'Mission Kit',
    title: model.title,
    description: 'Expert report',
    styles: HOUSE_STYLES,
    numbering: HOUSE_NUMBERING,
    sections: [{ properties: PAGE_PROPERTIES, headers: classificationHeader(model.header), footers: pageFooter(model.footer), children }],
  });
}

function centred(text: string, bold = false): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold })] });
}

/** "Sites: …" with the label in bold, as a short fact line. */
function fact(label: string, text: string): Paragraph {
  return new Paragraph({ keepNext: true, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)] });
}

function subheading(text: string): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [new TextRun({ text, bold: true, italics: true })] });
}

function findingContent(finding: ExpertFinding): Paragraph[] {
  const out: Paragraph[] = [new Paragraph({ keepNext: true, children: [new TextRun({ text: finding.rating, bold: true })] })];
  if (finding.flags.length > 0) out.push(fact('Flags', finding.flags.join(', ')));
  if (finding.sites.length > 0) out.push(fact('Sites', finding.sites.join('; ')));
  if (finding.sources.length > 0) out.push(fact('Sources', finding.sources.join('; ')));
  out.push(...finding.paragraphs.map((text) => bodyParagraph(text)));
  if (finding.answers.length > 0) {
    out.push(subheading('Answers to the guiding questions'));
    for (const item of finding.answers) {
      const [only] = item.answers;
      if (item.answers.length === 1 && only && only.site === null) {
        out.push(dashBullet(`${item.question} — ${only.answer}`));
      } else {
        out.push(dashBullet(item.question), ...item.answers.map((answer) => indented(answer.site ? `${answer.site}: ${answer.answer}` : answer.answer)));
      }
    }
  }
  if (finding.statistics.length > 0) out.push(subheading('Statistics'), ...finding.statistics.map(dashBullet));
  if (finding.attachments.length > 0) {
    out.push(subheading('Evidence'));
    for (const attachment of finding.attachments) {
      out.push(dashBullet(attachment.label));
      const image = attachment.image;
      if (image) {
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: image.type,
                data: image.data,
                transformation: { width: image.width, height: image.height },
                altText: { name: attachment.label, description: image.description, title: attachment.label },
              }),
            ],
          }),
        );
      }
    }
  }
  return out;
}

function indented(text: string): Paragraph {
  return new Paragraph({ indent: { left: 1080 }, spacing: { after: 60 }, children: [new TextRun(text)] });
}
