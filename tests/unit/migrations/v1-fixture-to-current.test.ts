import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MissionKitDatabase, SCHEMA_V1 } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';

/**
 * tests/fixtures/database-v1.json is a frozen copy of what schema version 1 held for the demo
 * mission after some use: 264 change records, an attachment, a draft, identity and clock. It
 * is committed, never regenerated: every later version must open it and keep everything.
 */
interface Fixture {
  version: number;
  tables: Record<string, Record<string, unknown>[]>;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/database-v1.json', import.meta.url), 'utf8')) as Fixture;
const name = `v1-fixture-${Math.random().toString(36).slice(2)}`;

afterEach(async () => {
  await Dexie.delete(name);
});

async function writeFixtureAsVersion1(): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  for (const [table, rows] of Object.entries(fixture.tables)) {
    const restored = rows.map((row) => {
      if (table !== 'attachments') return row;
      const blob = row['blob'] as { type: string; base64: string };
      return { ...row, blob: new Blob([Buffer.from(blob.base64, 'base64')], { type: blob.type }) };
    });
    await v1.table(table).bulkAdd(restored);
  }
  v1.close();
}

describe('upgrading the committed version-1 database', () => {
  it('keeps every record, attachment, change, draft and setting', async () => {
    expect(fixture.version).toBe(1);
    await writeFixtureAsVersion1();
    const db = new MissionKitDatabase(name);
    await db.open();
    for (const [table, rows] of Object.entries(fixture.tables)) {
      expect(await db.table(table).count(), table).toBe(rows.length);
    }
    const changes = await db.changes.orderBy('seq').toArray();
    expect(changes.map((change) => change.hlc)).toEqual(fixture.tables['changes']?.map((change) => change['hlc']));
    const findings = await db.findings.toArray();
    expect(findings.every((finding) => typeof finding.answers === 'object' && finding.answers !== null)).toBe(true);
    const edited = findings.find((finding) => finding.narrative.endsWith('Edited after the import.'));
    expect(edited).toBeDefined();
    const [attachment] = await db.attachments.toArray();
    expect(attachment?.blob.size).toBe(11);
    expect(attachment?.blob.type).toBe('image/png');
    expect((await db.drafts.toArray())[0]?.values).toEqual({ narrative: 'typed but not valid yet' });
    db.close();
  });

  it('keeps working after the upgrade: same device, and edits stamp after the old ones', async () => {
    await writeFixtureAsVersion1();
    const db = new MissionKitDatabase(name);
    const device = fixture.tables['meta']?.find((row) => row['key'] === 'deviceId')?.['value'];
    const repo = await Repository.open(db, { now: () => Date.UTC(2015, 6, 6) });
    expect(repo.deviceId).toBe(device);
    const newestBefore = (await db.changes.orderBy('seq').last())?.hlc ?? '';
    await repo.updateMission('demo-mission-kosovo-2015', { title: 'Kosovo — after the upgrade' });
    const newest = await db.changes.orderBy('seq').last();
    expect(newest?.field).toBe('title');
    expect((newest?.hlc ?? '') > newestBefore).toBe(true);
    db.close();
  });
});
