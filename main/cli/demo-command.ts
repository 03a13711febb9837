import { buildKosovoDemo } from '../../shared/demo/kosovo-2015-demo';
import { describeProblems } from '../../shared/template-validation';
import { parseMissionFileText } from '../../shared/mission-file';
import { MISSION_FILE_FORMAT, type MissionFile } from '../../shared/schemas/mission-file';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { noPositionals, parseCommandArgs, requiredOption } from './arguments';
import { EXIT_OK } from './cli-errors';
import { count, writeOutputFile } from './cli-files';
import type { Command } from './command';

const DEMO_TEMPLATE_ID = 'visa-roadmap-kosovo-2012';

export const demoCommand: Command = {
  name: 'demo',
  synopsis: 'demo --out FILE.json [--force]',
  summary: 'write the Kosovo 2015 demo mission as a mission file',
  usage: `Usage: mission-kit demo --out FILE.json [--force]

Writes the demonstration mission (Kosovo visa roadmap assessment, July 2015) as a mission file
with its template, ready to validate, import into the app or turn into a report.

Options:
  -o, --out FILE   where to write the mission file (required)
  -f, --force      overwrite FILE if it exists`,

  async run(args, { io, output }) {
    const { values, positionals } = parseCommandArgs('demo', args, {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      output.line(demoCommand.usage);
      return EXIT_OK;
    }
    noPositionals('demo', positionals);
    const out = requiredOption('demo', 'out', values.out, 'FILE.json to write the demo mission to');

    const file = demoMissionFile(io.now());
    const text = `${JSON.stringify(file, null, 2)}\n`;
    // The demo is built from code and data shipped together; a file that would not import is a bug.
    const check = parseMissionFileText(text);
    if (!check.ok) throw new Error(`the demo mission does not validate:\n${describeProblems(check.problems)}`);

    await writeOutputFile(io, out, new TextEncoder().encode(text), { overwrite: values.force === true, overwriteHint: '--force' });
    output.line(`Wrote ${out}`);
    output.line(
      `demo mission "${file.mission.title}": ${count(file.members.length, 'member')}, ${count(file.findings.length, 'finding')}, ${count(file.recommendations.length, 'recommendation')}`,
    );
    return EXIT_OK;
  },
};

/** The demo mission as the app would export it, stamped with `now`. */
export function demoMissionFile(now: Date): MissionFile {
  const template = findBuiltinTemplate(DEMO_TEMPLATE_ID);
  if (!template) throw new Error(`the built-in template "${DEMO_TEMPLATE_ID}" is missing`);
  const demo = buildKosovoDemo();
  return {
    format: MISSION_FILE_FORMAT,
    formatVersion: 1,
    exportedAt: now.toISOString(),
    template,
    mission: demo.mission,
    members: demo.members,
    sites: demo.sites,
    findings: demo.findings,
    evidence: demo.evidence,
    assessments: demo.assessments,
    recommendations: demo.recommendations,
    changes: [],
  };
}
