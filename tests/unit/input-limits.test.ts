/**
 * The limits of shared/input-limits.ts, enforced by the walk of shared/json-limits.ts before any
 * schema, and the schema checks that used to dereference what may be missing. Each refusal is
 * asserted by its message and path, and by the value not coming back.
 */
import { describe, expect, it } from 'vitest';
import { demoMissionFile } from '../../main/cli/demo-command';
import { formatStamp } from '../../shared/hlc';
import { MAX_JSON_DEPTH, MAX_KEY_LENGTH, MAX_TEXT_LENGTH } from '../../shared/input-limits';
import { jsonLimitProblem, parseJsonWithinLimits } from '../../shared/json-limits';
import { parseMissionFileText, serialiseMissionFile, validateMissionFile } from '../../shared/mission-file';
import { unknownKeysMessage } from '../../shared/schemas/strict-object';
import { TemplateSchema } from '../../shared/schemas/template';
import { parseTemplateText, validateTemplate } from '../../shared/template-validation';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';

/** `[[[…"x"…]]]` nested `depth` arrays deep, built without recursion. */
function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
}

function demoFile(): Record<string, unknown> {
  return JSON.parse(serialiseMissionFile(demoMissionFile(new Date('2015-07-20T10:00:00Z')))) as Record<string, unknown>;
}

function roadmap(): Record<string, unknown> {
  const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!template) throw new Error('the roadmap template is not built in');
  return JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
}

/** A change as a mission file carries it, its value given. */
function changeWith(file: Record<string, unknown>, value: unknown): Record<string, unknown> {
  const mission = file['mission'] as { id: string };
  return {
    entity: 'finding',
    id: 'finding-x',
    missionId: mission.id,
    field: 'narrative',
    value,
    hlc: formatStamp(1_436_860_800_000, 0, 'device-1'),
    device: 'device-1',
    member: null,
    base: null,
  };
}

