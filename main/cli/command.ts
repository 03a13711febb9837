import type { CliIo, Output } from './cli-io';

export interface CommandContext {
  io: CliIo;
  output: Output;
}

/** One subcommand of `mission-kit`. */
export interface Command {
  name: string;
  /** The command with its arguments, for the general usage text. */
  synopsis: string;
  /** What it does, in a few words. */
  summary: string;
  /** The command's own help text (`mission-kit <command> --help`). */
  usage: string;
  /** Returns the exit code; expected failures are thrown as CliError. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}
