import { describe, expect, it } from 'vitest';
import { deviceNameKey, readDeviceNames } from '../../../renderer/src/db/device-names';
import { exportBundle, importBundle } from '../../../renderer/src/sync/sync-service';
import { readBundle } from '../../../shared/sync/bundle';
import { device, tinyTemplate } from './device-kit';

/**
 * Device names travel in bundle manifests: a receiver learns the sender's own name and every name
 * the sender knew, in the same transaction as the changes; its own name is never overwritten, and
 * a refused bundle teaches nothing.
 */
describe('device names in bundles', () => {
  it('travel with a bundle and are learnt with its changes, never overwriting the receiver’s own name', async () => {
    const lead = await device();
    await lead.repo.importTemplate(tinyTemplate);
    const mission = await lead.repo.createMission(tinyTemplate, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
    const expert = await device();
    await lead.db.meta.bulkPut([
      { key: deviceNameKey(lead.repo.deviceId), value: 'Jürgen’s laptop' },
      { key: deviceNameKey('dev-third'), value: 'Field tablet' },
      { key: deviceNameKey(expert.repo.deviceId), value: 'What the lead calls the expert' },
    ]);
    await expert.db.meta.put({ key: deviceNameKey(expert.repo.deviceId), value: 'Ana’s laptop' });

    const bundle = await exportBundle(lead.db, lead.repo, mission.id, null);
    const read = await readBundle(bundle.bytes);
    expect(read.ok && read.bundle.manifest.deviceNames).toEqual({
      [lead.repo.deviceId]: 'Jürgen’s laptop',
      'dev-third': 'Field tablet',
      [expert.repo.deviceId]: 'What the lead calls the expert',
    });

    expect((await importBundle(expert.db, expert.repo, bundle.bytes, {})).ok).toBe(true);
    expect(Object.fromEntries(await readDeviceNames(expert.db))).toEqual({
      [lead.repo.deviceId]: 'Jürgen’s laptop',
      'dev-third': 'Field tablet',
      [expert.repo.deviceId]: 'Ana’s laptop',
    });
  });

  it('are not learnt from a refused bundle', async () => {
    const lead = await device();
    await lead.repo.importTemplate(tinyTemplate);
    const mission = await lead.repo.createMission(tinyTemplate, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
    await lead.db.meta.put({ key: deviceNameKey(lead.repo.deviceId), value: 'Jürgen’s laptop' });
    const bundle = await exportBundle(lead.db, lead.repo, mission.id, null);
    const expert = await device();
    // The expert holds another template under the same id and version: the bundle is refused.
    await expert.repo.importTemplate({ ...tinyTemplate, title: 'Another tiny template' });
    const result = await importBundle(expert.db, expert.repo, bundle.bytes, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('A different template "tiny" version 1 is already installed') } });
    expect(await readDeviceNames(expert.db)).toEqual(new Map());
    expect(await expert.db.missions.count()).toBe(0);
  });
});
