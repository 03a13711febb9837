import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { buildKosovoDemo, DEMO_LEAD_ID, DEMO_MISSION_ID } from '../../../shared/demo/kosovo-2015-demo';
import { HybridLogicalClock } from '../../../shared/hlc';
import { CREATED_FIELD, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import { writeBundle, type BundleInput } from '../../../shared/sync/bundle';
import { vectorOf } from '../../../shared/sync/version-vector';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';
import { makeTempIo } from './cli-test-io';

const TEMPLATE = findBuiltinTemplate('visa-roadmap-kosovo-2012');
const PASSPHRASE = 'Merdare border crossing 2015';
/** A 1×1 PNG. */
const PHOTO = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

/** The demo mission as the creation changes of one device, stamped by its clock. */
function demoChanges(device: string): Change[] {
  const demo = buildKosovoDemo();
  let now = Date.UTC(2015, 6, 6, 8);
  const clock = new HybridLogicalClock(device, () => now++);
  const create = (entity: EntityName, row: { id: string; missionId?: string }): Change => {
    const { id, ...fields } = row;
    const value = JSON.parse(JSON.stringify(fields)) as JsonValue;
    return { entity, id, missionId: row.missionId ?? id, field: CREATED_FIELD, value, hlc: clock.tick(), device, member: DEMO_LEAD_ID, base: null };
  };
  return [
    create('mission', demo.mission),
    ...demo.members.map((row) => create('member', row)),
    ...demo.sites.map((row) => create('site', row)),
    ...demo.findings.map((row) => create('finding', row)),
    ...demo.evidence.map((row) => create('evidence', row)),
    ...demo.assessments.map((row) => create('assessment', row)),
    ...demo.recommendations.map((row) => create('recommendation', row)),
  ];
}

function demoBundle(): BundleInput {
  if (!TEMPLATE) throw new Error('the demo template is missing');
  const changes = demoChanges('laptop-lead');
  return {
    manifest: {
      missionId: DEMO_MISSION_ID,
      missionTitle: buildKosovoDemo().mission.title,
      templateId: TEMPLATE.id,
      templateVersion: TEMPLATE.version,
      createdAt: '2015-07-10T16:00:00.000Z',
      device: 'laptop-lead',
      member: DEMO_LEAD_ID,
      scope: 'everything',
      senderVector: vectorOf(changes),
    },
    changes,
    template: TEMPLATE,
    attachments: new Map([[createHash('sha256').update(PHOTO).digest('hex'), PHOTO]]),
  };
}

let plain: Uint8Array;
let encrypted: Uint8Array;
let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  plain = await writeBundle(demoBundle());
  encrypted = await writeBundle(demoBundle(), { passphrase: PASSPHRASE });
}, 60_000);

beforeEach(async () => {
  const temp = await makeTempIo();
  // An environment of its own: a passphrase set in the shell running the tests must not count.
  io = { ...temp.io, env: {} };
  ({ folder, cleanUp } = temp);
  await writeFile(path.join(folder, 'plain.mkbundle'), plain);
  await writeFile(path.join(folder, 'secret.mkbundle'), encrypted);
});
afterEach(() => cleanUp());

