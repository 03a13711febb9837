import { version } from '../../package.json';
import { CliError, EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, UsageError } from './cli-errors';
import { nodeIo, Output, type CliIo, type CliResult } from './cli-io';
import { bundleCommand } from './bundle-command';
import type { Command } from './command';
import { demoCommand } from './demo-command';
import { hubCommand } from './hub-command';
import { mergeCommand } from './merge-command';
import { reportCommand } from './report-command';
import { validateCommand } from './validate-command';

/**
 * `mission-kit`: the toolkit's command line, for scripts and for checking files without the
 * app. Built by scripts/build-main.mjs into dist/cli/mission-kit.cjs; bin/mission-kit.cjs runs it.
 */

const COMMANDS: readonly Command[] = [demoCommand, validateCommand, reportCommand, bundleCommand, mergeCommand, hubCommand];

export const USAGE = `Usage: mission-kit <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.synopsis}\n      ${command.summary}`).join('\n')}
  help [COMMAND]
      show this text, or a command's options

Options:
  -h, --help       show this text
  -V, --version    print the version

Exit status: 0 success, 1 invalid input (missing file, invalid JSON, schema problems),
2 usage error.`;

/** Runs one command line in-process; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const output = new Output();
  try {
    return output.result(await dispatch(argv, io, output));
  } catch (error) {
    if (error instanceof CliError) {
      error.printedLines().forEach((line) => output.error(line));
      if (error instanceof UsageError) {
        output.error(`Run "mission-kit ${error.command ? `${error.command} ` : ''}--help" for usage.`);
      }
      return output.result(error.exitCode);
    }
    // A bug or an environment we did not foresee: one line, no stack trace.
    output.error(`mission-kit: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return output.result(EXIT_BAD_INPUT);
  }
}

async function dispatch(argv: readonly string[], io: CliIo, output: Output): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    output.line(USAGE);
    return EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    output.line(version);
    return EXIT_OK;
  }
  if (first === 'help') {
    const [name, ...extra] = rest;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
    if (name === undefined) {
      output.line(USAGE);
      return EXIT_OK;
    }
    output.line(findCommand(name).usage);
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first}`);
  return findCommand(first).run(rest, { io, output });
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
  return command;
}

/** The process entry point, called by bin/mission-kit.cjs. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const result = await runCli(argv, nodeIo());
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  // exitCode rather than exit(): let the streams flush.
  process.exitCode = result.exitCode;
}

export { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE };
