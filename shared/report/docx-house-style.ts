import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type Document,
  type INumberingOptions,
  type IStylesOptions,
  type ISectionPropertiesOptions,
  type ParagraphChild,
} from 'docx';
import { assertWellFormedDocx } from './docx-xml-check';
import type { FooterPart, ReportTable } from './report-model-types';

/**
 * The sober house style of Commission documents shared by every report Mission Kit writes:
 * Times New Roman 12 pt, justified body text, bold headings, "–" bullets, A4 with 2.5 cm margins.
 * Sizes are in the units Word stores: half-points for text, twentieths of a point (twips) for
 * spacing and widths.
 */
export const FONT = 'Times New Roman';
const BODY_SIZE = 24;
const TABLE_SIZE = 20;

const A4_WIDTH = 11906;
const A4_HEIGHT = 16838;
const MARGIN = 1417; // 2.5 cm
export const TEXT_WIDTH = A4_WIDTH - 2 * MARGIN;

export const DASH_LIST = 'dash-list';

export const PAGE_PROPERTIES: ISectionPropertiesOptions = {
  page: {
    size: { width: A4_WIDTH, height: A4_HEIGHT },
    margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 709, footer: 709 },
  },
};

export const HOUSE_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: BODY_SIZE, language: { value: 'en-GB' } },
      paragraph: { spacing: { after: 120 } },
    },
    heading1: {
      run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' },
      paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true },
    },
    heading2: {
      run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true },
    },
    heading3: {
      run: { font: FONT, size: BODY_SIZE, bold: true, italics: false, color: '000000' },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true },
    },
    title: {
      run: { font: FONT, size: 36, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } },
    },
  },
  paragraphStyles: [
    {
      id: 'RecommendationHeading',
      name: 'Recommendation heading',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { bold: true, underline: {} },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
    },
    {
      id: 'TableText',
      name: 'Table text',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: TABLE_SIZE },
      paragraph: { spacing: { before: 20, after: 20 } },
    },
  ],
};

export const HOUSE_NUMBERING: INumberingOptions = {
  config: [
    {
      reference: DASH_LIST,
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: '–',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 720, hanging: 360 } }, run: { font: FONT } },
        },
      ],
    },
  ],
};

/**
 * Text runs for one paragraph; single line breaks in the text stay line breaks. No text gives no
 * run: an empty run draws nothing (the paragraph mark keeps the style's size), and the status
 * annex alone has hundreds of empty "Recommendation" cells.
 */
export function textRuns(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  if (text === '') return [];
  return text.split('\n').map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, ...options }));
}

export function bodyParagraph(children: string | ParagraphChild[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    keepNext: options.keepNext,
    children: typeof children === 'string' ? textRuns(children) : children,
  });
}

export function dashBullet(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, numbering: { reference: DASH_LIST, level: 0 }, children: textRuns(text) });
}

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

export function heading(text: string, level: 1 | 2 | 3, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({ heading: LEVELS[level], pageBreakBefore: options.pageBreakBefore, children: textRuns(text) });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

/**
 * The grey grid and the cell padding are set once per table (w:tblBorders with insideH/insideV,
 * w:tblCellMar) rather than on every cell: the page looks the same (LibreOffice renders the
 * report pixel for pixel as with per-cell borders), and a cell then carries only its width. Four
 * borders and four margins on each of the 4,000+ cells of a 1,000-requirement status annex more
 * than doubled document.xml and were most of the time docx took to write it.
 */
const TABLE_BORDERS = {
  top: CELL_BORDER,
  bottom: CELL_BORDER,
  left: CELL_BORDER,
  right: CELL_BORDER,
  insideHorizontal: CELL_BORDER,
  insideVertical: CELL_BORDER,
};
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' };

/** A table across the text width; the header row repeats on every page the table spans. */
export function reportTable(table: ReportTable): Table {
  const widths = columnWidths(table.columns.map((column) => column.width));
  // One width object per column, not per cell: docx keeps each cell's options for the whole render.
  const cellWidths = widths.map((size) => ({ size, type: WidthType.DXA }));
  // Body cells leave bold and keep-with-next unset rather than false: the TableText style has
  // neither, so writing w:b="false" and w:keepNext="false" on every cell would change nothing.
  const cell = (text: string, index: number, header: boolean): TableCell =>
    new TableCell({
      width: cellWidths[index] ?? { size: 0, type: WidthType.DXA },
      shading: header ? HEADER_SHADING : undefined,
      children: [
        new Paragraph({
          style: 'TableText',
          keepNext: header || undefined,
          children: textRuns(text, header ? { bold: true } : {}),
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map((column, index) => cell(column.title, index, true)) }),
      ...table.rows.map((row) => new TableRow({ cantSplit: true, children: table.columns.map((_, index) => cell(row[index] ?? '', index, false)) })),
    ],
  });
}

/** Percentages to twips that add up exactly to the text width (rounding goes to the last column). */
function columnWidths(percentages: readonly number[]): number[] {
  const sum = percentages.reduce((total, value) => total + value, 0) || 1;
  const widths = percentages.map((value) => Math.floor((TEXT_WIDTH * value) / sum));
  const rest = TEXT_WIDTH - widths.reduce((total, value) => total + value, 0);
  if (widths.length > 0) widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + rest;
  return widths;
}

/** The classification marking at the top right of every page; none when the mission has no marking. */
export function classificationHeader(marking: string): { default: Header } | undefined {
  if (!marking) return undefined;
  return {
    default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: marking, bold: true })] })] }),
  };
}

/** "Page 3 of 12" with Word's PAGE and NUMPAGES fields, so the numbers stay right after editing. */
export function pageFooter(parts: readonly FooterPart[]): { default: Footer } {
  const children = parts.map((part) =>
    typeof part === 'string' ? part : part.field === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES,
  );
  return {
    default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children, size: 20 })] })] }),
  };
}

/**
 * The .docx bytes, checked: every XML part must parse, or this throws a `MalformedDocxError`
 * naming the part, and nothing is handed on to be saved. toArrayBuffer rather than toBuffer:
 * shared/ runs where there is no Node Buffer.
 */
export async function packDocument(document: Document): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(await Packer.toArrayBuffer(document));
  assertWellFormedDocx(bytes);
  return bytes;
}
