import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/mission-kit';
import { terminalSafe } from '../../../main/cli/terminal-text';
import { makeTempIo } from './cli-test-io';

/**
 * A mission file from e-mail is printed by `validate` (its title) and `report` (its title):
 * terminal control sequences in it must reach the terminal as visible text, not as commands
 * that clear the screen, retitle the window or rewrite the line just printed.
 */

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
  expect((await runCli(['demo', '--out', 'demo.json'], io)).exitCode).toBe(0);
});
afterEach(() => cleanUp());

// Clear screen, a window title (OSC ... BEL), a carriage return that would overprint the line, a C1 CSI, a bidi override.
const HOSTILE_TITLE = 'Visit\u001b[2J\u001b]0;owned\u0007\rvalid\u009b31m\u202eevil';

describe('command-line output of hostile text', () => {
  it('prints a mission title with terminal control sequences as visible escapes', async () => {
    const demo = JSON.parse(await readFile(path.join(folder, 'demo.json'), 'utf8')) as { mission: { title: string } };
    demo.mission.title = HOSTILE_TITLE;
    await writeFile(path.join(folder, 'hostile.json'), JSON.stringify(demo));
    const result = await runCli(['validate', 'hostile.json'], io);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('"Visit\\u001b[2J\\u001b]0;owned\\u0007\\u000dvalid\\u009b31m\\u202eevil"');
    for (const raw of ['\u001b', '\u0007', '\r', '\u009b', '\u202e']) expect(result.stdout).not.toContain(raw);
  });

  it('escapes control characters in error lines too (a file name quoted back)', async () => {
    const result = await runCli(['validate', 'no\u001b[31mfile.json'], io);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('no\\u001b[31mfile.json');
    expect(result.stderr).not.toContain('\u001b');
  });

  it('keeps tabs, line feeds and ordinary non-ASCII text as they are', () => {
    expect(terminalSafe('Mission — Kosovo\n\tÉté 2015 ✓')).toBe('Mission — Kosovo\n\tÉté 2015 ✓');
  });
});
