import type { Finding } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';

export interface AreaProgress {
  blockId: string;
  blockTitle: string;
  areaId: string;
  areaTitle: string;
  total: number;
  ratedByMe: number;
  /** Requirements with at least one rated finding from anyone. */
  ratedByTeam: number;
  /** Team findings per rating level id. */
  distribution: Record<string, number>;
}

/** Progress per area in one pass over the findings. */
export function areaProgress(template: Template, findings: readonly Pick<Finding, 'requirementId' | 'authorId' | 'rating'>[], me: string | null): AreaProgress[] {
  const areaOf = new Map<string, string>();
  const rows = new Map<string, AreaProgress>();
  for (const block of template.blocks) {
    for (const area of block.areas) {
      rows.set(area.id, { blockId: block.id, blockTitle: block.title, areaId: area.id, areaTitle: area.title, total: area.requirements.length, ratedByMe: 0, ratedByTeam: 0, distribution: {} });
      for (const requirement of area.requirements) areaOf.set(requirement.id, area.id);
    }
  }
  const ratedByMe = new Set<string>();
  const ratedByTeam = new Set<string>();
  for (const finding of findings) {
    const areaId = areaOf.get(finding.requirementId);
    const row = areaId ? rows.get(areaId) : undefined;
    if (!row || !finding.rating) continue;
    row.distribution[finding.rating] = (row.distribution[finding.rating] ?? 0) + 1;
    ratedByTeam.add(finding.requirementId);
    if (finding.authorId === me) ratedByMe.add(finding.requirementId);
  }
  for (const requirementId of ratedByTeam) {
    const row = rows.get(areaOf.get(requirementId) ?? '');
    if (row) row.ratedByTeam += 1;
  }
  for (const requirementId of ratedByMe) {
    const row = rows.get(areaOf.get(requirementId) ?? '');
    if (row) row.ratedByMe += 1;
  }
  return [...rows.values()];
}
