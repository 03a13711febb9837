import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { DEMO_LEAD_ID, DEMO_MISSION_ID } from '../../../shared/demo/kosovo-2015-demo';
import { formatStamp } from '../../../shared/hlc';
import { CREATED_FIELD, type Change, type JsonValue } from '../../../shared/schemas/change';
import type { MissionFile } from '../../../shared/schemas/mission-file';
import { writeBundle } from '../../../shared/sync/bundle';
import { vectorOf } from '../../../shared/sync/version-vector';
import { makeTempIo } from './cli-test-io';

/**
 * Hand-edited mission files and bundles from elsewhere: an unknown key, a second assessment of a
 * requirement, a record of another mission, a rating level the scale does not have — each is
 * refused with its path (exit 1); the Recommendations screen's consistency checks are warnings on
 * stderr (exit 0).
 */

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;
let demo: MissionFile;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
  expect((await runCli(['demo', '--out', 'demo.json'], io)).exitCode).toBe(0);
  demo = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8')) as MissionFile;
});
afterEach(() => cleanUp());

async function writeMission(name: string, edit: (file: Record<string, unknown> & MissionFile) => void): Promise<void> {
  const file = structuredClone(demo) as Record<string, unknown> & MissionFile;
  edit(file);
  await writeFile(path.join(folder, name), JSON.stringify(file));
}

/** The demo mission as one device's creation changes, in a bundle of everything. */
async function demoBundle(name: string, edit: (changes: Change[]) => void): Promise<void> {
  let millis = Date.UTC(2015, 6, 6, 8);
  const create = (entity: Change['entity'], row: { id: string; missionId?: string }): Change => {
    const { id, ...fields } = row;
    return { entity, id, missionId: DEMO_MISSION_ID, field: CREATED_FIELD, value: JSON.parse(JSON.stringify(fields)) as JsonValue, hlc: formatStamp(millis++, 0, 'laptop-lead'), device: 'laptop-lead', member: DEMO_LEAD_ID, base: null };
  };
  const changes = [
    create('mission', demo.mission),
    ...demo.members.map((row) => create('member', row)),
    ...demo.sites.map((row) => create('site', row)),
    ...demo.findings.map((row) => create('finding', row)),
    ...demo.evidence.map((row) => create('evidence', row)),
    ...demo.assessments.map((row) => create('assessment', row)),
    ...demo.recommendations.map((row) => create('recommendation', row)),
  ];
  edit(changes);
  const bytes = await writeBundle({
    manifest: { missionId: DEMO_MISSION_ID, missionTitle: demo.mission.title, templateId: demo.template.id, templateVersion: demo.template.version, createdAt: '2015-07-10T16:00:00.000Z', device: 'laptop-lead', member: DEMO_LEAD_ID, scope: 'everything', senderVector: vectorOf(changes) },
    changes,
    template: demo.template,
    attachments: new Map(),
  });
  await writeFile(path.join(folder, name), bytes);
}

function indexOf(changes: Change[], entity: Change['entity']): number {
  return changes.findIndex((change) => change.entity === entity);
}

