import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { Repository, ValidationError, type AnyEntity, type NewMission } from '../../renderer/src/db/repository';
import type { Template } from '../../shared/schemas/template';
import { TemplateSchema } from '../../shared/schemas/template';
import { buildKosovoDemo } from '../../shared/demo/kosovo-2015-demo';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';

const template: Template = TemplateSchema.parse({
  format: 'mission-kit/template',
  formatVersion: 1,
  id: 'tiny',
  version: 1,
  title: 'Tiny',
  framework: 'Test',
  scale: {
    id: 's',
    name: 'Scale',
    levels: [
      { id: 'yes', label: 'Yes', counts: 'fulfilled' },
      { id: 'no', label: 'No', counts: 'not-fulfilled' },
    ],
  },
  blocks: [{ id: 'b', title: 'B', areas: [{ id: 'a', title: 'A', phrase: 'the area of a', requirements: [{ id: 'r1', text: 'R1' }] }] }],
});

const newMission: NewMission = {
  title: 'Assessment mission, July 2015',
  territory: { name: 'Kosovo', footnote: 'This designation is without prejudice to positions on status.' },
  framework: 'Visa liberalisation dialogue',
  startDate: '2015-07-06',
  endDate: '2015-07-10',
  classification: 'LIMITED',
  reportVersion: '1.0',
};

let dbName: string;
let db: MissionKitDatabase;
let wall: number;

async function openRepository(): Promise<Repository> {
  let counter = 0;
  return Repository.open(db, { now: () => wall, newId: () => `id-${++counter}-${Math.random().toString(36).slice(2, 8)}` });
}

beforeEach(() => {
  dbName = `test-${Math.random().toString(36).slice(2)}`;
  db = new MissionKitDatabase(dbName);
  wall = Date.UTC(2015, 6, 6, 9, 0, 0);
});

afterEach(async () => {
  db.close();
  await MissionKitDatabase.delete(dbName);
});

