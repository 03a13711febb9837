/**
 * The one way into the database for data made elsewhere: bundle import, hub pull, snapshot
 * restore, full-backup restore and mission-file import (the demo included) all come through
 * {@link receive}.
 *
 * parse (done by the caller: bundle reader, hub client, mission-file parser) → check the whole
 * delivery: the shape of every change, the clock that stamped it, and every reference it makes
 * against its template and the mission as it will be once the delivery is in → write template,
 * changes, rows, attachments, the sender's peer record and the device names it taught us, in ONE
 * Dexie transaction → the summary. Refused: the transaction is aborted, so the database is as it
 * was, byte for byte, and the message names the first few problems with their paths.
 */
import type { HybridLogicalClock } from '../../../shared/hlc';
import { fail, ok, type ErrorCode, type Result } from '../../../shared/result';
import { CREATED_FIELD, DELETED_FIELD, type Change, type EntityName } from '../../../shared/schemas/change';
import type { Template } from '../../../shared/schemas/template';
import { summarizeImport, type ConflictRef } from '../../../shared/sync/apply-summary';
import { clockAheadMessage, clockLimit, devicesAhead } from '../../../shared/sync/clock-guard';
import { changeShapeProblems, duplicateAssessmentProblems, idsIn, referenceProblems, summarizeProblems, type MissionIds } from '../../../shared/sync/delivery-references';
import type { ValidationProblem } from '../../../shared/template-validation';
import { peerKey, type PeerRecord } from '../sync/peers';
import { attachmentBlobs } from './attachment-blob';
import type { MissionKitDatabase, TemplateRow } from './database';
import { learntDeviceNameRows } from './device-names';
import { storedRows, type StoredRow } from './entity-tables';
import type { KnownStamps } from './known-stamps';
import { ValidationError, materializedRow, type Repository } from './repository';
import { ENTITY_NAMES } from '../../../shared/entity-kinds';

/** Changes of one mission from elsewhere, with the template they need and their photos. */
export interface Delivery {
  missionId: string;
  /** The template the sender used; installed with the delivery. Without it (a hub pull), the one installed here for the mission. */
  template?: Template;
  changes: readonly Change[];
  /** Attachment bytes by SHA-256. */
  attachments?: ReadonlyMap<string, Uint8Array | Blob>;
  /** Names of devices the sender knows ("Jürgen's laptop"), kept so people see who wrote what. */
  deviceNames?: Readonly<Record<string, string>>;
  /** What to remember of the sender once the delivery is in (its version vector). */
  peer?: PeerRecord;
}

/**
 * How a delivery meets what is here. `merge`: added to what is here (bundles, hub, full backup).
 * `replace`: the mission becomes exactly the delivery (snapshot restore). `new`: the mission must
 * not be here yet, nor any of its ids (mission file, demo).
 */
export type ReceiveMode = 'merge' | 'replace' | 'new';

export interface ApplySummary {
  received: number;
  applied: number;
  duplicates: number;
  /** Entities that did not exist here before. */
  created: number;
  updated: number;
  /** Entities the delivery deleted. */
  deleted: number;
  /** Entities where a narrative conflict appeared with this delivery. */
  conflicts: { entity: EntityName; id: string }[];
  /** The same, field by field. */
  conflictFields: ConflictRef[];
}

/** The parts of a repository that receive() works with; only receive() uses them. */
export interface InboundAccess {
  db: MissionKitDatabase;
  deviceId: string;
  now: () => number;
  clock: HybridLogicalClock;
  knownStamps: KnownStamps;
  persistClock(): Promise<void>;
  importTemplate(template: Template): Promise<Result<TemplateRow>>;
}

/** Why a delivery was refused; thrown inside the transaction so that it rolls back. */
export class DeliveryRefused extends Error {
  override name = 'DeliveryRefused';
  constructor(
    readonly code: Extract<ErrorCode, 'invalid-payload' | 'conflict' | 'clock-ahead'>,
    message: string,
    readonly problems: readonly ValidationProblem[] = [],
  ) {
    super(message);
  }
}

function refusedBy(problems: readonly ValidationProblem[], code: DeliveryRefused['code'] = 'invalid-payload'): DeliveryRefused {
  return new DeliveryRefused(code, summarizeProblems(problems), problems);
}


