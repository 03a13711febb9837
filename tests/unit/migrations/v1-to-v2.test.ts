import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MissionKitDatabase, SCHEMA_V1 } from '../../../renderer/src/db/database';

const name = `migration-${Math.random().toString(36).slice(2)}`;

afterEach(async () => {
  await Dexie.delete(name);
});

/** Writes a database exactly as schema version 1 left it, with a row in every table. */
async function writeVersion1(): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  const stamps = { title: '000000000000001-0000-dev-a' };
  await v1.table('templates').put({ id: 't', version: 1, title: 'T', builtin: false, importedAt: '2015-07-01T00:00:00.000Z', template: { id: 't' } });
  await v1.table('missions').put({ id: 'm', title: 'Mission', _stamps: stamps });
  await v1.table('members').put({ id: 'mem', missionId: 'm', name: 'Ana', _stamps: {} });
  await v1.table('sites').put({ id: 's', missionId: 'm', name: 'Merdare/Merdarë', _stamps: {} });
  await v1.table('findings').bulkPut([
    { id: 'f1', missionId: 'm', requirementId: 'r1', authorId: 'mem', narrative: 'First', _stamps: {} },
    { id: 'f2', missionId: 'm', requirementId: 'r2', authorId: 'mem', narrative: 'Deleted', _stamps: {}, _deleted: true },
  ]);
  await v1.table('evidence').put({ id: 'e', missionId: 'm', findingId: 'f1', kind: 'attachment', sha256: 'a'.repeat(64), _stamps: {} });
  await v1.table('attachments').put({ sha256: 'a'.repeat(64), blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) });
  await v1.table('assessments').put({ id: 'a', missionId: 'm', requirementId: 'r1', _stamps: {} });
  await v1.table('recommendations').put({ id: 'rec', missionId: 'm', _stamps: {} });
  await v1.table('changes').bulkAdd([
    { entity: 'mission', id: 'm', missionId: 'm', field: '*', value: { title: 'Mission' }, hlc: '000000000000001-0000-dev-a' },
    { entity: 'finding', id: 'f1', missionId: 'm', field: 'narrative', value: 'First', hlc: '000000000000002-0000-dev-a' },
  ]);
  await v1.table('drafts').put({ key: 'd', missionId: 'm', kind: 'finding', subjectId: 'r1', memberId: 'mem', values: { narrative: 'typed' } });
  await v1.table('meta').bulkPut([
    { key: 'deviceId', value: 'dev-a' },
    { key: 'identity:m', value: 'mem' },
  ]);
  v1.close();
}

describe('database migration from version 1 to 2', () => {
  it('keeps every record, attachment and change, and gives findings an empty set of answers', async () => {
    await writeVersion1();
    const db = new MissionKitDatabase(name);
    await db.open();
    expect(db.verno).toBe(2);

    expect(await db.templates.count()).toBe(1);
    expect(await db.missions.get('m')).toEqual({ id: 'm', title: 'Mission', _stamps: { title: '000000000000001-0000-dev-a' } });
    expect(await db.members.count()).toBe(1);
    expect((await db.sites.get('s'))?.name).toBe('Merdare/Merdarë');
    const findings = await db.findings.orderBy('id').toArray();
    expect(findings.map((finding) => [finding.id, finding.narrative, finding.answers, finding._deleted ?? false])).toEqual([
      ['f1', 'First', {}, false],
      ['f2', 'Deleted', {}, true],
    ]);
    expect(await db.evidence.count()).toBe(1);
    const attachment = await db.attachments.get('a'.repeat(64));
    expect(attachment?.blob.size).toBe(3);
    expect(attachment?.blob.type).toBe('image/png');
    expect(await db.assessments.count()).toBe(1);
    expect(await db.recommendations.count()).toBe(1);
    expect((await db.changes.orderBy('seq').toArray()).map((change) => change.hlc)).toEqual(['000000000000001-0000-dev-a', '000000000000002-0000-dev-a']);
    expect((await db.drafts.get('d'))?.values).toEqual({ narrative: 'typed' });
    expect((await db.meta.get('deviceId'))?.value).toBe('dev-a');
    expect((await db.meta.get('identity:m'))?.value).toBe('mem');
    db.close();
  });
});
