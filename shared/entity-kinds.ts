import type { z } from 'zod';
import { EntityNameSchema, type EntityName } from './schemas/change';
import { AssessmentSchema, EvidenceSchema, FindingSchema, RecommendationSchema, type Assessment, type Evidence, type Finding, type Recommendation } from './schemas/finding';
import { MemberSchema, MissionSchema, SiteVisitSchema, type Member, type Mission, type SiteVisit } from './schemas/mission';

/** The domain value of each synced entity kind. */
export interface EntityTypes {
  mission: Mission;
  member: Member;
  site: SiteVisit;
  finding: Finding;
  evidence: Evidence;
  assessment: Assessment;
  recommendation: Recommendation;
}

/** What every layer needs to know about one kind of synced entity. */
export interface EntityKind<E extends EntityName> {
  name: E;
  schema: z.ZodType<EntityTypes[E]>;
  /**
   * The long texts that are merged rather than overwritten: when two members edit one of these
   * concurrently, both versions are kept and the lead resolves the conflict. Every other field
   * is last-writer-wins by clock stamp.
   */
  narrativeFields: readonly string[];
}

/**
 * The one registry of entity kinds. The database tables (renderer/src/db/entity-tables.ts), the
 * materializer, the merge and the conflict views all read it, so adding a kind or a narrative
 * field is one edit here instead of a hunt for lists.
 */
export const ENTITY_KINDS: { readonly [E in EntityName]: EntityKind<E> } = {
  mission: { name: 'mission', schema: MissionSchema, narrativeFields: [] },
  member: { name: 'member', schema: MemberSchema, narrativeFields: [] },
  site: { name: 'site', schema: SiteVisitSchema, narrativeFields: [] },
  finding: { name: 'finding', schema: FindingSchema, narrativeFields: ['narrative'] },
  evidence: { name: 'evidence', schema: EvidenceSchema, narrativeFields: [] },
  assessment: { name: 'assessment', schema: AssessmentSchema, narrativeFields: ['narrative'] },
  recommendation: { name: 'recommendation', schema: RecommendationSchema, narrativeFields: [] },
};

/** Every kind, parents before children (a mission before its members, a finding before its evidence). */
export const ENTITY_NAMES: readonly EntityName[] = EntityNameSchema.options;

export function entitySchema<E extends EntityName>(entity: E): z.ZodType<EntityTypes[E]> {
  return ENTITY_KINDS[entity].schema;
}
