import { describe, expect, it } from 'vitest';
import { allChanges, device, tinyTemplate as template } from './device-kit';
import type { MissionKitDatabase } from '../../../renderer/src/db/database';
import type { Repository } from '../../../renderer/src/db/repository';
import type { Finding } from '../../../shared/schemas/finding';

async function missionWithFinding(repo: Repository): Promise<Finding> {
  const mission = await repo.createMission(template, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const member = await repo.addMember({ missionId: mission.id, name: 'Ana', organisation: 'Slovenia', role: 'expert', areaIds: [] });
  repo.actAs(member.id);
  return repo.save('finding', {
    id: 'f-1', missionId: mission.id, requirementId: 'r1', authorId: member.id, deviceId: repo.deviceId,
    rating: 'yes', narrative: 'Start.', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {},
  });
}

async function stampOf(db: MissionKitDatabase, field: string): Promise<string> {
  return (await db.findings.get('f-1'))?._stamps[field] ?? '';
}

/** Two devices holding the same finding, the second having seen everything of the first. */
async function twoDevices() {
  const expert = await device();
  const lead = await device();
  await expert.repo.importTemplate(template);
  const finding = await missionWithFinding(expert.repo);
  await lead.repo.importTemplate(template);
  await lead.repo.applyChanges(await allChanges(expert.db));
  await expert.repo.markExported();
  return { expert, lead, finding };
}

describe('commitEdits', () => {
  it('writes only the fields named, each change naming the base it was given', async () => {
    const { expert, lead } = await twoDevices();
    const seen = await stampOf(expert.db, 'narrative');
    await lead.repo.commitEdits({ edits: [{ entity: 'finding', id: 'f-1', fields: { rating: { value: 'no', base: await stampOf(lead.db, 'rating') } } }] });
    await expert.repo.applyChanges(await allChanges(lead.db));

    const before = (await expert.db.changes.count());
    const outcome = await expert.repo.commitEdits({ edits: [{ entity: 'finding', id: 'f-1', fields: { narrative: { value: 'Edited.', base: seen } } }] });
    const added = (await allChanges(expert.db)).slice(before);
    expect(added.map((change) => [change.field, change.value, change.base])).toEqual([['narrative', 'Edited.', seen]]);
    expect(outcome.stamps['finding|f-1']).toEqual({ narrative: added[0]?.hlc });
    expect(await expert.db.findings.get('f-1')).toMatchObject({ rating: 'no', narrative: 'Edited.' });
  });

  it('keeps both narratives when the text was edited against a version another device has replaced meanwhile', async () => {
    const { expert, lead } = await twoDevices();
    const seen = await stampOf(expert.db, 'narrative');
    await lead.repo.patch('finding', 'f-1', { narrative: 'The lead’s text.' });
    await expert.repo.applyChanges(await allChanges(lead.db));
    await expert.repo.commitEdits({ edits: [{ entity: 'finding', id: 'f-1', fields: { narrative: { value: 'The expert’s text.', base: seen } } }] });

    const row = await expert.db.findings.get('f-1');
    expect(row?._conflicts?.['narrative']?.map((version) => version.value).sort()).toEqual(['The expert’s text.', 'The lead’s text.']);
    await lead.repo.applyChanges(await allChanges(expert.db));
    expect(await lead.db.findings.get('f-1')).toEqual(row);
  });

  it('folds unsent edits of a field that name the previous edit as their base, as autosave does', async () => {
    const { expert } = await twoDevices();
    const seen = await stampOf(expert.db, 'narrative');
    const first = await expert.repo.commitEdits({ edits: [{ entity: 'finding', id: 'f-1', fields: { narrative: { value: 'Ex', base: seen } } }] });
    const stamp = first.stamps['finding|f-1']?.['narrative'] ?? null;
    await expert.repo.commitEdits({ edits: [{ entity: 'finding', id: 'f-1', fields: { narrative: { value: 'Exit checks', base: stamp } } }] });
    const narratives = (await allChanges(expert.db)).filter((change) => change.field === 'narrative');
    expect(narratives.map((change) => [change.value, change.base])).toEqual([['Exit checks', seen]]);
    expect((await expert.db.findings.get('f-1'))?._conflicts).toBeUndefined();
  });

  it('writes nothing for an edit of an entity deleted meanwhile, and says so', async () => {
    const { expert, finding } = await twoDevices();
    await expert.repo.save('evidence', { id: 's-1', missionId: finding.missionId, findingId: finding.id, kind: 'statistic', label: 'Returnees', value: 3, unit: '', period: '', source: '' });
    const base = (await expert.db.evidence.get('s-1'))?._stamps['value'] ?? null;
    await expert.repo.remove('evidence', 's-1');
    const before = await expert.db.changes.count();
    const outcome = await expert.repo.commitEdits({ edits: [{ entity: 'evidence', id: 's-1', fields: { value: { value: 4, base } } }] });
    expect(outcome.deleted).toEqual([{ entity: 'evidence', id: 's-1' }]);
    expect(await expert.db.changes.count()).toBe(before);
  });

  it('refuses edits that make the entity invalid, writing nothing of the batch', async () => {
    const { expert } = await twoDevices();
    const before = await allChanges(expert.db);
    await expect(
      expert.repo.commitEdits({
        edits: [{ entity: 'finding', id: 'f-1', fields: { narrative: { value: 'Fine.', base: null }, flags: { value: 'not flags', base: null } } }],
      }),
    ).rejects.toThrow(/Invalid finding: flags/);
    expect(await allChanges(expert.db)).toEqual(before);
  });
});
