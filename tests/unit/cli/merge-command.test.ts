import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { buildKosovoDemo, DEMO_LEAD_ID, DEMO_MISSION_ID } from '../../../shared/demo/kosovo-2015-demo';
import { HybridLogicalClock } from '../../../shared/hlc';
import { CREATED_FIELD, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import type { AttachmentEvidence } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';
import { BundleTooLargeError, readBundle, writeBundle, type Bundle } from '../../../shared/sync/bundle';
import { vectorOf } from '../../../shared/sync/version-vector';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';
import { FIXED_NOW, makeTempIo } from './cli-test-io';

/** A refusal the next writeBundle call throws instead of writing (the writer's limits, made to happen). */
const writerRefusal = vi.hoisted(() => ({ next: null as Error | null }));
vi.mock('../../../shared/sync/bundle', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../shared/sync/bundle')>();
  return {
    ...actual,
    writeBundle: (...args: Parameters<typeof actual.writeBundle>) => {
      const refusal = writerRefusal.next;
      writerRefusal.next = null;
      return refusal ? Promise.reject(refusal) : actual.writeBundle(...args);
    },
  };
});

const PASSPHRASE = 'Merdare border crossing 2015';
const EXPERT = 'demo-member-slovenia';
/** A 1×1 PNG: the expert's photo. */
const PHOTO = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
const PHOTO_SHA256 = createHash('sha256').update(PHOTO).digest('hex');

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`test fixture: no ${what}`);
  return value;
}

const ROADMAP = required(findBuiltinTemplate('visa-roadmap-kosovo-2012'), 'roadmap template');

/** A device writing changes as the app's repository does, stamped by its own clock. */
function device(name: string, member: string | null, start: number) {
  let now = start;
  const clock = new HybridLogicalClock(name, () => now++);
  const change = (entity: EntityName, id: string, field: string, value: JsonValue, base: string | null = null, missionId = DEMO_MISSION_ID): Change => ({
    entity,
    id,
    missionId,
    field,
    value,
    hlc: clock.tick(),
    device: name,
    member,
    base,
  });
  const create = <T extends { id: string; missionId?: string }>(entity: EntityName, row: T): Change => {
    const { id, ...fields } = row;
    return change(entity, id, CREATED_FIELD, JSON.parse(JSON.stringify(fields)) as JsonValue, null, row.missionId ?? id);
  };
  return { change, create };
}

/** The whole demo mission, created on the lead's laptop. */
function demoCreation(writer: ReturnType<typeof device>): Change[] {
  const demo = buildKosovoDemo();
  return [
    writer.create('mission', demo.mission),
    ...demo.members.map((row) => writer.create('member', row)),
    ...demo.sites.map((row) => writer.create('site', row)),
    ...demo.findings.map((row) => writer.create('finding', row)),
    ...demo.evidence.map((row) => writer.create('evidence', row)),
    ...demo.assessments.map((row) => writer.create('assessment', row)),
    ...demo.recommendations.map((row) => writer.create('recommendation', row)),
  ];
}

async function bundleBytes(options: {
  changes: Change[];
  device: string;
  member: string | null;
  scope?: 'since' | 'everything';
  template?: Template;
  attachments?: Map<string, Uint8Array>;
  missionId?: string;
  missionTitle?: string;
  passphrase?: string;
}): Promise<Uint8Array> {
  const template = options.template ?? ROADMAP;
  return writeBundle(
    {
      manifest: {
        missionId: options.missionId ?? DEMO_MISSION_ID,
        missionTitle: options.missionTitle ?? buildKosovoDemo().mission.title,
        templateId: template.id,
        templateVersion: template.version,
        createdAt: '2015-07-10T16:00:00.000Z',
        device: options.device,
        member: options.member,
        scope: options.scope ?? 'everything',
        senderVector: vectorOf(options.changes),
      },
      changes: options.changes,
      template,
      attachments: options.attachments ?? new Map(),
    },
    options.passphrase === undefined ? {} : { passphrase: options.passphrase },
  );
}

