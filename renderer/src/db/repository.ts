import { HybridLogicalClock, compareStamps, type HlcState } from '../../../shared/hlc';
import { CREATED_FIELD, DELETED_FIELD, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import type { Member, Mission } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import { fail, ok, type Result } from '../../../shared/result';
import { issuesToProblems, describeProblems } from '../../../shared/template-validation';
import type { ChangeRow, DraftRow, MissionKitDatabase, TemplateRow } from './database';
import type { AttachmentEvidence } from '../../../shared/schemas/finding';
import type { MissionFile } from '../../../shared/schemas/mission-file';
import { planTemplateUpgrade, type TemplateUpgradePlan } from '../../../shared/template-upgrade';
import { entitySchemaOf, storedRows, type EntityValue, type StoredRow } from './entity-tables';
import { stripBookkeeping } from './strip-bookkeeping';
import { peerKey, type PeerRecord } from '../sync/peers';
import { receive, type ApplySummary, type Delivery, type InboundAccess } from './receive';
import { KnownStamps } from './known-stamps';
import { materializeEntity } from '../../../shared/sync/materialize';
import { narrativeFieldsOf } from '../../../shared/sync/narrative-fields';
import { resolutionChange } from '../../../shared/sync/resolve-conflict';
import { cleanDeviceName, deviceNameKey } from './device-names';

const DEVICE_KEY = 'deviceId';
const CLOCK_KEY = 'clock';
/** Meta key: the stamp up to which this device's changes may have left it. */
const EXPORTED_KEY = 'exportedUpTo';

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

/** One field as the user left it, and the stamp of the value they were editing (`base`). */
export interface FieldEdit {
  /** null clears an optional field. */
  value: JsonValue;
  base: string | null;
}

/** Edits of the fields of one stored entity; fields not named here are left alone. */
export interface EntityEdits {
  entity: EntityName;
  id: string;
  fields: Readonly<Record<string, FieldEdit>>;
}

/**
 * A form's unit of work written field by field: only what the user changed, each field against
 * the stamp the user saw. New entities are whole values (nobody else can have edited them).
 */
export interface EditBatch {
  creations?: readonly AnyEntity[];
  edits?: readonly EntityEdits[];
  removals?: readonly { entity: EntityName; id: string }[];
  /** The form's draft; given as a function, it is made from the stamps just written (in the same transaction). */
  draft?: DraftRow | ((outcome: EditOutcome) => DraftRow);
  clearDraft?: string;
}

export interface EditOutcome {
  /** The stamp now carried by each written field, by `${entity}|${id}`; a creation stamps every field. */
  stamps: Record<string, Record<string, string>>;
  /** Edits not written because their entity was deleted meanwhile (deletion is final). */
  deleted: { entity: EntityName; id: string }[];
}

export function editKey(entity: EntityName, id: string): string {
  return `${entity}|${id}`;
}

export interface CommitBatch {
  saves?: readonly AnyEntity[];
  removals?: readonly { entity: EntityName; id: string }[];
  draft?: DraftRow;
  clearDraft?: string;
}

/** The parts of a mission file that become entities. */
export type MissionImport = Pick<
  MissionFile,
  'template' | 'mission' | 'members' | 'sites' | 'findings' | 'evidence' | 'assessments' | 'recommendations'
>;

function backupKey(missionId: string): string {
  return `backup:${missionId}`;
}

export function identityKey(missionId: string): string {
  return `identity:${missionId}`;
}

export type { ApplySummary, Delivery } from './receive';

/** An entity value tagged with its kind, for writes that span several tables. */
export type AnyEntity = { [E in EntityName]: { entity: E; value: EntityValue<E> } }[EntityName];

/**
 * The only writer of the database. Every write validates the new value, stores it, and appends
 * one change record per changed field in the same Dexie transaction: either both land or
 * neither does.
 */
export class Repository {
  private memberId: string | null = null;
  private readonly knownStamps: KnownStamps;

  private constructor(
    private readonly db: MissionKitDatabase,
    readonly deviceId: string,
    private readonly clock: HybridLogicalClock,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {
    this.knownStamps = new KnownStamps(db);
  }

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

  /**
   * Names this device ("Jürgen's laptop"), so people see it instead of an id; other devices
   * learn the name with what this one sends. Returns the name as stored (cleaned).
   */
  async nameThisDevice(name: string): Promise<string> {
    const cleaned = cleanDeviceName(name);
    if (cleaned === null) throw new ValidationError('A device name needs at least one visible character.');
    await this.db.meta.put({ key: deviceNameKey(this.deviceId), value: cleaned });
    return cleaned;
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

  /**
   * Moves a mission to a newer version of its template. Refused when a requirement holding
   * findings or assessments is gone from the new version; answers to removed questions stay in
   * their findings (shown as archived).
   */
  async upgradeMissionTemplate(missionId: string, toVersion: number): Promise<Result<TemplateUpgradePlan>> {
    const mission = await this.db.missions.get(missionId);
    if (!mission || mission._deleted) return fail('not-found', 'The mission does not exist.');
    const [from, to] = await Promise.all([
      this.db.templates.get([mission.templateId, mission.templateVersion]),
      this.db.templates.get([mission.templateId, toVersion]),
    ]);
    if (!from || !to) return fail('not-found', `Template ${mission.templateId} version ${toVersion} is not installed.`);
    const findings = (await this.db.findings.where('missionId').equals(missionId).toArray()).filter((row) => !row._deleted);
    const assessed = (await this.db.assessments.where('missionId').equals(missionId).toArray()).filter((row) => !row._deleted).map((row) => row.requirementId);
    const plan = planTemplateUpgrade(from.template, to.template, findings, assessed);
    if (!plan.canUpgrade) {
      return fail('conflict', `Version ${toVersion} no longer has these requirements, which hold the team's work: ${plan.missingRequirements.join(', ')}.`);
    }
    await this.patch('mission', missionId, { templateVersion: toVersion });
    return ok(plan);
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

  /**
   * The checklist's unit of work: entity saves, deletions and the device-local draft of one
   * form, committed together so the form's state on disk is never half old, half new.
   */
  async commit(batch: CommitBatch): Promise<void> {
    const saves = (batch.saves ?? []).map((item) => ({ entity: item.entity, value: this.validate(item.entity, item.value) }));
    const removals = batch.removals ?? [];
    const tables = [
      ...new Set([...saves.map((item) => item.entity), ...removals.map((item) => item.entity)].map((entity) => storedRows(this.db, entity))),
    ];
    await this.db.transaction('rw', [...tables, this.db.changes, this.db.meta, this.db.drafts], async () => {
      for (const item of saves) await this.saveInTransaction(item.entity, item.value);
      for (const item of removals) await this.removeInTransaction(item.entity, item.id);
      if (batch.draft) await this.db.drafts.put(batch.draft);
      if (batch.clearDraft) await this.db.drafts.delete(batch.clearDraft);
      await this.persistClock();
    });
  }

  /**
   * The forms' unit of work: creations, field edits with their bases, deletions and the form's
   * draft, in one transaction. A field edit's change names the base the user was editing, not
   * the stamp stored now: when another device changed the field meanwhile, a narrative keeps
   * both versions (a conflict) and a scalar is last-writer-wins, instead of this device
   * silently claiming to have seen the other edit. Fields not named are never written.
   */
  async commitEdits(batch: EditBatch): Promise<EditOutcome> {
    const creations = (batch.creations ?? []).map((item) => ({ entity: item.entity, value: this.validate(item.entity, item.value) }));
    const edits = batch.edits ?? [];
    const removals = batch.removals ?? [];
    const entities = [...creations.map((item) => item.entity), ...edits.map((item) => item.entity), ...removals.map((item) => item.entity)];
    const tables = [...new Set(entities.map((entity) => storedRows(this.db, entity)))];
    const outcome: EditOutcome = { stamps: {}, deleted: [] };
    await this.db.transaction('rw', [...tables, this.db.changes, this.db.meta, this.db.drafts], async () => {
      for (const item of creations) {
        const existing = await storedRows(this.db, item.entity).get(item.value.id);
        if (existing) {
          // Written before by this form (a reload replaying its journal): the values become edits.
          const fields: Record<string, FieldEdit> = {};
          for (const [field, value] of Object.entries(item.value)) {
            if (field !== 'id') fields[field] = { value, base: existing._stamps[field] ?? null };
          }
          await this.editInTransaction({ entity: item.entity, id: item.value.id, fields }, outcome);
          continue;
        }
        const change = this.creation(item.entity, item.value);
        await storedRows(this.db, item.entity).put({ ...item.value, _stamps: stampsOf(item.value, change.hlc) });
        await this.db.changes.add(change);
        outcome.stamps[editKey(item.entity, item.value.id)] = stampsOf(item.value, change.hlc);
      }
      for (const edit of edits) await this.editInTransaction(edit, outcome);
      for (const item of removals) await this.removeInTransaction(item.entity, item.id);
      if (batch.draft) await this.db.drafts.put(typeof batch.draft === 'function' ? batch.draft(outcome) : batch.draft);
      if (batch.clearDraft) await this.db.drafts.delete(batch.clearDraft);
      await this.persistClock();
    });
    return outcome;
  }

  private async editInTransaction(edit: EntityEdits, outcome: EditOutcome): Promise<void> {
    const { entity, id } = edit;
    const table = storedRows(this.db, entity);
    const current = await table.get(id);
    if (!current) throw new ValidationError(`No ${entity} with id ${id}.`);
    if (current._deleted) {
      outcome.deleted.push({ entity, id });
      return;
    }
    const written = Object.entries(edit.fields).filter(([field, item]) => field !== 'id' && !field.startsWith('_') && !sameJson(current[field] ?? null, item.value));
    if (written.length === 0) return;
    // A null clears an optional field: the new value does not have it.
    const cleared = new Set(written.filter(([, item]) => item.value === null).map(([field]) => field));
    const next: Record<string, unknown> = Object.fromEntries(
      [...Object.entries(stripBookkeeping(current)), ...written.map(([field, item]): [string, unknown] => [field, item.value])].filter(([field]) => !cleared.has(field)),
    );
    const value = this.validate(entity, next);
    const stamps = { ...current._stamps };
    const exportedUpTo = await this.exportedUpTo();
    const changes: Change[] = [];
    const superseded: number[] = [];
    const narratives = new Set(narrativeFieldsOf(entity));
    let concurrent = current._conflicts !== undefined;
    const stampsWritten: Record<string, string> = {};
    for (const [field, item] of written) {
      const previous = item.base === null || current._conflicts?.[field] ? null : await this.unsentOwnEdit(item.base, field, exportedUpTo);
      // As in saveInTransaction: this device's unsent edit of the field is replaced, not followed.
      if (previous?.seq !== undefined) superseded.push(previous.seq);
      const base = previous ? previous.base : item.base;
      if (narratives.has(field) && item.base !== (current._stamps[field] ?? null)) concurrent = true;
      const change = this.change(entity, id, missionIdOf(entity, value), field, value[field] ?? null, base);
      stamps[field] = change.hlc;
      stampsWritten[field] = change.hlc;
      changes.push(change);
    }
    if (superseded.length > 0) await this.db.changes.bulkDelete(superseded);
    await this.db.changes.bulkAdd(changes);
    // A narrative edited against an older version than the stored one, or a row already in
    // conflict: the log decides which versions are heads, so the row is recomputed from it.
    if (concurrent) await this.rematerialize(entity, id);
    else await table.put({ ...value, _stamps: stamps });
    outcome.stamps[editKey(entity, id)] = { ...outcome.stamps[editKey(entity, id)], ...stampsWritten };
  }

  /**
   * Stores an attachment's bytes once per content hash, and its evidence record with change
   * records, in one transaction. The hash is computed by the caller beforehand: a Dexie
   * transaction commits as soon as it awaits anything that is not IndexedDB.
   */
  async addAttachment(evidence: AttachmentEvidence, blob: Blob, thumbnail?: Blob | null): Promise<void> {
    const value = this.validate('evidence', evidence);
    await this.db.transaction('rw', [this.db.attachments, this.db.evidence, this.db.changes, this.db.meta], async () => {
      if (!(await this.db.attachments.get(evidence.sha256))) {
        await this.db.attachments.add({ sha256: evidence.sha256, blob, ...(thumbnail ? { thumbnail } : {}) });
      }
      await this.saveInTransaction('evidence', value);
      await this.persistClock();
    });
  }

  /** What we know of another device of the mission (its version vector, last exchange). */
  async recordPeer(missionId: string, peer: PeerRecord): Promise<void> {
    await this.db.meta.put({ key: peerKey(missionId, peer.device), value: peer });
  }

  /** Which member this device acts as in a mission; remembered on this device only. */
  async setIdentity(missionId: string, memberId: string | null): Promise<void> {
    await this.db.meta.put({ key: identityKey(missionId), value: memberId });
    this.actAs(memberId);
  }

  async identity(missionId: string): Promise<string | null> {
    const value = (await this.db.meta.get(identityKey(missionId)))?.value;
    return typeof value === 'string' ? value : null;
  }

  /**
   * Writes a whole mission (demo, mission file) as new entities with this device's change
   * records, through the one way in (receive.ts): everything or nothing. A mission that is
   * already here is refused, not merged — merging is what bundles are for.
   */
  async importMission(file: MissionImport): Promise<Result<Mission>> {
    const items: AnyEntity[] = [
      { entity: 'mission', value: file.mission },
      ...file.members.map((value): AnyEntity => ({ entity: 'member', value })),
      ...file.sites.map((value): AnyEntity => ({ entity: 'site', value })),
      ...file.findings.map((value): AnyEntity => ({ entity: 'finding', value })),
      ...file.evidence.map((value): AnyEntity => ({ entity: 'evidence', value })),
      ...file.assessments.map((value): AnyEntity => ({ entity: 'assessment', value })),
      ...file.recommendations.map((value): AnyEntity => ({ entity: 'recommendation', value })),
    ];
    for (const item of items) {
      const missionId = item.entity === 'mission' ? item.value.id : item.value.missionId;
      if (missionId !== file.mission.id) {
        return fail('invalid-payload', `The ${item.entity} ${item.value.id} belongs to another mission (${missionId}).`);
      }
    }
    let changes: Change[];
    try {
      // A new entity is one change carrying all its fields: a 20,000-finding import writes
      // 20,000 change records, not 180,000.
      changes = items.map((item) => this.creation(item.entity, this.validate(item.entity, item.value)));
    } catch (error) {
      if (error instanceof ValidationError) return fail('invalid-payload', error.message);
      throw error;
    }
    const received = await receive(this, [{ missionId: file.mission.id, template: file.template, changes }], { mode: 'new' });
    return received.ok ? ok(file.mission) : fail(received.error.code, received.error.message);
  }

  /**
   * Applies changes from another device through the one way in (receive.ts), against the
   * templates installed here: everything in one transaction, or nothing (a ValidationError names
   * the problems). Each touched entity is recomputed from its whole change log, so the result is
   * the same whatever order changes arrive in, and a change seen twice changes nothing.
   */
  async applyChanges(incoming: readonly Change[], attachments: ReadonlyMap<string, Blob> = new Map()): Promise<ApplySummary> {
    const missionIds = [...new Set(incoming.map((change) => change.missionId))];
    const deliveries: Delivery[] = missionIds.map((missionId, index) => ({
      missionId,
      changes: incoming.filter((change) => change.missionId === missionId),
      ...(index === 0 ? { attachments } : {}),
    }));
    const received = await receive(this, deliveries);
    if (!received.ok) throw new ValidationError(received.error.message);
    const total: ApplySummary = { received: incoming.length, applied: 0, duplicates: 0, created: 0, updated: 0, deleted: 0, conflicts: [], conflictFields: [] };
    for (const summary of received.value) {
      total.applied += summary.applied;
      total.duplicates += summary.duplicates;
      total.created += summary.created;
      total.updated += summary.updated;
      total.deleted += summary.deleted;
      total.conflicts.push(...summary.conflicts);
      total.conflictFields.push(...summary.conflictFields);
    }
    total.duplicates = incoming.length - total.applied;
    return total;
  }

  /** The parts of this repository that receive.ts, the one way in, works with; nothing else may use them. */
  inbound(): InboundAccess {
    return {
      db: this.db,
      deviceId: this.deviceId,
      now: this.now,
      clock: this.clock,
      knownStamps: this.knownStamps,
      persistClock: () => this.persistClock(),
      importTemplate: (template) => this.importTemplate(template),
    };
  }

  /** Which change (by log position) the mission's newest snapshot holds, so unchanged missions are not backed up again. */
  async recordBackup(missionId: string, seq: number): Promise<void> {
    await this.db.meta.put({ key: backupKey(missionId), value: seq });
  }

  async lastBackupSeq(missionId: string): Promise<number | null> {
    const value = (await this.db.meta.get(backupKey(missionId)))?.value;
    return typeof value === 'number' ? value : null;
  }

  /**
   * The lead's resolution of a narrative conflict: one change naming every version it replaces,
   * so the conflict ends here and, once the change travels, everywhere.
   */
  async resolveConflict(entity: EntityName, id: string, field: string, text: string): Promise<void> {
    const table = storedRows(this.db, entity);
    await this.db.transaction('rw', [table, this.db.changes, this.db.meta], async () => {
      const current = await table.get(id);
      const heads = current?._conflicts?.[field];
      if (!current || !heads || heads.length < 2) throw new ValidationError(`There is no conflict on the ${field} of this ${entity}.`);
      const change = resolutionChange({
        entity,
        id,
        missionId: missionIdOf(entity, current),
        field,
        text,
        heads,
        hlc: this.clock.tick(),
        device: this.deviceId,
        member: this.memberId,
      });
      await this.db.changes.add(change);
      await this.rematerialize(entity, id);
      await this.persistClock();
    });
  }

  /**
   * Rewrites a row from its entity's whole change log: the row is a cache of the log, so this
   * gives every device the same row for the same changes, conflicts included.
   */
  private async rematerialize(entity: EntityName, id: string): Promise<StoredRow | null> {
    const history = await this.db.changes.where('[entity+id]').equals([entity, id]).toArray();
    const row = materializedRow(entity, id, history);
    if (row) await storedRows(this.db, entity).put(row);
    return row;
  }

  private validate(entity: EntityName, value: unknown): EntityFields {
    const parsed = entitySchemaOf(entity).safeParse(value);
    if (!parsed.success) {
      throw new ValidationError(`Invalid ${entity}: ${describeProblems(issuesToProblems(parsed.error.issues))}`);
    }
    return parsed.data as unknown as EntityFields;
  }

  private async saveInTransaction(entity: EntityName, next: EntityFields): Promise<void> {
    const table = storedRows(this.db, entity);
    const current = await table.get(next.id);
    if (current?._deleted) throw new ValidationError(`The ${entity} ${next.id} was deleted.`);
    if (!current) {
      const change = this.creation(entity, next);
      await table.put({ ...next, _stamps: stampsOf(next, change.hlc) });
      await this.db.changes.add(change);
      return;
    }
    const fields: [string, JsonValue][] = Object.entries(next).filter(([field, fieldValue]) => field !== 'id' && !sameJson(current[field], fieldValue));
    // An optional field the new value no longer has was cleared: that is a change too, recorded
    // as null, so other devices clear it as well.
    for (const field of Object.keys(current)) {
      if (!field.startsWith('_') && !(field in next)) fields.push([field, null]);
    }
    if (fields.length === 0) return;
    const stamps = { ...current._stamps };
    const exportedUpTo = await this.exportedUpTo();
    const changes: Change[] = [];
    const superseded: number[] = [];
    for (const [field, fieldValue] of fields) {
      const previousStamp = stamps[field] ?? null;
      const previous = previousStamp === null || current._conflicts?.[field] ? null : await this.unsentOwnEdit(previousStamp, field, exportedUpTo);
      // Autosave writes every pause in typing; an edit no other device or file has seen yet
      // replaces this device's previous edit of the field instead of piling up behind it.
      if (previous?.seq !== undefined) superseded.push(previous.seq);
      const change = this.change(entity, next.id, missionIdOf(entity, next), field, fieldValue, previous ? previous.base : previousStamp);
      stamps[field] = change.hlc;
      changes.push(change);
    }
    const row: StoredRow = { ...next, _stamps: stamps };
    await table.put(row);
    if (superseded.length > 0) await this.db.changes.bulkDelete(superseded);
    await this.db.changes.bulkAdd(changes);
    // An edit never ends a conflict by itself (only a resolution names every version): the row
    // is recomputed so its conflicts stay visible.
    if (current._conflicts) await this.rematerialize(entity, next.id);
  }

  async patch<E extends EntityName>(entity: E, id: string, patch: Partial<EntityValue<E>>): Promise<EntityValue<E>> {
    const current = await storedRows(this.db, entity).get(id);
    if (!current || current._deleted) throw new ValidationError(`No ${entity} with id ${id}.`);
    const value = stripBookkeeping(current);
    return this.save(entity, { ...(value as unknown as EntityValue<E>), ...patch, id });
  }

  /** Deletion is a tombstone, so a device that has not seen it yet cannot resurrect the entity; `restore` undoes it. */
  async remove(entity: EntityName, id: string): Promise<void> {
    const table = storedRows(this.db, entity);
    await this.db.transaction('rw', [table, this.db.changes, this.db.meta], async () => {
      await this.removeInTransaction(entity, id);
      await this.persistClock();
    });
  }

  /**
   * Undoes a deletion: a NEW change (`_deleted` = false, newer than the tombstone) rather than a
   * rewrite of the log, so every device that receives it restores the entity too. The entity
   * comes back exactly as its log describes it: every field, its links and its order; an
   * attachment's bytes were never removed with its record.
   */
  async restore(entity: EntityName, id: string): Promise<void> {
    const table = storedRows(this.db, entity);
    await this.db.transaction('rw', [table, this.db.changes, this.db.meta], async () => {
      const current = await table.get(id);
      if (!current) throw new ValidationError(`No ${entity} with id ${id}.`);
      if (!current._deleted) return;
      const change = this.change(entity, id, missionIdOf(entity, current), DELETED_FIELD, false, current._stamps[DELETED_FIELD] ?? null);
      await this.db.changes.add(change);
      await this.rematerialize(entity, id);
      await this.persistClock();
    });
  }

  private async removeInTransaction(entity: EntityName, id: string): Promise<void> {
    const table = storedRows(this.db, entity);
    const current = await table.get(id);
    if (!current) throw new ValidationError(`No ${entity} with id ${id}.`);
    if (current._deleted) return;
    const change = this.change(entity, id, missionIdOf(entity, current), DELETED_FIELD, true, current._stamps[DELETED_FIELD] ?? null);
    await table.put({ ...current, _deleted: true, _stamps: { ...current._stamps, [DELETED_FIELD]: change.hlc } });
    await this.db.changes.add(change);
  }

  /**
   * A new entity is one change carrying all its fields: a 20,000-finding import writes 20,000
   * change records, not 180,000, and no other device can have edited a field it never saw.
   */
  private creation(entity: EntityName, value: EntityFields): Change {
    const { id, ...fields } = value;
    return this.change(entity, id, missionIdOf(entity, value), CREATED_FIELD, fields, null);
  }

  private change(entity: EntityName, id: string, missionId: string, field: string, value: JsonValue, base: string | null): Change {
    return { entity, id, missionId, field, value, hlc: this.clock.tick(), device: this.deviceId, member: this.memberId, base };
  }

  /**
   * Everything stamped up to now may leave this device from here on (a bundle, a hub
   * exchange, a full backup): from now on those changes are never replaced, only followed.
   */
  async markExported(): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      await this.db.meta.put({ key: EXPORTED_KEY, value: this.clock.tick() });
      await this.persistClock();
    });
  }

  private async exportedUpTo(): Promise<string | null> {
    const value = (await this.db.meta.get(EXPORTED_KEY))?.value;
    return typeof value === 'string' ? value : null;
  }

  /**
   * The change with this stamp, when it is this device's own edit of `field`, made as the same
   * member and after the last export: nobody else can hold it, so it may be replaced.
   */
  private async unsentOwnEdit(stamp: string, field: string, exportedUpTo: string | null): Promise<ChangeRow | null> {
    if (exportedUpTo !== null && compareStamps(stamp, exportedUpTo) <= 0) return null;
    const change = await this.db.changes.where('hlc').equals(stamp).first();
    if (!change || change.device !== this.deviceId || change.field !== field || (change.member ?? null) !== this.memberId) return null;
    if ((change.merges ?? []).length > 0) return null;
    return change;
  }

  private async persistClock(): Promise<void> {
    await this.db.meta.put({ key: CLOCK_KEY, value: this.clock.snapshot() });
  }
}

/**
 * The row an entity's change log describes: the row is a cache of the log, so every device holding
 * the same changes stores the same row, conflicts included.
 */
export function materializedRow(entity: EntityName, id: string, history: readonly Change[]): StoredRow | null {
  const state = materializeEntity(history);
  if (!state) return null;
  const row: StoredRow = { ...state.fields, id, _stamps: state.stamps, ...(state.deleted ? { _deleted: true } : {}) };
  if (Object.keys(state.conflicts).length > 0) row._conflicts = state.conflicts;
  if (!state.deleted) {
    const parsed = entitySchemaOf(entity).safeParse(stripBookkeeping(row));
    // A row the log cannot complete (its creation never arrived) would be unreadable: refuse
    // the whole write rather than store it half-made.
    if (!parsed.success) throw new ValidationError(`The ${entity} ${id} would be incomplete: ${describeProblems(issuesToProblems(parsed.error.issues))}`);
  }
  return row;
}

function missionIdOf(entity: EntityName, value: { id: string; missionId?: string }): string {
  if (entity === 'mission') return value.id;
  if (!value.missionId) throw new ValidationError(`The ${entity} ${value.id} has no mission.`);
  return value.missionId;
}

/** Every field of a created entity carries the creation's stamp until it is edited. */
function stampsOf(value: EntityFields, hlc: string): Record<string, string> {
  const stamps: Record<string, string> = {};
  for (const field of Object.keys(value)) if (field !== 'id') stamps[field] = hlc;
  return stamps;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
