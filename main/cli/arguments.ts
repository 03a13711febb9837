import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses one command's arguments with node:util's parseArgs in strict mode, turning its
 * errors (unknown option, option without its value) into short usage errors for that command.
 */
export function parseCommandArgs<const O extends OptionsConfig>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error), command);
  }
}

function describeParseError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs names the option in quotes: "Unknown option '--fast'", "Option '-o, --out <value>'
  // argument missing"; the long name is the one to show.
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
  if (option !== undefined) {
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      return /does not take an argument/.test(message) ? `option ${option} does not take a value` : `option ${option} needs a value`;
    }
  }
  return message;
}

/** A string option that must not be empty ("--out=" is as good as no --out at all). */
export function requiredOption(command: string, name: string, value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`missing --${name} ${what}`, command);
  return value;
}

/** Exactly one positional argument. */
export function onePositional(command: string, positionals: readonly string[], what: string): string {
  const [first, ...rest] = positionals;
  if (first === undefined || first === '') throw new UsageError(`missing ${what}`, command);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0] ?? ''}" (only one ${what} is expected)`, command);
  return first;
}

/** No positional argument at all. */
export function noPositionals(command: string, positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] ?? ''}"`, command);
}
