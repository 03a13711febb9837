import * as nodeFs from 'node:fs/promises';
import type { FileSystem } from '../file-system';
import { terminalSafe } from './terminal-text';

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

/**
 * Collects a command's output lines; the entry point prints them when the run ends. Lines may
 * quote a hostile file, so they are made terminal-safe here, where every command's output passes.
 */
export class Output {
  private readonly out: string[] = [];
  private readonly err: string[] = [];

  line(text: string): void {
    this.out.push(terminalSafe(text));
  }

  error(text: string): void {
    this.err.push(terminalSafe(text));
  }

  result(exitCode: number): CliResult {
    return { exitCode, stdout: joinLines(this.out), stderr: joinLines(this.err) };
  }
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
