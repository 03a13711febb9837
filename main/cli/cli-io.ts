import * as nodeFs from 'node:fs/promises';
import type { FileSystem } from '../file-system';

/**
 * Everything the commands touch outside their arguments, injected so tests can run the whole
 * command line in-process against a temporary folder and a fixed clock.
 */
export interface CliIo {
  /** The folder relative paths on the command line are resolved against. */
  cwd: string;
  fs: FileSystem;
  now(): Date;
  /** Environment variables (a bundle passphrase may come from one); tests pass their own. */
  env: Readonly<Record<string, string | undefined>>;
}

/** What one run of the command line produced. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The real process: its working folder, the disk and the clock. */
export function nodeIo(): CliIo {
  return {
    cwd: process.cwd(),
    fs: { stat: nodeFs.stat, open: nodeFs.open, rename: nodeFs.rename, rm: nodeFs.rm },
    now: () => new Date(),
    env: process.env,
  };
}

/** Collects a command's output lines; the entry point prints them when the run ends. */
export class Output {
  private readonly out: string[] = [];
  private readonly err: string[] = [];

  line(text: string): void {
    this.out.push(text);
  }

  error(text: string): void {
    this.err.push(text);
  }

  result(exitCode: number): CliResult {
    return { exitCode, stdout: joinLines(this.out), stderr: joinLines(this.err) };
  }
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
