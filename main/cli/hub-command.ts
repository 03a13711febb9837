import { networkInterfaces } from 'node:os';
import { issueNewPairingCode, NoRunningHubError } from '../hub/hub-code-file';
import { describeListening, HubHostError, LOOPBACK_HOST, resolveHubHost } from '../hub/hub-host';
import { startHub, type HubOptions, type RunningHub } from '../hub/hub-server';
import { noPositionals, parseCommandArgs, requiredOption } from './arguments';
import { CliError, EXIT_OK, UsageError } from './cli-errors';
import { describeFsError, resolvePath } from './cli-files';
import type { Command } from './command';

export const DEFAULT_HUB_PORT = 7420;

export interface HubCommandDependencies {
  startHub(options: HubOptions): Promise<RunningHub>;
  /** Resolves when the hub should stop: SIGINT (Ctrl+C) or SIGTERM for the real process. */
  waitForStop(): Promise<void>;
  /**
   * Prints one line at once. The hub runs until stopped, so its address and code cannot wait
   * for the end of the run like other commands' output.
   */
  print(line: string): void;
  /** This machine's network interfaces, by name (os.networkInterfaces). */
  interfaces(): ReturnType<typeof networkInterfaces>;
}

const USAGE = `Usage: mission-kit hub --data DIR [--port N] [--host ADDRESS|INTERFACE]
       mission-kit hub --data DIR --new-code

Runs the LAN sync hub without the app, until Ctrl+C: experts' devices pair with the code it
prints, then push and pull their changes and attachments through it. Everything the hub
receives is kept in DIR; devices stay paired when the hub restarts on the same DIR.

Options:
  -d, --data DIR       where missions, attachments and paired devices are kept (required)
  -p, --port N         the TCP port (default ${DEFAULT_HUB_PORT}; 0 picks a free one)
  --host ADDRESS       where to listen (default ${LOOPBACK_HOST}: this machine only). To serve
                       the local network: 0.0.0.0 (every interface), one of this machine's
                       addresses, or an interface name such as eth0 or wlan0
  --new-code           give the hub already running on DIR a new pairing code, print it and
                       exit; the old code stops working (after wrong codes slowed pairing down)`;

export function createHubCommand(dependencies: HubCommandDependencies): Command {
  const command: Command = {
    name: 'hub',
    synopsis: 'hub --data DIR [--port N] [--host ADDRESS] | --new-code',
    summary: 'run the LAN sync hub that experts pair with, until Ctrl+C',
    usage: USAGE,

    async run(args, { io, output }) {
      const { values, positionals } = parseCommandArgs('hub', args, {
        data: { type: 'string', short: 'd' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'new-code': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      });
      if (values.help) {
        output.line(USAGE);
        return EXIT_OK;
      }
      noPositionals('hub', positionals);
      const data = requiredOption('hub', 'data', values.data, 'DIR to keep the hub data in');
      const { print } = dependencies;
      if (values['new-code']) {
        if (values.port !== undefined || values.host !== undefined) throw new UsageError('--new-code takes no --port or --host: it talks to the hub already running on DIR', 'hub');
        return newCode(data, resolvePath(io, data), print);
      }
      const port = parsePort(values.port);
      const host = parseHost(values.host, dependencies.interfaces());

      let hub: RunningHub;
      try {
        hub = await dependencies.startHub({ dataDir: resolvePath(io, data), port, host, log: (line) => print(`hub: ${line}`) });
      } catch (error) {
        throw new CliError(`cannot start the hub: ${describeStartError(error, host, port)}`);
      }
      print(`Mission Kit hub running, data in ${data}`);
      print(describeListening(hub.listening));
      print(`Address${hub.urls.length === 1 ? '' : 'es'} for the experts' devices:`);
      hub.urls.forEach((url) => print(`  ${url}`));
      print(`Pairing code: ${hub.pairingCode} (a new one, without stopping: mission-kit hub --data ${data} --new-code)`);
      print('Press Ctrl+C to stop.');
      await dependencies.waitForStop();
      await hub.close();
      print('Hub stopped.');
      return EXIT_OK;
    },
  };
  return command;
}

async function newCode(shown: string, dataDir: string, print: (line: string) => void): Promise<number> {
  let issued;
  try {
    issued = await issueNewPairingCode(dataDir);
  } catch (error) {
    if (error instanceof NoRunningHubError) throw new CliError(`cannot issue a new pairing code: no hub is running on ${shown} (a hub shows a new code each time it starts)`);
    throw new CliError(`cannot issue a new pairing code: ${describeFsError(error, 'no such folder')}`);
  }
  print(`New pairing code: ${issued.code}`);
  print(`The hub running on ${shown} (process ${issued.pid}) uses it from its next pairing attempt; the old code no longer works.`);
  return EXIT_OK;
}

function parseHost(value: string | undefined, interfaces: ReturnType<typeof networkInterfaces>): string {
  if (value === undefined) return LOOPBACK_HOST;
  try {
    return resolveHubHost(value, interfaces);
  } catch (error) {
    if (error instanceof HubHostError) throw new UsageError(`--host: ${error.message}`, 'hub');
    throw error;
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HUB_PORT;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`, 'hub');
  return port;
}

function describeStartError(error: unknown, host: string, port: number): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'EADDRINUSE') return `port ${port} is already in use on ${host}; choose another with --port`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine`;
  if (code === 'EACCES' && port < 1024) return `port ${port} needs administrator rights; choose one above 1023`;
  return describeFsError(error, 'no such folder');
}

/** Until Ctrl+C or a termination request. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const hubCommand: Command = createHubCommand({
  startHub,
  waitForStop: untilSignal,
  print: (line) => process.stdout.write(`${line}\n`),
  interfaces: networkInterfaces,
});
