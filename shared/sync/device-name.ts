/**
 * The pure rules for a device's human name ("Jürgen's laptop"), shared by the app (which keeps
 * the names, renderer/src/db/device-names.ts) and the hub (which relays them between devices).
 */

/** Longest name kept: a name is a label, not a place to carry data. */
export const DEVICE_NAME_MAX_LENGTH = 80;

/** A name as stored: trimmed, control characters removed, cut to the maximum length; null when nothing is left. */
export function cleanDeviceName(name: string): string | null {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = name.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, '').trim().slice(0, DEVICE_NAME_MAX_LENGTH);
  return cleaned === '' ? null : cleaned;
}
