import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubStore, missionFolderName } from '../../../main/hub/hub-store';
import { formatStamp } from '../../../shared/hlc';
import type { Change } from '../../../shared/schemas/change';

/**
 * The hub's mission files. changes.jsonl is the hub's own file, but a damaged or edited one must cost only its bad
 * lines: a line nested 5,000 deep used to overflow the schema's recursion and make the whole
 * mission unreadable (every pull failed).
 */

const MISSION = 'mission-1';
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'mission-kit-hub-lines-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function change(n: number, value: unknown = `narrative ${n}`): Change {
  return { entity: 'finding', id: `finding-${n}`, missionId: MISSION, field: 'narrative', value: value as Change['value'], hlc: formatStamp(1_700_000_000_000 + n, 0, 'dev-a'), device: 'dev-a', member: null, base: null };
}

describe('HubStore reading changes.jsonl', () => {
  it('skips a line nested 5,000 deep, keeps the others, and says so in its log', async () => {
    const folder = path.join(dataDir, 'missions', missionFolderName(MISSION));
    await mkdir(folder, { recursive: true });
    const deepLine = JSON.stringify(change(2, 0)).replace('"value":0', `"value":${'['.repeat(5000)}1${']'.repeat(5000)}`);
    await writeFile(path.join(folder, 'changes.jsonl'), `${JSON.stringify(change(1))}\n${deepLine}\n${JSON.stringify(change(3))}\n`);
    const log: string[] = [];
    const store = new HubStore(dataDir, (line) => log.push(line));

    const page = await store.pull(MISSION, {}, 100);
    expect(page.changes.map((item) => item.id)).toEqual(['finding-1', 'finding-3']);
    expect(log).toEqual([`Mission ${MISSION}: skipped 1 unreadable line(s) of changes.jsonl (a torn write after a crash?).`]);
  });

  // POSIX modes: the CI and the hubs we test on are Linux; Windows ignores the mode.
  it('creates the missions folder, each mission and its attachments readable by the hub user alone', async () => {
    const store = new HubStore(dataDir, () => undefined);
    await store.push(MISSION, [change(1)]);
    const photo = Uint8Array.of(1, 2, 3);
    await store.putAttachment(MISSION, createHash('sha256').update(photo).digest('hex'), photo);
    const missions = path.join(dataDir, 'missions');
    const folder = path.join(missions, missionFolderName(MISSION));
    for (const created of [missions, folder, path.join(folder, 'attachments')]) {
      expect([created, (await stat(created)).mode & 0o777]).toEqual([created, 0o700]);
    }
  });
});