describe('the JSON limits walk', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses ${MAX_JSON_DEPTH + 1}, naming the path`, () => {
    expect(jsonLimitProblem(JSON.parse(nestedArrays(MAX_JSON_DEPTH)))).toBeNull();
    expect(jsonLimitProblem(JSON.parse(nestedArrays(MAX_JSON_DEPTH + 1)))).toEqual({
      limit: 'depth',
      path: '[0]'.repeat(MAX_JSON_DEPTH),
      message: `nested more than ${MAX_JSON_DEPTH} levels deep (arrays and objects inside each other); Mission Kit reads at most ${MAX_JSON_DEPTH}`,
    });
  });

  it('refuses 100,000 levels without overflowing the stack', () => {
    const parsed = parseJsonWithinLimits(`{"a":${nestedArrays(100_000)}}`);
    expect(parsed).toEqual({ ok: false, problem: expect.objectContaining({ limit: 'depth', path: `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}` }) });
  });

  it('refuses a text one character over the limit, and takes one at the limit', () => {
    const at = { findings: [{ narrative: 'n'.repeat(MAX_TEXT_LENGTH) }] };
    expect(jsonLimitProblem(at)).toBeNull();
    const over = { findings: [{}, { narrative: 'n'.repeat(MAX_TEXT_LENGTH + 1) }] };
    expect(jsonLimitProblem(over)).toEqual({
      limit: 'text-length',
      path: 'findings[1].narrative',
      message: 'text of 1,000,001 characters is longer than the limit of 1,000,000 characters',
    });
    expect(jsonLimitProblem('n'.repeat(MAX_TEXT_LENGTH + 1))).toMatchObject({ limit: 'text-length', path: '(root)' });
  });

  it('refuses an over-long key, which the unknown-key message would compare with every known key', () => {
    const key = 'k'.repeat(MAX_KEY_LENGTH + 1);
    expect(jsonLimitProblem({ mission: { [key]: 1 } })).toEqual({
      limit: 'key-length',
      path: 'mission',
      message: 'has a key of 1,001 characters, longer than the limit of 1,000 characters',
    });
    expect(jsonLimitProblem({ [key.slice(1)]: 1 })).toBeNull();
  });

  it('walks every sibling: a problem after a deep but allowed branch is still found', () => {
    const value = { a: JSON.parse(nestedArrays(MAX_JSON_DEPTH - 1)) as unknown, b: [1, true, null, { c: 'x'.repeat(MAX_TEXT_LENGTH + 1) }] };
    expect(jsonLimitProblem(value)).toMatchObject({ limit: 'text-length', path: 'b[3].c' });
  });

  it('takes bytes as a leaf, so a structured-cloned request with a large buffer is not walked byte by byte', () => {
    // A property on the bytes shows whether the walk looked inside them: it must not.
    const data = Object.assign(new Uint8Array(16), { ['k'.repeat(MAX_KEY_LENGTH + 1)]: 1 });
    expect(jsonLimitProblem({ data, buffer: new ArrayBuffer(8) })).toBeNull();
    expect(jsonLimitProblem({ data, note: 'x'.repeat(MAX_TEXT_LENGTH + 1) })).toMatchObject({ limit: 'text-length', path: 'note' });
  });

  it('gives the JSON syntax error as a problem of its own', () => {
    expect(parseJsonWithinLimits('{"format":')).toEqual({ ok: false, problem: { limit: 'syntax', path: '(root)', message: expect.stringMatching(/^not valid JSON: /) } });
  });
});

describe('a mission file beyond the limits', () => {
  it('is refused with one clear problem for 5,000 levels of nesting in changes[].value', () => {
    const file = demoFile();
    const text = JSON.stringify({ ...file, changes: [changeWith(file, 0)] }).replace('"value":0', `"value":${nestedArrays(5000)}`);
    const result = parseMissionFileText(text);
    expect(result).toEqual({
      ok: false,
      problems: [{ path: `changes[0].value${'[0]'.repeat(MAX_JSON_DEPTH - 3)}`, message: expect.stringContaining(`nested more than ${MAX_JSON_DEPTH} levels deep`) }],
    });
  });

  it('is refused for a narrative over the text limit, naming the finding', () => {
    const file = demoFile();
    const findings = file['findings'] as Record<string, unknown>[];
    findings[2] = { ...findings[2], narrative: 'n'.repeat(MAX_TEXT_LENGTH + 1) };
    expect(validateMissionFile(file)).toEqual({
      ok: false,
      problems: [{ path: 'findings[2].narrative', message: 'text of 1,000,001 characters is longer than the limit of 1,000,000 characters' }],
    });
  });

  it('still reads the demo mission whole', () => {
    const result = validateMissionFile(demoFile());
    expect(result.ok).toBe(true);
  });
});

describe('schema checks on what may be missing', () => {
  it('lists the missing fields of {"format":"mission-kit/template"} instead of throwing', () => {
    const result = parseTemplateText('{"format":"mission-kit/template"}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['formatVersion', 'id', 'version', 'title', 'framework', 'scale', 'blocks']));
    expect(result.problems.find((problem) => problem.path === 'scale')?.message).toMatch(/expected object, received undefined/);
    // No second-guessing of levels that are not there.
    expect(result.problems.some((problem) => problem.message.includes('counts as'))).toBe(false);
  });

  it('says "template" is missing from a mission file without one, and takes a null template the same way', () => {
    const file = demoFile();
    delete file['template'];
    for (const value of [file, { ...file, template: null }, { ...file, template: 'roadmap' }]) {
      const result = validateMissionFile(value);
      expect(result).toEqual({ ok: false, problems: [{ path: 'template', message: expect.stringMatching(/^Invalid input: expected object/) }] });
    }
  });

  it('takes a scale that is not an object, or levels that are not a list, as a schema problem', () => {
    for (const scale of [null, 7, 'scale', [], { id: 's', name: 'S', levels: 'fulfilled' }, { id: 's', name: 'S', levels: [null, 3] }]) {
      const result = TemplateSchema.safeParse({ ...roadmap(), scale });
      expect(result.success).toBe(false);
      expect(result.error?.issues.every((issue) => issue.path[0] === 'scale')).toBe(true);
    }
  });

  it('checks a relevance rule against a target question whose options are not well-formed, without throwing', () => {
    const template = roadmap() as { blocks: { areas: { requirements: Record<string, unknown>[] }[] }[] };
    const requirement = template.blocks[0]?.areas[0]?.requirements[0];
    if (!requirement) throw new Error('the roadmap has no first requirement');
    requirement['questions'] = [
      { id: 'q1', text: 'Which?', type: 'single-choice', options: [null, { label: 'no id' }, 'x'] },
      { id: 'q2', text: 'Why?', type: 'short-text', relevance: { questionId: 'q1', anyOf: ['a'] } },
      { id: 'q3', text: 'How?', type: 'short-text', relevance: { questionId: 'q4', anyOf: ['b'] } },
      { id: 'q4', text: 'What?', type: 'single-choice', options: 'ab' },
    ];
    const result = validateTemplate(template);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const base = 'blocks[0].areas[0].requirements[0].questions';
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: `${base}[1].relevance.anyOf[0]`, message: '"a" is not an answer of "q1" ()' },
        { path: `${base}[2].relevance.anyOf[0]`, message: '"b" is not an answer of "q4" ()' },
      ]),
    );
  });

  it('names at most five unknown keys, and skips the distance table for keys that cannot be close', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `extra${i}`);
    expect(unknownKeysMessage(keys, ['format', 'rating'])).toBe(
      'unknown key "extra0"; unknown key "extra1"; unknown key "extra2"; unknown key "extra3"; unknown key "extra4"; and 9995 more unknown keys',
    );
    // A schema used without the walk (the IPC contract, say) still answers for a long key: the
    // length difference alone rules it out.
    expect(unknownKeysMessage(['r'.repeat(200_000)], ['rating'])).toBe(`unknown key "${'r'.repeat(200_000)}"`);
    expect(unknownKeysMessage(['ratting'], ['rating'])).toBe('unknown key "ratting" — did you mean "rating"?');
  });
});
