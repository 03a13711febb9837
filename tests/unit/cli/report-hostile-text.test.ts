import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentParagraphs, openDocx, packageProblems, type DocxPackage } from '../report/docx-reading';
import { forbiddenCharacters, headerText } from '../report/hostile-text';
import { convertToPdf } from '../report/libreoffice';
import { PROJECT_ROOT } from './cli-test-io';

const run = promisify(execFile);

/**
 * The case through the command line as users run it: `bin/mission-kit.cjs` and the
 * bundle it loads, built here into a folder of this test's own (the shared dist/cli is rebuilt
 * by other tests running at the same time), then spawned with node.
 */
let folder: string;
let bin: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-hostile-cli-'));
  await mkdir(path.join(folder, 'bin'));
  await copyFile(path.join(PROJECT_ROOT, 'bin/mission-kit.cjs'), path.join(folder, 'bin/mission-kit.cjs'));
  // The same options as scripts/build-main.mjs gives the command line.
  await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ['main/cli/mission-kit.ts'],
    outfile: path.join(folder, 'dist/cli/mission-kit.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  bin = path.join(folder, 'bin/mission-kit.cjs');
}, 120_000);
afterAll(() => rm(folder, { recursive: true, force: true }));

async function missionKit(...args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: folder, encoding: 'utf8' });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { exitCode: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const SLOVENIA = 'demo-member-slovenia';

describe('mission-kit report with U+FFFE, U+FFFF and lone surrogates in the mission', () => {
  it('writes reports whose every XML part parses and that LibreOffice converts', { timeout: 300_000 }, async () => {
    expect((await missionKit('demo', '--out', 'demo.json')).exitCode).toBe(0);
    const file = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8'));
    file.mission.classification = 'RESTRICTED\uFFFE EU\uFFFF';
    file.assessments[0].narrative = 'Exit checks\uFFFF are performed\uFFFE at Vërmica \uD83D.\n\nSecond \uDC00paragraph.';
    const finding = file.findings.find((candidate: { authorId: string }) => candidate.authorId === SLOVENIA);
    finding.narrative = 'The expert\uFFFF saw \uD800 this.';
    // JSON.stringify writes the lone surrogates as \ud83d escapes and U+FFFE/U+FFFF as UTF-8.
    await writeFile(path.join(folder, 'hostile.json'), JSON.stringify(file));

    const mission = await missionKit('report', 'hostile.json', '--out', 'mission.docx');
    expect(mission.stderr).toBe('');
    expect(mission.exitCode).toBe(0);
    expect(mission.stdout).toMatch(/^Wrote mission\.docx\n/);
    const expert = await missionKit('report', 'hostile.json', '--out', 'expert.docx', '--expert', SLOVENIA);
    expect(expert.exitCode).toBe(0);
    expect(expert.stdout).toMatch(/^Wrote expert\.docx\n/);

    const documents = await Promise.all(['mission.docx', 'expert.docx'].map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(folder, name))) })));
    const [missionPkg, expertPkg] = documents.map((document) => openDocx(document.bytes)) as [DocxPackage, DocxPackage];
    for (const [name, pkg] of [['mission', missionPkg], ['expert', expertPkg]] as const) {
      expect(forbiddenCharacters(pkg), name).toEqual([]);
      expect(packageProblems(pkg), name).toEqual([]);
      expect(headerText(pkg), name).toBe('RESTRICTED EU');
    }
    expect(documentParagraphs(missionPkg)).toContain('Exit checks are performed at Vërmica \uFFFD.');
    expect(documentParagraphs(missionPkg)).toContain('Second \uFFFDparagraph.');
    expect(documentParagraphs(expertPkg)).toContain('The expert saw \uFFFD this.');

    const converted = convertToPdf(folder, documents);
    expect(converted.error, String(converted.error)).toBeUndefined();
    expect(converted.status, `LibreOffice exited with ${converted.status}: ${converted.stderr}`).toBe(0);
    expect(converted.pdfBytes.get('mission.docx')).toBeGreaterThan(10_000);
    expect(converted.pdfBytes.get('expert.docx')).toBeGreaterThan(5_000);
  });
});
