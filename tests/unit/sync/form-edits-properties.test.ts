import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { device, tinyTemplate as template } from './device-kit';
import { compareStamps } from '../../../shared/hlc';
import { CREATED_FIELD, DELETED_FIELD, type Change, type JsonValue } from '../../../shared/schemas/change';
import { isNarrativeField } from '../../../shared/sync/narrative-fields';
import type { MissionKitDatabase } from '../../../renderer/src/db/database';
import type { EditOutcome, Repository } from '../../../renderer/src/db/repository';
import { EMPTY_FINDING_VALUES, type FindingFormValues, type FormRules } from '../../../renderer/src/checklist/finding-form-model';
import {
  afterWrite,
  buildFindingEdits,
  openFinding,
  reconcileFinding,
  storedPaths,
  valuePaths,
  type FindingSession,
  type FindingSnapshot,
} from '../../../renderer/src/checklist/finding-form-sync';
import { readFindingRecord } from '../../../renderer/src/db/record-reads';
import { isDirty } from '../../../renderer/src/autosave/field-tracker';

/**
 * Three laptops hold one expert's finding open in the finding form: the expert, the lead and
 * a colleague change its rating, narrative, flags and statistics (some typed invalid, kept as
 * drafts), bundles travel between them in any order, and forms are closed and reopened from
 * their drafts. Every step goes through the same functions the form uses and through the real
 * repository on IndexedDB. Whatever the order, no change that a device committed is lost
 * silently: it is the final value, a kept conflict version, or superseded by a later change
 * whose author had it on screen. Concurrent edits of one scalar are last-writer-wins by design:
 * a value is only allowed to vanish under a change from a device that had not received it.
 */

const MISSION_TITLE = 'Property mission';
const REQUIREMENT = 'r1';
const TEXTS = ['Queues of two hours.', 'No queues seen.', 'Staff trained in 2023.', ''];
/** The first statistic is "of 40": 50 is typed invalid and stays a draft, as "abc" and "" do. */
const STAT_TEXTS = ['12', '50', '40', 'abc', ''];

const rules: FormRules = {
  ratingIds: ['yes', 'no'],
  questions: [],
  language: 'en',
  messages: {
    labelRequired: 'label',
    notANumber: 'number',
    totalNotPositive: 'total',
    valueAboveTotal: 'above',
    otherSourceNeedsText: 'source',
    unknownRating: 'rating',
    answer: () => 'answer',
  },
};

type Op =
  | { kind: 'rate'; at: number; rating: string }
  | { kind: 'write'; at: number; text: string }
  | { kind: 'flag'; at: number }
  | { kind: 'stat'; at: number; row: number; field: 'value'; text: string }
  | { kind: 'add-stat'; at: number }
  | { kind: 'remove-stat'; at: number; row: number }
  | { kind: 'deliver'; from: number; to: number }
  | { kind: 'reload'; at: number }
  | { kind: 'close'; at: number };

const at = fc.nat({ max: 2 });
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('rate' as const), at, rating: fc.constantFrom('', 'yes', 'no') }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('write' as const), at, text: fc.constantFrom(...TEXTS) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('flag' as const), at }), weight: 2 },
  {
    // Only values: a total edited on one laptop and a value on another can merge into "50 of 12",
    // which the evidence schema refuses on delivery (a separate problem of field-level merging).
    arbitrary: fc.record({ kind: fc.constant('stat' as const), at, row: fc.nat({ max: 2 }), field: fc.constant('value' as const), text: fc.constantFrom(...STAT_TEXTS) }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('add-stat' as const), at }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('remove-stat' as const), at, row: fc.nat({ max: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('deliver' as const), from: at, to: at }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('reload' as const), at }), weight: 2 },
  // The user leaves the form (for the Sync screen, say): deliveries land while it is closed.
  { arbitrary: fc.record({ kind: fc.constant('close' as const), at }), weight: 2 },
);

/** A change some device committed, with what that device held when it committed it. */
interface Committed {
  change: Change;
  device: string;
  known: ReadonlySet<string>;
  /** The stamp each field of the entity had in that device's database just before. */
  storedBefore: Readonly<Record<string, string>>;
  /** When (world tick) the user of the device last changed each field, or was told of a kept value, before this write. */
  informedAt: Readonly<Record<string, number>>;
}

