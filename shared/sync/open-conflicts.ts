import { compareStamps, isStamp, parseStamp } from '../hlc';
import type { EntityName } from '../schemas/change';
import type { ConflictVersion } from './sync-types';

/**
 * Open narrative conflicts, described the same way by the app (dashboard, conflict view,
 * assessment cards, Reports screen) and the command line (`mission-kit report`).
 */

/** A narrative edited on two devices at once that nobody has resolved yet. */
export interface OpenConflict {
  entity: EntityName;
  id: string;
  field: string;
  /** Every kept version, earliest first; the last is the one the record (and a report) shows. */
  versions: ConflictVersion[];
  /** The requirement the finding or assessment is about, when known. */
  requirementId?: string;
  /** The author of the finding, when the conflict is in a finding. */
  authorId?: string | null;
}

/** Versions from earliest to latest by clock stamp: the same order every device sees. */
export function orderVersions(versions: readonly ConflictVersion[]): ConflictVersion[] {
  return [...versions].sort((a, b) => compareStamps(a.hlc, b.hlc));
}

/**
 * The version the record shows: narratives are last-writer-wins until resolved, so the later
 * stamp is what a report prints. Null for an empty list.
 */
export function laterVersion(versions: readonly ConflictVersion[]): ConflictVersion | null {
  return orderVersions(versions).at(-1) ?? null;
}

/** When a version was written, from its clock stamp (milliseconds since 1970); null if the stamp is malformed. */
export function versionTime(version: Pick<ConflictVersion, 'hlc'>): number | null {
  return isStamp(version.hlc) ? parseStamp(version.hlc).millis : null;
}

/** "dev-3f9c2a1b": enough of a device id to tell devices apart when a device has no name. */
export function shortDeviceId(deviceId: string): string {
  const match = /^(dev-)?([0-9a-f]{8})[0-9a-f-]*$/i.exec(deviceId);
  // Other ids (a hub's "hub:<address>", a test's "laptop-lead") are already readable.
  return match ? `${match[1] ?? ''}${match[2]}` : deviceId;
}

/** A device as people should see it: its human name, else a short id. */
export function deviceLabel(deviceId: string, names: ReadonlyMap<string, string>): string {
  return names.get(deviceId) ?? shortDeviceId(deviceId);
}

/** Whose version: the member's name if known, else the member id, else nobody (a change signed by no member). */
export function memberLabel(memberId: string | null, members: ReadonlyMap<string, string>): string | null {
  return memberId === null ? null : (members.get(memberId) ?? memberId);
}

export interface ConflictNames {
  members: ReadonlyMap<string, string>;
  devices: ReadonlyMap<string, string>;
}

/** "Jürgen Weber on Jürgen's laptop, 2026-12-02 09:30 UTC": who wrote a version, where and when. */
export function describeVersion(version: ConflictVersion, names: ConflictNames): string {
  const member = memberLabel(version.member, names.members);
  const device = deviceLabel(version.device, names.devices);
  const millis = versionTime(version);
  const when = millis === null ? '' : `, ${new Date(millis).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${member === null ? device : `${member} on ${device}`}${when}`;
}

/**
 * The warning a report made while conflicts are open prints: how many, and for each which
 * version the report used (the later one) and who wrote it. Empty when nothing is open.
 */
export function conflictWarningLines(conflicts: readonly OpenConflict[], names: ConflictNames): string[] {
  if (conflicts.length === 0) return [];
  const lines = [
    `${conflicts.length === 1 ? '1 conflict is' : `${conflicts.length} conflicts are`} open; the report uses the later version of each (resolve them in the app's Sync screen):`,
  ];
  for (const conflict of conflicts) {
    const later = laterVersion(conflict.versions);
    if (!later) continue;
    const subject = `${conflict.entity} ${conflict.id}${conflict.requirementId ? ` (requirement ${conflict.requirementId})` : ''}, ${conflict.field}`;
    const others = orderVersions(conflict.versions).filter((version) => version !== later);
    lines.push(`  ${subject}: used the later version, by ${describeVersion(later, names)}; not used: ${others.map((version) => describeVersion(version, names)).join('; ')}`);
  }
  return lines;
}
