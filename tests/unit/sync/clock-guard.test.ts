import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MissionKitDatabase } from '../../../renderer/src/db/database';
import { Repository } from '../../../renderer/src/db/repository';
import { receive } from '../../../renderer/src/db/receive';
import { compareStamps, parseStamp, type HlcState } from '../../../shared/hlc';
import { MAX_CLOCK_AHEAD_MS, clockAheadMessage, clockLimit, devicesAhead, formatClockOffset } from '../../../shared/sync/clock-guard';
import { allChanges, tinyTemplate } from './device-kit';
import { databaseHash } from './database-hash';

/**
 * The clock guard, through the real repository on fake-indexeddb: laptops whose clocks are set
 * wrong or jump (NTP corrections, a dead CMOS battery) exchange changes. A change stamped more
 * than ten minutes ahead of the receiver's clock is refused whole, naming the device and how far
 * ahead it is, and the receiver's database stays as it was; anything less always arrives; no
 * clock ever goes backwards.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const YEAR = 365 * DAY;
const START = Date.UTC(2026, 2, 2, 9);

const opened: MissionKitDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await MissionKitDatabase.delete(db.name);
  }
});

interface Laptop {
  db: MissionKitDatabase;
  repo: Repository;
}

/** A laptop whose wall clock is `clock()`: the test moves it. */
async function laptop(name: string, clock: () => number): Promise<Laptop> {
  const db = new MissionKitDatabase(`clock-${name}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  const repo = await Repository.open(db, { now: clock, newId: () => `${name}-${Math.random().toString(36).slice(2)}` });
  await repo.importTemplate(tinyTemplate);
  return { db, repo };
}

/** A mission with one member and one finding, written on `laptop`. */
async function missionOn(laptop: Laptop): Promise<{ missionId: string; findingId: string }> {
  const mission = await laptop.repo.createMission(tinyTemplate, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const member = await laptop.repo.addMember({ missionId: mission.id, name: 'Ana', organisation: 'Slovenia', role: 'expert', areaIds: [] });
  await laptop.repo.save('finding', { id: 'finding-1', missionId: mission.id, requirementId: 'r1', authorId: member.id, deviceId: laptop.repo.deviceId, rating: null, narrative: 'First.', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} });
  return { missionId: mission.id, findingId: 'finding-1' };
}

async function send(from: Laptop, to: Laptop, missionId: string) {
  return receive(to.repo, [{ missionId, template: tinyTemplate, changes: await allChanges(from.db) }]);
}

function clockOf(laptop: Laptop): HlcState {
  return laptop.repo.inbound().clock.snapshot();
}

function notBefore(later: HlcState, earlier: HlcState): boolean {
  return later.millis > earlier.millis || (later.millis === earlier.millis && later.counter >= earlier.counter);
}

describe('the clock guard', () => {
  it('says how far ahead a clock is, in the units people use', () => {
    expect(formatClockOffset(5 * YEAR + 3 * DAY + 5 * 3600_000)).toBe('5 years, 3 days');
    expect(formatClockOffset(2 * 3600_000 + 5 * MINUTE)).toBe('2 hours, 5 minutes');
    expect(formatClockOffset(11 * MINUTE + 20_000)).toBe('11 minutes');
    expect(formatClockOffset(30_000)).toBe('less than a minute');
    const ahead = devicesAhead([{ hlc: `${String(START + 5 * YEAR + 3 * DAY).padStart(15, '0')}-0000-dev-2031`, device: 'dev-2031' }], START, clockLimit(START, START));
    expect(clockAheadMessage(ahead)).toMatch(/^device dev-2031 is 5 years, 3 days ahead of this computer's clock; nothing was received\. Set the date and time/);
  });

  it('lets a laptop whose clock is up to ten minutes ahead sync, and refuses one further ahead without changing anything', async () => {
    let now = START;
    let skew = 0;
    const receiver = await laptop('receiver', () => now);
    const sender = await laptop('sender', () => now + skew);
    const { missionId, findingId } = await missionOn(sender);
    expect((await send(sender, receiver, missionId)).ok).toBe(true);
    let edits = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -2 * DAY, max: MAX_CLOCK_AHEAD_MS }), fc.integer({ min: MAX_CLOCK_AHEAD_MS + 1, max: 10 * YEAR })), async (offset) => {
        now += MINUTE;
        skew = offset;
        await sender.repo.patch('finding', findingId, { narrative: `Edit ${++edits}` });
        const before = await databaseHash(receiver.db);
        const receiverClock = clockOf(receiver);
        const result = await send(sender, receiver, missionId);
        const newest = Math.max(...(await allChanges(sender.db)).map((change) => parseStamp(change.hlc).millis));
        const allowed = clockLimit(now, receiverClock.millis);
        if (newest <= allowed) {
          expect(result.ok).toBe(true);
          expect((await receiver.db.findings.get(findingId))?.narrative).toBe(`Edit ${edits}`);
        } else {
          expect(result).toEqual({ ok: false, error: { code: 'clock-ahead', message: expect.stringMatching(new RegExp(`^device ${sender.repo.deviceId} is .+ ahead of this computer's clock`)) } });
          expect(await databaseHash(receiver.db)).toBe(before);
        }
        // The rule people read: a clock at most ten minutes ahead always syncs.
        if (offset <= MAX_CLOCK_AHEAD_MS && newest - now <= MAX_CLOCK_AHEAD_MS) expect(result.ok).toBe(true);
        if (offset > MAX_CLOCK_AHEAD_MS) expect(result.ok).toBe(false);
        // Once refused, the sender's stamps stay ahead: start the next run from a fresh sender clock.
        if (!result.ok) {
          skew = 0;
          now = newest + MINUTE;
          await sender.repo.patch('finding', findingId, { narrative: `Edit ${++edits}` });
          expect((await send(sender, receiver, missionId)).ok).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('keeps every clock monotonic and refuses exactly what is too far ahead, with clocks that jump back and forth', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('edit' as const), laptop: fc.nat(2) }),
            fc.record({ kind: fc.constant('jump' as const), laptop: fc.nat(2), offset: fc.integer({ min: -3 * DAY, max: 30 * MINUTE }) }),
            fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20 * MINUTE }) }),
            fc.record({ kind: fc.constant('send' as const), from: fc.nat(2), to: fc.nat(2) }),
          ),
          { minLength: 4, maxLength: 14 },
        ),
        async (ops) => {
          let now = START;
          const offsets = [0, 0, 0];
          const laptops = await Promise.all([0, 1, 2].map((i) => laptop(`l${i}`, () => now + (offsets[i] ?? 0))));
          const [first] = laptops as [Laptop, Laptop, Laptop];
          const { missionId, findingId } = await missionOn(first);
          for (const other of laptops.slice(1)) expect((await send(first, other, missionId)).ok).toBe(true);
          const clocks = laptops.map(clockOf);
          let edits = 0;
          for (const op of ops) {
            if (op.kind === 'wait') now += op.ms;
            if (op.kind === 'jump') offsets[op.laptop] = op.offset;
            if (op.kind === 'edit') {
              const editor = laptops[op.laptop] as Laptop;
              const held = (await allChanges(editor.db)).map((change) => change.hlc).sort(compareStamps);
              await editor.repo.patch('finding', findingId, { narrative: `Edit ${++edits}` });
              const written = (await allChanges(editor.db)).at(-1)?.hlc ?? '';
              // A new stamp orders after everything the laptop holds, whatever its wall clock says.
              expect(compareStamps(written, held.at(-1) ?? '')).toBeGreaterThan(0);
            }
            if (op.kind === 'send' && op.from !== op.to) {
              const from = laptops[op.from] as Laptop;
              const to = laptops[op.to] as Laptop;
              const changes = await allChanges(from.db);
              const allowed = clockLimit(now + (offsets[op.to] ?? 0), clockOf(to).millis);
              const newest = Math.max(...changes.map((change) => parseStamp(change.hlc).millis));
              const before = await databaseHash(to.db);
              const result = await send(from, to, missionId);
              if (newest <= allowed) {
                expect(result.ok).toBe(true);
              } else {
                expect(result.ok ? '' : result.error.code).toBe('clock-ahead');
                expect(await databaseHash(to.db)).toBe(before);
              }
            }
            laptops.forEach((one, index) => {
              const clock = clockOf(one);
              expect(notBefore(clock, clocks[index] as HlcState)).toBe(true);
              clocks[index] = clock;
            });
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