class World {
  readonly committed = new Map<string, Committed>();
  /** Every value a device's user typed, by field, as it would be stored. */
  readonly typed = new Set<string>();
  stats = 0;
  tick = 0;
  /** By "device|entity id|field": when its user last changed the field, or was shown a kept-mine notice on it. */
  readonly informed = new Map<string, number>();
  /** By "device|stamp": when the change reached the device's database. */
  readonly arrived = new Map<string, number>();

  inform(device: string, path: string, findingId: string): void {
    const [head, id, field] = path.split('.');
    const key = head === 'statistics' ? `${device}|${id ?? ''}|${field ?? ''}` : `${device}|${findingId}|${head ?? ''}`;
    this.informed.set(key, ++this.tick);
  }

  arrive(device: string, stamps: readonly string[]): void {
    this.tick += 1;
    for (const stamp of stamps) if (!this.arrived.has(`${device}|${stamp}`)) this.arrived.set(`${device}|${stamp}`, this.tick);
  }

  note(device: string, field: string, value: JsonValue): void {
    this.typed.add(typedKey(device, field, value));
  }
}

function typedKey(device: string, field: string, value: JsonValue): string {
  return `${device}|${field}|${JSON.stringify(value)}`;
}

function world(laptop: Laptop): World {
  return laptop.world;
}

class Laptop {
  values: FindingFormValues = EMPTY_FINDING_VALUES;
  session: FindingSession = { fields: {}, statistics: [], own: [] };
  /** The form is on screen (it follows deliveries); a closed form is reopened from its draft. */
  isOpen = false;

  constructor(
    readonly db: MissionKitDatabase,
    readonly repo: Repository,
    readonly memberId: string,
    readonly authorId: string,
    readonly missionId: string,
    readonly world: World,
  ) {}

  record() {
    return readFindingRecord(this.db, this.missionId, REQUIREMENT, this.authorId);
  }

  async open(): Promise<void> {
    const draft = await this.db.drafts.get(this.draftKey());
    const record = await this.record();
    const opened = openFinding(record, draft?.values, 'en', this.repo.deviceId);
    this.values = opened.values;
    this.session = opened.session;
    this.isOpen = true;
    this.noteNotices(opened.notices, record.finding?.id ?? '');
    await this.save();
  }

  draftKey(): string {
    return `finding|${this.missionId}|${REQUIREMENT}|${this.authorId}`;
  }

  /** What the form's autosave does: the same builder, the same commit, the same session update. */
  async save(): Promise<number> {
    const record = await this.record();
    const edits = buildFindingEdits(this.values, this.session, record, {
      findingId: record.finding?.id ?? `f-${this.missionId}`,
      missionId: this.missionId,
      requirementId: REQUIREMENT,
      authorId: this.authorId,
      deviceId: this.repo.deviceId,
      storedStatisticIds: record.statistics.map((stat) => stat.id),
      storedAnswers: record.finding?.answers ?? {},
      openedAnswers: record.finding?.answers ?? {},
    }, rules);
    const known = new Set((await this.db.changes.where('missionId').equals(this.missionId).toArray()).map((change) => change.hlc));
    const storedBefore: Record<string, string> = {};
    for (const [field, stamp] of Object.entries(record.finding?._stamps ?? {})) storedBefore[`finding|${record.finding?.id ?? ''}|${field}`] = stamp;
    for (const stat of record.statistics) for (const [field, stamp] of Object.entries(stat._stamps)) storedBefore[`evidence|${stat.id}|${field}`] = stamp;
    const before = this.session;
    const values = this.values;
    const key = this.draftKey();
    const outcome: EditOutcome = await this.repo.commitEdits({
      ...edits.batch,
      ...(edits.problems.length > 0
        ? {
            draft: (written: EditOutcome) => ({
              key,
              missionId: this.missionId,
              kind: 'finding' as const,
              subjectId: REQUIREMENT,
              memberId: this.authorId,
              values: { values, session: afterWrite(before, edits, written) } satisfies FindingSnapshot,
              problems: edits.problems,
              updatedAt: '2026-01-01T00:00:00.000Z',
            }),
          }
        : { clearDraft: key }),
    });
    this.session = afterWrite(this.session, edits, outcome);
    const stamps = Object.values(outcome.stamps).flatMap((fields) => Object.values(fields));
    const written = stamps.length > 0 ? await this.db.changes.where('hlc').anyOf(stamps).toArray() : [];
    for (const { seq: _seq, ...change } of written) {
      const informedAt = this.world.informed.get(`${this.repo.deviceId}|${change.id}|${change.field}`) ?? -1;
      this.world.committed.set(change.hlc, { change, device: this.repo.deviceId, known, storedBefore, informedAt: { [change.field]: informedAt } });
    }
    this.world.arrive(this.repo.deviceId, written.map((change) => change.hlc));
    return written.length;
  }

