import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { gzipSync, strToU8 } from 'fflate';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { Repository } from '../../renderer/src/db/repository';
import { exportBundle, importBundle } from '../../renderer/src/sync/sync-service';
import { readBundle } from '../../shared/sync/bundle';
import { generateLargeMission } from '../fixtures/large-mission';
import { MIB, report, round, time } from './measure';

it('bundle-size', async () => {
  const file = generateLargeMission();
  const source = new MissionKitDatabase(`bench-bundle-source-${Date.now()}`);
  const sender = await Repository.open(source);
  const imported = await sender.importMission(file);
  if (!imported.ok) throw new Error(imported.error.message);

  const exported = await time(() => exportBundle(source, sender, file.mission.id, null));
  const bundle = exported.result;
  expect(bundle.scope).toBe('everything');

  // The reference: the same change records as raw JSON, gzipped at fflate's level 6.
  const changes = (await source.changes.where('missionId').equals(file.mission.id).toArray()).map(({ seq: _seq, ...change }) => change);
  const json = strToU8(JSON.stringify(changes));
  const gzipped = gzipSync(json, { level: 6 });

  const read = await time(() => readBundle(bundle.bytes));
  expect(read.result.ok).toBe(true);

  const target = new MissionKitDatabase(`bench-bundle-target-${Date.now()}`);
  const receiver = await Repository.open(target);
  // importBundle reads (unzips, checks hashes and schemas) and then applies: this is read + import.
  const applied = await time(() => importBundle(target, receiver, bundle.bytes, {}));
  if (!applied.result.ok) throw new Error(applied.result.error.message);
  expect(await target.findings.count()).toBe(file.findings.length);

  const ratio = bundle.bytes.byteLength / gzipped.byteLength;
  report({
    bench: 'bundle-size',
    findings: file.findings.length,
    changes: bundle.changes,
    bundleBytes: bundle.bytes.byteLength,
    bundleMiB: round(bundle.bytes.byteLength / MIB, 2),
    rawJsonBytes: json.byteLength,
    gzipJsonBytes: gzipped.byteLength,
    exportMs: round(exported.ms),
    readBundleMs: round(read.ms),
    readAndImportMs: round(applied.ms),
    ratio,
    target: '≤ 1.2',
    met: ratio <= 1.2,
  });

  for (const database of [source, target]) {
    database.close();
    await MissionKitDatabase.delete(database.name);
  }
});