describe('strict mission files', () => {
  it('refuses an unknown key, naming where it is and the key that was meant', async () => {
    await writeMission('ratting.json', (file) => {
      const finding = file.findings[3] as unknown as Record<string, unknown>;
      finding['ratting'] = finding['rating'];
      delete finding['rating'];
    });
    expect(await runCli(['validate', 'ratting.json'], io)).toEqual({ exitCode: 1, stdout: '', stderr: 'ratting.json: findings[3]: unknown key "ratting" — did you mean "rating"?\n' });
    const report = await runCli(['report', 'ratting.json', '--out', 'r.docx'], io);
    expect(report.exitCode).toBe(1);
    expect(report.stderr).toContain('findings[3]: unknown key "ratting" — did you mean "rating"?');
  });

  it('refuses a second assessment of a requirement, a duplicate id and a record of another mission', async () => {
    await writeMission('doubled.json', (file) => {
      const [first] = file.assessments;
      const [recommendation] = file.recommendations;
      if (!first || !recommendation) throw new Error('the demo has assessments and recommendations');
      file.assessments.push({ ...first, id: 'second-assessment' });
      file.recommendations.push({ ...recommendation });
      file.sites[0] = { ...(file.sites[0] as MissionFile['sites'][number]), missionId: 'mission-georgia-2016' };
    });
    const result = await runCli(['validate', 'doubled.json'], io);
    expect(result.exitCode).toBe(1);
    const first = demo.assessments[0];
    expect(result.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        `doubled.json: sites[0].missionId: "mission-georgia-2016" is not the file's mission "${DEMO_MISSION_ID}"`,
        `doubled.json: recommendations[${demo.recommendations.length}].id: duplicate id "${demo.recommendations[0]?.id}" (also recommendations[0])`,
        `doubled.json: assessments[${demo.assessments.length}].requirementId: a second assessment of requirement "${first?.requirementId}" (assessment "${first?.id}" is the first); a requirement has one assessment`,
      ]),
    );
  });

  it('warns on stderr, exit 0, about recommendations on fulfilled or unassessed requirements', async () => {
    // Two fulfilled requirements: one keeps its assessment, the other loses it (not assessed yet).
    const [fulfilled, dropped] = demo.assessments.filter((assessment) => assessment.rating === 'fulfilled');
    if (!fulfilled || !dropped) throw new Error('the demo has two fulfilled requirements');
    const unassessed = dropped.requirementId;
    await writeMission('warned.json', (file) => {
      const [recommendation] = file.recommendations;
      if (!recommendation) throw new Error('the demo has recommendations');
      file.assessments = file.assessments.filter((assessment) => assessment.id !== dropped.id);
      file.recommendations.push({ ...recommendation, id: 'on-fulfilled', requirementIds: [fulfilled.requirementId] }, { ...recommendation, id: 'on-unassessed', requirementIds: [unassessed] });
    });
    const expected = [
      `warned.json: warning: recommendation on-fulfilled is linked only to requirements assessed as fulfilled (${fulfilled.requirementId})`,
      `warned.json: warning: recommendation on-unassessed is linked to requirements not assessed yet (${unassessed})`,
    ];
    const validate = await runCli(['validate', 'warned.json'], io);
    expect(validate.exitCode).toBe(0);
    expect(validate.stdout).toMatch(/^warned\.json: valid mission/);
    expect(validate.stderr.trimEnd().split('\n')).toEqual(expected);
    const report = await runCli(['report', 'warned.json', '--out', 'warned.docx'], io);
    expect(report.exitCode).toBe(0);
    expect(report.stderr.trimEnd().split('\n')).toEqual(expected);
  }, 60_000);
});

describe('bundles with references their template or mission does not have', () => {
  it('are refused by bundle info and report, naming the change, with exit 1', async () => {
    let rating = -1;
    let author = -1;
    await demoBundle('broken.mkbundle', (changes) => {
      rating = indexOf(changes, 'assessment');
      author = indexOf(changes, 'finding');
      const assessment = changes[rating] as Change;
      changes[rating] = { ...assessment, value: { ...(assessment.value as Record<string, JsonValue>), rating: 'fulfiled' } };
      const finding = changes[author] as Change;
      changes[author] = { ...finding, value: { ...(finding.value as Record<string, JsonValue>), authorId: 'somebody-else' } };
    });
    const problems = [`changes[${author}].value.authorId: member "somebody-else" is not in the mission`, `changes[${rating}].value.rating: level "fulfiled" is not in the scale (fulfilled, not-fulfilled, not-assessed)`];
    const info = await runCli(['bundle', 'info', 'broken.mkbundle'], io);
    expect(info).toEqual({ exitCode: 1, stdout: '', stderr: `mission-kit: cannot read broken.mkbundle: The bundle's changes.json is not valid: ${problems.join('; ')}.\n` });
    const report = await runCli(['report', 'broken.mkbundle', '--out', 'broken.docx'], io);
    expect(report.exitCode).toBe(1);
    expect(report.stderr).toContain(problems[1]);
  });

  it('refuses a bundle whose change names a field the entity does not have', async () => {
    await demoBundle('typo.mkbundle', (changes) => {
      const finding = changes[indexOf(changes, 'finding')] as Change;
      changes.push({ ...finding, field: 'ratting', value: 'fulfilled', hlc: formatStamp(Date.UTC(2015, 6, 9), 0, 'laptop-lead') });
    });
    const info = await runCli(['bundle', 'info', 'typo.mkbundle'], io);
    expect(info.exitCode).toBe(1);
    expect(info.stderr).toMatch(/changes\[\d+\]\.field: unknown key "ratting" of a finding — did you mean "rating"\?/);
  });
});
