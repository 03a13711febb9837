/**
 * Hybrid logical clock (Kulkarni et al.): stamps that follow wall-clock time when clocks are
 * sane, yet never go backwards when a laptop's clock does, and always order an event after every
 * stamp its device has seen from others.
 *
 * A stamp is a fixed-width string — 15 digits of milliseconds, 4 hex digits of counter, then the
 * device id — so plain string comparison orders stamps, ties broken by device id.
 */

const MILLIS_WIDTH = 15;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 0xffff;
const STAMP_PATTERN = /^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9._:-]+)$/;

export interface HlcState {
  millis: number;
  counter: number;
}

export interface ParsedStamp extends HlcState {
  node: string;
}

export class HlcError extends Error {
  override name = 'HlcError';
}

export function formatStamp(millis: number, counter: number, node: string): string {
  return `${String(millis).padStart(MILLIS_WIDTH, '0')}-${counter.toString(16).padStart(COUNTER_WIDTH, '0')}-${node}`;
}

export function parseStamp(stamp: string): ParsedStamp {
  const match = STAMP_PATTERN.exec(stamp);
  if (!match || match[1] === undefined || match[2] === undefined || match[3] === undefined) {
    throw new HlcError(`"${stamp}" is not a hybrid logical clock stamp`);
  }
  return { millis: Number(match[1]), counter: parseInt(match[2], 16), node: match[3] };
}

export function isStamp(value: string): boolean {
  return STAMP_PATTERN.test(value);
}

export function compareStamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class HybridLogicalClock {
  private state: HlcState;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    initial: HlcState = { millis: 0, counter: 0 },
  ) {
    if (!/^[A-Za-z0-9._:-]+$/.test(node)) {
      throw new HlcError(`"${node}" cannot be used as a clock node id`);
    }
    this.state = { ...initial };
  }

  /** A stamp for a local event. */
  tick(): string {
    const physical = this.now();
    if (physical > this.state.millis) {
      this.state = { millis: physical, counter: 0 };
    } else {
      this.state = { millis: this.state.millis, counter: this.bump(this.state.counter) };
    }
    return formatStamp(this.state.millis, this.state.counter, this.node);
  }

  /** Merge a stamp seen from another device, so later local stamps order after it. */
  receive(remoteStamp: string): void {
    const remote = parseStamp(remoteStamp);
    const physical = this.now();
    const millis = Math.max(this.state.millis, remote.millis, physical);
    let counter: number;
    if (millis === this.state.millis && millis === remote.millis) {
      counter = this.bump(Math.max(this.state.counter, remote.counter));
    } else if (millis === this.state.millis) {
      counter = this.bump(this.state.counter);
    } else if (millis === remote.millis) {
      counter = this.bump(remote.counter);
    } else {
      counter = 0;
    }
    this.state = { millis, counter };
  }

  /** For persisting the clock between sessions, so a restart never reissues a stamp. */
  snapshot(): HlcState {
    return { ...this.state };
  }

  private bump(counter: number): number {
    if (counter >= MAX_COUNTER) {
      // 65,536 events within one millisecond means something is looping; stop rather than
      // hand out stamps that no longer order correctly.
      throw new HlcError('clock counter overflow: too many events in one millisecond');
    }
    return counter + 1;
  }
}
