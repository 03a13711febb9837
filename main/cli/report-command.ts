import { renderExpertReport, renderMissionReport, type ReportInput, type ReportOptions } from '../../shared/report';
import type { MissionFile } from '../../shared/schemas/mission-file';
import { onePositional, parseCommandArgs, requiredOption } from './arguments';
import { CliError, EXIT_OK } from './cli-errors';
import { count, resolvePath, writeOutputFile } from './cli-files';
import type { Command } from './command';
import { readMissionFile } from './documents';

export const reportCommand: Command = {
  name: 'report',
  synopsis: 'report MISSION.json --out FILE.docx [--expert MEMBER-ID]',
  summary: "write the mission report, or one expert's report, as a Word document",
  usage: `Usage: mission-kit report MISSION.json --out FILE.docx [--expert MEMBER-ID] [--no-questionnaire-annex]

Validates a mission file and writes its report as a Word document: the mission report, or with
--expert the report of one team member's findings.

Options:
  -o, --out FILE            where to write the .docx (required; an existing file is replaced)
  --expert MEMBER-ID        the expert report of this member instead of the mission report
  --no-questionnaire-annex  leave out the annex with the answers to the guiding questions`,

  async run(args, { io, output }) {
    const { values, positionals } = parseCommandArgs('report', args, {
      out: { type: 'string', short: 'o' },
      expert: { type: 'string' },
      'no-questionnaire-annex': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      output.line(reportCommand.usage);
      return EXIT_OK;
    }
    const input = onePositional('report', positionals, 'MISSION.json');
    const out = requiredOption('report', 'out', values.out, 'FILE.docx to write the report to');
    if (values.expert !== undefined && values.expert.trim() === '') throw new CliError('--expert needs a member id');
    if (resolvePath(io, out) === resolvePath(io, input)) {
      throw new CliError(`--out ${out} is the mission file itself; choose another name for the report`);
    }

    const file = await readMissionFile(io, input);
    const reportInput = toReportInput(file);
    const options: ReportOptions = { generatedAt: localIsoDateTime(io.now()), includeQuestionnaireAnnex: values['no-questionnaire-annex'] !== true };

    let data: Uint8Array;
    let summary: string;
    if (values.expert === undefined) {
      data = await renderMissionReport(reportInput, options);
      summary = `mission report for "${file.mission.title}": ${count(file.assessments.length, 'assessment')}, ${count(file.recommendations.length, 'recommendation')}`;
    } else {
      const member = findMember(file, values.expert);
      data = await renderExpertReport(reportInput, member.id, options);
      const findings = file.findings.filter((finding) => finding.authorId === member.id).length;
      summary = `expert report of ${member.name} (${member.id}) for "${file.mission.title}": ${count(findings, 'finding')}`;
    }

    await writeOutputFile(io, out, data, { overwrite: true });
    output.line(`Wrote ${out}`);
    output.line(summary);
    return EXIT_OK;
  },
};

function toReportInput(file: MissionFile): ReportInput {
  return {
    template: file.template,
    mission: file.mission,
    members: file.members,
    sites: file.sites,
    findings: file.findings,
    evidence: file.evidence,
    assessments: file.assessments,
    recommendations: file.recommendations,
  };
}

function findMember(file: MissionFile, id: string): MissionFile['members'][number] {
  const member = file.members.find((candidate) => candidate.id === id);
  if (member) return member;
  if (file.members.length === 0) throw new CliError(`unknown member "${id}": the mission has no members`);
  const width = Math.max(...file.members.map((candidate) => candidate.id.length));
  throw new CliError([
    `unknown member "${id}"; the mission's members are:`,
    ...file.members.map((candidate) => `  ${candidate.id.padEnd(width)}  ${candidate.name} (${candidate.role})`),
  ]);
}

/**
 * The local date and time with its offset, "2015-07-20T09:30:00+02:00": the report prints the
 * generation date, which should be the user's calendar day, not UTC's.
 */
export function localIsoDateTime(date: Date): string {
  const pad = (n: number): string => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}