// Two devices: the lead created the mission; the Slovenian expert received all of it, then both
// worked on their own — the same assessment narrative included, which is a conflict.
const lead = device('laptop-lead', DEMO_LEAD_ID, Date.UTC(2015, 6, 6, 8));
const expert = device('laptop-slovenia', EXPERT, Date.UTC(2015, 6, 8, 8));
const creation = demoCreation(lead);
const demo = buildKosovoDemo();
const assessment = required(demo.assessments[0], 'assessment');
const assessmentCreated = required(
  creation.find((change) => change.id === assessment.id && change.field === CREATED_FIELD),
  'creation of the assessment',
);
const expertFinding = required(
  demo.findings.find((finding) => finding.authorId === EXPERT),
  'finding of the expert',
);
const leadEdits = [lead.change('assessment', assessment.id, 'narrative', 'The team found the border police well equipped.', assessmentCreated.hlc)];
const expertEdits = [
  expert.change('assessment', assessment.id, 'narrative', 'The border police lack document scanners at Merdare.', assessmentCreated.hlc),
  expert.create('evidence', {
    id: 'evidence-photo-merdare',
    missionId: DEMO_MISSION_ID,
    findingId: expertFinding.id,
    kind: 'attachment',
    fileName: 'merdare-booth.png',
    mediaType: 'image/png',
    size: PHOTO.length,
    sha256: PHOTO_SHA256,
    caption: 'Passport booth at Merdare',
  } satisfies AttachmentEvidence),
];
const leadChanges = [...creation, ...leadEdits];
const expertChanges = [...creation, ...expertEdits];
const unionSize = creation.length + leadEdits.length + expertEdits.length;

let leadBundle: Uint8Array;
let expertBundle: Uint8Array;
let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  leadBundle = await bundleBytes({ changes: leadChanges, device: 'laptop-lead', member: DEMO_LEAD_ID });
  expertBundle = await bundleBytes({ changes: expertChanges, device: 'laptop-slovenia', member: EXPERT, attachments: new Map([[PHOTO_SHA256, PHOTO]]) });
});

beforeEach(async () => {
  const temp = await makeTempIo();
  io = { ...temp.io, env: {} };
  ({ folder, cleanUp } = temp);
  await writeFile(path.join(folder, 'lead.mkbundle'), leadBundle);
  await writeFile(path.join(folder, 'expert.mkbundle'), expertBundle);
});
afterEach(() => cleanUp());

async function readMerged(file: string, passphrase?: string): Promise<Bundle> {
  const result = await readBundle(new Uint8Array(await readFile(path.join(folder, file))), passphrase === undefined ? {} : { passphrase });
  if (!result.ok) throw new Error(result.error.message);
  return result.bundle;
}

async function docx(file: string): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(await readFile(path.join(folder, file))));
}

