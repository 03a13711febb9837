import { countRequirements } from '../../shared/template-outline';
import { parseCommandArgs } from './arguments';
import { CliError, EXIT_BAD_INPUT, EXIT_OK, UsageError } from './cli-errors';
import { count } from './cli-files';
import type { Command } from './command';
import { readDocument, type MissionKitDocument } from './documents';
import { recommendationWarningLines } from './recommendation-warning-lines';

export const validateCommand: Command = {
  name: 'validate',
  synopsis: 'validate FILE...',
  summary: 'check template and mission files',
  usage: `Usage: mission-kit validate FILE...

Checks Mission Kit JSON files. Each file's "format" field says what it is:
"mission-kit/template" (a checklist template) or "mission-kit/mission" (a mission file).
Prints one line per valid file; for an invalid one, one line per problem on stderr:
  FILE: <json path>: <message>

A valid mission file may still draw warnings on stderr (exit status 0): the consistency checks
of the Recommendations screen (a recommendation linked only to fulfilled requirements, or to one
not assessed yet; a requirement assessed as not fulfilled that no recommendation addresses).

Exit status: 0 when every file is valid, 1 when one is not, 2 for a usage error.`,

  async run(args, { io, output }) {
    const { values, positionals } = parseCommandArgs('validate', args, { help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      output.line(validateCommand.usage);
      return EXIT_OK;
    }
    if (positionals.length === 0) throw new UsageError('missing FILE to validate', 'validate');
    let exitCode = EXIT_OK;
    for (const file of positionals) {
      try {
        const document = await readDocument(io, file);
        output.line(`${file}: ${describeValid(document)}`);
        if (document.kind === 'mission') recommendationWarningLines(file, document.file).forEach((line) => output.error(line));
      } catch (error) {
        // Report every file, then fail: a batch check should not stop at the first bad file.
        if (!(error instanceof CliError)) throw error;
        error.printedLines().forEach((line) => output.error(line));
        exitCode = EXIT_BAD_INPUT;
      }
    }
    return exitCode;
  },
};

function describeValid(document: MissionKitDocument): string {
  if (document.kind === 'template') {
    const { template } = document;
    return `valid template "${template.title}" (version ${template.version}, ${count(countRequirements(template), 'requirement')})`;
  }
  const { file } = document;
  const parts = [
    count(file.members.length, 'member'),
    count(file.sites.length, 'site visit'),
    count(file.findings.length, 'finding'),
    count(file.assessments.length, 'assessment'),
    count(file.recommendations.length, 'recommendation'),
    count(file.changes.length, 'change'),
  ];
  return `valid mission "${file.mission.title}" (template "${file.template.id}" version ${file.template.version}; ${parts.join(', ')})`;
}
