import type { EntityName } from '../schemas/change';
import { ENTITY_KINDS, ENTITY_NAMES } from '../entity-kinds';

/** The narrative fields of every kind, as listed in the registry (shared/entity-kinds.ts). */
export const NARRATIVE_FIELDS: Readonly<Record<EntityName, readonly string[]>> = Object.fromEntries(
  ENTITY_NAMES.map((entity) => [entity, ENTITY_KINDS[entity].narrativeFields]),
) as Record<EntityName, readonly string[]>;

export function narrativeFieldsOf(entity: EntityName): readonly string[] {
  return ENTITY_KINDS[entity]?.narrativeFields ?? [];
}

export function isNarrativeField(entity: EntityName, field: string): boolean {
  return narrativeFieldsOf(entity).includes(field);
}
