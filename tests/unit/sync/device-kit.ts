import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { MissionKitDatabase } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';
import { TemplateSchema } from '../../../shared/schemas/template';
import type { Change } from '../../../shared/schemas/change';

/** One block, one area, one requirement, a yes/no scale: the least a mission needs. */
export const tinyTemplate = TemplateSchema.parse({
  format: 'mission-kit/template',
  formatVersion: 1,
  id: 'tiny',
  version: 1,
  title: 'Tiny',
  framework: 'Test',
  scale: { id: 's', name: 'S', levels: [{ id: 'yes', label: 'Yes', counts: 'fulfilled' }, { id: 'no', label: 'No', counts: 'not-fulfilled' }] },
  blocks: [{ id: 'b', title: 'B', areas: [{ id: 'a', title: 'A', phrase: 'the area of a', requirements: [{ id: 'r1', text: 'R1' }] }] }],
});

const opened: MissionKitDatabase[] = [];
let wall = Date.UTC(2015, 6, 6, 9);

/**
 * A device of its own: a fresh database and repository, on a shared wall clock that moves a
 * second per reading so stamps order as the test writes. Databases are deleted after each test.
 */
export async function device(): Promise<{ db: MissionKitDatabase; repo: Repository }> {
  const db = new MissionKitDatabase(`sync-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  const repo = await Repository.open(db, { now: () => (wall += 1000) });
  return { db, repo };
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await MissionKitDatabase.delete(db.name);
  }
});

/** A device's whole change log, in the order it was written, as it travels. */
export async function allChanges(db: MissionKitDatabase): Promise<Change[]> {
  return (await db.changes.orderBy('seq').toArray()).map(({ seq: _seq, ...change }) => change);
}
