/**
 * The three parsers of outside documents — mission files, templates, bundles — over arbitrary
 * input: random JSON, random text and bytes, and valid documents with random paths deleted,
 * retyped, replaced or nested thousands deep. Each must answer with a refusal that carries a
 * message (or accept), and never throw. Runs and sizes are bounded so the file stays fast.
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoMissionFile } from '../../main/cli/demo-command';
import { formatStamp } from '../../shared/hlc';
import { MAX_TEXT_LENGTH } from '../../shared/input-limits';
import { parseMissionFileText, serialiseMissionFile, type MissionFileParseResult } from '../../shared/mission-file';
import { readBundle, writeBundle, type BundleReadResult } from '../../shared/sync/bundle';
import { parseTemplateText, type TemplateParseResult } from '../../shared/template-validation';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where the hostile text of a "deep" or "long" mutation goes, after JSON.stringify (which would recurse). */
const MARKER = '\u0000hostile\u0000';

type Mutation =
  | { op: 'delete'; at: number[] }
  | { op: 'replace'; at: number[]; value: Json }
  | { op: 'retype'; at: number[] }
  | { op: 'deep'; at: number[]; depth: number; object: boolean }
  | { op: 'long'; at: number[] };

const pathArb = fc.array(fc.nat(), { minLength: 1, maxLength: 8 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: pathArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at: pathArb, value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('retype' as const), at: pathArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deep' as const), at: pathArb, depth: fc.integer({ min: 60, max: 5000 }), object: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('long' as const), at: pathArb }) },
);

function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === 'object' && value !== null;
}

/** A value of another JSON type than `value`, so every schema check meets the wrong kind. */
function retyped(value: Json): Json {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return null;
  if (value === null) return {};
  return Array.isArray(value) ? Object.fromEntries(value.map((item, index) => [String(index), item])) : Object.values(value);
}

/**
 * Applies the mutations to a copy of `document` (each `at` picks a child per level, modulo the
 * count, and stops at a leaf) and returns the JSON text, hostile parts spliced in as text.
 */
function mutatedText(document: Json, mutations: readonly Mutation[]): string {
  const copy = structuredClone(document);
  const splices: string[] = [];
  for (const mutation of mutations) {
    let parent: Json = copy;
    let key: string | number | null = null;
    for (const choice of mutation.at) {
      const container: Json = key === null ? parent : (parent as Record<string, Json>)[key as string] as Json;
      if (!isContainer(container)) break;
      const keys: (string | number)[] = Array.isArray(container) ? container.map((_, index) => index) : Object.keys(container);
      if (keys.length === 0) break;
      parent = container;
      key = keys[choice % keys.length] as string | number;
    }
    if (key === null || !isContainer(parent)) continue;
    const slot = parent as Record<string | number, Json>;
    switch (mutation.op) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else Reflect.deleteProperty(slot, key);
        break;
      case 'replace':
        slot[key] = mutation.value;
        break;
      case 'retype':
        slot[key] = retyped(slot[key] as Json);
        break;
      case 'deep': {
        const [open, close] = mutation.object ? ['{"a":', '}'] : ['[', ']'];
        splices.push(`${open.repeat(mutation.depth)}1${close.repeat(mutation.depth)}`);
        slot[key] = MARKER;
        break;
      }
      case 'long':
        splices.push(JSON.stringify('x'.repeat(MAX_TEXT_LENGTH + 1)));
        slot[key] = MARKER;
        break;
    }
  }
  let text = JSON.stringify(copy);
  // A splice whose marker a later mutation removed is simply dropped.
  for (const splice of splices) text = text.replace(JSON.stringify(MARKER), () => splice);
  return text;
}

/** A refusal carries at least one problem, each with a path and a message. */
function expectParseAnswer(result: MissionFileParseResult | TemplateParseResult): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(problem.path).not.toBe('');
    expect(problem.message).not.toBe('');
  }
}

const demo = JSON.parse(serialiseMissionFile(demoMissionFile(new Date('2015-07-20T10:00:00Z')))) as Json;
const template = JSON.parse(JSON.stringify(findBuiltinTemplate('visa-roadmap-kosovo-2012'))) as Json;
const FUZZ = { seed: 20_150_720, endOnFailure: true } as const;
/** Far above the few seconds these take, for a loaded two-core machine; the runs are what bound them. */
const SLOW = 60_000;

