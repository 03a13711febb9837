import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { Repository, ValidationError, type NewMission } from '../../renderer/src/db/repository';
import type { Template } from '../../shared/schemas/template';
import { TemplateSchema } from '../../shared/schemas/template';

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
  it('creates a mission and appends one change record per field in the same write', async () => {
    const repo = await openRepository();
    repo.actAs('member-lead');
    const mission = await repo.createMission(template, newMission);

    const stored = await db.missions.get(mission.id);
    expect(stored).toMatchObject({ ...newMission, templateId: 'tiny', templateVersion: 1 });
    const changes = await db.changes.where({ entity: 'mission', id: mission.id }).toArray();
    expect(changes.map((change) => change.field).sort()).toEqual(
      ['classification', 'createdAt', 'endDate', 'framework', 'reportVersion', 'startDate', 'templateId', 'templateVersion', 'territory', 'title'].sort(),
    );
    for (const change of changes) {
      expect(change).toMatchObject({ missionId: mission.id, device: repo.deviceId, member: 'member-lead', base: null });
      expect(stored?._stamps[change.field]).toBe(change.hlc);
    }
    expect(new Set(changes.map((change) => change.hlc)).size).toBe(changes.length);
  });

  it('records only the fields that changed, based on the stamp they replace', async () => {
    const repo = await openRepository();
    const mission = await repo.createMission(template, newMission);
    const before = await db.missions.get(mission.id);
    wall += 1_000;
    await repo.updateMission(mission.id, { title: 'Renamed mission', framework: newMission.framework });

    const titleChanges = await db.changes.where({ entity: 'mission', id: mission.id }).filter((c) => c.field === 'title').toArray();
    expect(titleChanges).toHaveLength(2);
    expect(titleChanges[1]).toMatchObject({ value: 'Renamed mission', base: before?._stamps['title'] });
    expect(await db.changes.count()).toBe(11);
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
    expect(changes.every((change) => change.missionId === mission.id)).toBe(true);
    expect(changes.map((change) => change.field).sort()).toEqual(['areaIds', 'missionId', 'name', 'organisation', 'role']);
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
    const cleared = await db.changes.where({ entity: 'evidence', id: 'ev-1' }).filter((c) => c.field === 'date').toArray();
    expect(cleared.map((change) => change.value)).toEqual(['2015-07-07', null]);
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
