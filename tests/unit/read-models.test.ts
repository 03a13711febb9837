import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { allChanges, device, tinyTemplate as template } from './sync/device-kit';
import { ReadModels, type LiveFinding } from '../../renderer/src/db/read-models';
import type { Finding } from '../../shared/schemas/finding';

const MISSION = { title: 'M', territory: { name: 'R' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' };

function finding(missionId: string, id: string, deviceId: string, narrative: string): Finding {
  return { id, missionId, requirementId: 'r1', authorId: 'ana', deviceId, rating: null, narrative, siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} };
}

describe('read models', () => {
  it('leave deleted records out and hand back domain values without the merge bookkeeping', async () => {
    const { db, repo } = await device();
    const mission = await repo.createMission(template, MISSION);
    await repo.saveAll([
      { entity: 'finding', value: finding(mission.id, 'kept', repo.deviceId, 'Kept.') },
      { entity: 'finding', value: finding(mission.id, 'gone', repo.deviceId, 'Deleted.') },
    ]);
    await repo.remove('finding', 'gone');
    expect((await db.findings.get('gone'))?._deleted).toBe(true); // the tombstone is stored…

    const reads = new ReadModels(db);
    const findings = await reads.findings(mission.id);
    expect(findings.map((row) => row.id)).toEqual(['kept']); // …and never shown
    expect(Object.keys(findings[0] ?? {}).filter((key) => key.startsWith('_'))).toEqual([]);
    expect(findings[0]?.conflicts).toEqual([]);

    await repo.deleteMission(mission.id);
    expect(await reads.mission(mission.id)).toBeNull();
    expect(await reads.missions()).toEqual([]);
  });

  it('attach an open conflict to its record, with every version earliest first, and list it for the mission', async () => {
    const a = await device();
    const b = await device();
    await a.repo.importTemplate(template);
    await b.repo.importTemplate(template);
    const mission = await a.repo.createMission(template, MISSION);
    await a.repo.save('member', { id: 'ana', missionId: mission.id, name: 'Ana', organisation: 'EU', role: 'expert', areaIds: [] });
    await a.repo.save('finding', finding(mission.id, 'f', a.repo.deviceId, 'First draft.'));
    await b.repo.applyChanges(await allChanges(a.db));
    await a.repo.patch('finding', 'f', { narrative: 'Exit checks are performed.' });
    await b.repo.patch('finding', 'f', { narrative: 'Exit checks are not performed.' });
    await a.repo.applyChanges(await allChanges(b.db));

    const reads = new ReadModels(a.db);
    const [conflicted] = await reads.findings(mission.id);
    expect(conflicted?.conflicts.map((conflict) => conflict.field)).toEqual(['narrative']);
    const versions = conflicted?.conflicts[0]?.versions ?? [];
    // The device clock moves on with each write: B's edit came after A's, so it is the later one.
    expect(versions.map((version) => [version.value, version.device])).toEqual([
      ['Exit checks are performed.', a.repo.deviceId],
      ['Exit checks are not performed.', b.repo.deviceId],
    ]);
    expect(conflicted?.narrative).toBe('Exit checks are not performed.');
    const open = await reads.openConflicts(mission.id);
    expect(open).toEqual([{ entity: 'finding', id: 'f', field: 'narrative', versions, requirementId: 'r1', authorId: 'ana' }]);

    await a.repo.resolveConflict('finding', 'f', 'narrative', 'Exit checks are performed on some days.');
    expect(await reads.openConflicts(mission.id)).toEqual([]);
    expect((await reads.findings(mission.id))[0]?.conflicts).toEqual([]);
  });

  it('keep the stamps of a record being edited, so its form can save against what it showed', async () => {
    const { db, repo } = await device();
    const mission = await repo.createMission(template, MISSION);
    await repo.save('finding', { ...finding(mission.id, 'f', repo.deviceId, 'Text.'), authorId: 'ana' });
    const editable = await new ReadModels(db).editableFinding(mission.id, 'r1', 'ana', 'no-draft');
    expect(editable.finding?._stamps['narrative']).toBe((await db.findings.get('f'))?._stamps['narrative']);
    expect(editable.draft).toBeUndefined();
  });

  it('update a live query when a write lands, and drop a record the moment it is deleted', async () => {
    const { db, repo } = await device();
    const mission = await repo.createMission(template, MISSION);
    const reads = new ReadModels(db);
    const seen: LiveFinding[][] = [];
    let notify: () => void = () => {};
    const subscription = liveQuery(() => reads.findings(mission.id)).subscribe((value) => {
      seen.push(value);
      notify();
    });
    const next = (test: (value: LiveFinding[]) => boolean): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          const last = seen.at(-1);
          if (last && test(last)) resolve();
        };
        notify = check;
        check();
      });
    try {
      await next((value) => value.length === 0);
      await repo.save('finding', finding(mission.id, 'f', repo.deviceId, 'Live.'));
      await next((value) => value[0]?.narrative === 'Live.');
      await repo.patch('finding', 'f', { narrative: 'Changed.' });
      await next((value) => value[0]?.narrative === 'Changed.');
      await repo.remove('finding', 'f');
      await next((value) => value.length === 0);
    } finally {
      subscription.unsubscribe();
    }
    expect(seen.at(-1)).toEqual([]);
  });
});