  /** What the open form does when the database changed under it (a delivery). */
  async follow(): Promise<number> {
    if (!this.isOpen) return 0;
    const record = await this.record();
    const result = reconcileFinding(this.session, this.values, record, 'en', this.repo.deviceId);
    this.values = result.values;
    this.session = result.session;
    this.noteNotices(result.notices, record.finding?.id ?? '');
    return this.save();
  }

  private noteNotices(notices: readonly { kind: string; path: string }[], findingId: string): void {
    for (const notice of notices) if (notice.kind === 'kept-mine') this.world.inform(this.repo.deviceId, notice.path, findingId);
  }

  /** The user changes a field; the value is remembered as typed by this device. */
  async edit(change: (values: FindingFormValues) => FindingFormValues): Promise<void> {
    if (!this.isOpen) await this.open();
    const before = valuePaths(this.values);
    this.values = change(this.values);
    const device = this.repo.deviceId;
    const findingId = (await this.record()).finding?.id ?? `f-${this.missionId}`;
    for (const [path, value] of Object.entries(valuePaths(this.values))) {
      if (JSON.stringify(before[path]) !== JSON.stringify(value)) this.world.inform(device, path, findingId);
    }
    this.world.note(device, 'rating', this.values.rating === '' ? null : this.values.rating);
    this.world.note(device, 'narrative', this.values.narrative);
    this.world.note(device, 'flags', { goodPractice: this.values.flags.goodPractice, seriousDeficiency: this.values.flags.seriousDeficiency });
    for (const stat of this.values.statistics) {
      if (stat.value.trim() !== '' && !Number.isNaN(Number(stat.value))) this.world.note(device, 'value', Number(stat.value));
      this.world.note(device, 'ofTotal', stat.ofTotal.trim() === '' || Number.isNaN(Number(stat.ofTotal)) ? null : Number(stat.ofTotal));
    }
    await this.save();
  }
}

type Device = Awaited<ReturnType<typeof device>>;

/**
 * A new mission on the same three laptops for each run: databases are made once per test (making
 * them is most of the cost), and missions do not see each other's changes.
 */