/**
 * What can be checked without the database: the shape of every change, and that no change is
 * stamped by a clock far ahead of this one. Restore runs it before saving the current state, so
 * that a refused restore leaves nothing behind.
 */
export function checkDeliveries(repository: Repository, deliveries: readonly Delivery[], mode: ReceiveMode = 'merge'): Result<void> {
  const problems: ValidationProblem[] = [];
  deliveries.forEach((delivery, index) => {
    const where = deliveries.length > 1 ? `missions[${index}].` : '';
    problems.push(...changeShapeProblems(delivery.changes, delivery.missionId).map((problem) => ({ ...problem, path: `${where}${problem.path}` })));
    if (mode !== 'merge' && !delivery.changes.some((change) => change.entity === 'mission' && change.id === delivery.missionId && change.field === CREATED_FIELD)) {
      problems.push({ path: `${where}changes`, message: `the delivery does not hold mission "${delivery.missionId}" itself` });
    }
    if (mode !== 'merge' && delivery.template && problems.length === 0) {
      // A whole mission (restore, mission file) must hold together on its own.
      problems.push(...wholeMissionProblems(delivery, delivery.template).map((problem) => ({ ...problem, path: `${where}${problem.path}` })));
    }
  });
  if (problems.length > 0) return fail('invalid-payload', summarizeProblems(problems));
  const inbound = repository.inbound();
  const wall = inbound.now();
  const limit = clockLimit(wall, inbound.clock.snapshot().millis);
  const ahead = devicesAhead(
    deliveries.flatMap((delivery) => delivery.changes),
    wall,
    limit,
  );
  if (ahead.length > 0) return fail('clock-ahead', clockAheadMessage(ahead));
  return ok(undefined);
}

/** The references and assessments of a delivery that is a whole mission, checked on the delivery alone. */
function wholeMissionProblems(delivery: Delivery, template: Template): ValidationProblem[] {
  const problems = referenceProblems(template, delivery.changes, idsIn(delivery.changes));
  if (problems.length > 0) return problems;
  return duplicateAssessmentProblems(liveAssessments(delivery.changes), (assessment) => `changes[${assessment.index}]`);
}

/**
 * The assessments a change log leaves alive, with the requirement each is of (its newest
 * value) and where it was created: a scan, not a full materialization, since a 20,000-finding
 * mission file passes here too.
 */
function liveAssessments(changes: readonly Change[]): { id: string; requirementId: string; index: number }[] {
  const found = new Map<string, { id: string; requirementId: string; index: number; stamp: string; deleted: boolean; deletionStamp: string }>();
  changes.forEach((change, index) => {
    if (change.entity !== 'assessment') return;
    const entry = found.get(change.id) ?? { id: change.id, requirementId: '', index, stamp: '', deleted: false, deletionStamp: '' };
    found.set(change.id, entry);
    const value = change.field === CREATED_FIELD && typeof change.value === 'object' && change.value !== null && !Array.isArray(change.value) ? change.value['requirementId'] : change.field === 'requirementId' ? change.value : undefined;
    if (typeof value === 'string' && change.hlc > entry.stamp) Object.assign(entry, { requirementId: value, stamp: change.hlc });
    // The newest deletion or restore (an undo) decides, as in materialize.ts.
    if (change.field === DELETED_FIELD && typeof change.value === 'boolean' && change.hlc > entry.deletionStamp) Object.assign(entry, { deleted: change.value, deletionStamp: change.hlc });
  });
  return [...found.values()].filter((entry) => !entry.deleted && entry.requirementId !== '').sort((a, b) => a.index - b.index);
}

/**
 * Receives deliveries as one unit: all of them, or — with the problems named — nothing at all.
 * Never throws for bad input; an unexpected database error is thrown as it is.
 */
