import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { localIsoDateTime } from '../../../main/cli/report-command';
import { makeTempIo, SCHENGEN_SAMPLE } from './cli-test-io';

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
  const demo = await runCli(['demo', '--out', 'demo.json'], io);
  expect(demo.exitCode).toBe(0);
});
afterEach(() => cleanUp());

async function documentXml(file: string): Promise<string> {
  const entries = unzipSync(new Uint8Array(await readFile(path.join(folder, file))));
  const xml = entries['word/document.xml'];
  if (!xml) throw new Error(`${file} has no word/document.xml; entries: ${Object.keys(entries).join(', ')}`);
  return strFromU8(xml);
}

describe('mission-kit report', () => {
  it('writes the mission report as a Word document', async () => {
    const result = await runCli(['report', 'demo.json', '--out', 'report.docx'], io);
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'Wrote report.docx\nmission report for "Kosovo — visa roadmap assessment mission, July 2015": 95 assessments, 8 recommendations\n',
      stderr: '',
    });
    expect(await documentXml('report.docx')).toContain('Recommendation No. 1');
    // Written through a temporary file that is renamed into place: nothing else is left.
    expect((await readdir(folder)).sort()).toEqual(['demo.json', 'report.docx']);
  }, 60_000);

  it('leaves out the questionnaire annex on request', async () => {
    expect((await runCli(['report', 'demo.json', '-o', 'with.docx'], io)).exitCode).toBe(0);
    expect((await runCli(['report', 'demo.json', '-o', 'without.docx', '--no-questionnaire-annex'], io)).exitCode).toBe(0);
    expect(await documentXml('with.docx')).toMatch(/GUIDING QUESTIONS/i);
    expect(await documentXml('without.docx')).not.toMatch(/GUIDING QUESTIONS/i);
  }, 60_000);

  it('replaces an existing report', async () => {
    await writeFile(path.join(folder, 'report.docx'), 'old report');
    const result = await runCli(['report', 'demo.json', '--out', 'report.docx'], io);
    expect(result.exitCode).toBe(0);
    expect(await documentXml('report.docx')).toContain('Recommendation No. 1');
  }, 60_000);

  it('writes the expert report of one member', async () => {
    const result = await runCli(['report', 'demo.json', '--out', 'expert.docx', '--expert', 'demo-member-slovenia'], io);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Wrote expert\.docx\nexpert report of Mojca Žagar \(demo-member-slovenia\) for "Kosovo — visa roadmap assessment mission, July 2015": \d+ findings\n$/);
    expect(await documentXml('expert.docx')).toContain('Mojca Žagar');
  }, 60_000);

  it('lists the members when the expert is unknown, and writes nothing', async () => {
    const result = await runCli(['report', 'demo.json', '--out', 'expert.docx', '--expert', 'demo-member-nobody'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('mission-kit: unknown member "demo-member-nobody"; the mission\'s members are:');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe('  demo-member-lead      Małgorzata Wiśniewska (lead)');
    expect(lines[2]).toBe('  demo-member-slovenia  Mojca Žagar (expert)');
    expect(await readdir(folder)).toEqual(['demo.json']);
  });

  it('refuses a template, an invalid mission file and a missing one', async () => {
    const template = await runCli(['report', SCHENGEN_SAMPLE, '--out', 'report.docx'], io);
    expect(template.exitCode).toBe(1);
    expect(template.stderr).toBe(`${SCHENGEN_SAMPLE}: format: this is a template ("mission-kit/template"), not a mission file ("mission-kit/mission")\n`);

    const file = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8'));
    file.recommendations[0].requirementIds = ['no-such-requirement'];
    await writeFile(path.join(folder, 'broken.json'), JSON.stringify(file));
    const broken = await runCli(['report', 'broken.json', '--out', 'report.docx'], io);
    expect(broken).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'broken.json: recommendations[0].requirementIds[0]: "no-such-requirement" is not a requirement of the template\n',
    });

    const missing = await runCli(['report', 'nowhere.json', '--out', 'report.docx'], io);
    expect(missing).toEqual({ exitCode: 1, stdout: '', stderr: 'mission-kit: cannot read nowhere.json: no such file\n' });
    expect((await readdir(folder)).sort()).toEqual(['broken.json', 'demo.json']);
  });

  it('does not write the report over the mission file', async () => {
    const result = await runCli(['report', 'demo.json', '--out', './demo.json'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('mission-kit: --out ./demo.json is the mission file itself; choose another name for the report\n');
  });
});

describe('localIsoDateTime', () => {
  it('writes the local time with its offset, as the schema requires', () => {
    const date = new Date('2015-07-20T07:30:05.000Z');
    const text = localIsoDateTime(date);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(new Date(text).getTime()).toBe(date.getTime());
  });
});
