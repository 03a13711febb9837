/** Exit codes of the command line. */
export const EXIT_OK = 0;
/** The input was wrong: a missing or unreadable file, invalid JSON, a schema problem. */
export const EXIT_BAD_INPUT = 1;
/** The command line itself was wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;

/**
 * An expected failure with a message for the user (one line per entry, printed on stderr, no
 * stack trace). Anything else thrown is an unexpected error.
 */
export class CliError extends Error {
  readonly lines: readonly string[];

  constructor(
    lines: string | readonly string[],
    readonly exitCode: number = EXIT_BAD_INPUT,
  ) {
    const list = typeof lines === 'string' ? [lines] : lines;
    super(list.join('\n'));
    this.name = 'CliError';
    this.lines = list;
  }

  /**
   * The lines as printed: "mission-kit: <message>", like other command-line tools; further
   * lines (a list of choices) follow as they are.
   */
  printedLines(): string[] {
    return this.lines.map((line, index) => (index === 0 ? `mission-kit: ${line}` : line));
  }
}

/**
 * Problems found in a file, one "FILE: <json path>: <message>" line each. Printed as they are,
 * so editors and scripts can read them like compiler output.
 */
export class FileProblemsError extends CliError {
  constructor(lines: readonly string[]) {
    super(lines, EXIT_BAD_INPUT);
    this.name = 'FileProblemsError';
  }

  override printedLines(): string[] {
    return [...this.lines];
  }
}

/** A mistake in the command line: the message is followed by a hint to the usage text. */
export class UsageError extends CliError {
  constructor(
    message: string,
    /** The command whose usage the hint points to, if any. */
    readonly command?: string,
  ) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}