describe('the mission-file parser under fuzzing', () => {
  it('answers arbitrary JSON and arbitrary text with a result', () => {
    const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })).map((value) => ({ ...value, format: 'mission-kit/mission' })));
    fc.assert(
      fc.property(fc.oneof(anyJson.map((value) => JSON.stringify(value)), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        expectParseAnswer(parseMissionFileText(text));
      }),
      { ...FUZZ, numRuns: 300 },
    );
  }, SLOW);

  it('answers mutations of the demo mission file with a result', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        expectParseAnswer(parseMissionFileText(mutatedText(demo, mutations)));
      }),
      { ...FUZZ, numRuns: 80 },
    );
  }, SLOW);
});

describe('the template parser under fuzzing', () => {
  it('answers arbitrary JSON, with or without the template format, with a result', () => {
    const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })).map((value) => ({ ...value, format: 'mission-kit/template' })));
    fc.assert(
      fc.property(anyJson, (value) => {
        expectParseAnswer(parseTemplateText(JSON.stringify(value)));
      }),
      { ...FUZZ, numRuns: 300 },
    );
  }, SLOW);

  it('answers mutations of the Kosovo roadmap template with a result', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        expectParseAnswer(parseTemplateText(mutatedText(template, mutations)));
      }),
      { ...FUZZ, numRuns: 150 },
    );
  }, SLOW);
});

describe('the bundle reader under fuzzing', () => {
  /** The message of readBundle's catch-all: seeing it means something inside threw. */
  const INTERNAL = /could not be read as a bundle \(/;

  function expectRefusalOrBundle(result: BundleReadResult): void {
    if (result.ok) return;
    expect(result.error.message).not.toBe('');
    expect(result.error.message).not.toMatch(INTERNAL);
  }

  const MISSION = 'mission-1';
  const tiny = findBuiltinTemplate('fatf-technical-compliance-sample');
  if (!tiny) throw new Error('the FATF sample template is not built in');
  const bundleBytes = (async () => {
    const hlc = (n: number): string => formatStamp(1_700_000_000_000 + n, 0, 'device-1');
    const changes = Array.from({ length: 4 }, (_, n) => ({
      entity: 'finding' as const,
      id: `finding-${n}`,
      missionId: MISSION,
      field: 'narrative',
      value: `narrative ${n}`,
      hlc: hlc(n),
      device: 'device-1',
      member: null,
      base: null,
    }));
    return writeBundle({
      manifest: { missionId: MISSION, missionTitle: 'Fuzzed mission', templateId: tiny.id, templateVersion: tiny.version, createdAt: '2024-05-01T10:00:00Z', device: 'device-1', member: null, scope: 'since', senderVector: { 'device-1': hlc(3) } },
      changes,
      template: tiny,
      attachments: new Map(),
    });
  })();

  it('answers random bytes, and random bytes behind a zip signature, with a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, zipLike) => {
        const input = zipLike ? Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...bytes]) : bytes;
        const result = await readBundle(input);
        expect(result.ok).toBe(false);
        expectRefusalOrBundle(result);
      }),
      { ...FUZZ, numRuns: 200 },
    );
  }, SLOW);

  it('answers a valid bundle whose JSON entries are mutated (checksums kept right) with a result', async () => {
    const files = unzipSync(await bundleBytes);
    const entries = ['manifest.json', 'changes.json', 'template.json'] as const;
    const parsed = Object.fromEntries(entries.map((name) => [name, JSON.parse(new TextDecoder().decode(files[name])) as Json]));
    const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...entries), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), fc.boolean(), async (entry, mutations, fixSums) => {
        const edited: Record<string, Uint8Array> = { ...files, [entry]: strToU8(mutatedText(parsed[entry] ?? null, mutations)) };
        if (fixSums && entry !== 'manifest.json') {
          // Right checksums, so the reader goes on to parse the mutated entry.
          const manifest = structuredClone(parsed['manifest.json']) as Record<string, Json>;
          manifest[entry === 'changes.json' ? 'changesSha256' : 'templateSha256'] = sha256(edited[entry] as Uint8Array);
          edited['manifest.json'] = strToU8(JSON.stringify(manifest));
        }
        expectRefusalOrBundle(await readBundle(zipSync(edited)));
      }),
      { ...FUZZ, numRuns: 80 },
    );
  }, SLOW);
});
