import { parseStamp } from '../hlc';
import type { Change } from '../schemas/change';

/**
 * How far ahead of the receiver's clock a change may be stamped. Laptops drift by seconds and
 * time zones are not in stamps (they are UTC), so ten minutes only refuses a clock that is
 * plainly wrong — one that says 2031 would otherwise win every last-writer-wins field forever.
 */
export const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;

/**
 * The latest stamp time a receiver accepts: ten minutes after its wall clock, or what its own
 * hybrid clock has already reached if that is later (its own stamps after its wall clock was set
 * back, or stamps it accepted earlier). Nothing accepted can push the limit further: an accepted
 * stamp is at most this limit, so ten-minute steps cannot add up.
 */
export function clockLimit(wallMillis: number, ownClockMillis: number): number {
  return Math.max(wallMillis + MAX_CLOCK_AHEAD_MS, ownClockMillis);
}

/** A device whose changes are stamped too far ahead: the furthest of its stamps. */
export interface ClockAhead {
  device: string;
  /** How far its furthest stamp is ahead of the receiver's wall clock. */
  aheadMs: number;
  /** Where in the delivery that change is. */
  index: number;
}

/** Every device with a change stamped after `limitMillis`, the furthest ahead first. */
export function devicesAhead(changes: readonly Pick<Change, 'hlc' | 'device'>[], wallMillis: number, limitMillis: number): ClockAhead[] {
  const byDevice = new Map<string, ClockAhead>();
  changes.forEach((change, index) => {
    const { millis, node } = parseStamp(change.hlc);
    if (millis <= limitMillis) return;
    // The stamp's own node is the clock that ran ahead; `device` normally names the same one.
    const device = node || change.device;
    const seen = byDevice.get(device);
    if (!seen || millis - wallMillis > seen.aheadMs) byDevice.set(device, { device, aheadMs: millis - wallMillis, index });
  });
  return [...byDevice.values()].sort((a, b) => b.aheadMs - a.aheadMs);
}

const UNITS: readonly [string, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "5 years, 3 days", "2 hours, 5 minutes", "11 minutes": the two largest units, for people. */
export function formatClockOffset(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
    if (parts.length === 2) break;
  }
  const shown = parts.filter((part) => !part.startsWith('0 '));
  return shown.length > 0 ? shown.join(', ') : 'less than a minute';
}

/** The message of a refusal: which device, how far ahead, what to do. */
export function clockAheadMessage(ahead: readonly ClockAhead[], receiver = "this computer's clock"): string {
  const [first, ...others] = ahead;
  if (!first) return '';
  const more = others.length > 0 ? ` (and ${others.length} more ${others.length === 1 ? 'device' : 'devices'}: ${others.map((other) => `${other.device}, ${formatClockOffset(other.aheadMs)} ahead`).join('; ')})` : '';
  return (
    `device ${first.device} is ${formatClockOffset(first.aheadMs)} ahead of ${receiver}${more}; nothing was received. ` +
    `Set the date and time of that device right (automatic date and time), or of this computer if it is this one that is behind.`
  );
}
