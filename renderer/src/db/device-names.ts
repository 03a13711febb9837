import { cleanDeviceName } from '../../../shared/sync/device-name';
import type { MissionKitDatabase } from './database';

export { DEVICE_NAME_MAX_LENGTH, cleanDeviceName } from '../../../shared/sync/device-name';

/**
 * Human names of devices ("Jürgen's laptop"), shown wherever a device id would be. A device
 * names itself on first start; the names of other devices arrive with what they send (bundle
 * manifests, hub exchanges) and are kept in `meta`, one row per device, so a lead sees who
 * wrote what even for devices it never met directly.
 */
const PREFIX = 'deviceName:';

export function deviceNameKey(deviceId: string): string {
  return `${PREFIX}${deviceId}`;
}

/** Every device name this device knows, by device id. */
export async function readDeviceNames(db: MissionKitDatabase): Promise<Map<string, string>> {
  const rows = await db.meta.where('key').startsWith(PREFIX).toArray();
  const names = new Map<string, string>();
  for (const row of rows) if (typeof row.value === 'string') names.set(row.key.slice(PREFIX.length), row.value);
  return names;
}

/** The device names this device knows, its own (as it named itself) included: they travel with its bundles and hub exchanges. */
export async function knownDeviceNames(db: MissionKitDatabase, ownDeviceId: string): Promise<Record<string, string>> {
  const names = Object.fromEntries(await readDeviceNames(db));
  const own = (await db.meta.get(deviceNameKey(ownDeviceId)))?.value;
  if (typeof own === 'string') names[ownDeviceId] = own;
  return names;
}

/**
 * Rows to write for names learnt from elsewhere. Call inside the transaction that stores the
 * delivery. This device's own name is never overwritten by what another device believes it is.
 */
export function learntDeviceNameRows(names: Readonly<Record<string, string>>, ownDeviceId: string): { key: string; value: string }[] {
  const rows: { key: string; value: string }[] = [];
  for (const [deviceId, name] of Object.entries(names)) {
    const cleaned = typeof name === 'string' ? cleanDeviceName(name) : null;
    if (deviceId !== ownDeviceId && cleaned !== null) rows.push({ key: deviceNameKey(deviceId), value: cleaned });
  }
  return rows;
}
