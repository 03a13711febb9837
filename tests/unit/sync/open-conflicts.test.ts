import { describe, expect, it } from 'vitest';
import { formatStamp } from '../../../shared/hlc';
import { conflictWarningLines, deviceLabel, laterVersion, orderVersions, shortDeviceId, versionTime } from '../../../shared/sync/open-conflicts';
import type { ConflictVersion } from '../../../shared/sync/sync-types';

const at = (millis: number, device: string, value: string, member: string | null = null): ConflictVersion => ({ hlc: formatStamp(millis, 0, device), value, device, member });

describe('describing open conflicts', () => {
  it('calls the version with the higher clock stamp the later one, whatever the order given', () => {
    const early = at(1_000, 'dev-b', 'early');
    const late = at(2_000, 'dev-a', 'late');
    expect(laterVersion([late, early])).toBe(late);
    expect(orderVersions([late, early])).toEqual([early, late]);
    expect(laterVersion([])).toBeNull();
    expect(versionTime(late)).toBe(2_000);
    expect(versionTime({ hlc: 'not a stamp' })).toBeNull();
  });

  it('names a device by its human name, else by a short id that still tells devices apart', () => {
    const id = 'dev-3f9c2a1b-77aa-4c1e-9d2f-0123456789ab';
    expect(shortDeviceId(id)).toBe('dev-3f9c2a1b');
    expect(shortDeviceId('hub:http://192.168.1.20:8787')).toBe('hub:http://192.168.1.20:8787');
    expect(deviceLabel(id, new Map([[id, 'Jürgen’s laptop']]))).toBe('Jürgen’s laptop');
    expect(deviceLabel(id, new Map())).toBe('dev-3f9c2a1b');
  });

  it('says nothing when no conflict is open', () => {
    expect(conflictWarningLines([], { members: new Map(), devices: new Map() })).toEqual([]);
  });
});
