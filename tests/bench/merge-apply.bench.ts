import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { MissionKitDatabase, type FindingRow } from '../../renderer/src/db/database';
import { Repository } from '../../renderer/src/db/repository';
import { HybridLogicalClock } from '../../shared/hlc';
import { CREATED_FIELD, type Change, type JsonValue } from '../../shared/schemas/change';
import { generateLargeMission } from '../fixtures/large-mission';
import { report, round, time } from './measure';

const DEVICES = 20;
const EDITS_PER_FINDING = 4;
const BATCH = 10_000;

/**
 * 20,000 finding creations and 80,000 per-field edits (narrative and rating), each made on the
 * device of the finding's author with that device's own clock; every edit names as `base` the
 * stamp of the value it replaces. 100,000 change records in all.
 */
function buildChanges(): { changes: Change[]; missionId: string; findings: number } {
  const file = generateLargeMission();
  let wall = Date.UTC(2026, 2, 2, 8);
  const now = (): number => (wall += 1);
  const deviceOf = new Map<string, { id: string; clock: HybridLogicalClock }>();
  for (const [index, member] of file.members.entries()) {
    const id = `dev-bench-${index % DEVICES}`;
    deviceOf.set(member.id, { id, clock: new HybridLogicalClock(id, now) });
  }
  const levels = file.template.scale.levels.map((level) => level.id);
  const creations: Change[] = [];
  const last = new Map<string, string>();
  for (const finding of file.findings) {
    const device = deviceOf.get(finding.authorId);
    if (!device) throw new Error(`no device for ${finding.authorId}`);
    const { id, ...value } = finding;
    const hlc = device.clock.tick();
    creations.push({ entity: 'finding', id, missionId: finding.missionId, field: CREATED_FIELD, value: value as unknown as JsonValue, hlc, device: device.id, member: finding.authorId, base: null });
    last.set(`${id}|narrative`, hlc);
    last.set(`${id}|rating`, hlc);
  }
  const edits: Change[] = [];
  for (let round = 0; round < EDITS_PER_FINDING; round++) {
    for (const [index, finding] of file.findings.entries()) {
      const device = deviceOf.get(finding.authorId);
      if (!device) throw new Error(`no device for ${finding.authorId}`);
      const field = round === 1 ? 'rating' : 'narrative';
      const value: JsonValue = field === 'rating' ? (levels[(index + round) % levels.length] ?? null) : `${finding.narrative} (revision ${round + 1})`;
      const key = `${finding.id}|${field}`;
      const hlc = device.clock.tick();
      edits.push({ entity: 'finding', id: finding.id, missionId: finding.missionId, field, value, hlc, device: device.id, member: finding.authorId, base: last.get(key) ?? null });
      last.set(key, hlc);
    }
  }
  return { changes: [...creations, ...edits], missionId: file.mission.id, findings: file.findings.length };
}

async function applyAll(repository: Repository, changes: readonly Change[]): Promise<{ applied: number; duplicates: number }> {
  let applied = 0;
  let duplicates = 0;
  for (let start = 0; start < changes.length; start += BATCH) {
    const summary = await repository.applyChanges(changes.slice(start, start + BATCH));
    applied += summary.applied;
    duplicates += summary.duplicates;
  }
  return { applied, duplicates };
}

it('merge-apply', async () => {
  const { changes, findings } = buildChanges();
  // The device already holds the mission, its team and sites (as after a mission file import):
  // the door into the database refuses findings whose mission, author or requirement it lacks.
  const base = generateLargeMission({ findings: 0 });

  const db = new MissionKitDatabase(`bench-merge-${Date.now()}`);
  const repository = await Repository.open(db);
  const imported = await repository.importMission(base);
  if (!imported.ok) throw new Error(imported.error.message);
  const changesBefore = await db.changes.count();
  const apply = await time(() => applyAll(repository, changes));
  const rowsAfterApply = await db.findings.count();
  const changeRowsAfterApply = await db.changes.count();
  expect(apply.result.applied).toBe(changes.length);
  expect(rowsAfterApply).toBe(findings);
  expect(changeRowsAfterApply - changesBefore).toBe(changes.length);

  const reapply = await time(() => applyAll(repository, changes));
  expect(reapply.result.applied).toBe(0);
  expect(await db.findings.count()).toBe(rowsAfterApply);
  expect(await db.changes.count()).toBe(changeRowsAfterApply);

  // The floor: the same rows a merge must store, written with plain bulkPuts into a fresh
  // database with the same schema: the 100,000 change records (the log is what a merge keeps)
  // and the 20,000 rows they describe. Rows alone would leave out four fifths of the writes.
  const changeRows = await db.changes.toArray();
  const finalRows: FindingRow[] = await db.findings.toArray();
  const plain = new MissionKitDatabase(`bench-merge-plain-${Date.now()}`);
  await plain.open();
  const bulkPut = await time(async () => {
    await plain.changes.bulkPut(changeRows);
    await plain.findings.bulkPut(finalRows);
  });
  expect(await plain.findings.count()).toBe(rowsAfterApply);
  expect(await plain.changes.count()).toBe(changeRowsAfterApply);
  const rowsOnly = new MissionKitDatabase(`bench-merge-rows-${Date.now()}`);
  await rowsOnly.open();
  const rowsOnlyPut = await time(() => rowsOnly.findings.bulkPut(finalRows));

  const ratio = apply.ms / bulkPut.ms;
  const reapplyRatio = reapply.ms / apply.ms;
  report({
    bench: 'merge-apply',
    changes: changes.length,
    devices: DEVICES,
    batch: BATCH,
    rows: rowsAfterApply,
    applyMs: round(apply.ms),
    reapplyMs: round(reapply.ms),
    bulkPutMs: round(bulkPut.ms),
    rowsOnlyBulkPutMs: round(rowsOnlyPut.ms),
    reapplyRatio: round(reapplyRatio, 3),
    reapplyTarget: '≤ 0.1',
    reapplyMet: reapplyRatio <= 0.1,
    ratio,
    target: '≤ 3',
    met: ratio <= 3,
  });

  for (const database of [db, plain, rowsOnly]) {
    database.close();
    await MissionKitDatabase.delete(database.name);
  }
});
