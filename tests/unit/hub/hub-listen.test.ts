import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/cli-errors';
import { Output, type CliIo } from '../../../main/cli/cli-io';
import { createHubCommand } from '../../../main/cli/hub-command';
import { describeListening, reachOf, resolveHubHost } from '../../../main/hub/hub-host';
import { startHub } from '../../../main/hub/hub-server';
import { makeTempIo } from '../cli/cli-test-io';
import { hubCommandHarness, makeHubFolder } from './hub-test-kit';

/** An interface entry as os.networkInterfaces() gives it. */
function entry(address: string, family: 'IPv4' | 'IPv6', scopeid = 0): NetworkInterfaceInfo {
  const base = { address, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', internal: false, cidr: null };
  return family === 'IPv4' ? { ...base, family } : { ...base, family, scopeid };
}

const INTERFACES = {
  lo: [entry('127.0.0.1', 'IPv4'), entry('::1', 'IPv6')],
  eth0: [entry('fe80::a', 'IPv6', 2), entry('192.168.1.20', 'IPv4')],
  wlan0: [entry('fe80::1', 'IPv6', 3)],
};

// Each hub start runs PBKDF2 (600,000 iterations) on its code: seconds on a loaded two-core machine.
const SLOW = { timeout: 30_000 };

describe('where the hub listens', SLOW, () => {
  it('resolves an address, "localhost" or an interface name, and names the interfaces there are otherwise', () => {
    expect(resolveHubHost('0.0.0.0', INTERFACES)).toBe('0.0.0.0');
    expect(resolveHubHost(' 192.168.1.20 ', INTERFACES)).toBe('192.168.1.20');
    expect(resolveHubHost('::', INTERFACES)).toBe('::');
    expect(resolveHubHost('localhost', INTERFACES)).toBe('127.0.0.1');
    // The IPv4 address of an interface, whatever order the OS lists them in.
    expect(resolveHubHost('eth0', INTERFACES)).toBe('192.168.1.20');
    // Only a link-local IPv6 address: usable with its interface only.
    expect(resolveHubHost('wlan0', INTERFACES)).toBe('fe80::1%wlan0');
    expect(() => resolveHubHost('wlan1', INTERFACES)).toThrow('"wlan1" is neither an IP address nor a network interface with an address; this machine has eth0, lo, wlan0');
    expect(() => resolveHubHost('constructor', INTERFACES)).toThrow('is neither an IP address');
    expect(() => resolveHubHost('  ', INTERFACES)).toThrow('the address to listen on is empty');
  });

  it('tells this machine from the network', () => {
    for (const address of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1']) expect([address, reachOf(address)]).toEqual([address, 'this-machine']);
    for (const address of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'fe80::1%wlan0']) expect([address, reachOf(address)]).toEqual([address, 'network']);
  });

  it('says exactly what it listens on in the start-up line', () => {
    expect(describeListening({ address: '127.0.0.1', port: 7420, reach: 'this-machine' })).toBe(
      'Listening on 127.0.0.1:7420: this machine only (to serve the local network, start with --host 0.0.0.0 or --host <interface>).',
    );
    expect(describeListening({ address: '0.0.0.0', port: 7420, reach: 'network' })).toBe('Listening on 0.0.0.0:7420: every network interface, reachable from the local network.');
    expect(describeListening({ address: '::', port: 7420, reach: 'network' })).toBe('Listening on [::]:7420: every network interface, reachable from the local network.');
    expect(describeListening({ address: '192.168.1.20', port: 7420, reach: 'network' })).toBe('Listening on 192.168.1.20:7420: reachable from the network that address is on.');
  });

  it('is loopback when nothing is said', async () => {
    const folder = await makeHubFolder();
    const hub = await startHub({ port: 0, dataDir: folder.dataDir, log: () => undefined });
    try {
      expect(hub.listening).toEqual({ address: '127.0.0.1', port: expect.any(Number), reach: 'this-machine' });
      expect(hub.urls).toEqual([`http://127.0.0.1:${hub.listening.port}/`]);
    } finally {
      await hub.close();
      await folder.cleanUp();
    }
  });
});

describe('mission-kit hub --host', SLOW, () => {
  let io: CliIo;
  let cleanUp: () => Promise<void>;
  beforeEach(async () => {
    ({ io, cleanUp } = await makeTempIo());
  });
  afterEach(() => cleanUp());

  /** Runs the command until it serves, then stops it; returns what it printed. */
  async function startAndStop(args: string[]): Promise<string[]> {
    const { command, printed, stop, running } = hubCommandHarness();
    const exit = command.run(args, { io, output: new Output() });
    await Promise.race([running, exit]);
    stop();
    expect(await exit).toBe(0);
    return printed;
  }

  it('listens on loopback by default and says it serves this machine only', async () => {
    const printed = await startAndStop(['--data', 'hub-data', '--port', '0']);
    expect(printed[1]).toMatch(/^Listening on 127\.0\.0\.1:\d+: this machine only \(to serve the local network, start with --host 0\.0\.0\.0 or --host <interface>\)\.$/);
    expect(printed).toContainEqual(expect.stringMatching(/^ {2}http:\/\/127\.0\.0\.1:\d+\/$/));
  });

  it('takes an interface name and listens on its address', async () => {
    // The loopback interface ("lo" on Linux, "lo0" on macOS): the only one a test may listen on.
    const loopback = Object.entries(networkInterfaces()).find(([, entries]) => entries?.some((item) => item.family === 'IPv4' && item.address === '127.0.0.1'))?.[0];
    if (loopback === undefined) throw new Error('this machine has no loopback interface with 127.0.0.1');
    const printed = await startAndStop(['--data', 'hub-data', '--port', '0', '--host', loopback]);
    expect(printed[1]).toMatch(/^Listening on 127\.0\.0\.1:\d+: this machine only/);
  });

  it('refuses a name that is neither an address nor an interface, listing the interfaces', async () => {
    const command = createHubCommand({ startHub, waitForStop: async () => undefined, print: () => undefined, interfaces: () => INTERFACES });
    await expect(command.run(['--data', 'hub-data', '--host', 'wlan9'], { io, output: new Output() })).rejects.toThrow(
      new UsageError('--host: "wlan9" is neither an IP address nor a network interface with an address; this machine has eth0, lo, wlan0', 'hub'),
    );
  });
});
