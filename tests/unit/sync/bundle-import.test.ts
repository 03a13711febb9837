import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MissionKitDatabase } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';
import { exportBundle, importBundle } from '../../../renderer/src/sync/sync-service';
import { buildKosovoDemo } from '../../../shared/demo/kosovo-2015-demo';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';

const opened: MissionKitDatabase[] = [];

async function device(): Promise<{ db: MissionKitDatabase; repo: Repository }> {
  const db = new MissionKitDatabase(`bundle-import-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return { db, repo: await Repository.open(db) };
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await MissionKitDatabase.delete(db.name);
  }
});

async function snapshot(db: MissionKitDatabase): Promise<string> {
  const tables = await Promise.all(db.tables.filter((table) => table.name !== 'meta').map(async (table) => [table.name, await table.toArray()] as const));
  return JSON.stringify(tables);
}

async function demoBundle(): Promise<{ bytes: Uint8Array; missionId: string }> {
  const lead = await device();
  const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!roadmap) throw new Error('roadmap missing');
  const demo = buildKosovoDemo();
  const imported = await lead.repo.importMission({ template: roadmap, ...demo });
  if (!imported.ok) throw new Error(imported.error.message);
  const bundle = await exportBundle(lead.db, lead.repo, demo.mission.id, null);
  return { bytes: bundle.bytes, missionId: demo.mission.id };
}

describe('importing bundles into the database', () => {
  it('brings the whole demo mission to a new device, and the same bundle twice changes nothing', async () => {
    const { bytes, missionId } = await demoBundle();
    const expert = await device();
    const first = await importBundle(expert.db, expert.repo, bytes, {});
    expect(first.ok).toBe(true);
    expect(await expert.db.findings.count()).toBeGreaterThanOrEqual(95);
    expect((await expert.db.missions.get(missionId))?.title).toBe('Kosovo — visa roadmap assessment mission, July 2015');
    const before = await snapshot(expert.db);
    const second = await importBundle(expert.db, expert.repo, bytes, {});
    expect(second.ok && second.value.summary).toMatchObject({ applied: 0, created: 0, updated: 0 });
    expect(await snapshot(expert.db)).toBe(before);
  });

  it('refuses a bundle for another mission, naming it, and changes nothing', async () => {
    const { bytes } = await demoBundle();
    const expert = await device();
    const before = await snapshot(expert.db);
    const result = await importBundle(expert.db, expert.repo, bytes, { expectedMissionId: 'some-other-mission' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toMatch(/Kosovo|demo-mission-kosovo-2015/);
    expect(await snapshot(expert.db)).toBe(before);
  });

  it('leaves the database unchanged for random, truncated and flipped bundles', async () => {
    const { bytes } = await demoBundle();
    const expert = await device();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.nat(bytes.length - 1).map((length) => bytes.slice(0, length)),
          fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })).map(([index, flip]) => {
            const copy = bytes.slice();
            copy[index] = (copy[index] as number) ^ flip;
            return copy;
          }),
        ),
        async (candidate) => {
          const before = await snapshot(expert.db);
          const result = await importBundle(expert.db, expert.repo, candidate, {});
          if (result.ok) {
            // A flip in a part of the zip nobody reads (padding, a comment) may leave a valid
            // bundle: then it must bring exactly the demo, nothing else.
            expect(result.value.missionId).toBe('demo-mission-kosovo-2015');
          } else {
            expect(result.error.message.length).toBeGreaterThan(10);
            expect(await snapshot(expert.db)).toBe(before);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
