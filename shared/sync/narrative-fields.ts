import type { EntityName } from '../schemas/change';

/**
 * The long texts that are merged rather than overwritten: when two members edit one of these
 * concurrently, both versions are kept and the lead resolves the conflict. Every other field is
 * last-writer-wins by clock stamp.
 */
export const NARRATIVE_FIELDS: Readonly<Record<EntityName, readonly string[]>> = {
  mission: [],
  member: [],
  site: [],
  finding: ['narrative'],
  evidence: [],
  assessment: ['narrative'],
  recommendation: [],
};

export function narrativeFieldsOf(entity: EntityName): readonly string[] {
  return NARRATIVE_FIELDS[entity] ?? [];
}

export function isNarrativeField(entity: EntityName, field: string): boolean {
  return narrativeFieldsOf(entity).includes(field);
}
