import { describe, expect, it } from 'vitest';
import { formatStamp, parseStamp } from '../../../shared/hlc';
import { CREATED_FIELD, ChangeSchema, DELETED_FIELD, type Change, type JsonValue } from '../../../shared/schemas/change';
import { materializeEntity, narrativeHeads } from '../../../shared/sync/materialize';
import { NARRATIVE_FIELDS, isNarrativeField } from '../../../shared/sync/narrative-fields';
import { resolutionChange } from '../../../shared/sync/resolve-conflict';
import { changesSince, dominates, hasSeen, mergeVectors, vectorOf } from '../../../shared/sync/version-vector';
import { summarizeImport } from '../../../shared/sync/apply-summary';
import type { MaterializedEntity } from '../../../shared/sync/sync-types';

const MISSION = 'm-1';

/** A stamp at `ms` milliseconds (plus a counter) from a device. */
function at(ms: number, device = 'dev-a', counter = 0): string {
  return formatStamp(ms, counter, device);
}

/** A change of finding f-1 stamped `hlc`; the device is the stamp's node. */
function change(field: string, value: JsonValue, hlc: string, base: string | null = null, extra: Partial<Change> = {}): Change {
  const result: Change = {
    entity: 'finding',
    id: 'f-1',
    missionId: MISSION,
    field,
    value,
    hlc,
    device: parseStamp(hlc).node,
    member: null,
    base,
    ...extra,
  };
  // Every change built here must be one the change log would accept.
  ChangeSchema.parse(result);
  return result;
}