describe('repository', () => {
  it('creates a mission and appends its creation change in the same write', async () => {
    const repo = await openRepository();
    repo.actAs('member-lead');
    const mission = await repo.createMission(template, newMission);

    const stored = await db.missions.get(mission.id);
    expect(stored).toMatchObject({ ...newMission, templateId: 'tiny', templateVersion: 1 });
    const changes = await db.changes.where({ entity: 'mission', id: mission.id }).toArray();
    expect(changes).toHaveLength(1);
    const [created] = changes;
    expect(created).toMatchObject({ field: '*', missionId: mission.id, device: repo.deviceId, member: 'member-lead', base: null });
    const { id: _id, ...fields } = mission;
    expect(created?.value).toEqual(fields);
    // Every field carries the creation's stamp until it is edited.
    expect(Object.values(stored?._stamps ?? {})).toEqual(Object.keys(fields).map(() => created?.hlc));
  });

  it('records only the fields that changed, based on the stamp they replace', async () => {
    const repo = await openRepository();
    const mission = await repo.createMission(template, newMission);
    const before = await db.missions.get(mission.id);
    wall += 1_000;
    await repo.updateMission(mission.id, { title: 'Renamed mission', framework: newMission.framework });

    const changes = await db.changes.where({ entity: 'mission', id: mission.id }).toArray();
    expect(changes.map((change) => change.field)).toEqual(['*', 'title']);
    expect(changes[1]).toMatchObject({ value: 'Renamed mission', base: before?._stamps['title'] });
    expect((await db.missions.get(mission.id))?._stamps['title']).toBe(changes[1]?.hlc);
    expect((await db.missions.get(mission.id))?._stamps['framework']).toBe(changes[0]?.hlc);
  });

  it('leaves neither the row nor its changes when the write fails midway', async () => {
    const repo = await openRepository();
    db.changes.hook('creating', () => {
      throw new Error('disk full while appending the change log');
    });
    await expect(repo.createMission(template, newMission)).rejects.toThrow('disk full');
    expect(await db.missions.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
  });

  it('refuses an invalid value with the field and reason, and writes nothing', async () => {
    const repo = await openRepository();
    await expect(repo.createMission(template, { ...newMission, endDate: '2015-07-01' })).rejects.toThrow(
      new ValidationError('Invalid mission: endDate: must not be before the start date'),
    );
    await expect(repo.createMission(template, { ...newMission, title: '   ' })).rejects.toThrow(/title: must not be empty/);
    expect(await db.missions.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
  });

  it('deletes with a tombstone change and refuses to edit the deleted entity', async () => {
    const repo = await openRepository();
    const mission = await repo.createMission(template, newMission);
    await repo.deleteMission(mission.id);
    expect((await db.missions.get(mission.id))?._deleted).toBe(true);
    const tombstone = await db.changes.where({ entity: 'mission', id: mission.id }).filter((c) => c.field === '_deleted').first();
    expect(tombstone?.value).toBe(true);
    await expect(repo.updateMission(mission.id, { title: 'Back from the dead' })).rejects.toThrow(/No mission/);
  });

  it('keeps the device id and a monotonic clock across restarts, even if the wall clock goes back', async () => {
    const first = await openRepository();
    const mission = await first.createMission(template, newMission);
    const lastStamp = (await db.changes.orderBy('seq').last())?.hlc as string;
    db.close();
    db = new MissionKitDatabase(dbName);
    wall -= 3_600_000; // the laptop's clock was set back an hour
    const second = await openRepository();
    expect(second.deviceId).toBe(first.deviceId);
    await second.updateMission(mission.id, { title: 'After restart' });
    const newest = (await db.changes.orderBy('seq').last())?.hlc as string;
    expect(newest > lastStamp).toBe(true);
  });

  it('imports a template once, accepts the identical one again, refuses a different one with the same version', async () => {
    const repo = await openRepository();
    expect((await repo.importTemplate(template)).ok).toBe(true);
    expect((await repo.importTemplate(template)).ok).toBe(true);
    const changed = { ...template, title: 'Tiny, edited' };
    const result = await repo.importTemplate(changed);
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('"tiny" version 1 is already installed') },
    });
    expect(await db.templates.count()).toBe(1);
    expect((await db.templates.get(['tiny', 1]))?.title).toBe('Tiny');
  });

  it('adds a member attached to its mission with its own change records', async () => {
    const repo = await openRepository();
    const mission = await repo.createMission(template, newMission);
    const member = await repo.addMember({ missionId: mission.id, name: 'Ana Kovač', organisation: 'Slovenia', role: 'expert', areaIds: ['a'] });
    const changes = await db.changes.where({ entity: 'member', id: member.id }).toArray();
    expect(changes).toEqual([expect.objectContaining({ field: '*', missionId: mission.id, value: expect.objectContaining({ name: 'Ana Kovač', areaIds: ['a'] }) })]);
  });
});

describe('repository: clearing and grouped writes', () => {
  it('records a cleared optional field as a change to null and drops it from the row', async () => {
    const repo = await openRepository();
    const mission = await repo.createMission(template, newMission);
    await repo.updateMission(mission.id, { territory: { name: 'Kosovo' } });
    expect((await db.missions.get(mission.id))?.territory).toEqual({ name: 'Kosovo' });

    const evidence = {
      id: 'ev-1',
      missionId: mission.id,
      findingId: 'f-1',
      kind: 'attachment' as const,
      fileName: 'merdare.jpg',
      mediaType: 'image/jpeg',
      size: 3,
      sha256: 'a'.repeat(64),
      caption: '',
      date: '2015-07-07',
    };
    await repo.save('evidence', evidence);
    const { date: _date, ...withoutDate } = evidence;
    await repo.save('evidence', withoutDate);
    const row = await db.evidence.get('ev-1');
    expect(row && 'date' in row).toBe(false);
    const changes = await db.changes.where({ entity: 'evidence', id: 'ev-1' }).toArray();
    expect(changes.map((change) => [change.field, change.field === 'date' ? change.value : '…'])).toEqual([
      ['*', '…'],
      ['date', null],
    ]);
  });

  it('saves several entities as one unit, or none of them when one is invalid', async () => {
    const repo = await openRepository();
    const mission = await repo.createMission(template, newMission);
    const before = await db.changes.count();
    const member = { id: 'm-1', missionId: mission.id, name: 'Lena Berger', organisation: 'Austria', role: 'expert' as const, areaIds: [] };
    const site = { id: 's-1', missionId: mission.id, type: 'land-crossing' as const, name: 'Merdare/Merdarë', date: '2015-07-07', host: '', memberIds: [], notes: '' };
    await expect(
      repo.saveAll([
        { entity: 'member', value: member },
        { entity: 'site', value: { ...site, date: '7 July' } },
      ]),
    ).rejects.toThrow('Invalid site: date: must be a date written as YYYY-MM-DD');
    expect(await db.members.count()).toBe(0);
    expect(await db.changes.count()).toBe(before);

    await repo.saveAll([
      { entity: 'member', value: member },
      { entity: 'site', value: site },
    ]);
    expect(await db.members.count()).toBe(1);
    expect((await db.sites.get('s-1'))?.name).toBe('Merdare/Merdarë');
  });
});

