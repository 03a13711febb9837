import type { Table } from 'dexie';
import type { z } from 'zod';
import type { EntityName } from '../../../shared/schemas/change';
import { ENTITY_KINDS, ENTITY_NAMES } from '../../../shared/entity-kinds';
import type {
  AssessmentRow,
  EvidenceRow,
  FindingRow,
  MemberRow,
  MissionKitDatabase,
  MissionRow,
  RecommendationRow,
  SiteRow,
  Stamped,
} from './database';

export interface EntityRows {
  mission: MissionRow;
  member: MemberRow;
  site: SiteRow;
  finding: FindingRow;
  evidence: EvidenceRow;
  assessment: AssessmentRow;
  recommendation: RecommendationRow;
}

/** Omit that keeps unions apart (evidence is attachment | statistic): plain Omit would merge them. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type EntityValue<E extends EntityName> = DistributiveOmit<EntityRows[E], '_stamps' | '_deleted'>;

/** A kind's schema from the registry (shared/entity-kinds.ts), typed against the stored value. */
export function entitySchemaOf<E extends EntityName>(entity: E): z.ZodType<EntityValue<E>> {
  const schemas: { [K in EntityName]: z.ZodType<EntityValue<K>> } = ENTITY_KINDS_SCHEMAS;
  return schemas[entity];
}

const ENTITY_KINDS_SCHEMAS = Object.fromEntries(ENTITY_NAMES.map((entity) => [entity, ENTITY_KINDS[entity].schema])) as { [E in EntityName]: (typeof ENTITY_KINDS)[E]['schema'] };

/** The table part of the registry: where each kind is stored on this device. */
export const ENTITY_TABLE_NAMES = {
  mission: 'missions',
  member: 'members',
  site: 'sites',
  finding: 'findings',
  evidence: 'evidence',
  assessment: 'assessments',
  recommendation: 'recommendations',
} as const satisfies Record<EntityName, keyof MissionKitDatabase>;

/** A stored row seen generically, for the repository's field-by-field bookkeeping. */
export type StoredRow = Stamped & { id: string; missionId?: string; [field: string]: unknown };

export function storedRows(db: MissionKitDatabase, entity: EntityName): Table<StoredRow, string> {
  return db.table<StoredRow, string>(ENTITY_TABLE_NAMES[entity]);
}