describe('mission-kit bundle info', () => {
  it('shows the manifest of a plain bundle', async () => {
    const demo = buildKosovoDemo();
    const result = await runCli(['bundle', 'info', 'plain.mkbundle'], io);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Bundle:      plain.mkbundle',
      `Mission:     ${demo.mission.title} (${DEMO_MISSION_ID})`,
      'Template:    visa-roadmap-kosovo-2012 version 1',
      `Created:     2015-07-10T16:00:00.000Z on device laptop-lead by member ${DEMO_LEAD_ID}`,
      'Scope:       the whole change log',
    ]);
    expect(lines).toContain('Encrypted:   no');
    const total = 1 + demo.members.length + demo.sites.length + demo.findings.length + demo.evidence.length + 95 + 8;
    expect(lines).toContain(
      `Changes:     ${total} (1 mission, ${demo.members.length} member, ${demo.sites.length} site, ${demo.findings.length} finding, ${demo.evidence.length} evidence, 95 assessment, 8 recommendation)`,
    );
    expect(lines).toContain(`Attachments: 1 (${PHOTO.length} bytes)`);
  });

  it('opens an encrypted bundle with the passphrase from the environment, and refuses a wrong one', async () => {
    const withEnv: CliIo = { ...io, env: { MISSION_KIT_PASSPHRASE: PASSPHRASE } };
    const right = await runCli(['bundle', 'info', 'secret.mkbundle'], withEnv);
    expect(right.stderr).toBe('');
    expect(right.exitCode).toBe(0);
    expect(right.stdout).toContain('Encrypted:   yes');
    expect(right.stdout).toContain('Template:    visa-roadmap-kosovo-2012 version 1');

    // The option wins over the environment.
    const wrong = await runCli(['bundle', 'info', 'secret.mkbundle', '--passphrase', 'not it'], withEnv);
    expect(wrong).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read secret.mkbundle: The bundle could not be decrypted: wrong passphrase, or the bundle was damaged.\n',
    });
  }, 30_000);

  it('asks for the passphrase of an encrypted bundle', async () => {
    const result = await runCli(['bundle', 'info', 'secret.mkbundle'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'mission-kit: cannot read secret.mkbundle: This bundle is encrypted: enter the passphrase it was exported with.\n' +
        'Give the passphrase with --passphrase P or in the environment variable MISSION_KIT_PASSPHRASE.\n',
    });
  });

  it('refuses a missing file, random bytes, a folder and an altered bundle', async () => {
    expect(await runCli(['bundle', 'info', 'nowhere.mkbundle'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read nowhere.mkbundle: no such file\n',
    });

    await writeFile(path.join(folder, 'random.mkbundle'), randomBytes(4096).fill(0x41, 0, 2));
    expect(await runCli(['bundle', 'info', 'random.mkbundle'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read random.mkbundle: This is not a Mission Kit bundle: it starts neither with "PK" (a plain bundle) nor with "MKBE" (an encrypted bundle).\n',
    });

    expect(await runCli(['bundle', 'info', '.'], io)).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: cannot read .: not a regular file\n' });

    const altered = new Uint8Array(await readFile(path.join(folder, 'plain.mkbundle')));
    altered[altered.length - 30] = (altered[altered.length - 30] ?? 0) ^ 0xff;
    altered.set(altered.subarray(100, 140).map((byte) => byte ^ 0x55), 100);
    await writeFile(path.join(folder, 'altered.mkbundle'), altered);
    const result = await runCli(['bundle', 'info', 'altered.mkbundle'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mission-kit: cannot read altered\.mkbundle: The bundle (was altered or damaged|is incomplete|was refused as unsafe)/);
    expect((await readdir(folder)).sort()).toEqual(['altered.mkbundle', 'plain.mkbundle', 'random.mkbundle', 'secret.mkbundle']);
  });

  it.each([
    [['bundle'], 'mission-kit: missing bundle command (commands: info)\nRun "mission-kit bundle --help" for usage.\n'],
    [['bundle', 'list'], 'mission-kit: unknown bundle command "list" (commands: info)\nRun "mission-kit bundle --help" for usage.\n'],
    [['bundle', 'info'], 'mission-kit: missing FILE.mkbundle\nRun "mission-kit bundle --help" for usage.\n'],
    [['bundle', 'info', 'a.mkbundle', 'b.mkbundle'], 'mission-kit: unexpected argument "b.mkbundle" (only one FILE.mkbundle is expected)\nRun "mission-kit bundle --help" for usage.\n'],
    [['bundle', 'info', 'a.mkbundle', '--passphrase='], 'mission-kit: --passphrase must not be empty\nRun "mission-kit bundle --help" for usage.\n'],
    [['bundle', 'info', 'a.mkbundle', '--passphrase'], 'mission-kit: option --passphrase needs a value\nRun "mission-kit bundle --help" for usage.\n'],
  ])('rejects %j with exit code 2', async (argv, stderr) => {
    expect(await runCli(argv, io)).toEqual({ exitCode: 2, stdout: '', stderr });
  });

  it('prints its usage', async () => {
    for (const argv of [['bundle', '--help'], ['bundle', 'info', '--help'], ['help', 'bundle']]) {
      const result = await runCli(argv, io);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^Usage: mission-kit bundle info FILE\.mkbundle \[--passphrase P\]\n/);
      expect(result.stdout).toContain('MISSION_KIT_PASSPHRASE');
    }
    expect((await runCli(['--help'], io)).stdout).toContain('  bundle info FILE.mkbundle');
  });
});