export async function receive(repository: Repository, deliveries: readonly Delivery[], options: { mode?: ReceiveMode } = {}): Promise<Result<ApplySummary[]>> {
  const mode = options.mode ?? 'merge';
  const checked = checkDeliveries(repository, deliveries, mode);
  if (!checked.ok) return checked;
  const inbound = repository.inbound();
  const { db, knownStamps } = inbound;
  const blobs = deliveries.map((delivery) => attachmentBlobs(delivery.attachments ?? new Map()));
  // Stamps this database already holds: skipped cheaply. Loaded before the transaction, so a
  // rolled-back write can never leave a stamp counted as stored.
  const known: ReadonlySet<string> = mode === 'merge' ? await knownStamps.load() : new Set();
  // A restore deletes stamps: none of the cached ones may be trusted until it is over.
  if (mode === 'replace') knownStamps.forget();
  try {
    const results = await db.transaction('rw', db.tables, async () => {
      const summaries: { summary: ApplySummary; fresh: Change[] }[] = [];
      for (const [index, delivery] of deliveries.entries()) {
        try {
          summaries.push(await storeDelivery(inbound, delivery, blobs[index] ?? new Map(), known, mode));
        } catch (error) {
          // Several missions at once (a full backup): say which one was refused.
          if (error instanceof DeliveryRefused && deliveries.length > 1) throw new DeliveryRefused(error.code, `mission "${delivery.missionId}": ${error.message}`, error.problems);
          throw error;
        }
      }
      await inbound.persistClock();
      return summaries;
    });
    if (mode === 'merge') knownStamps.add(results.flatMap((result) => result.fresh.map((change) => change.hlc)));
    return ok(results.map((result) => result.summary));
  } catch (error) {
    if (error instanceof DeliveryRefused) return fail(error.code, error.message);
    if (error instanceof ValidationError) return fail('invalid-payload', error.message);
    throw error;
  } finally {
    if (mode === 'replace') knownStamps.forget();
  }
}

interface Indexed {
  change: Change;
  index: number;
}

interface Target {
  entity: EntityName;
  id: string;
  /** The first change of the delivery that touches it: where its problems point. */
  index: number;
  arrived: Change[];
}

async function storeDelivery(inbound: InboundAccess, delivery: Delivery, attachments: ReadonlyMap<string, Blob>, known: ReadonlySet<string>, mode: ReceiveMode): Promise<{ summary: ApplySummary; fresh: Change[] }> {
  const { db } = inbound;
  const { missionId } = delivery;
  if (delivery.template) {
    const installed = await inbound.importTemplate(delivery.template);
    if (!installed.ok) throw new DeliveryRefused('conflict', installed.error.message);
  }
  const local = await db.missions.get(missionId);
  if (mode === 'new' && local) throw new DeliveryRefused('conflict', `The mission "${local.title}" is already on this device.`);
  if (local && delivery.template && local.templateId !== delivery.template.id) {
    throw new DeliveryRefused('conflict', `The mission uses template "${local.templateId}" on this device, but the delivery carries template "${delivery.template.id}".`);
  }
  if (mode === 'replace') {
    await db.changes.where('missionId').equals(missionId).delete();
    for (const entity of ENTITY_NAMES) {
      if (entity === 'mission') await db.missions.delete(missionId);
      else await storedRows(db, entity).where('missionId').equals(missionId).delete();
    }
  }

  // Each stamp once, and only those not known to be stored.
  const seen = new Set<string>();
  const candidates: Indexed[] = [];
  delivery.changes.forEach((change, index) => {
    if (seen.has(change.hlc) || known.has(change.hlc)) return;
    seen.add(change.hlc);
    candidates.push({ change, index });
  });
  const targets = new Map<string, Target>();
  for (const { change, index } of candidates) {
    const key = `${change.entity}|${change.id}`;
    const target = targets.get(key);
    if (target) target.arrived.push(change);
    else targets.set(key, { entity: change.entity, id: change.id, index, arrived: [change] });
  }
  const list = [...targets.values()];
  if (mode === 'new' && candidates.every(({ change }) => change.field === CREATED_FIELD)) {
    return storeNewMission(inbound, delivery, attachments, candidates, list);
  }
  const befores = await rowsOf(db, list);
  const problems: ValidationProblem[] = [];
  list.forEach((target, position) => {
    const before = befores[position];
    if (!before) return;
    const owner = target.entity === 'mission' ? before.id : before.missionId;
    if (owner !== missionId) {
      problems.push({ path: `changes[${target.index}].id`, message: `${target.entity} "${target.id}" belongs to mission "${owner ?? '?'}" on this device, not to "${missionId}"` });
    } else if (mode === 'new') {
      problems.push({ path: `changes[${target.index}].id`, message: `${target.entity} "${target.id}" is already on this device` });
    }
  });
  if (problems.length > 0) throw refusedBy(problems);

  // A row is a cache of its change log: where there is no row there are no changes, so only
  // entities already here have a history to read (an import of 20,000 new findings reads none).
  const histories = await Promise.all(
    list.map((target, position) => (befores[position] ? db.changes.where('[entity+id]').equals([target.entity, target.id]).toArray() : Promise.resolve([]))),
  );
  const imported = summarizeImport(
    histories.flat(),
    candidates.map((candidate) => candidate.change),
  );
  const fresh = new Set(imported.fresh.map((change) => change.hlc));
  const writes = new Map<EntityName, StoredRow[]>();
  list.forEach((target, position) => {
    const arrived = target.arrived.filter((change) => fresh.has(change.hlc));
    if (arrived.length === 0) return;
    try {
      const row = materializedRow(target.entity, target.id, [...(histories[position] ?? []), ...arrived]);
      if (!row) return;
      const rows = writes.get(target.entity) ?? [];
      rows.push(row);
      writes.set(target.entity, rows);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push({ path: `changes[${target.index}]`, message: error.message });
    }
  });
  if (problems.length > 0) throw refusedBy(problems);

  if (imported.fresh.length > 0) {
    for (const change of imported.fresh) inbound.clock.receive(change.hlc);
    await db.changes.bulkAdd(imported.fresh.map((change) => ({ ...change })));
    await Promise.all([...writes].map(([entity, rows]) => storedRows(db, entity).bulkPut(rows)));
  }

  // The mission as it is now, inside the transaction: every fresh change's references must hold.
  const freshIndexes = new Set(candidates.filter((candidate) => fresh.has(candidate.change.hlc)).map((candidate) => candidate.index));
  if (freshIndexes.size > 0) problems.push(...(await resultingMissionProblems(db, delivery, freshIndexes, list)));
  if (problems.length > 0) throw refusedBy(problems);

  await storeExtras(inbound, delivery, attachments);

  const conflicts = new Map<string, { entity: EntityName; id: string }>();
  for (const conflict of imported.conflicts) conflicts.set(`${conflict.entity}|${conflict.id}`, { entity: conflict.entity, id: conflict.id });
  return {
    fresh: imported.fresh,
    summary: {
      received: delivery.changes.length,
      applied: imported.fresh.length,
      duplicates: delivery.changes.length - imported.fresh.length,
      created: imported.created.length,
      updated: imported.updated.length,
      deleted: imported.deleted.length,
      conflicts: [...conflicts.values()],
      conflictFields: imported.conflicts,
    },
  };
}

