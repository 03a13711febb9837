import type { Finding } from './schemas/finding';

export type MyStatus = 'not-started' | 'draft' | 'rated';

export interface RequirementStatus {
  mine: MyStatus;
  myRating: string | null;
  /** Members with a rated finding on this requirement. */
  teamRated: number;
  /** Members with any finding on this requirement. */
  teamFindings: number;
  flagged: boolean;
}

type StatusFinding = Pick<Finding, 'authorId' | 'rating' | 'flags'>;

/**
 * Where a requirement stands for me and for the team. A finding without a rating, or with
 * input kept back as a draft, is "draft": started, not done.
 */
export function requirementStatus(findings: readonly StatusFinding[], me: string | null, myDraftPending = false): RequirementStatus {
  const mineFinding = me ? findings.find((finding) => finding.authorId === me) : undefined;
  let mine: MyStatus = 'not-started';
  if (mineFinding) mine = mineFinding.rating && !myDraftPending ? 'rated' : 'draft';
  else if (myDraftPending) mine = 'draft';
  return {
    mine,
    myRating: mineFinding?.rating ?? null,
    teamRated: new Set(findings.filter((finding) => finding.rating).map((finding) => finding.authorId)).size,
    teamFindings: new Set(findings.map((finding) => finding.authorId)).size,
    flagged: findings.some((finding) => finding.flags.goodPractice || finding.flags.seriousDeficiency),
  };
}

/** Groups findings by requirement once, so a 20,000-finding mission is read in one pass. */
export function groupByRequirement<F extends { requirementId: string }>(findings: readonly F[]): Map<string, F[]> {
  const groups = new Map<string, F[]>();
  for (const finding of findings) {
    const group = groups.get(finding.requirementId);
    if (group) group.push(finding);
    else groups.set(finding.requirementId, [finding]);
  }
  return groups;
}
