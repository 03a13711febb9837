import type { Source } from '../schemas/finding';

/**
 * The shapes the Kosovo 2015 demo data is written in. The data files describe each requirement
 * once (rating, findings, consolidated text); `buildKosovoDemo` turns that into schema objects
 * with fixed "demo-" ids.
 */

/** The six Member State experts of the demo team; also the suffix of their member and device ids. */
export type ExpertKey = 'slovenia' | 'germany' | 'france' | 'austria' | 'czechia' | 'croatia';

/** Suffix of a site visit id: "merdare" → "demo-site-merdare". */
export type SiteKey =
  | 'ministry'
  | 'civil-registration'
  | 'merdare'
  | 'ibm-centre'
  | 'asylum-centre'
  | 'vermica'
  | 'airport'
  | 'airport-detention'
  | 'police-hq'
  | 'unhcr'
  | 'vranidoll'
  | 'basic-court'
  | 'special-prosecution'
  | 'ombudsperson'
  | 'data-protection-agency';

/** Where a finding's information comes from, as the seed report lists its sources. */
export const DEMO_SOURCES = {
  government: { kind: 'government-report', text: 'Kosovo government progress report to the Commission, 2015' },
  mission: { kind: 'member-state-expert', text: 'On-site assessment mission, July 2015' },
  euOffice: { kind: 'eu-office', text: 'EU Office in Kosovo' },
  eulex: { kind: 'other', text: 'EULEX Kosovo' },
  frontex: { kind: 'agency', text: 'FRONTEX' },
  europol: { kind: 'agency', text: 'Europol' },
  unhcr: { kind: 'other', text: 'UNHCR' },
  eurostat: { kind: 'statistics', text: 'Eurostat and Member States’ statistical data' },
} as const satisfies Record<string, Source>;
export type SourceKey = keyof typeof DEMO_SOURCES;

/** A figure quoted by the seed report, attached to the finding that cites it. */
export interface StatisticSpec {
  /** Suffix of the evidence id: "returnees-immediate-assistance" → "demo-stat-returnees-immediate-assistance". */
  key: string;
  label: string;
  value: number;
  ofTotal?: number;
  unit: string;
  period: string;
  source: string;
}

export interface FindingSpec {
  author: ExpertKey;
  /** One to three paragraphs; joined with a blank line. */
  paragraphs: readonly string[];
  sites?: readonly SiteKey[];
  /** Defaults to the government report and the on-site mission. */
  sources?: readonly SourceKey[];
  goodPractice?: boolean;
  seriousDeficiency?: boolean;
  /** Answers to the template's guiding questions, keyed as Finding.answers. */
  answers?: Readonly<Record<string, string | number | string[]>>;
  statistics?: readonly StatisticSpec[];
}

export interface RequirementSpec {
  requirementId: string;
  /** Level id of the roadmap's scale; every finding on the requirement proposes the same. */
  rating: 'fulfilled' | 'not-fulfilled';
  findings: readonly FindingSpec[];
  /** The lead's consolidated text; defaults to the first finding's text ("Use this text"). */
  assessment?: readonly string[];
}
