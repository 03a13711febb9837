import type { Assessment, Finding } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';

/**
 * Where an area's requirements stand, every requirement counted once: by its level, as
 * "ratings differ", or as not yet rated. The parts always add up to the area's total, so one
 * rated requirement out of nine is a ninth of the bar, not all of it.
 */
export interface AreaStanding {
  /** Requirements per level id. */
  byLevel: Record<string, number>;
  /** Experts gave different levels and no consolidated assessment settles it. */
  differ: number;
  /** Neither assessed by the lead nor rated by any expert. */
  open: number;
}

export interface AreaProgress {
  blockId: string;
  blockTitle: string;
  areaId: string;
  areaTitle: string;
  total: number;
  ratedByMe: number;
  /** Requirements with at least one rated finding from anyone. */
  ratedByTeam: number;
  standing: AreaStanding;
}

type ProgressFinding = Pick<Finding, 'requirementId' | 'authorId' | 'rating'>;
type ProgressAssessment = Pick<Assessment, 'requirementId' | 'rating'>;

/**
 * Progress per area in one pass over the findings. A requirement's level is the team's
 * consolidated assessment when there is one (the lead's word is final), otherwise the level the
 * experts agree on. Ratings the scale does not know (left over from an older template) are not
 * counted: the bar shows only what it can name.
 */
export function areaProgress(template: Template, findings: readonly ProgressFinding[], me: string | null, assessments: readonly ProgressAssessment[] = []): AreaProgress[] {
  const known = new Set(template.scale.levels.map((level) => level.id));
  const areaOf = new Map<string, string>();
  const rows = new Map<string, AreaProgress>();
  for (const block of template.blocks) {
    for (const area of block.areas) {
      rows.set(area.id, {
        blockId: block.id,
        blockTitle: block.title,
        areaId: area.id,
        areaTitle: area.title,
        total: area.requirements.length,
        ratedByMe: 0,
        ratedByTeam: 0,
        standing: { byLevel: {}, differ: 0, open: area.requirements.length },
      });
      for (const requirement of area.requirements) areaOf.set(requirement.id, area.id);
    }
  }
  const ratedByMe = new Set<string>();
  const expertLevels = new Map<string, Set<string>>();
  for (const finding of findings) {
    if (!finding.rating || !areaOf.has(finding.requirementId)) continue;
    if (finding.authorId === me) ratedByMe.add(finding.requirementId);
    if (!known.has(finding.rating)) continue;
    const levels = expertLevels.get(finding.requirementId) ?? new Set<string>();
    levels.add(finding.rating);
    expertLevels.set(finding.requirementId, levels);
  }
  const assessed = new Map<string, string>();
  for (const assessment of assessments) {
    if (assessment.rating && known.has(assessment.rating) && areaOf.has(assessment.requirementId)) assessed.set(assessment.requirementId, assessment.rating);
  }
  const ratedByTeam = new Set(findings.filter((finding) => finding.rating && areaOf.has(finding.requirementId)).map((finding) => finding.requirementId));
  for (const [requirementId, areaId] of areaOf) {
    const row = rows.get(areaId);
    if (!row) continue;
    if (ratedByTeam.has(requirementId)) row.ratedByTeam += 1;
    if (ratedByMe.has(requirementId)) row.ratedByMe += 1;
    const experts = [...(expertLevels.get(requirementId) ?? [])];
    const level = assessed.get(requirementId) ?? (experts.length === 1 ? experts[0] : undefined);
    if (level) row.standing.byLevel[level] = (row.standing.byLevel[level] ?? 0) + 1;
    else if (experts.length > 1) row.standing.differ += 1;
    else continue;
    row.standing.open -= 1;
  }
  return [...rows.values()];
}
