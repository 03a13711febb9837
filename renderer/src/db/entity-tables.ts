import type { Table } from 'dexie';
import type { z } from 'zod';
import type { EntityName } from '../../../shared/schemas/change';
import { MemberSchema, MissionSchema, SiteVisitSchema } from '../../../shared/schemas/mission';
import { AssessmentSchema, EvidenceSchema, FindingSchema, RecommendationSchema } from '../../../shared/schemas/finding';
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

export const ENTITY_SCHEMAS: { [E in EntityName]: z.ZodType<EntityValue<E>> } = {
  mission: MissionSchema,
  member: MemberSchema,
  site: SiteVisitSchema,
  finding: FindingSchema,
  evidence: EvidenceSchema,
  assessment: AssessmentSchema,
  recommendation: RecommendationSchema,
};

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
