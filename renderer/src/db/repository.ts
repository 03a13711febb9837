import { HybridLogicalClock, type HlcState } from '../../../shared/hlc';
import { DELETED_FIELD, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import type { Member, Mission } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import { fail, ok, type Result } from '../../../shared/result';
import { issuesToProblems, describeProblems } from '../../../shared/template-validation';
import type { MissionKitDatabase, TemplateRow } from './database';
import { ENTITY_SCHEMAS, storedRows, type EntityValue, type StoredRow } from './entity-tables';

const DEVICE_KEY = 'deviceId';
const CLOCK_KEY = 'clock';

export class ValidationError extends Error {
  override name = 'ValidationError';
}

export interface RepositoryOptions {
  now?: () => number;
  newId?: () => string;
}

export type NewMission = Omit<Mission, 'id' | 'createdAt' | 'templateId' | 'templateVersion'>;
export type MissionPatch = Partial<Omit<Mission, 'id' | 'createdAt' | 'templateId' | 'templateVersion'>>;
export type NewMember = Omit<Member, 'id'>;

type EntityFields = Record<string, JsonValue> & { id: string; missionId?: string };

/** An entity value tagged with its kind, for writes that span several tables. */
export type AnyEntity = { [E in EntityName]: { entity: E; value: EntityValue<E> } }[EntityName];

/**
 * The only writer of the database. Every write validates the new value, stores it, and appends
 * one change record per changed field in the same Dexie transaction: either both land or
 * neither does.
 */
export class Repository {
  private memberId: string | null = null;

  private constructor(
    readonly db: MissionKitDatabase,
    readonly deviceId: string,
    private readonly clock: HybridLogicalClock,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  static async open(db: MissionKitDatabase, options: RepositoryOptions = {}): Promise<Repository> {
    const now = options.now ?? Date.now;
    const newId = options.newId ?? (() => crypto.randomUUID());
    const { deviceId, clockState } = await db.transaction('rw', db.meta, async () => {
      let device = (await db.meta.get(DEVICE_KEY))?.value;
      if (typeof device !== 'string') {
        // Created once per database and kept: every change this device makes is signed with it.
        device = `dev-${newId()}`;
        await db.meta.put({ key: DEVICE_KEY, value: device });
      }
      const clock = (await db.meta.get(CLOCK_KEY))?.value as HlcState | undefined;
      return { deviceId: device as string, clockState: clock };
    });
    return new Repository(db, deviceId, new HybridLogicalClock(deviceId, now, clockState), now, newId);
  }

  /** Which member this device acts as; recorded on every change it makes from now on. */
  actAs(memberId: string | null): void {
    this.memberId = memberId;
  }

  get currentMemberId(): string | null {
    return this.memberId;
  }

  async createMission(template: Template, input: NewMission): Promise<Mission> {
    const mission: Mission = {
      ...input,
      id: this.newId(),
      templateId: template.id,
      templateVersion: template.version,
      createdAt: new Date(this.now()).toISOString(),
    };
    return this.save('mission', mission);
  }

  async updateMission(id: string, patch: MissionPatch): Promise<Mission> {
    return this.patch('mission', id, patch);
  }

  async addMember(input: NewMember): Promise<Member> {
    return this.save('member', { ...input, id: this.newId() });
  }

  async deleteMission(id: string): Promise<void> {
    await this.remove('mission', id);
  }

  /**
   * Stores a validated template. The same id and version with the same content is a no-op; with
   * different content it is refused, because missions refer to templates by id and version.
   */
  async importTemplate(template: Template, builtin = false): Promise<Result<TemplateRow>> {
    return this.db.transaction('rw', this.db.templates, async () => {
      const existing = await this.db.templates.get([template.id, template.version]);
      if (existing) {
        if (JSON.stringify(existing.template) === JSON.stringify(template)) return ok(existing);
        return fail<TemplateRow>(
          'conflict',
          `A different template "${template.id}" version ${template.version} is already installed; give the new one a higher version.`,
        );
      }
      const row: TemplateRow = {
        id: template.id,
        version: template.version,
        title: template.title,
        builtin,
        importedAt: new Date(this.now()).toISOString(),
        template,
      };
      await this.db.templates.add(row);
      return ok(row);
    });
  }

  /** Creates or updates an entity from a whole value. */
  async save<E extends EntityName>(entity: E, value: EntityValue<E>): Promise<EntityValue<E>> {
    const next = this.validate(entity, value);
    const table = storedRows(this.db, entity);
    await this.db.transaction('rw', [table, this.db.changes, this.db.meta], async () => {
      await this.saveInTransaction(entity, next);
      await this.persistClock();
    });
    return next as unknown as EntityValue<E>;
  }

  /**
   * Saves several entities of possibly different kinds as one unit: all of them and all their
   * change records, or nothing.
   */
  async saveAll(items: readonly AnyEntity[]): Promise<void> {
    const validated = items.map((item) => ({ entity: item.entity, value: this.validate(item.entity, item.value) }));
    const tables = [...new Set(validated.map((item) => storedRows(this.db, item.entity)))];
    await this.db.transaction('rw', [...tables, this.db.changes, this.db.meta], async () => {
      for (const item of validated) await this.saveInTransaction(item.entity, item.value);
      await this.persistClock();
    });
  }

  private validate(entity: EntityName, value: unknown): EntityFields {
    const parsed = ENTITY_SCHEMAS[entity].safeParse(value);
    if (!parsed.success) {
      throw new ValidationError(`Invalid ${entity}: ${describeProblems(issuesToProblems(parsed.error.issues))}`);
    }
    return parsed.data as unknown as EntityFields;
  }

  private async saveInTransaction(entity: EntityName, next: EntityFields): Promise<void> {
    const table = storedRows(this.db, entity);
    const current = await table.get(next.id);
    if (current?._deleted) throw new ValidationError(`The ${entity} ${next.id} was deleted.`);
    const fields: [string, JsonValue][] = Object.entries(next).filter(
      ([field, fieldValue]) => field !== 'id' && (!current || !sameJson(current[field], fieldValue)),
    );
    // An optional field the new value no longer has was cleared: that is a change too, recorded
    // as null, so other devices clear it as well.
    for (const field of Object.keys(current ?? {})) {
      if (!field.startsWith('_') && !(field in next)) fields.push([field, null]);
    }
    if (fields.length === 0) return;
    const stamps = { ...(current?._stamps ?? {}) };
    const changes = fields.map(([field, fieldValue]) => {
      const change = this.change(entity, next.id, missionIdOf(entity, next), field, fieldValue, stamps[field] ?? null);
      stamps[field] = change.hlc;
      return change;
    });
    const row: StoredRow = { ...next, _stamps: stamps };
    await table.put(row);
    await this.db.changes.bulkAdd(changes);
  }

  async patch<E extends EntityName>(entity: E, id: string, patch: Partial<EntityValue<E>>): Promise<EntityValue<E>> {
    const current = await storedRows(this.db, entity).get(id);
    if (!current || current._deleted) throw new ValidationError(`No ${entity} with id ${id}.`);
    const { _stamps: _ignoredStamps, _deleted: _ignoredDeleted, ...value } = current;
    return this.save(entity, { ...(value as unknown as EntityValue<E>), ...patch, id });
  }

  /** Deletion is a tombstone, so a device that has not seen it yet cannot resurrect the entity. */
  async remove(entity: EntityName, id: string): Promise<void> {
    const table = storedRows(this.db, entity);
    await this.db.transaction('rw', [table, this.db.changes, this.db.meta], async () => {
      const current = await table.get(id);
      if (!current) throw new ValidationError(`No ${entity} with id ${id}.`);
      if (current._deleted) return;
      const change = this.change(entity, id, missionIdOf(entity, current), DELETED_FIELD, true, current._stamps[DELETED_FIELD] ?? null);
      await table.put({ ...current, _deleted: true, _stamps: { ...current._stamps, [DELETED_FIELD]: change.hlc } });
      await this.db.changes.add(change);
      await this.persistClock();
    });
  }

  private change(entity: EntityName, id: string, missionId: string, field: string, value: JsonValue, base: string | null): Change {
    return { entity, id, missionId, field, value, hlc: this.clock.tick(), device: this.deviceId, member: this.memberId, base };
  }

  private async persistClock(): Promise<void> {
    await this.db.meta.put({ key: CLOCK_KEY, value: this.clock.snapshot() });
  }
}

function missionIdOf(entity: EntityName, value: { id: string; missionId?: string }): string {
  if (entity === 'mission') return value.id;
  if (!value.missionId) throw new ValidationError(`The ${entity} ${value.id} has no mission.`);
  return value.missionId;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
