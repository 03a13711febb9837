/**
 * The command line and a bundle that packs a 100 MB narrative into well under a megabyte:
 * `bundle info` and `report` refuse it with the reader's message, exit 1 and write nothing,
 * while the same bundle with a narrative at the limit makes a report.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { buildKosovoDemo, DEMO_LEAD_ID, DEMO_MISSION_ID } from '../../../shared/demo/kosovo-2015-demo';
import { HybridLogicalClock } from '../../../shared/hlc';
import { MAX_TEXT_LENGTH } from '../../../shared/input-limits';
import { CREATED_FIELD, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import { writeBundle } from '../../../shared/sync/bundle';
import { vectorOf } from '../../../shared/sync/version-vector';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';
import { narrativeBombBundle } from '../../fixtures/hostile-zip';
import { makeTempIo } from './cli-test-io';

const REFUSAL = `The bundle's changes.json was refused: it holds a text longer than ${MAX_TEXT_LENGTH.toLocaleString('en')} characters, the limit for any text.`;

/** The demo mission as creation changes, then one edit of a finding's narrative (the text the bomb replaces). */
function demoChanges(): Change[] {
  const demo = buildKosovoDemo();
  let now = Date.UTC(2015, 6, 6, 8);
  const clock = new HybridLogicalClock('laptop-lead', () => now++);
  const create = (entity: EntityName, row: { id: string; missionId?: string }): Change => {
    const { id, ...fields } = row;
    return { entity, id, missionId: row.missionId ?? id, field: CREATED_FIELD, value: JSON.parse(JSON.stringify(fields)) as JsonValue, hlc: clock.tick(), device: 'laptop-lead', member: DEMO_LEAD_ID, base: null };
  };
  const findings = demo.findings.map((row) => create('finding', row));
  const first = findings[0];
  if (!first) throw new Error('the demo has findings');
  const changes = [
    create('mission', demo.mission),
    ...demo.members.map((row) => create('member', row)),
    ...demo.sites.map((row) => create('site', row)),
    ...findings,
    ...demo.evidence.map((row) => create('evidence', row)),
    ...demo.assessments.map((row) => create('assessment', row)),
    ...demo.recommendations.map((row) => create('recommendation', row)),
  ];
  // Based on the created text: a plain edit, not a conflict.
  return [...changes, { ...first, field: 'narrative', value: 'Rewritten on the last day.', hlc: clock.tick(), base: first.hlc }];
}

let demoBundle: Uint8Array;
let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!template) throw new Error('the demo template is missing');
  const changes = demoChanges();
  demoBundle = await writeBundle({
    manifest: {
      missionId: DEMO_MISSION_ID,
      missionTitle: buildKosovoDemo().mission.title,
      templateId: template.id,
      templateVersion: template.version,
      createdAt: '2015-07-10T16:00:00.000Z',
      device: 'laptop-lead',
      member: DEMO_LEAD_ID,
      scope: 'everything',
      senderVector: vectorOf(changes),
    },
    changes,
    template,
    attachments: new Map(),
  });
});

beforeEach(async () => {
  const temp = await makeTempIo();
  io = { ...temp.io, env: {} };
  ({ folder, cleanUp } = temp);
});
afterEach(() => cleanUp());

describe('a 100 MB narrative in a small bundle', () => {
  let bomb: Uint8Array;
  // Made once: hashing the 100 MB it unpacks to takes a moment.
  beforeAll(() => {
    bomb = narrativeBombBundle(demoBundle, 100_000_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
  }, 60_000);
  beforeEach(() => writeFile(path.join(folder, 'bomb.mkbundle'), bomb));

  it('is refused by "bundle info"', async () => {
    expect(await runCli(['bundle', 'info', 'bomb.mkbundle'], io)).toEqual({ exitCode: 1, stdout: '', stderr: `mission-kit: cannot read bomb.mkbundle: ${REFUSAL}\n` });
  });

  it('is refused by "report", which writes no file at all', async () => {
    expect(await runCli(['report', 'bomb.mkbundle', '--out', 'report.docx'], io)).toEqual({ exitCode: 1, stdout: '', stderr: `mission-kit: cannot read bomb.mkbundle: ${REFUSAL}\n` });
    // Neither the report nor a temporary file of the atomic writer.
    expect(await readdir(folder)).toEqual(['bomb.mkbundle']);
  });
});

describe('a narrative at the limit', () => {
  it('makes a report', async () => {
    await writeFile(path.join(folder, 'long.mkbundle'), narrativeBombBundle(demoBundle, MAX_TEXT_LENGTH));
    const result = await runCli(['report', 'long.mkbundle', '--out', 'report.docx'], io);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(['long.mkbundle', 'report.docx']);
  }, 60_000);
});