/** What comes with the changes: attachment bytes not held yet, the sender's peer record, device names. */
async function storeExtras(inbound: InboundAccess, delivery: Delivery, attachments: ReadonlyMap<string, Blob>): Promise<void> {
  const { db } = inbound;
  const missing = await db.attachments.bulkGet([...attachments.keys()]);
  const newBlobs = [...attachments].filter((_entry, position) => !missing[position]).map(([sha256, blob]) => ({ sha256, blob }));
  if (newBlobs.length > 0) await db.attachments.bulkAdd(newBlobs);
  if (delivery.peer) await db.meta.put({ key: peerKey(delivery.missionId, delivery.peer.device), value: delivery.peer });
  const names = learntDeviceNameRows(delivery.deviceNames ?? {}, inbound.deviceId);
  if (names.length > 0) await db.meta.bulkPut(names);
}

/**
 * A mission new to this device made only of creations (a mission file, the demo): each row is
 * its creation's value, stamped by it, added in bulk. No row of it may exist yet, so nothing is
 * read first: `bulkAdd` refuses an id that is already here, and that refusal aborts the whole
 * transaction. A 20,000-finding file costs no reads.
 */
async function storeNewMission(inbound: InboundAccess, delivery: Delivery, attachments: ReadonlyMap<string, Blob>, candidates: readonly Indexed[], targets: readonly Target[]): Promise<{ summary: ApplySummary; fresh: Change[] }> {
  const { db } = inbound;
  const byTable = new Map<EntityName, StoredRow[]>();
  for (const target of targets) {
    const [creation, ...again] = target.arrived;
    if (!creation || again.length > 0) throw refusedBy([{ path: `changes[${target.index}]`, message: `${target.entity} "${target.id}" is created twice` }]);
    const fields = creation.value as Record<string, unknown>;
    const stamps: Record<string, string> = {};
    for (const field of Object.keys(fields)) if (field !== 'id') stamps[field] = creation.hlc;
    const rows = byTable.get(target.entity) ?? [];
    rows.push({ ...fields, id: target.id, _stamps: stamps });
    byTable.set(target.entity, rows);
  }
  const fresh = candidates.map(({ change }) => change);
  for (const change of fresh) inbound.clock.receive(change.hlc);
  try {
    for (const [entity, rows] of byTable) await storedRows(db, entity).bulkAdd(rows);
  } catch (error) {
    // Dexie's BulkError (or a plain ConstraintError): an id that is already here.
    if (error instanceof Error && (error.name === 'BulkError' || error.name === 'ConstraintError')) {
      throw new DeliveryRefused('conflict', 'Some of its records are already on this device (an id used twice, or by another mission); nothing was imported.');
    }
    throw error;
  }
  await db.changes.bulkAdd(fresh.map((change) => ({ ...change })));
  const problems = await resultingMissionProblems(db, delivery, new Set(candidates.map((candidate) => candidate.index)), targets);
  if (problems.length > 0) throw refusedBy(problems);
  await storeExtras(inbound, delivery, attachments);
  return {
    fresh,
    summary: { received: delivery.changes.length, applied: fresh.length, duplicates: delivery.changes.length - fresh.length, created: targets.length, updated: 0, deleted: 0, conflicts: [], conflictFields: [] },
  };
}