function creation(hlc: string, fields: Record<string, JsonValue> = {}): Change {
  return change(CREATED_FIELD, { missionId: MISSION, requirementId: 'r-1', rating: null, narrative: 'first', ...fields }, hlc);
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

/** Materializes every order of the changes (each also with duplicates) and checks they agree. */
function materializeAnyOrder(changes: readonly Change[]): MaterializedEntity {
  const expected = materializeEntity(changes);
  if (!expected) throw new Error('no entity');
  for (const order of permutations(changes)) {
    expect(materializeEntity(order)).toEqual(expected);
    // A duplicate read back from a bundle is an equal copy, not the same object.
    expect(materializeEntity([...order, ...structuredClone(order.slice(0, 2))])).toEqual(expected);
  }
  return expected;
}

describe('narrative fields', () => {
  it('are the finding and assessment narratives only', () => {
    expect(isNarrativeField('finding', 'narrative')).toBe(true);
    expect(isNarrativeField('assessment', 'narrative')).toBe(true);
    expect(isNarrativeField('finding', 'rating')).toBe(false);
    expect(isNarrativeField('recommendation', 'narrative')).toBe(false);
    expect(Object.entries(NARRATIVE_FIELDS).filter(([, fields]) => fields.length > 0).map(([entity]) => entity)).toEqual(['finding', 'assessment']);
  });
});

describe('materializeEntity: ordinary fields', () => {
  it('returns null for no changes', () => {
    expect(materializeEntity([])).toBeNull();
  });

  it('shows the creation with every field stamped by it', () => {
    const created = creation(at(1000));
    expect(materializeEntity([created])).toEqual({
      entity: 'finding',
      id: 'f-1',
      missionId: MISSION,
      fields: { missionId: MISSION, requirementId: 'r-1', narrative: 'first' },
      stamps: { missionId: at(1000), requirementId: at(1000), rating: at(1000), narrative: at(1000) },
      deleted: false,
      conflicts: {},
    });
  });

  it('lets the edit with the highest stamp win, whatever the order the edits arrive in', () => {
    const created = creation(at(1000));
    const first = change('rating', 'l1', at(2000, 'dev-a'), at(1000));
    // Concurrent with the first edit (same base) but stamped later: it wins.
    const second = change('rating', 'l2', at(2000, 'dev-b'), at(1000));
    const siteIds = change('siteIds', ['s-1'], at(1500, 'dev-c'), null);
    const state = materializeAnyOrder([created, first, second, siteIds]);
    expect(state.fields['rating']).toBe('l2');
    expect(state.stamps['rating']).toBe(at(2000, 'dev-b'));
    expect(state.fields['siteIds']).toEqual(['s-1']);
    expect(state.conflicts).toEqual({});
  });

  it('keeps a creation value that is newer than an edit', () => {
    // An edit from a device whose clock was behind, of an entity it learnt about from an import.
    const created = creation(at(5000), { rating: 'l3' });
    const edit = change('rating', 'l1', at(4000, 'dev-b'), null);
    expect(materializeAnyOrder([created, edit]).fields['rating']).toBe('l3');
  });

  it('treats a null edit as clearing the field, keeping its stamp', () => {
    const created = creation(at(1000), { date: '2024-05-01' });
    const cleared = change('date', null, at(2000), at(1000));
    const state = materializeAnyOrder([created, cleared]);
    expect(state.fields).not.toHaveProperty('date');
    expect(state.stamps['date']).toBe(at(2000));
    const setAgain = change('date', '2024-06-01', at(3000), at(2000));
    expect(materializeAnyOrder([created, cleared, setAgain]).fields['date']).toBe('2024-06-01');
  });

  it('keeps a deleted entity deleted, even after later edits from devices that had not seen the deletion', () => {
    const created = creation(at(1000));
    const deletion = change(DELETED_FIELD, true, at(2000, 'dev-a'));
    const laterEdit = change('rating', 'l2', at(3000, 'dev-b'), at(1000));
    const state = materializeAnyOrder([created, deletion, laterEdit]);
    expect(state.deleted).toBe(true);
    expect(state.stamps[DELETED_FIELD]).toBe(at(2000, 'dev-a'));
    // The edit is still applied underneath: nothing written is discarded.
    expect(state.fields['rating']).toBe('l2');
  });

  it('brings a deleted entity back only by an explicit restore newer than the tombstone (an undo)', () => {
    const created = creation(at(1000));
    const deletion = change(DELETED_FIELD, true, at(2000, 'dev-a'));
    const staleRestore = change(DELETED_FIELD, false, at(1500, 'dev-c'));
    expect(materializeAnyOrder([created, deletion, staleRestore]).deleted).toBe(true);
    const undo = change(DELETED_FIELD, false, at(4000, 'dev-a'), at(2000, 'dev-a'));
    const restored = materializeAnyOrder([created, deletion, staleRestore, undo]);
    expect(restored.deleted).toBe(false);
    expect(restored.stamps[DELETED_FIELD]).toBe(at(4000, 'dev-a'));
    const deletedAgain = change(DELETED_FIELD, true, at(5000, 'dev-b'));
    expect(materializeAnyOrder([created, deletion, undo, deletedAgain]).deleted).toBe(true);
  });

  it('refuses changes of different entities', () => {
    expect(() => materializeEntity([creation(at(1000)), { ...creation(at(2000)), id: 'f-2' }])).toThrow(/f-2/);
  });

  it('keeps a field called __proto__ as a field', () => {
    const state = materializeEntity([change('__proto__', 'odd', at(1000))]);
    expect(Object.getPrototypeOf(state?.fields)).toBe(Object.prototype);
    expect(Object.hasOwn(state?.fields ?? {}, '__proto__')).toBe(true);
  });

  it('takes one of two different changes claiming one stamp by content, not by arrival order', () => {
    const a = change('rating', 'l1', at(2000));
    const b = change('rating', 'l2', at(2000));
    expect(materializeEntity([a, b])).toEqual(materializeEntity([b, a]));
  });
});

describe('materializeEntity: narratives', () => {
  const created = creation(at(1000));

  it('shows sequential edits (each based on the previous) without a conflict', () => {
    const first = change('narrative', 'second', at(2000, 'dev-a'), at(1000));
    const second = change('narrative', 'third', at(3000, 'dev-b'), at(2000, 'dev-a'));
    const third = change('narrative', 'fourth', at(4000, 'dev-c'), at(3000, 'dev-b'));
    const state = materializeAnyOrder([created, first, second, third]);
    expect(state.fields['narrative']).toBe('fourth');
    expect(state.stamps['narrative']).toBe(at(4000, 'dev-c'));
    expect(state.conflicts).toEqual({});
  });

  it('keeps both texts of concurrent edits (same base) as a conflict', () => {
    const mine = change('narrative', 'Queues of two hours.', at(2000, 'dev-a'), at(1000), { member: 'mem-a' });
    const theirs = change('narrative', 'No queues seen.', at(1900, 'dev-b'), at(1000), { member: 'mem-b' });
    const state = materializeAnyOrder([created, mine, theirs]);
    expect(state.fields['narrative']).toBe('Queues of two hours.');
    expect(state.stamps['narrative']).toBe(at(2000, 'dev-a'));
    expect(state.conflicts['narrative']).toEqual([
      { hlc: at(1900, 'dev-b'), value: 'No queues seen.', device: 'dev-b', member: 'mem-b' },
      { hlc: at(2000, 'dev-a'), value: 'Queues of two hours.', device: 'dev-a', member: 'mem-a' },
    ]);
  });

  it('keeps a conflict when an edit that is later by the clock is not based on the other version', () => {
    const mine = change('narrative', 'mine', at(2000, 'dev-a'), at(1000));
    // dev-b edits much later, but had never received dev-a's edit.
    const theirs = change('narrative', 'theirs', at(9000, 'dev-b'), at(1000));
    expect(materializeAnyOrder([created, mine, theirs]).conflicts['narrative']?.map((head) => head.value)).toEqual(['mine', 'theirs']);
  });

  it('ends the conflict with a resolution that names every head', () => {
    const mine = change('narrative', 'mine', at(2000, 'dev-a'), at(1000));
    const theirs = change('narrative', 'theirs', at(2000, 'dev-b'), at(1000));
    const heads = materializeEntity([created, mine, theirs])?.conflicts['narrative'] ?? [];
    const resolution = resolutionChange({
      entity: 'finding',
      id: 'f-1',
      missionId: MISSION,
      field: 'narrative',
      text: 'mine and theirs',
      heads,
      hlc: at(3000, 'dev-lead'),
      device: 'dev-lead',
      member: 'mem-lead',
    });
    expect(resolution.base).toBe(at(2000, 'dev-b'));
    expect(resolution.merges).toEqual([at(2000, 'dev-a')]);
    ChangeSchema.parse(resolution);
    const state = materializeAnyOrder([created, mine, theirs, resolution]);
    expect(state.fields['narrative']).toBe('mine and theirs');
    expect(state.stamps['narrative']).toBe(at(3000, 'dev-lead'));
    expect(state.conflicts).toEqual({});
  });

  it('keeps a third concurrent edit the lead had not seen when resolving the first two', () => {
    const a = change('narrative', 'a', at(2000, 'dev-a'), at(1000));
    const b = change('narrative', 'b', at(2000, 'dev-b'), at(1000));
    const c = change('narrative', 'c', at(2500, 'dev-c'), at(1000));
    const partial = resolutionChange({
      entity: 'finding', id: 'f-1', missionId: MISSION, field: 'narrative', text: 'a+b',
      heads: materializeEntity([created, a, b])?.conflicts['narrative'] ?? [],
      hlc: at(3000, 'dev-lead'), device: 'dev-lead', member: null,
    });
    const state = materializeAnyOrder([created, a, b, c, partial]);
    expect(state.conflicts['narrative']?.map((head) => head.value)).toEqual(['c', 'a+b']);
    expect(state.fields['narrative']).toBe('a+b');

    const final = resolutionChange({
      entity: 'finding', id: 'f-1', missionId: MISSION, field: 'narrative', text: 'a+b+c',
      heads: state.conflicts['narrative'] ?? [], hlc: at(4000, 'dev-lead'), device: 'dev-lead', member: null,
    });
    const resolved = materializeAnyOrder([created, a, b, c, partial, final]);
    expect(resolved.conflicts).toEqual({});
    expect(resolved.fields['narrative']).toBe('a+b+c');
  });

  it('counts identical texts written concurrently on two devices as two heads', () => {
    // Decided: heads are versions, not texts. Collapsing equal texts would make the next
    // ordinary edit (based on one of them only) reopen a conflict against the other.
    const a = change('narrative', 'same', at(2000, 'dev-a'), at(1000));
    const b = change('narrative', 'same', at(2000, 'dev-b'), at(1000));
    const state = materializeAnyOrder([created, a, b]);
    expect(state.fields['narrative']).toBe('same');
    expect(state.conflicts['narrative']?.map((head) => [head.device, head.value])).toEqual([
      ['dev-a', 'same'],
      ['dev-b', 'same'],
    ]);
  });

  it('makes two creations of one entity (the same mission imported on two devices) two heads', () => {
    const here = creation(at(1000, 'dev-a'), { narrative: 'imported' });
    const there = creation(at(1100, 'dev-b'), { narrative: 'imported' });
    expect(narrativeHeads([here, there], 'narrative').map((head) => head.hlc)).toEqual([at(1000, 'dev-a'), at(1100, 'dev-b')]);
  });

  it('shows an edit whose base has not arrived yet, and still one head once it has', () => {
    const first = change('narrative', 'second', at(2000, 'dev-a'), at(1000));
    const second = change('narrative', 'third', at(3000, 'dev-b'), at(2000, 'dev-a'));
    const early = materializeAnyOrder([created, second]);
    expect(early.fields['narrative']).toBe('third');
    // The creation's version is named by no change here, so it is a head too.
    expect(early.conflicts['narrative']?.map((head) => head.value)).toEqual(['first', 'third']);
    expect(materializeAnyOrder([created, first, second]).conflicts).toEqual({});
  });

  it('starts a narrative the creation did not hold with a first write', () => {
    const bare = change(CREATED_FIELD, { missionId: MISSION, requirementId: 'r-1' }, at(1000));
    const write = change('narrative', 'text', at(2000), null);
    const state = materializeAnyOrder([bare, write]);
    expect(state.fields['narrative']).toBe('text');
    expect(state.conflicts).toEqual({});
  });

  it('clears a narrative set to null and shows other values as text in a conflict', () => {
    const cleared = change('narrative', null, at(2000, 'dev-a'), at(1000));
    expect(materializeAnyOrder([created, cleared]).fields).not.toHaveProperty('narrative');
    const odd = change('narrative', 42, at(1500, 'dev-b'), at(1000));
    expect(materializeAnyOrder([created, cleared, odd]).conflicts['narrative']?.map((head) => head.value)).toEqual(['42', '']);
  });

  it('never lets a change supersede itself', () => {
    const selfNamed = change('narrative', 'loop', at(2000), at(2000), { merges: [at(1000)] });
    const state = materializeAnyOrder([created, selfNamed]);
    expect(state.fields['narrative']).toBe('loop');
    expect(state.conflicts).toEqual({});
  });

  it('still shows a text when forged changes name each other in a cycle', () => {
    const a = change('narrative', 'a', at(2000, 'dev-a'), at(2000, 'dev-b'));
    const b = change('narrative', 'b', at(2000, 'dev-b'), at(2000, 'dev-a'));
    expect(materializeAnyOrder([a, b]).fields['narrative']).toBe('b');
  });
});

describe('resolutionChange', () => {
  const base = { entity: 'finding', id: 'f-1', missionId: MISSION, field: 'narrative', text: 't', hlc: at(9000, 'dev-lead'), device: 'dev-lead', member: null } as const;
  const head = (hlc: string): { hlc: string; value: string; device: string; member: null } => ({ hlc, value: 'x', device: parseStamp(hlc).node, member: null });

  it('bases on the newest head and merges the others, sorted and once each', () => {
    const result = resolutionChange({ ...base, heads: [head(at(3000, 'dev-c')), head(at(1000, 'dev-a')), head(at(2000, 'dev-b')), head(at(1000, 'dev-a'))] });
    expect(result.base).toBe(at(3000, 'dev-c'));
    expect(result.merges).toEqual([at(1000, 'dev-a'), at(2000, 'dev-b')]);
    expect(result.value).toBe('t');
  });

  it('leaves merges out for a single head', () => {
    const result = resolutionChange({ ...base, heads: [head(at(3000))] });
    expect(result.base).toBe(at(3000));
    expect(result).not.toHaveProperty('merges');
  });

  it('refuses more heads than a change can name', () => {
    const heads = Array.from({ length: 66 }, (_, index) => head(at(1000 + index)));
    expect(() => resolutionChange({ ...base, heads })).toThrow(RangeError);
    expect(ChangeSchema.safeParse(resolutionChange({ ...base, heads: heads.slice(0, 65) })).success).toBe(true);
  });
});

describe('version vectors', () => {
  const changes = [
    change('rating', 'l1', at(1000, 'dev-a')),
    change('rating', 'l2', at(3000, 'dev-a')),
    change('rating', 'l3', at(2000, 'dev-b')),
  ];

  it('keeps the highest stamp per device', () => {
    expect(vectorOf(changes)).toEqual({ 'dev-a': at(3000, 'dev-a'), 'dev-b': at(2000, 'dev-b') });
    expect(vectorOf([])).toEqual({});
  });

  it('merges by taking the higher stamp per device', () => {
    expect(mergeVectors({ 'dev-a': at(1000, 'dev-a'), 'dev-b': at(5000, 'dev-b') }, { 'dev-a': at(2000, 'dev-a'), 'dev-c': at(1, 'dev-c') })).toEqual({
      'dev-a': at(2000, 'dev-a'),
      'dev-b': at(5000, 'dev-b'),
      'dev-c': at(1, 'dev-c'),
    });
  });

  it('lists the changes newer than the vector or from unknown devices', () => {
    expect(changesSince(changes, { 'dev-a': at(1000, 'dev-a') }).map((item) => item.value)).toEqual(['l2', 'l3']);
    expect(changesSince(changes, vectorOf(changes))).toEqual([]);
    expect(changesSince(changes, {})).toEqual(changes);
    expect(hasSeen({ 'dev-a': at(1000, 'dev-a') }, changes[0] as Change)).toBe(true);
  });

  it('does not mistake inherited properties for devices', () => {
    const odd = change('rating', 'l1', at(1000, 'constructor'));
    expect(changesSince([odd], {})).toEqual([odd]);
    expect(dominates({}, { constructor: at(1, 'constructor') })).toBe(false);
  });

  it('dominates when it has seen everything the other has', () => {
    const small = { 'dev-a': at(1000, 'dev-a') };
    const big = { 'dev-a': at(2000, 'dev-a'), 'dev-b': at(1000, 'dev-b') };
    expect(dominates(big, small)).toBe(true);
    expect(dominates(small, big)).toBe(false);
    expect(dominates(big, big)).toBe(true);
    expect(dominates(small, {})).toBe(true);
    expect(dominates({ 'dev-b': at(9000, 'dev-b') }, small)).toBe(false);
  });
});

describe('summarizeImport', () => {
  it('splits fresh from duplicate changes and counts new, updated, deleted and new conflicts', () => {
    const existing = [creation(at(1000)), change('narrative', 'mine', at(2000, 'dev-a'), at(1000))];
    const other = (id: string, field: string, value: JsonValue, hlc: string, base: string | null = null): Change => ({ ...change(field, value, hlc, base), id });
    const incoming = [
      existing[1] as Change, // already held
      change('narrative', 'theirs', at(2100, 'dev-b'), at(1000)), // conflict on f-1
      change('narrative', 'theirs', at(2100, 'dev-b'), at(1000)), // repeated in the bundle
      other('f-2', CREATED_FIELD, { missionId: MISSION, requirementId: 'r-2', narrative: '' }, at(1500, 'dev-b')),
      other('f-3', DELETED_FIELD, true, at(1600, 'dev-b')),
    ];
    const f3 = [{ ...creation(at(900)), id: 'f-3' }];
    const summary = summarizeImport([...existing, ...f3], incoming);
    expect(summary.fresh.map((item) => item.hlc)).toEqual([at(2100, 'dev-b'), at(1500, 'dev-b'), at(1600, 'dev-b')]);
    expect(summary.duplicates).toBe(2);
    expect(summary.created).toEqual([{ entity: 'finding', id: 'f-2' }]);
    expect(summary.updated).toEqual([
      { entity: 'finding', id: 'f-1' },
      { entity: 'finding', id: 'f-3' },
    ]);
    expect(summary.deleted).toEqual([{ entity: 'finding', id: 'f-3' }]);
    expect(summary.conflicts).toEqual([{ entity: 'finding', id: 'f-1', field: 'narrative' }]);
  });

  it('does not report a conflict that was already there, nor one on a deleted entity', () => {
    const held = [creation(at(1000)), change('narrative', 'a', at(2000, 'dev-a'), at(1000)), change('narrative', 'b', at(2000, 'dev-b'), at(1000))];
    const third = change('narrative', 'c', at(2000, 'dev-c'), at(1000));
    expect(summarizeImport(held, [third]).conflicts).toEqual([]);
    const fresh = [creation(at(1000)), change('narrative', 'a', at(2000, 'dev-a'), at(1000))];
    expect(summarizeImport(fresh, [third, change(DELETED_FIELD, true, at(3000, 'dev-c'))]).conflicts).toEqual([]);
    expect(summarizeImport(fresh, [third]).conflicts).toHaveLength(1);
  });
});
