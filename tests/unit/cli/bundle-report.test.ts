import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { buildKosovoDemo, DEMO_LEAD_ID, DEMO_MISSION_ID } from '../../../shared/demo/kosovo-2015-demo';
import { HybridLogicalClock } from '../../../shared/hlc';
import { CREATED_FIELD, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import { writeBundle } from '../../../shared/sync/bundle';
import { vectorOf } from '../../../shared/sync/version-vector';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';
import { makeTempIo } from './cli-test-io';

const PASSPHRASE = 'Merdare border crossing 2015';
const TITLE = buildKosovoDemo().mission.title;

/** The demo mission as the creation changes of the lead's laptop. */
function demoChanges(): Change[] {
  const demo = buildKosovoDemo();
  let now = Date.UTC(2015, 6, 6, 8);
  const clock = new HybridLogicalClock('laptop-lead', () => now++);
  const create = (entity: EntityName, row: { id: string; missionId?: string }): Change => {
    const { id, ...fields } = row;
    const value = JSON.parse(JSON.stringify(fields)) as JsonValue;
    return { entity, id, missionId: row.missionId ?? id, field: CREATED_FIELD, value, hlc: clock.tick(), device: 'laptop-lead', member: DEMO_LEAD_ID, base: null };
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

async function bundleOf(changes: Change[], options: { scope?: 'since' | 'everything'; passphrase?: string } = {}): Promise<Uint8Array> {
  const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!template) throw new Error('the demo template is missing');
  return writeBundle(
    {
      manifest: {
        missionId: DEMO_MISSION_ID,
        missionTitle: TITLE,
        templateId: template.id,
        templateVersion: template.version,
        createdAt: '2015-07-10T16:00:00.000Z',
        device: 'laptop-lead',
        member: DEMO_LEAD_ID,
        scope: options.scope ?? 'everything',
        senderVector: vectorOf(changes),
      },
      changes,
      template,
      attachments: new Map(),
    },
    options.passphrase === undefined ? {} : { passphrase: options.passphrase },
  );
}

let everything: Uint8Array;
let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  everything = await bundleOf(demoChanges());
});

beforeEach(async () => {
  const temp = await makeTempIo();
  io = { ...temp.io, env: {} };
  ({ folder, cleanUp } = temp);
  await writeFile(path.join(folder, 'demo.mkbundle'), everything);
});
afterEach(() => cleanUp());

async function documentXml(file: string): Promise<string> {
  const xml = unzipSync(new Uint8Array(await readFile(path.join(folder, file))))['word/document.xml'];
  if (!xml) throw new Error(`${file} has no word/document.xml`);
  return strFromU8(xml);
}

