import { describe, expect, it } from 'vitest';
import { allChanges, device, tinyTemplate as template } from './device-kit';
import type { MissionKitDatabase } from '../../../renderer/src/db/database';
import type { Repository } from '../../../renderer/src/db/repository';
import type { Change } from '../../../shared/schemas/change';
import type { Finding } from '../../../shared/schemas/finding';

async function narrativeChanges(db: MissionKitDatabase, findingId: string): Promise<Change[]> {
  return (await db.changes.where('[entity+id]').equals(['finding', findingId]).toArray()).filter((change) => change.field === 'narrative');
}

/** A mission with one member and that member's finding, made on `repo`. */
async function missionWithFinding(repo: Repository): Promise<Finding> {
  // As in the app, a mission is made from an installed template; deliveries are checked against it.
  await repo.importTemplate(template);
  const mission = await repo.createMission(template, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const member = await repo.addMember({ missionId: mission.id, name: 'Ana', organisation: 'Slovenia', role: 'expert', areaIds: [] });
  repo.actAs(member.id);
  const finding: Finding = {
    id: 'f-1', missionId: mission.id, requirementId: 'r1', authorId: member.id, deviceId: repo.deviceId,
    rating: 'yes', narrative: 'E', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {},
  };
  return repo.save('finding', finding);
}

describe('autosaves of one field that have not left the device', () => {
  it('fold into one change based on the value before the first of them', async () => {
    const { db, repo } = await device();
    const finding = await missionWithFinding(repo);
    const creation = (await db.findings.get(finding.id))?._stamps['narrative'];
    for (const text of ['Ex', 'Exi', 'Exit checks']) await repo.save('finding', { ...finding, narrative: text });

    const changes = await narrativeChanges(db, finding.id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ value: 'Exit checks', base: creation });
    const row = await db.findings.get(finding.id);
    expect(row?.narrative).toBe('Exit checks');
    expect(row?._stamps['narrative']).toBe(changes[0]?.hlc);
  });

  it('are kept once exported, and the next edit follows the exported one', async () => {
    const { db, repo } = await device();
    const finding = await missionWithFinding(repo);
    await repo.save('finding', { ...finding, narrative: 'Exit checks' });
    await repo.markExported();
    const [exported] = await narrativeChanges(db, finding.id);
    await repo.save('finding', { ...finding, narrative: 'Exit checks are done.' });
    await repo.save('finding', { ...finding, narrative: 'Exit checks are done everywhere.' });

    const changes = await narrativeChanges(db, finding.id);
    expect(changes.map((change) => change.value)).toEqual(['Exit checks', 'Exit checks are done everywhere.']);
    expect(changes[1]?.base).toBe(exported?.hlc);
  });

  it('are not folded across a change of who this device acts as', async () => {
    const { db, repo } = await device();
    const finding = await missionWithFinding(repo);
    await repo.save('finding', { ...finding, narrative: 'Written by Ana' });
    repo.actAs('someone-else');
    await repo.save('finding', { ...finding, narrative: 'Edited by someone else' });
    expect((await narrativeChanges(db, finding.id)).map((change) => change.member)).toEqual([finding.authorId, 'someone-else']);
  });

  it('give another device the same row, without a conflict, as the unfolded edits would', async () => {
    const writer = await device();
    const reader = await device();
    const finding = await missionWithFinding(writer.repo);
    await reader.repo.importTemplate(template);
    await reader.repo.applyChanges(await allChanges(writer.db));
    await writer.repo.markExported();
    for (const text of ['One', 'One two', 'One two three']) await writer.repo.save('finding', { ...finding, narrative: text });

    const summary = await reader.repo.applyChanges(await allChanges(writer.db));
    expect(summary.conflicts).toEqual([]);
    expect(await reader.db.findings.get(finding.id)).toEqual(await writer.db.findings.get(finding.id));
    expect((await reader.db.findings.get(finding.id))?.narrative).toBe('One two three');
  });

  it('are not folded while the field is in conflict, so no version the lead must see disappears', async () => {
    const writer = await device();
    const other = await device();
    const finding = await missionWithFinding(writer.repo);
    await other.repo.importTemplate(template);
    await other.repo.applyChanges(await allChanges(writer.db));
    await writer.repo.markExported();
    await other.repo.save('finding', { ...finding, narrative: 'Theirs' });
    await other.repo.markExported();
    // Written last, so it is the version shown, and it is this device's own unsent edit.
    await writer.repo.save('finding', { ...finding, narrative: 'Mine' });
    const summary = await writer.repo.applyChanges(await allChanges(other.db));
    expect(summary.conflicts).toHaveLength(1);

    await writer.repo.save('finding', { ...finding, narrative: 'Mine, edited while in conflict' });
    const texts = (await narrativeChanges(writer.db, finding.id)).map((change) => change.value);
    expect(texts).toEqual(expect.arrayContaining(['Mine', 'Theirs', 'Mine, edited while in conflict']));
  });
});
