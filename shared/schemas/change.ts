import { z } from 'zod';
import { IdSchema } from './ids';
import { isStamp } from '../hlc';

export const StampSchema = z.string().refine(isStamp, 'must be a hybrid logical clock stamp');

/** The synced entities; each maps to one table. */
export const EntityNameSchema = z.enum([
  'mission',
  'member',
  'site',
  'finding',
  'evidence',
  'assessment',
  'recommendation',
]);
export type EntityName = z.infer<typeof EntityNameSchema>;

/** Field name that marks a tombstone: value true means the entity was deleted. */
export const DELETED_FIELD = '_deleted';

/**
 * Field name of a creation: the value is the whole new entity (all fields but its id), each
 * field stamped with the change's clock. Later edits are one change per field.
 */
export const CREATED_FIELD = '*';

const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One field of one entity set to one value, as DESIGN.md's change record
 * `{entity, id, field, value, hlc, device, member, base}`. `base` is the stamp of the value the
 * author was editing (null for a first write): merge uses it to tell a concurrent narrative edit
 * from a sequential one.
 */
export const ChangeSchema = z.object({
  entity: EntityNameSchema,
  id: IdSchema,
  missionId: IdSchema,
  field: z.string().min(1).max(64), // a field name, CREATED_FIELD or DELETED_FIELD
  value: JsonValueSchema,
  hlc: StampSchema,
  device: IdSchema,
  member: IdSchema.nullable(),
  base: StampSchema.nullable(),
  /**
   * Further stamps this change supersedes besides `base`: a lead's resolution of a narrative
   * conflict names every version it replaces, so the conflict ends on every device.
   */
  merges: z.array(StampSchema).max(64).optional(),
});
export type Change = z.infer<typeof ChangeSchema>;
