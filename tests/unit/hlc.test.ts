import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HybridLogicalClock, HlcError, compareStamps, formatStamp, parseStamp } from '../../shared/hlc';

/** A wall clock the test controls, including jumps backwards (NTP corrections, dead CMOS batteries). */
function manualClock(start: number): { now: () => number; set: (value: number) => void } {
  let value = start;
  return { now: () => value, set: (next) => (value = next) };
}

describe('hybrid logical clock', () => {
  it('follows the wall clock while it moves forward', () => {
    const wall = manualClock(1_000);
    const clock = new HybridLogicalClock('laptop-a', wall.now);
    const first = parseStamp(clock.tick());
    wall.set(2_000);
    const second = parseStamp(clock.tick());
    expect(first).toEqual({ millis: 1_000, counter: 0, node: 'laptop-a' });
    expect(second).toEqual({ millis: 2_000, counter: 0, node: 'laptop-a' });
  });

  it('stays monotonic when the wall clock goes backwards', () => {
    const wall = manualClock(10_000);
    const clock = new HybridLogicalClock('laptop-a', wall.now);
    const stamps = [clock.tick()];
    wall.set(5_000);
    stamps.push(clock.tick(), clock.tick());
    wall.set(9_999);
    stamps.push(clock.tick());
    for (let i = 1; i < stamps.length; i++) {
      expect(compareStamps(stamps[i - 1] as string, stamps[i] as string)).toBe(-1);
    }
    expect(parseStamp(stamps[3] as string)).toEqual({ millis: 10_000, counter: 3, node: 'laptop-a' });
  });

  it('is monotonic for any sequence of wall-clock readings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 200 }), (readings) => {
        let index = 0;
        const clock = new HybridLogicalClock('n1', () => readings[Math.min(index++, readings.length - 1)] as number);
        let previous = '';
        for (let i = 0; i < readings.length; i++) {
          const stamp = clock.tick();
          expect(stamp > previous).toBe(true);
          previous = stamp;
        }
      }),
    );
  });

  it('orders local events after every stamp received from another device', () => {
    const wallA = manualClock(1_000);
    const wallB = manualClock(50_000); // B's clock runs far ahead of A's
    const a = new HybridLogicalClock('device-a', wallA.now);
    const b = new HybridLogicalClock('device-b', wallB.now);
    const fromB = b.tick();
    a.receive(fromB);
    const afterReceive = a.tick();
    expect(compareStamps(fromB, afterReceive)).toBe(-1);
    expect(parseStamp(afterReceive).millis).toBe(50_000);
    // And back: B's next event orders after A's.
    b.receive(afterReceive);
    expect(compareStamps(afterReceive, b.tick())).toBe(-1);
  });

  it('keeps causal order across three devices for any exchange pattern', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.nat(2), to: fc.nat(2), advance: fc.integer({ min: -5, max: 5 }) }), { maxLength: 100 }),
        (steps) => {
          let wall = 1_000;
          const clocks = ['a', 'b', 'c'].map((node) => new HybridLogicalClock(node, () => wall));
          for (const step of steps) {
            wall += step.advance;
            const sent = (clocks[step.from] as HybridLogicalClock).tick();
            const receiver = clocks[step.to] as HybridLogicalClock;
            receiver.receive(sent);
            expect(receiver.tick() > sent).toBe(true);
          }
        },
      ),
    );
  });

  it('breaks ties between devices by device id, so every replica sorts the same way', () => {
    expect(compareStamps(formatStamp(5, 0, 'a'), formatStamp(5, 0, 'b'))).toBe(-1);
    expect(compareStamps(formatStamp(5, 1, 'a'), formatStamp(5, 0, 'b'))).toBe(1);
    expect(compareStamps(formatStamp(9, 0, 'a'), formatStamp(10, 0, 'a'))).toBe(-1);
  });

  it('resumes from a snapshot without reissuing a stamp', () => {
    const wall = manualClock(7_000);
    const first = new HybridLogicalClock('d', wall.now);
    const issued = first.tick();
    const resumed = new HybridLogicalClock('d', () => 1_000, first.snapshot());
    expect(resumed.tick() > issued).toBe(true);
  });

  it('rejects malformed stamps and node ids with a clear error', () => {
    const clock = new HybridLogicalClock('d');
    expect(() => clock.receive('yesterday')).toThrow(new HlcError('"yesterday" is not a hybrid logical clock stamp'));
    expect(() => new HybridLogicalClock('has space')).toThrow(/cannot be used as a clock node id/);
  });

  it('refuses to overflow the counter within one millisecond', () => {
    const clock = new HybridLogicalClock('d', () => 1, { millis: 1, counter: 0xffff });
    expect(() => clock.tick()).toThrow(/counter overflow/);
  });
});