describe('repository: checklist writes', () => {
  async function missionWithMember(repo: Repository) {
    const mission = await repo.createMission(template, newMission);
    const member = await repo.addMember({ missionId: mission.id, name: 'Jürgen Weiß', organisation: 'Germany', role: 'expert', areaIds: [] });
    return { mission, member };
  }

  it('commits a finding, a statistic and the form draft together, or none of them', async () => {
    const repo = await openRepository();
    const { mission, member } = await missionWithMember(repo);
    const finding = {
      id: 'f-1', missionId: mission.id, requirementId: 'r1', authorId: member.id, deviceId: repo.deviceId,
      rating: 'yes', narrative: 'Exit checks are performed.', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {},
    };
    const statistic = { id: 'st-1', missionId: mission.id, findingId: 'f-1', kind: 'statistic' as const, label: 'Returnees assisted', value: 1542, ofTotal: 2744, unit: '', period: 'H1 2015', source: '' };
    const draft = { key: 'k', missionId: mission.id, kind: 'finding' as const, subjectId: 'r1', memberId: member.id, values: { typed: '12 of ten' }, problems: [{ path: 'statistics[1].value', message: 'Enter a number' }], updatedAt: '2015-07-07T10:00:00Z' };

    const tooLarge: AnyEntity = { entity: 'evidence', value: { ...statistic, value: 3000 } };
    await expect(
      repo.commit({ saves: [{ entity: 'finding', value: finding }, tooLarge], draft }),
    ).rejects.toThrow('value: must not be larger than the total');
    expect(await db.findings.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);

    await repo.commit({ saves: [{ entity: 'finding', value: finding }, { entity: 'evidence', value: statistic }], draft });
    expect((await db.findings.get('f-1'))?.narrative).toBe('Exit checks are performed.');
    expect((await db.evidence.get('st-1'))?.kind).toBe('statistic');
    expect((await db.drafts.get('k'))?.values).toEqual({ typed: '12 of ten' });

    await repo.commit({ removals: [{ entity: 'evidence', id: 'st-1' }], clearDraft: 'k' });
    expect((await db.evidence.get('st-1'))?._deleted).toBe(true);
    expect(await db.drafts.count()).toBe(0);
  });

  it('stores attachment bytes once per content hash, with the evidence record', async () => {
    const repo = await openRepository();
    const { mission } = await missionWithMember(repo);
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    const evidence = { id: 'ev-a', missionId: mission.id, findingId: 'f-1', kind: 'attachment' as const, fileName: 'Merdarë.jpg', mediaType: 'image/jpeg', size: 3, sha256: 'b'.repeat(64), caption: '' };
    await repo.addAttachment(evidence, blob);
    await repo.addAttachment({ ...evidence, id: 'ev-b' }, blob);
    expect(await db.attachments.count()).toBe(1);
    expect(await db.evidence.count()).toBe(2);
    expect((await db.attachments.get('b'.repeat(64)))?.blob.size).toBe(3);
  });

  it('remembers which member this device acts as, per mission', async () => {
    const repo = await openRepository();
    const { mission, member } = await missionWithMember(repo);
    expect(await repo.identity(mission.id)).toBeNull();
    await repo.setIdentity(mission.id, member.id);
    expect(await repo.identity(mission.id)).toBe(member.id);
    await repo.updateMission(mission.id, { title: 'Signed' });
    const last = await db.changes.orderBy('seq').last();
    expect(last?.member).toBe(member.id);
  });
});