describe('mission-kit report from a bundle', () => {
  it('rebuilds the mission from the changes and writes the same report as from the mission file', async () => {
    const result = await runCli(['report', 'demo.mkbundle', '--out', 'from-bundle.docx'], io);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `Wrote from-bundle.docx\nmission report for "${TITLE}": 95 assessments, 8 recommendations\n`,
      stderr: '',
    });
    const fromBundle = await documentXml('from-bundle.docx');
    expect(fromBundle).toContain('Recommendation No. 1');

    // The same mission as a mission file, its rows in id order as the app's database lists them
    // (and materializeMission returns them): the very same report.
    expect((await runCli(['demo', '--out', 'demo.json'], io)).exitCode).toBe(0);
    const file = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['members', 'sites', 'findings', 'evidence', 'assessments', 'recommendations']) {
      (file[key] as { id: string }[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    await writeFile(path.join(folder, 'demo.json'), JSON.stringify(file));
    expect((await runCli(['report', 'demo.json', '--out', 'from-file.docx'], io)).exitCode).toBe(0);
    expect(fromBundle === (await documentXml('from-file.docx'))).toBe(true);
  }, 120_000);

  it('warns on stderr that conflicts are open, and says the report used the later version and whose it is', async () => {
    const changes = demoChanges();
    const demo = buildKosovoDemo();
    const assessment = demo.assessments[0];
    const created = changes.find((change) => change.entity === 'assessment' && change.id === assessment?.id);
    if (!assessment || !created) throw new Error('the demo has no assessment');
    const lead = demo.members.find((member) => member.id === DEMO_LEAD_ID);
    const expert = demo.members.find((member) => member.role === 'expert');
    if (!lead || !expert) throw new Error('the demo needs a lead and an expert');
    // Two devices rewrite the same narrative without having seen each other's edit.
    const edit = (device: string, member: string, millis: number, value: string): Change => ({
      entity: 'assessment', id: assessment.id, missionId: assessment.missionId, field: 'narrative', value,
      hlc: new HybridLogicalClock(device, () => millis).tick(), device, member, base: created.hlc,
    });
    const earlier = edit('laptop-expert', expert.id, Date.UTC(2015, 6, 9, 9), 'EARLIER TEXT of the expert');
    const later = edit('laptop-lead', DEMO_LEAD_ID, Date.UTC(2015, 6, 9, 10), 'LATER TEXT of the lead');
    await writeFile(path.join(folder, 'conflict.mkbundle'), await bundleOf([...changes, earlier, later]));

    const result = await runCli(['report', 'conflict.mkbundle', '--out', 'report.docx'], io);
    expect(result.exitCode).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('mission-kit: warning: 1 conflict is open; the report uses the later version of each (resolve them in the app\'s Sync screen):');
    expect(lines[1]).toBe(
      `  assessment ${assessment.id} (requirement ${assessment.requirementId}), narrative: used the later version, by ${lead.name} on laptop-lead, 2015-07-09 10:00 UTC; ` +
        `not used: ${expert.name} on laptop-expert, 2015-07-09 09:00 UTC`,
    );
    const xml = await documentXml('report.docx');
    expect(xml).toContain('LATER TEXT of the lead');
    expect(xml).not.toContain('EARLIER TEXT of the expert');
  });

  it('tells a bundle by its first bytes, whatever its name', async () => {
    await writeFile(path.join(folder, 'demo-sync.dat'), everything);
    const result = await runCli(['report', 'demo-sync.dat', '--out', 'report.docx', '--expert', 'demo-member-slovenia', '--no-questionnaire-annex'], io);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Wrote report\.docx\nexpert report of Mojca Žagar \(demo-member-slovenia\) for ".+": \d+ findings\n$/);
    expect(await documentXml('report.docx')).toContain('Mojca Žagar');
  }, 60_000);

  it('lists what is missing from a bundle of recent changes only', async () => {
    const lead = new HybridLogicalClock('laptop-lead', () => Date.UTC(2015, 6, 9));
    const edit: Change = {
      entity: 'finding',
      id: 'demo-finding-x',
      missionId: DEMO_MISSION_ID,
      field: 'narrative',
      value: 'Edited later.',
      hlc: lead.tick(),
      device: 'laptop-lead',
      member: DEMO_LEAD_ID,
      base: null,
    };
    await writeFile(path.join(folder, 'since.mkbundle'), await bundleOf([edit], { scope: 'since' }));
    const result = await runCli(['report', 'since.mkbundle', '--out', 'report.docx'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'since.mkbundle: (root): the changes hold no mission: its creation is missing, or it was deleted\n' +
        'since.mkbundle: finding[demo-finding-x]: the change log holds an edit of this finding but not its creation (its "*" change is missing)\n' +
        'since.mkbundle: (root): this bundle holds only the changes its receiver had not seen; a report needs the whole change log ("everything")\n',
    });
    expect(await readdir(folder)).not.toContain('report.docx');
  });

  it('needs the passphrase of an encrypted bundle', async () => {
    await writeFile(path.join(folder, 'secret.mkbundle'), await bundleOf(demoChanges(), { passphrase: PASSPHRASE }));
    const result = await runCli(['report', 'secret.mkbundle', '--out', 'report.docx'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'mission-kit: cannot read secret.mkbundle: This bundle is encrypted: enter the passphrase it was exported with.\n' +
        'Give the passphrase with --passphrase P or in the environment variable MISSION_KIT_PASSPHRASE.\n',
    });
  }, 30_000);

  it('refuses a missing bundle, random bytes, a zip that is no bundle, and the bundle as output', async () => {
    expect(await runCli(['report', 'nowhere.mkbundle', '--out', 'report.docx'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read nowhere.mkbundle: no such file\n',
    });

    await writeFile(path.join(folder, 'random.mkbundle'), randomBytes(1024).fill(0x41, 0, 2));
    expect(await runCli(['report', 'random.mkbundle', '--out', 'report.docx'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read random.mkbundle: This is not a Mission Kit bundle: it starts neither with "PK" (a plain bundle) nor with "MKBE" (an encrypted bundle).\n',
    });

    // Random bytes without the bundle extension are read as a mission file, and fail as one.
    await writeFile(path.join(folder, 'random.json'), randomBytes(1024).fill(0x41, 0, 2));
    const notJson = await runCli(['report', 'random.json', '--out', 'report.docx'], io);
    expect(notJson.exitCode).toBe(1);
    expect(notJson.stderr).toMatch(/^mission-kit: cannot read random\.json: not UTF-8 text\n$|^random\.json: \(root\): not valid JSON/);

    // A Word document is a zip too: it starts with "PK".
    expect((await runCli(['report', 'demo.mkbundle', '--out', 'report.docx', '--no-questionnaire-annex'], io)).exitCode).toBe(0);
    expect(await runCli(['report', 'report.docx', '--out', 'again.docx'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read report.docx: This is a zip file, but not a Mission Kit bundle: it has no manifest.json.\n',
    });

    expect(await runCli(['report', 'demo.mkbundle', '--out', 'demo.mkbundle'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: --out demo.mkbundle is the bundle itself; choose another name for the report\n',
    });
    expect((await readdir(folder)).sort()).toEqual(['demo.mkbundle', 'random.json', 'random.mkbundle', 'report.docx']);
  }, 60_000);

  it('mentions bundles and the passphrase in its usage', async () => {
    const result = await runCli(['report', '--help'], io);
    expect(result.stdout).toMatch(/^Usage: mission-kit report MISSION\.json --out FILE\.docx/);
    expect(result.stdout).toContain('mission-kit report BUNDLE.mkbundle --out FILE.docx');
    expect(result.stdout).toContain('MISSION_KIT_PASSPHRASE');
  });
});
