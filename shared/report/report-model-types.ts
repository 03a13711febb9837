import type { NumberedRecommendation } from './recommendation-numbering';
import type { OutcomeCounts } from './requirement-outcome';

/**
 * The mission report as plain data: every sentence, number and table cell is decided here, so
 * the .docx renderer only lays it out and tests can read the report without opening Word.
 */
export interface MissionReportModel {
  titlePage: TitlePage;
  /** Printed at the top of every page: the classification marking, or '' for none. */
  header: string;
  /** Printed at the bottom of every page: text and page-number fields. */
  footer: FooterPart[];
  footnotes: Footnote[];
  introduction: NumberedSection<RichParagraph[]>;
  sections: BlockSection[];
  conclusion: Conclusion;
  annexes: Annex[];
  counts: ReportCounts;
  recommendations: NumberedRecommendation[];
  /** Things the lead should fix before sending the report (e.g. an outstanding requirement without a recommendation). */
  warnings: string[];
}

export interface TitlePage {
  classification: string;
  kind: string;
  title: string;
  framework: string;
  template: string;
  dates: string;
  version: string;
}

export type FooterPart = string | { field: 'page' | 'pages' };

export interface Footnote {
  id: number;
  text: string;
}

/** A run of text; `footnote` puts the reference mark of that footnote right after it. */
export interface TextPart {
  text: string;
  footnote?: number;
}
export type RichParagraph = TextPart[];

export interface NumberedSection<Body> {
  /** "1." — numbers are computed, not left to Word's list numbering, so every viewer shows the same. */
  number: string;
  heading: string;
  body: Body;
}

export interface BlockSection {
  blockId: string;
  number: string;
  /** The block title in capitals, as the seed prints section headings. */
  heading: string;
  /** A block with one area has one entry without its own number and heading. */
  areas: AreaSection[];
}

export interface AreaSection {
  areaId: string;
  number: string | null;
  heading: string | null;
  /** "Kosovo fulfils two of the three requirements in the area of reintegration." */
  sentence: string;
  counts: AreaCounts;
  /** The consolidated narratives, in requirement order, one entry per paragraph. */
  paragraphs: string[];
  recommendations: RecommendationGroup | null;
}

export interface RecommendationGroup {
  numbers: number[];
  /** "Recommendations No. 5, 6 & 7:" */
  heading: string;
  intro: string | null;
  bullets: string[];
}

export interface BulletList {
  intro: string;
  bullets: string[];
}

export interface Conclusion extends NumberedSection<string[]> {
  keyPriorities: BulletList | null;
  others: BulletList | null;
}

export interface TableColumn {
  title: string;
  /** Share of the text width, in per cent; the columns of a table add up to 100. */
  width: number;
}

export interface ReportTable {
  columns: TableColumn[];
  rows: string[][];
}

export interface AnnexPart {
  heading: string | null;
  table: ReportTable;
}

export interface Annex {
  letter: string;
  title: string;
  /** How the introduction announces it: "Annex B gives the sites visited". */
  subject: string;
  notes: string[];
  parts: AnnexPart[];
}

export interface AreaCounts extends OutcomeCounts {
  areaId: string;
  title: string;
  total: number;
}

export interface ReportCounts extends OutcomeCounts {
  total: number;
  /** Requirements assessed as not fulfilled. */
  outstanding: number;
  recommendations: number;
  keyPriorities: number;
  areas: AreaCounts[];
}
