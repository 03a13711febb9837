import type { MemberRole } from '../schemas/mission';

const LABELS: Record<MemberRole, string> = { lead: 'Team lead', expert: 'Expert', observer: 'Observer' };

/** How the reports name a member's role. */
export function roleLabel(role: MemberRole): string {
  return LABELS[role];
}
