import { readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, UsageError } from '../../../main/cli/cli-errors';
import { Output, type CliIo } from '../../../main/cli/cli-io';
import { createHubClient } from '../../../shared/sync/hub-client';
import { makeTempIo } from '../cli/cli-test-io';
import { hubCommandHarness, platformFetch } from './hub-test-kit';

let folder: string;
let io: CliIo;
let cleanUp: () => Promise<void>;

beforeEach(async () => {
  ({ folder, io, cleanUp } = await makeTempIo());
});
afterEach(() => cleanUp());

describe('mission-kit hub', () => {
  it('prints the address and pairing code, serves until stopped, then stops cleanly', async () => {
    const { command, printed, stop, running } = hubCommandHarness();
    const output = new Output();
    const exit = command.run(['--data', 'hub-data', '--port', '0', '--host', '127.0.0.1'], { io, output });
    await running;

    expect(printed[0]).toBe('Mission Kit hub running, data in hub-data');
    const url = printed.find((line) => line.startsWith('  http://'))?.trim() ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(printed[1]).toBe(`Listening on 127.0.0.1:${new URL(url).port}: this machine only (to serve the local network, start with --host 0.0.0.0 or --host <interface>).`);
    const code = /^Pairing code: ([2-9A-Z]{8}) \(a new one, without stopping: mission-kit hub --data hub-data --new-code\)$/.exec(printed.find((line) => line.startsWith('Pairing code')) ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    expect(printed.at(-1)).toBe('Press Ctrl+C to stop.');

    // A device pairs with what was printed; the hub's own log lines come out as they happen.
    const client = createHubClient({ baseUrl: url, fetch: platformFetch });
    await client.pair(code, 'dev-cli', null);
    expect(printed).toContainEqual(expect.stringMatching(/^hub: Paired device dev-cli from /));

    stop();
    expect(await exit).toBe(0);
    expect(printed.at(-1)).toBe('Hub stopped.');
    expect(output.result(0).stdout).toBe('');
    // The data folder is relative to the working folder; the lock is gone, the session kept.
    expect(await readdir(path.join(folder, 'hub-data'))).toEqual(['sessions.json']);
  });

  it('explains usage mistakes', async () => {
    const { command } = hubCommandHarness();
    const run = (args: string[]) => command.run(args, { io, output: new Output() });
    await expect(run([])).rejects.toThrow(new UsageError('missing --data DIR to keep the hub data in', 'hub'));
    await expect(run(['--data', 'd', '--port', '70000'])).rejects.toThrow('--port must be a number from 0 to 65535, not "70000"');
    await expect(run(['--data', 'd', '--port', 'http'])).rejects.toThrow('--port must be a number');
    await expect(run(['--data', 'd', 'extra'])).rejects.toThrow('unexpected argument "extra"');
    const output = new Output();
    expect(await command.run(['--help'], { io, output })).toBe(0);
    expect(output.result(0).stdout).toContain('Usage: mission-kit hub --data DIR [--port N] [--host ADDRESS|INTERFACE]');
    expect(output.result(0).stdout).toContain('mission-kit hub --data DIR --new-code');
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { command } = hubCommandHarness();
      const failure = await command.run(['--data', 'hub-data', '--port', String(port), '--host', '127.0.0.1'], { io, output: new Output() }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CliError);
      expect((failure as CliError).message).toBe(`cannot start the hub: port ${port} is already in use on 127.0.0.1; choose another with --port`);
      // Nothing is left locked behind.
      expect(await readdir(path.join(folder, 'hub-data'))).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});