describe('repository: importing a whole mission', () => {
  it('imports the demo mission with change records, and refuses it a second time', async () => {
    const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
    if (!roadmap) throw new Error('roadmap template missing');
    const repo = await openRepository();
    const demo = buildKosovoDemo();
    const result = await repo.importMission({ template: roadmap, ...demo });
    expect(result.ok).toBe(true);
    expect(await db.findings.count()).toBe(demo.findings.length);
    expect(await db.assessments.count()).toBe(95);
    // One creation change per imported record.
    const records = 1 + demo.members.length + demo.sites.length + demo.findings.length + demo.evidence.length + demo.assessments.length + demo.recommendations.length;
    expect(await db.changes.count()).toBe(records);

    const before = await db.changes.count();
    expect(await repo.importMission({ template: roadmap, ...demo })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The mission "Kosovo — visa roadmap assessment mission, July 2015" is already on this device.' },
    });
    expect(await db.changes.count()).toBe(before);
  });

  it('writes nothing when one record is invalid or belongs to another mission', async () => {
    const repo = await openRepository();
    const demo = buildKosovoDemo();
    const roadmapTemplate = findBuiltinTemplate('visa-roadmap-kosovo-2012');
    if (!roadmapTemplate) throw new Error('roadmap template missing');

    const foreign = { ...demo, sites: [...demo.sites, { ...(demo.sites[0] as (typeof demo.sites)[number]), id: 'x-site', missionId: 'other' }] };
    const refused = await repo.importMission({ template: roadmapTemplate, ...foreign });
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-payload', message: 'The site x-site belongs to another mission (other).' } });

    const broken = { ...demo, findings: demo.findings.map((f, i) => (i === 50 ? { ...f, siteIds: ['not an id!'] } : f)) };
    const invalid = await repo.importMission({ template: roadmapTemplate, ...broken });
    expect(invalid.ok).toBe(false);
    expect(invalid.ok ? '' : invalid.error.message).toMatch(/^Invalid finding: siteIds\[0\]: may only contain/);
    expect(await db.missions.count()).toBe(0);
    expect(await db.findings.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
  });
});

describe('repository: template upgrades', () => {
  const withQuestions = (version: number, questionIds: string[], requirementIds = ['r1']) =>
    TemplateSchema.parse({
      ...template,
      version,
      blocks: [{ id: 'b', title: 'B', areas: [{ id: 'a', title: 'A', phrase: 'the area of a', requirements: requirementIds.map((id) => ({ id, text: id, questions: questionIds.map((q) => ({ id: q, text: q, type: 'short-text' })) })) }] }],
    });

  it('moves a mission to a newer version (one new question in each of two requirements), keeping every answer, and refuses one that drops a requirement with findings', async () => {
    const repo = await openRepository();
    const v1 = withQuestions(1, ['old', 'kept'], ['r1', 'r2']);
    await repo.importTemplate(v1);
    const mission = await repo.createMission(v1, newMission);
    await repo.save('finding', {
      id: 'f', missionId: mission.id, requirementId: 'r2', authorId: 'a', deviceId: repo.deviceId, rating: null, narrative: '',
      siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: { old: 'answer to a removed question', kept: 'x' },
    });
    await repo.importTemplate(withQuestions(2, ['kept', 'new'], ['r1', 'r2']));
    await repo.importTemplate(withQuestions(3, ['kept'], ['r1']));

    const refused = await repo.upgradeMissionTemplate(mission.id, 3);
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringContaining('r2') } });
    expect((await db.missions.get(mission.id))?.templateVersion).toBe(1);

    const upgraded = await repo.upgradeMissionTemplate(mission.id, 2);
    expect(upgraded).toEqual({ ok: true, value: expect.objectContaining({ from: 1, to: 2, addedQuestions: 2, archivedAnswers: 1 }) });
    expect((await db.missions.get(mission.id))?.templateVersion).toBe(2);
    expect((await db.findings.get('f'))?.answers).toEqual({ old: 'answer to a removed question', kept: 'x' });
    const last = await db.changes.orderBy('seq').last();
    expect(last).toMatchObject({ entity: 'mission', field: 'templateVersion', value: 2 });
  });
});