async function setUp(world: World, devices: readonly Device[]): Promise<Laptop[]> {
  const [first] = devices;
  if (!first) throw new Error('no device');
  const mission = await first.repo.createMission(template, { title: MISSION_TITLE, territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const expert = await first.repo.addMember({ missionId: mission.id, name: 'Ana', organisation: 'SI', role: 'expert', areaIds: [] });
  const lead = await first.repo.addMember({ missionId: mission.id, name: 'Lea', organisation: 'AT', role: 'lead', areaIds: [] });
  const colleague = await first.repo.addMember({ missionId: mission.id, name: 'Jon', organisation: 'DE', role: 'expert', areaIds: [] });
  const members = [expert.id, lead.id, colleague.id];
  devices.forEach(({ repo }, index) => repo.actAs(members[index] ?? null));
  const laptops = devices.map(({ db, repo }, index) => new Laptop(db, repo, members[index] ?? '', expert.id, mission.id, world));
  const [writer] = laptops;
  if (!writer) throw new Error('no laptop');
  await writer.open();
  await writer.edit((values) => ({
    ...values,
    rating: 'yes',
    narrative: 'Start.',
    statistics: [{ id: `stat-0-${mission.id}`, label: 'Returnees', value: '12', ofTotal: '40', unit: '', period: '', source: '' }],
  }));
  for (const laptop of laptops.slice(1)) {
    await deliver(writer, laptop);
    await laptop.open();
  }
  return laptops;
}

/** A bundle of the mission from one laptop to another: everything the sender holds of it. */
async function deliver(from: Laptop, to: Laptop): Promise<void> {
  await from.repo.markExported();
  const changes = (await from.db.changes.where('missionId').equals(from.missionId).sortBy('seq')).map(({ seq: _seq, ...change }) => change);
  await to.repo.applyChanges(changes);
  world(to).arrive(to.repo.deviceId, changes.map((change) => change.hlc));
}

async function run(world: World, laptops: Laptop[], op: Op): Promise<void> {
  const laptop = laptops[op.kind === 'deliver' ? op.to : op.at];
  if (!laptop) throw new Error('no laptop');
  switch (op.kind) {
    case 'rate':
      return laptop.edit((values) => ({ ...values, rating: op.rating }));
    case 'write':
      return laptop.edit((values) => ({ ...values, narrative: op.text }));
    case 'flag':
      return laptop.edit((values) => ({ ...values, flags: { ...values.flags, goodPractice: !values.flags.goodPractice } }));
    case 'stat':
      return laptop.edit((values) => ({
        ...values,
        statistics: values.statistics.map((stat, index) => (index === op.row % Math.max(1, values.statistics.length) ? { ...stat, [op.field]: op.text } : stat)),
      }));
    case 'add-stat':
      world.stats += 1;
      return laptop.edit((values) => ({
        ...values,
        statistics: [...values.statistics, { id: `stat-${laptop.missionId}-${world.stats}`, label: 'Refusals', value: '5', ofTotal: '', unit: '', period: '', source: '' }],
      }));
    case 'remove-stat':
      return laptop.edit((values) => ({ ...values, statistics: values.statistics.filter((_stat, index) => index !== op.row % Math.max(1, values.statistics.length)) }));
    case 'deliver': {
      const from = laptops[op.from];
      if (!from || from === laptop) return;
      await deliver(from, laptop);
      await laptop.follow();
      return;
    }
    case 'reload':
      return laptop.open();
    case 'close':
      laptop.isOpen = false;
      return;
  }
}

/** Every stamp a change names as seen (base, merges), transitively, among the changes given. */
function ancestors(change: Change, byStamp: ReadonlyMap<string, Change>): Set<string> {
  const seen = new Set<string>();
  const queue = [change.base, ...(change.merges ?? [])];
  while (queue.length > 0) {
    const stamp = queue.pop();
    if (!stamp || seen.has(stamp)) continue;
    seen.add(stamp);
    const parent = byStamp.get(stamp);
    if (parent) queue.push(parent.base, ...(parent.merges ?? []));
  }
  return seen;
}

async function settle(laptops: Laptop[]): Promise<void> {
  // Everyone receives everything until no open form has anything left to write.
  for (let round = 0; round < 6; round++) {
    const all = new Map<string, Change>();
    for (const laptop of laptops) {
      await laptop.repo.markExported();
      for (const { seq: _seq, ...change } of await laptop.db.changes.where('missionId').equals(laptop.missionId).toArray()) all.set(change.hlc, change);
    }
    let writes = 0;
    for (const laptop of laptops) {
      await laptop.repo.applyChanges([...all.values()]);
      world(laptop).arrive(laptop.repo.deviceId, [...all.keys()]);
      if (!laptop.isOpen) await laptop.open();
      writes += await laptop.follow();
    }
    if (writes === 0) return;
  }
  throw new Error('the open forms kept writing after six full exchanges');
}

async function check(world: World, laptops: Laptop[]): Promise<void> {
  const [reference] = laptops;
  if (!reference) throw new Error('no laptop');
  // Converged: every laptop holds the same rows.
  // A field cleared to null is stored as null by its writer and as absent by a receiver: the same value.
  const withoutNulls = <T extends object>(row: T): T => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as T;
  const rowsOf = async (laptop: Laptop) => ({
    findings: (await laptop.db.findings.where('missionId').equals(laptop.missionId).toArray()).map(withoutNulls),
    evidence: (await laptop.db.evidence.where('missionId').equals(laptop.missionId).sortBy('id')).map(withoutNulls),
  });
  const expected = await rowsOf(reference);
  for (const laptop of laptops.slice(1)) expect(await rowsOf(laptop)).toEqual(expected);

  const log = (await reference.db.changes.where('missionId').equals(reference.missionId).sortBy('seq')).map(({ seq: _seq, ...change }) => change);
  const byStamp = new Map(log.map((change) => [change.hlc, change]));
  const rows = new Map([...expected.findings, ...expected.evidence].map((row) => [row.id, row]));
  for (const { change, device: author } of world.committed.values()) {
    if (change.field === CREATED_FIELD || change.field === DELETED_FIELD) continue;
    const label = `${change.entity} ${change.id} ${change.field} = ${JSON.stringify(change.value)} (${change.hlc})`;
    const sameField = log.filter((other) => other.entity === change.entity && other.id === change.id && other.field === change.field);
    if (!byStamp.has(change.hlc)) {
      // Folded into its author's next edit of the field before it left the device.
      expect(sameField.some((other) => other.device === author && compareStamps(other.hlc, change.hlc) > 0), `${label} vanished`).toBe(true);
      continue;
    }
    // Nothing is written that the user of that device did not type.
    expect(world.typed.has(typedKey(author, change.field, change.value)), `${label} was never typed on ${author}`).toBe(true);
    const row = rows.get(change.id);
    if (!row) throw new Error(`${label}: no row`);
    const later = sameField.filter((other) => compareStamps(other.hlc, change.hlc) > 0);
    // No later change was written over it on a device whose database held it, unless that
    // device's user changed the field, or was told that their value was kept, after it arrived.
    for (const other of later) {
      const overwriting = world.committed.get(other.hlc);
      const arrived = world.arrived.get(`${overwriting?.device ?? ''}|${change.hlc}`);
      const blind =
        overwriting !== undefined &&
        overwriting.storedBefore[`${change.entity}|${change.id}|${change.field}`] === change.hlc &&
        arrived !== undefined &&
        (overwriting.informedAt[change.field] ?? -1) < arrived;
      const keptOrSame = row._stamps[change.field] === change.hlc || (row._conflicts?.[change.field] ?? []).some((version) => version.hlc === change.hlc) || JSON.stringify(other.value) === JSON.stringify(change.value);
      expect(blind && !keptOrSame, `${label} overwritten by ${other.hlc} from a device that had it and did not show it`).toBe(false);
    }
    if (row._deleted) {
      const tombstone = log.find((other) => other.entity === change.entity && other.id === change.id && other.field === DELETED_FIELD);
      const sawIt = tombstone !== undefined && world.committed.get(tombstone.hlc)?.known.has(change.hlc) === true;
      // A statistic deleted elsewhere while being edited lives on as a new one with the typed value.
      const keptAsNew = log.some(
        (other) => other.field === CREATED_FIELD && other.entity === 'evidence' && other.device === author && compareStamps(other.hlc, change.hlc) > 0 && typeof other.value === 'object' && other.value !== null && !Array.isArray(other.value) && JSON.stringify(other.value[change.field] ?? null) === JSON.stringify(change.value),
      );
      const concurrent = tombstone !== undefined && !sawIt;
      expect(sawIt || keptAsNew || concurrent, `${label}: deleted`).toBe(true);
      continue;
    }
    const final = row._stamps[change.field] === change.hlc || JSON.stringify(row[change.field as keyof typeof row] ?? null) === JSON.stringify(change.value);
    const kept = isNarrativeField(change.entity, change.field) && (row._conflicts?.[change.field] ?? []).some((version) => version.hlc === change.hlc);
    const superseded = later.some((other) => ancestors(other, byStamp).has(change.hlc));
    // A scalar may lose to a concurrent edit (last writer wins); blind overwrites were refused above.
    const lostToConcurrent = !isNarrativeField(change.entity, change.field) && later.length > 0;
    expect(final || kept || superseded || lostToConcurrent, `${label} lost`).toBe(true);
  }

  // A form never shows an old value in place of the stored one: every field shows the record,
  // or the user's unsaved (invalid) value, or one version of an open conflict.
  for (const laptop of laptops) {
    const record = await laptop.record();
    const stored = storedPaths(record, 'en');
    const shown = valuePaths(laptop.values);
    for (const [path, field] of Object.entries(stored)) {
      if (!(path in shown) || JSON.stringify(shown[path]) === JSON.stringify(field.value)) continue;
      const inConflict = (field.conflict ?? []).includes(String(shown[path]));
      expect(isDirty(laptop.session.fields, path, shown[path]) || inConflict, `laptop ${laptops.indexOf(laptop)}: ${path} shows ${JSON.stringify(shown[path])}, stored ${JSON.stringify(field.value)}`).toBe(true);
    }
  }
}

describe('open finding forms on three laptops exchanging bundles', () => {
  it('lose no committed change, and show every stored change in a field the user is not editing', async () => {
    const devices = [await device(), await device(), await device()];
    for (const { repo } of devices) await repo.importTemplate(template);
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 14 }), async (ops) => {
        const world = new World();
        const laptops = await setUp(world, devices);
        for (const op of ops) await run(world, laptops, op);
        await settle(laptops);
        await check(world, laptops);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