/**
 * The references of the fresh changes against the mission as the delivery leaves it: its
 * template, its members, site visits and findings, one assessment per requirement.
 */
async function resultingMissionProblems(db: MissionKitDatabase, delivery: Delivery, freshIndexes: ReadonlySet<number>, targets: readonly Target[]): Promise<ValidationProblem[]> {
  const { missionId } = delivery;
  const mission = await db.missions.get(missionId);
  if (!mission) {
    return [{ path: 'changes', message: `mission "${missionId}" is not on this device, and the delivery does not hold its creation` }];
  }
  const template =
    delivery.template && delivery.template.id === mission.templateId && delivery.template.version === mission.templateVersion
      ? delivery.template
      : (await db.templates.get([mission.templateId, mission.templateVersion]))?.template;
  if (!template) {
    return [
      {
        path: 'changes',
        message: `the mission uses template "${mission.templateId}" version ${mission.templateVersion}, which is not on this device; import a bundle from a device that has it`,
      },
    ];
  }
  const [members, sites, findings, assessments] = await Promise.all([
    db.members.where('missionId').equals(missionId).primaryKeys(),
    db.sites.where('missionId').equals(missionId).primaryKeys(),
    db.findings.where('missionId').equals(missionId).primaryKeys(),
    db.assessments.where('missionId').equals(missionId).toArray(),
  ]);
  const ids: MissionIds = { member: new Set(members), site: new Set(sites), finding: new Set(findings) };
  const problems = referenceProblems(template, delivery.changes, ids, freshIndexes);
  const touched = new Map(targets.filter((target) => target.entity === 'assessment').map((target) => [target.id, target.index]));
  const live = assessments.filter((assessment) => !assessment._deleted).sort((a, b) => (touched.has(a.id) ? 1 : 0) - (touched.has(b.id) ? 1 : 0));
  for (const problem of duplicateAssessmentProblems(live, (assessment) => `changes[${touched.get(assessment.id) ?? '?'}]`)) {
    if (problem.path.endsWith('[?]')) continue; // two assessments here already: not this delivery's doing
    problems.push({ ...problem, message: `${problem.message}; delete one of them on one device, then sync again` });
  }
  return problems;
}

/** The stored rows of these entities, in the same order (undefined where there is none), in one batch per table. */
async function rowsOf(db: MissionKitDatabase, targets: readonly { entity: EntityName; id: string }[]): Promise<(StoredRow | undefined)[]> {
  const byEntity = new Map<EntityName, number[]>();
  targets.forEach(({ entity }, index) => {
    const indexes = byEntity.get(entity);
    if (indexes) indexes.push(index);
    else byEntity.set(entity, [index]);
  });
  const rows: (StoredRow | undefined)[] = new Array<StoredRow | undefined>(targets.length);
  await Promise.all(
    [...byEntity].map(async ([entity, indexes]) => {
      const found = await storedRows(db, entity).bulkGet(indexes.map((index) => targets[index]?.id ?? ''));
      indexes.forEach((target, position) => (rows[target] = found[position]));
    }),
  );
  return rows;
}