describe('mission-kit merge', () => {
  it('unions the bundles of two devices, keeps the conflict, and the result reports', async () => {
    const result = await runCli(['merge', 'lead.mkbundle', 'expert.mkbundle', '--out', 'merged.mkbundle'], io);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      'Wrote merged.mkbundle',
      `merged 2 bundles of "${demo.mission.title}" (${DEMO_MISSION_ID}): ${unionSize} changes (${creation.length} duplicates left out), 1 attachment (${PHOTO.length} bytes), template "visa-roadmap-kosovo-2012" version 1`,
      `mission state: ${demo.members.length} members, ${demo.sites.length} site visits, ${demo.findings.length} findings, ${demo.evidence.length + 1} evidence items, 95 assessments, 8 recommendations`,
      'narrative conflicts: 1, kept for the lead to resolve in the app:',
      `  assessment ${assessment.id} narrative: 2 versions (from laptop-lead, laptop-slovenia)`,
    ]);

    const merged = await readMerged('merged.mkbundle');
    const stamps = merged.changes.map((change) => change.hlc);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(new Set(stamps)).toEqual(new Set([...leadChanges, ...expertChanges].map((change) => change.hlc)));
    expect(merged.manifest).toMatchObject({
      missionId: DEMO_MISSION_ID,
      missionTitle: demo.mission.title,
      device: 'mission-kit-cli',
      member: null,
      scope: 'everything',
      createdAt: FIXED_NOW.toISOString(),
      senderVector: vectorOf([...leadChanges, ...expertChanges]),
      counts: { changes: unionSize, attachments: 1 },
    });
    expect(Object.keys(merged.manifest.senderVector)).toEqual(['laptop-lead', 'laptop-slovenia']);
    expect([...merged.attachments.keys()]).toEqual([PHOTO_SHA256]);

    const info = await runCli(['bundle', 'info', 'merged.mkbundle'], io);
    expect(info.exitCode).toBe(0);
    expect(info.stdout).toContain(`Created:     ${FIXED_NOW.toISOString()} on device mission-kit-cli\n`);
    expect(info.stdout).toContain('Scope:       the whole change log\n');
    expect(info.stdout).toContain(
      `Changes:     ${unionSize} (1 mission, ${demo.members.length} member, ${demo.sites.length} site, ${demo.findings.length} finding, ${demo.evidence.length + 1} evidence, 97 assessment, 8 recommendation)\n`,
    );
    expect(info.stdout).toContain(`Attachments: 1 (${PHOTO.length} bytes)\n`);
    expect(info.stdout).toContain('Encrypted:   no\n');

    const report = await runCli(['report', 'merged.mkbundle', '--out', 'report.docx'], io);
    expect(report).toEqual({
      exitCode: 0,
      stdout: `Wrote report.docx\nmission report for "${demo.mission.title}": 95 assessments, 8 recommendations\n`,
      // The merge kept the conflict, so the report says which version it printed.
      stderr:
        "mission-kit: warning: 1 conflict is open; the report uses the later version of each (resolve them in the app's Sync screen):\n" +
        '  assessment demo-assessment-readmission-1 (requirement readmission-1), narrative: used the later version, by Mojca Žagar on laptop-slovenia, 2015-07-08 08:00 UTC; ' +
        'not used: Małgorzata Wiśniewska on laptop-lead, 2015-07-06 08:00 UTC\n',
    });
    const mission = await docx('report.docx');
    expect(strFromU8(required(mission['word/document.xml'], 'document.xml'))).toContain('Recommendation No. 1');

    // The expert's photo came with the expert's bundle and is embedded in the expert report.
    const expertReport = await runCli(['report', 'merged.mkbundle', '--out', 'expert.docx', '--expert', EXPERT], io);
    expect(expertReport.exitCode).toBe(0);
    const entries = await docx('expert.docx');
    expect(strFromU8(required(entries['word/document.xml'], 'document.xml'))).toContain('merdare-booth.png — Passport booth at Merdare');
    expect(Object.keys(entries).filter((name) => name.startsWith('word/media/'))).toHaveLength(1);
  }, 120_000);

  it('gives the same changes whatever the order of the bundles, and merges its own output again', async () => {
    expect((await runCli(['merge', 'lead.mkbundle', 'expert.mkbundle', '-o', 'ab.mkbundle'], io)).exitCode).toBe(0);
    expect((await runCli(['merge', 'expert.mkbundle', 'lead.mkbundle', '-o', 'ba.mkbundle'], io)).exitCode).toBe(0);
    const again = await runCli(['merge', 'ab.mkbundle', 'ba.mkbundle', 'lead.mkbundle', '-o', 'again.mkbundle'], io);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain(`merged 3 bundles of "${demo.mission.title}" (${DEMO_MISSION_ID}): ${unionSize} changes (${unionSize + leadChanges.length} duplicates left out)`);
    const [ab, ba, merged] = await Promise.all([readMerged('ab.mkbundle'), readMerged('ba.mkbundle'), readMerged('again.mkbundle')]);
    expect(ba.changes).toEqual(ab.changes);
    expect(merged.changes).toEqual(ab.changes);
  });

  it('reads an encrypted bundle and encrypts the merged one with the same passphrase', async () => {
    await writeFile(path.join(folder, 'secret.mkbundle'), await bundleBytes({ changes: leadChanges, device: 'laptop-lead', member: DEMO_LEAD_ID, passphrase: PASSPHRASE }));
    const result = await runCli(['merge', 'secret.mkbundle', 'expert.mkbundle', '--out', 'merged.mkbundle', '--passphrase', PASSPHRASE], io);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Wrote merged\.mkbundle \(encrypted with the passphrase\)\n/);
    const locked = await runCli(['bundle', 'info', 'merged.mkbundle'], io);
    expect(locked.exitCode).toBe(1);
    expect(locked.stderr).toMatch(/^mission-kit: cannot read merged\.mkbundle: This bundle is encrypted/);
  }, 30_000);

  it('refuses bundles of different missions, naming both', async () => {
    const other = device('laptop-georgia', null, Date.UTC(2016, 2, 1));
    const georgia = [other.create('mission', { ...demo.mission, id: 'mission-georgia-2016', title: 'Georgia — visa roadmap, March 2016' })];
    await writeFile(
      path.join(folder, 'georgia.mkbundle'),
      await bundleBytes({ changes: georgia, device: 'laptop-georgia', member: null, missionId: 'mission-georgia-2016', missionTitle: 'Georgia — visa roadmap, March 2016' }),
    );
    const result = await runCli(['merge', 'lead.mkbundle', 'georgia.mkbundle', 'expert.mkbundle', '--out', 'merged.mkbundle'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'mission-kit: the bundles belong to 2 different missions; only bundles of one mission can be merged:\n' +
        `  lead.mkbundle: "${demo.mission.title}" (${DEMO_MISSION_ID})\n` +
        '  georgia.mkbundle: "Georgia — visa roadmap, March 2016" (mission-georgia-2016)\n',
    });
    expect((await readdir(folder)).sort()).toEqual(['expert.mkbundle', 'georgia.mkbundle', 'lead.mkbundle']);
  });

  it('refuses bundles of different templates', async () => {
    const schengen = required(findBuiltinTemplate('schengen-evaluation-sample'), 'Schengen template');
    // No changes: the expert's changes refer to the roadmap's requirements, which a bundle with
    // another template is refused for on reading, before merge compares templates.
    await writeFile(path.join(folder, 'schengen.mkbundle'), await bundleBytes({ changes: [], device: 'laptop-slovenia', member: EXPERT, template: schengen }));
    const result = await runCli(['merge', 'lead.mkbundle', 'schengen.mkbundle', '--out', 'merged.mkbundle'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'mission-kit: the bundles use 2 different templates; a mission has one:\n' +
        '  lead.mkbundle: template "visa-roadmap-kosovo-2012"\n' +
        '  schengen.mkbundle: template "schengen-evaluation-sample"\n',
    });
  });

  it('keeps the newest version of the template', async () => {
    const newer: Template = { ...ROADMAP, version: ROADMAP.version + 1 };
    await writeFile(path.join(folder, 'newer.mkbundle'), await bundleBytes({ changes: expertChanges, device: 'laptop-slovenia', member: EXPERT, template: newer }));
    const result = await runCli(['merge', 'lead.mkbundle', 'newer.mkbundle', '--out', 'merged.mkbundle'], io);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`template "visa-roadmap-kosovo-2012" version ${newer.version}`);
    expect((await readMerged('merged.mkbundle')).template).toEqual(newer);
  });

  it('refuses changes that do not make a complete mission, and writes nothing', async () => {
    await writeFile(path.join(folder, 'since-a.mkbundle'), await bundleBytes({ changes: leadEdits, device: 'laptop-lead', member: DEMO_LEAD_ID, scope: 'since' }));
    await writeFile(path.join(folder, 'since-b.mkbundle'), await bundleBytes({ changes: expertEdits.slice(0, 1), device: 'laptop-slovenia', member: EXPERT, scope: 'since' }));
    const result = await runCli(['merge', 'since-a.mkbundle', 'since-b.mkbundle', '--out', 'merged.mkbundle'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'mission-kit: the merged changes do not make a complete mission, so no bundle was written:\n' +
        '  (root): the changes hold no mission: its creation is missing, or it was deleted\n' +
        `  assessment[${assessment.id}]: the change log holds 2 edits of this assessment but not its creation (its "*" change is missing)\n` +
        'Merge bundles exported with the whole change log ("everything"), or add one that holds the missing changes.\n',
    });
    expect(await readdir(folder)).not.toContain('merged.mkbundle');
  });

  // Bundles within the reader's limits each can together go beyond them (50,000 attachments,
  // 500 MiB): before, merge said "Wrote" and left a bundle that every device refused. The
  // writer's own check is tested in bundle-write-limits.test.ts (building 50,001 real
  // attachments through two bundles takes a minute); here its refusal is made to happen.
  it('refuses to write a merged bundle that no device could read: a problem line, exit 1, nothing written', async () => {
    writerRefusal.next = new BundleTooLargeError('it would carry 50,002 attachments, more than the limit of 50,000');
    const result = await runCli(['merge', 'lead.mkbundle', 'expert.mkbundle', '--out', 'merged.mkbundle'], io);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'mission-kit: the merged bundle was not written: This bundle would be refused by every device that reads it: it would carry 50,002 attachments, more than the limit of 50,000. ' +
        'Nothing was written; send the changes in several bundles ("since" a device) or sync through a hub.\n',
    });
    expect(await readdir(folder)).not.toContain('merged.mkbundle');
  });

  it('never writes over an input bundle, and over another file only with --force', async () => {
    for (const out of ['lead.mkbundle', './expert.mkbundle', path.join(folder, 'lead.mkbundle')]) {
      const result = await runCli(['merge', 'lead.mkbundle', 'expert.mkbundle', '--out', out], io);
      expect(result).toEqual({ exitCode: 1, stdout: '', stderr: `mission-kit: --out ${out} is the input bundle ${out.includes('expert') ? 'expert' : 'lead'}.mkbundle; choose another name for the merged bundle\n` });
    }
    await symlink(path.join(folder, 'lead.mkbundle'), path.join(folder, 'link.mkbundle'));
    const linked = await runCli(['merge', 'lead.mkbundle', 'expert.mkbundle', '--out', 'link.mkbundle'], io);
    expect(linked.stderr).toBe('mission-kit: --out link.mkbundle is the input bundle lead.mkbundle; choose another name for the merged bundle\n');
    expect(new Uint8Array(await readFile(path.join(folder, 'lead.mkbundle')))).toEqual(leadBundle);

    await writeFile(path.join(folder, 'merged.mkbundle'), 'an older merge');
    const existing = await runCli(['merge', 'lead.mkbundle', 'expert.mkbundle', '--out', 'merged.mkbundle'], io);
    expect(existing).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: merged.mkbundle already exists; use --force to overwrite it\n' });
    const forced = await runCli(['merge', 'lead.mkbundle', 'expert.mkbundle', '--out', 'merged.mkbundle', '--force'], io);
    expect(forced.exitCode).toBe(0);
    expect((await readMerged('merged.mkbundle')).changes).toHaveLength(unionSize);
    // Written through a temporary file renamed into place: nothing else is left.
    expect((await readdir(folder)).sort()).toEqual(['expert.mkbundle', 'lead.mkbundle', 'link.mkbundle', 'merged.mkbundle']);
  });

  it('refuses a missing file and a file that is not a bundle', async () => {
    expect(await runCli(['merge', 'lead.mkbundle', 'nowhere.mkbundle', '--out', 'merged.mkbundle'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read nowhere.mkbundle: no such file\n',
    });
    await writeFile(path.join(folder, 'random.mkbundle'), randomBytes(2048).fill(0x41, 0, 2));
    expect(await runCli(['merge', 'random.mkbundle', 'lead.mkbundle', '--out', 'merged.mkbundle'], io)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'mission-kit: cannot read random.mkbundle: This is not a Mission Kit bundle: it starts neither with "PK" (a plain bundle) nor with "MKBE" (an encrypted bundle).\n',
    });
    expect(await readdir(folder)).not.toContain('merged.mkbundle');
  });

  it.each([
    [['merge', '--out', 'm.mkbundle'], 'mission-kit: missing the bundles to merge\nRun "mission-kit merge --help" for usage.\n'],
    [['merge', 'a.mkbundle', '--out', 'm.mkbundle'], 'mission-kit: merge needs at least two bundles\nRun "mission-kit merge --help" for usage.\n'],
    [['merge', 'a.mkbundle', 'b.mkbundle'], 'mission-kit: missing --out FILE.mkbundle to write the merged bundle to\nRun "mission-kit merge --help" for usage.\n'],
    [['merge', 'a.mkbundle', 'b.mkbundle', '-o', 'm.mkbundle', '--passphrase='], 'mission-kit: --passphrase must not be empty\nRun "mission-kit merge --help" for usage.\n'],
  ])('rejects %j with exit code 2', async (argv, stderr) => {
    expect(await runCli(argv, io)).toEqual({ exitCode: 2, stdout: '', stderr });
  });
});
