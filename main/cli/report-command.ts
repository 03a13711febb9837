import { MalformedDocxError, renderExpertReport, renderMissionReport, reportInputOf, type ReportInput, type ReportOptions } from '../../shared/report';
import type { MissionFile } from '../../shared/schemas/mission-file';
import { materializeMission } from '../../shared/sync/materialize-mission';
import { conflictWarningLines, type OpenConflict } from '../../shared/sync/open-conflicts';
import { onePositional, parseCommandArgs, requiredOption } from './arguments';
import { PASSPHRASE_ENV, PASSPHRASE_OPTION, looksLikeBundle, openBundleFile, passphraseOf } from './bundle-files';
import { CliError, EXIT_OK, FileProblemsError } from './cli-errors';
import type { CliIo } from './cli-io';
import { count, resolvePath, writeOutputFile } from './cli-files';
import type { Command } from './command';
import { readMissionFile } from './documents';
import { recommendationWarningLines } from './recommendation-warning-lines';
import { duplicateAssessmentProblems } from '../../shared/sync/delivery-references';

/** At most this many problems of a bundle's change log are printed. */
const MAX_LISTED_PROBLEMS = 50;

export const reportCommand: Command = {
  name: 'report',
  synopsis: 'report MISSION.json|BUNDLE.mkbundle --out FILE.docx [--expert MEMBER-ID]',
  summary: "write the mission report, or one expert's report, as a Word document",
  usage: `Usage: mission-kit report MISSION.json --out FILE.docx [--expert MEMBER-ID] [--no-questionnaire-annex]
       mission-kit report BUNDLE.mkbundle --out FILE.docx [--expert MEMBER-ID] [--no-questionnaire-annex] [--passphrase P]

Validates a mission file and writes its report as a Word document: the mission report, or with
--expert the report of one team member's findings.

A sync bundle (.mkbundle, told apart from a mission file by its name or its first bytes) works
too: the mission is rebuilt from the bundle's changes, so the bundle must hold the whole
change log (as an "everything" bundle or the output of "mission-kit merge" does), and the
report uses the bundle's template; its photos are embedded in the expert reports. A bundle
whose changes refer to what its template or mission does not have (a rating level the scale
lacks, a finding by someone who is not a member, …) is refused, naming the changes.

The consistency checks of the Recommendations screen are printed as warnings on stderr; they
do not change the exit status. When the bundle holds narrative conflicts (a text edited on two
devices at once and not yet resolved), the report prints the later version of each; a warning
on stderr says how many are open and whose version was used (the exit status stays 0).

Options:
  -o, --out FILE            where to write the .docx (required; an existing file is replaced)
  --expert MEMBER-ID        the expert report of this member instead of the mission report
  --no-questionnaire-annex  leave out the annex with the answers to the guiding questions
  --passphrase P            the passphrase of an encrypted bundle; without it, the environment
                            variable ${PASSPHRASE_ENV} is used when set`,

  async run(args, { io, output }) {
    const { values, positionals } = parseCommandArgs('report', args, {
      out: { type: 'string', short: 'o' },
      expert: { type: 'string' },
      'no-questionnaire-annex': { type: 'boolean' },
      ...PASSPHRASE_OPTION,
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      output.line(reportCommand.usage);
      return EXIT_OK;
    }
    const input = onePositional('report', positionals, 'MISSION.json');
    const out = requiredOption('report', 'out', values.out, 'FILE.docx to write the report to');
    if (values.expert !== undefined && values.expert.trim() === '') throw new CliError('--expert needs a member id');
    const passphrase = passphraseOf(io, values.passphrase, 'report');
    const isBundle = await looksLikeBundle(io, input);
    if (resolvePath(io, out) === resolvePath(io, input)) {
      throw new CliError(`--out ${out} is the ${isBundle ? 'bundle' : 'mission file'} itself; choose another name for the report`);
    }

    // A mission file holds one value per field; only a bundle's change log can hold conflicts.
    const { report: reportInput, conflicts } = isBundle ? await readBundleAsMission(io, input, passphrase) : { report: toReportInput(await readMissionFile(io, input)), conflicts: [] };
    const options: ReportOptions = { generatedAt: localIsoDateTime(io.now()), includeQuestionnaireAnnex: values['no-questionnaire-annex'] !== true };

    let data: Uint8Array;
    let summary: string;
    if (values.expert === undefined) {
      data = await checkedReport(out, renderMissionReport(reportInput, options));
      summary = `mission report for "${reportInput.mission.title}": ${count(reportInput.assessments.length, 'assessment')}, ${count(reportInput.recommendations.length, 'recommendation')}`;
    } else {
      const member = findMember(reportInput, values.expert);
      data = await checkedReport(out, renderExpertReport(reportInput, member.id, options));
      const findings = reportInput.findings.filter((finding) => finding.authorId === member.id).length;
      summary = `expert report of ${member.name} (${member.id}) for "${reportInput.mission.title}": ${count(findings, 'finding')}`;
    }

    await writeOutputFile(io, out, data, { overwrite: true });
    output.line(`Wrote ${out}`);
    output.line(summary);
    recommendationWarningLines(input, reportInput).forEach((line) => output.error(line));
    // The report is written all the same (the later version of each text), but whoever sends it
    // on must know that some text is still disputed and whose version it prints.
    const members = new Map(reportInput.members.map((member) => [member.id, member.name]));
    conflictWarningLines(conflicts, { members, devices: new Map() }).forEach((line, index) => output.error(index === 0 ? `mission-kit: warning: ${line}` : line));
    return EXIT_OK;
  },
};

/**
 * A bundle as report input: the mission materialized from its changes, its template and its
 * attachment bytes. Problems of the change log are printed like a mission file's,
 * "FILE: <entity>[<id>].<field>: <message>".
 */
async function readBundleAsMission(io: CliIo, input: string, passphrase: string | undefined): Promise<{ report: ReportInput; conflicts: OpenConflict[] }> {
  const { bundle } = await openBundleFile(io, input, passphrase);
  const state = materializeMission(bundle.changes);
  if (!state.ok) {
    const lines = state.problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `${input}: ${problem.path}: ${problem.message}`);
    if (state.problems.length > MAX_LISTED_PROBLEMS) lines.push(`${input}: … and ${state.problems.length - MAX_LISTED_PROBLEMS} more problems`);
    if (bundle.manifest.scope === 'since') {
      lines.push(`${input}: (root): this bundle holds only the changes its receiver had not seen; a report needs the whole change log ("everything")`);
    }
    throw new FileProblemsError(lines);
  }
  const duplicates = duplicateAssessmentProblems(state.assessments, (assessment) => `assessment[${assessment.id}].requirementId`);
  if (duplicates.length > 0) throw new FileProblemsError(duplicates.map((problem) => `${input}: ${problem.path}: ${problem.message}`));
  if (state.mission.templateId !== bundle.template.id) {
    throw new FileProblemsError([`${input}: mission.templateId: "${state.mission.templateId}" is not the bundle's template "${bundle.template.id}"`]);
  }
  const requirementOf = new Map<string, string>([...state.findings, ...state.assessments].map((row) => [row.id, row.requirementId]));
  const authorOf = new Map(state.findings.map((finding) => [finding.id, finding.authorId]));
  return {
    report: {
      template: bundle.template,
      mission: state.mission,
      members: state.members,
      sites: state.sites,
      findings: state.findings,
      evidence: state.evidence,
      assessments: state.assessments,
      recommendations: state.recommendations,
      attachments: bundle.attachments,
    },
    conflicts: state.conflicts.map((conflict) => ({ ...conflict, requirementId: requirementOf.get(conflict.id), authorId: authorOf.get(conflict.id) ?? null })),
  };
}

/**
 * The report's bytes, or a CliError when the check after writing found a part that does not
 * parse: the report is then not written at all (an existing file at --out stays as it was).
 */
async function checkedReport(out: string, rendering: Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await rendering;
  } catch (error) {
    if (error instanceof MalformedDocxError) throw new CliError(`${out} not written: ${error.message}`);
    throw error;
  }
}

function toReportInput(file: MissionFile): ReportInput {
  return reportInputOf(file);
}

function findMember(file: Pick<ReportInput, 'members'>, id: string): ReportInput['members'][number] {
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
