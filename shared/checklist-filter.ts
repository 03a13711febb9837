import type { Template } from './schemas/template';
import type { Finding } from './schemas/finding';
import { requirementStatus, type RequirementStatus } from './requirement-status';

/** One requirement in document order, with where it sits. */
export interface ChecklistEntry {
  blockId: string;
  blockTitle: string;
  areaId: string;
  areaTitle: string;
  requirementId: string;
  number: string;
  text: string;
  guidance: string;
  paraphrased: boolean;
}

export function flattenTemplate(template: Template): ChecklistEntry[] {
  return template.blocks.flatMap((block) =>
    block.areas.flatMap((area) =>
      area.requirements.map((requirement, index) => ({
        blockId: block.id,
        blockTitle: block.title,
        areaId: area.id,
        areaTitle: area.title,
        requirementId: requirement.id,
        number: requirement.number ?? String(index + 1),
        text: requirement.text,
        guidance: requirement.guidance ?? '',
        paraphrased: requirement.paraphrased,
      })),
    ),
  );
}

export type StatusFilter = { kind: 'all' } | { kind: 'unrated' } | { kind: 'rated'; level: string | null } | { kind: 'flagged' };

export interface ChecklistQuery {
  text: string;
  status: StatusFilter;
  siteId: string | null;
}

export const EMPTY_QUERY: ChecklistQuery = { text: '', status: { kind: 'all' }, siteId: null };

type FilterFinding = Pick<Finding, 'authorId' | 'rating' | 'flags' | 'narrative' | 'siteIds'>;

/**
 * Filters the checklist. Text matches requirement texts, numbers and guidance, and my own
 * findings' narratives; status and rating filters are about my findings (it is my checklist);
 * "flagged" and the site filter look at the whole team's findings.
 */
export function filterChecklist(
  entries: readonly ChecklistEntry[],
  findingsByRequirement: ReadonlyMap<string, readonly FilterFinding[]>,
  me: string | null,
  query: ChecklistQuery,
): ChecklistEntry[] {
  const needle = normalise(query.text);
  return entries.filter((entry) => {
    const findings = findingsByRequirement.get(entry.requirementId) ?? [];
    const mine = me ? findings.find((finding) => finding.authorId === me) : undefined;
    if (needle) {
      const haystack = normalise(`${entry.number} ${entry.text} ${entry.guidance} ${entry.areaTitle} ${mine?.narrative ?? ''}`);
      if (!haystack.includes(needle)) return false;
    }
    if (query.siteId && !findings.some((finding) => finding.siteIds.includes(query.siteId as string))) return false;
    return matchesStatus(requirementStatus(findings, me), mine?.rating ?? null, query.status);
  });
}

function matchesStatus(status: RequirementStatus, myRating: string | null, filter: StatusFilter): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'unrated':
      return status.mine !== 'rated';
    case 'rated':
      return status.mine === 'rated' && (filter.level === null || myRating === filter.level);
    case 'flagged':
      return status.flagged;
  }
}

/** Case- and accent-insensitive, so "merdare" finds "Merdarë". */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}
