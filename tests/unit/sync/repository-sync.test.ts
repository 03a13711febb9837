import { describe, expect, it } from 'vitest';
import { allChanges, device, tinyTemplate as template } from './device-kit';
import { MissionKitDatabase } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';
import type { Finding } from '../../../shared/schemas/finding';

async function rows(db: MissionKitDatabase) {
  return { missions: await db.missions.toArray(), findings: await db.findings.toArray() };
}

describe('applying changes from other devices', () => {
  it('skips changes another window stored in the same database since this one last looked', async () => {
    const lead = await device();
    const expert = await device();
    await lead.repo.createMission(template, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
    await expert.repo.importTemplate(template);
    // The expert's first import loads what it knows; a second window on the same database then
    // stores the lead's changes behind its back.
    expect(await expert.repo.applyChanges([])).toMatchObject({ applied: 0 });
    const otherWindow = await Repository.open(expert.db);
    expect(await otherWindow.applyChanges(await allChanges(lead.db))).toMatchObject({ applied: 1 });
    const count = await expert.db.changes.count();

    const again = await expert.repo.applyChanges(await allChanges(lead.db));
    expect(again).toMatchObject({ applied: 0, duplicates: 1 });
    expect(await expert.db.changes.count()).toBe(count);
  });

  it('brings a mission and a finding to another device, and a second delivery changes nothing', async () => {
    const lead = await device();
    const expert = await device();
    const mission = await lead.repo.createMission(template, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
    await expert.repo.importTemplate(template);
    const first = await expert.repo.applyChanges(await allChanges(lead.db));
    expect(first).toMatchObject({ applied: 1, created: 1, duplicates: 0, conflicts: [] });
    expect((await expert.db.missions.get(mission.id))?.title).toBe('M');

    const before = await rows(expert.db);
    const again = await expert.repo.applyChanges(await allChanges(lead.db));
    expect(again).toMatchObject({ applied: 0, duplicates: 1, created: 0, updated: 0 });
    expect(await rows(expert.db)).toEqual(before);
  });

  it('keeps both texts of a narrative edited on two devices at once, and a resolution ends the conflict everywhere', async () => {
    const a = await device();
    const b = await device();
    // Missions are created from installed templates, and a delivery is checked against them.
    await a.repo.importTemplate(template);
    await b.repo.importTemplate(template);
    const mission = await a.repo.createMission(template, { title: 'M', territory: { name: 'R' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
    const ana = await a.repo.addMember({ missionId: mission.id, name: 'Ana', organisation: 'Slovenia', role: 'expert', areaIds: [] });
    const finding: Finding = { id: 'f', missionId: mission.id, requirementId: 'r1', authorId: ana.id, deviceId: a.repo.deviceId, rating: null, narrative: 'First draft.', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} };
    await a.repo.save('finding', finding);
    await b.repo.applyChanges(await allChanges(a.db));

    await a.repo.patch('finding', 'f', { narrative: 'Exit checks are performed at Vërmica.' });
    await b.repo.patch('finding', 'f', { narrative: 'Exit checks are not performed at Vërmica.' });
    const summary = await a.repo.applyChanges(await allChanges(b.db));
    expect(summary.conflicts).toEqual([{ entity: 'finding', id: 'f' }]);
    const conflicted = await a.db.findings.get('f');
    expect(conflicted?._conflicts?.['narrative']?.map((version) => version.value).sort()).toEqual([
      'Exit checks are not performed at Vërmica.',
      'Exit checks are performed at Vërmica.',
    ]);

    // A local edit of another field keeps the conflict visible.
    await a.repo.patch('finding', 'f', { rating: 'no' });
    expect((await a.db.findings.get('f'))?._conflicts?.['narrative']).toHaveLength(2);

    await a.repo.resolveConflict('finding', 'f', 'narrative', 'Exit checks are performed at Vërmica since November.');
    expect((await a.db.findings.get('f'))?._conflicts).toBeUndefined();
    await b.repo.applyChanges(await allChanges(a.db));
    const onB = await b.db.findings.get('f');
    expect(onB?.narrative).toBe('Exit checks are performed at Vërmica since November.');
    expect(onB?._conflicts).toBeUndefined();
    expect(onB?.rating).toBe('no');
  });

  it('refuses a delivery that would leave a record half-made, and changes nothing', async () => {
    const a = await device();
    const b = await device();
    // Missions are created from installed templates, and a delivery is checked against them.
    await a.repo.importTemplate(template);
    await b.repo.importTemplate(template);
    const mission = await a.repo.createMission(template, { title: 'M', territory: { name: 'R' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
    await a.repo.updateMission(mission.id, { title: 'Renamed' });
    const edits = (await allChanges(a.db)).filter((change) => change.field !== '*');
    await expect(b.repo.applyChanges(edits)).rejects.toThrow(/would be incomplete/);
    expect(await b.db.changes.count()).toBe(0);
    expect(await b.db.missions.count()).toBe(0);
  });
});
