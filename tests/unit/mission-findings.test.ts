import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Dexie, { type DBCoreQueryRequest } from 'dexie';
import { MissionKitDatabase, type FindingRow } from '../../renderer/src/db/database';
import { liveFindings } from '../../renderer/src/db/mission-findings';

let dbName: string;
let db: MissionKitDatabase;

beforeEach(() => {
  dbName = `findings-${Math.random().toString(36).slice(2)}`;
  db = new MissionKitDatabase(dbName);
});

afterEach(async () => {
  db.close();
  await MissionKitDatabase.delete(dbName);
});

function finding(id: string, missionId: string, requirementId: string, deleted = false): FindingRow {
  return {
    id,
    missionId,
    requirementId,
    authorId: `member-${id}`,
    deviceId: 'dev-1',
    rating: null,
    narrative: `narrative of ${id}`,
    siteIds: [],
    sources: [],
    flags: { goodPractice: false, seriousDeficiency: false },
    answers: {},
    _stamps: {},
    ...(deleted ? { _deleted: true } : {}),
  };
}

const ids = (rows: readonly FindingRow[]): string[] => rows.map((row) => row.id).sort();

describe('liveFindings', () => {
  it('reads every live finding of the mission, whatever the page size and however findings fall on requirements', async () => {
    // Each finding: which mission, which of a few requirements (so pages often end inside one),
    // and whether it is a tombstone.
    const rowsArbitrary = fc.array(fc.record({ mission: fc.constantFrom('m1', 'm2'), requirement: fc.integer({ min: 0, max: 4 }), deleted: fc.boolean() }), {
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, fc.integer({ min: 1, max: 7 }), async (specs, pageSize) => {
        await db.findings.clear();
        const rows = specs.map((spec, index) => finding(`f${index}`, spec.mission, `req-${spec.requirement}`, spec.deleted));
        await db.findings.bulkAdd(rows);
        const expected = rows.filter((row) => row.missionId === 'm1' && !row._deleted);
        expect(ids(await liveFindings(db, 'm1', pageSize))).toEqual(ids(expected));
      }),
      { numRuns: 150 },
    );
  });

  it('lets a write that starts during the read commit before the read has finished', async () => {
    // Twenty requirements with one finding each, read two at a time: ten transactions.
    await db.findings.bulkAdd(Array.from({ length: 20 }, (_, index) => finding(`f${index}`, 'm1', `req-${String(index).padStart(2, '0')}`)));
    const events: string[] = [];
    let written: Promise<void> | null = null;
    // Start the autosave-like write as soon as the first page has been read, while the rest of
    // the read is still to come. Middleware applies from the next open, hence a new handle.
    db.close();
    db = new MissionKitDatabase(dbName);
    db.use({
      stack: 'dbcore',
      name: 'start-a-write-after-the-first-page',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            query: async (request: DBCoreQueryRequest) => {
              const result = await table.query(request);
              if (name === 'findings' && written === null) {
                events.push('first page read');
                // Outside the read's transaction zone, as an autosave from another component is.
                written = Dexie.ignoreTransaction(() => db.findings.update('f19', { narrative: 'typed while the checklist was loading' })).then(() => {
                  events.push('write committed');
                });
              }
              return result;
            },
          };
        },
      }),
    });
    const read = await liveFindings(db, 'm1', 2);
    events.push('read finished');
    await written;
    expect(events).toEqual(['first page read', 'write committed', 'read finished']);
    expect(read).toHaveLength(20);
  });
});
