import type { Assessment, Evidence, Finding, Recommendation } from '../schemas/finding';
import type { Member, Mission, SiteVisit } from '../schemas/mission';
import type { Template } from '../schemas/template';

/** Everything a report is generated from: one mission's records and the template version it uses. */
export interface ReportInput {
  template: Template;
  mission: Mission;
  members: Member[];
  sites: SiteVisit[];
  findings: Finding[];
  evidence: Evidence[];
  assessments: Assessment[];
  recommendations: Recommendation[];
  /** Attachment bytes by SHA-256, for embedding photos; attachments without bytes are listed by name only. */
  attachments?: ReadonlyMap<string, Uint8Array>;
}

export interface ReportOptions {
  /** ISO date-time printed as the generation date; defaults to now. Tests pass a fixed one. */
  generatedAt?: string;
  /** Annex with the team's answers to the guiding questions; default true. */
  includeQuestionnaireAnnex?: boolean;
}

/** The parts of a mission file a report reads (the change log and format fields are not needed). */
export function reportInputOf(file: Omit<ReportInput, 'attachments'>): ReportInput {
  return {
    template: file.template,
    mission: file.mission,
    members: file.members,
    sites: file.sites,
    findings: file.findings,
    evidence: file.evidence,
    assessments: file.assessments,
    recommendations: file.recommendations,
  };
}
