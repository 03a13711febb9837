import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

/**
 * Where the hub listens. Loopback is the default: a hub started without thinking must not be
 * reachable from a hotel or conference LAN. Serving the network is a choice made by address
 * ("0.0.0.0" for every interface, or one of this machine's addresses) or by interface name
 * ("eth0", "wlan0", "Wi-Fi"), and the start-up line says which it is.
 */

export const LOOPBACK_HOST = '127.0.0.1';

/** Whether what the hub listens on can be reached from other machines. */
export type HubReach = 'this-machine' | 'network';

export interface HubListening {
  /** The address the socket is bound to, as the OS reports it. */
  address: string;
  port: number;
  reach: HubReach;
}

export class HubHostError extends Error {
  override name = 'HubHostError';
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * The address to listen on for what the user gave: an IP address, "localhost", or the name of
 * a network interface, which becomes that interface's IPv4 address (its IPv6 one if it has no
 * IPv4). A name that is neither gets an error listing the interfaces there are.
 */
export function resolveHubHost(value: string, interfaces: Interfaces): string {
  const given = value.trim();
  if (given === '') throw new HubHostError('the address to listen on is empty');
  if (given === 'localhost') return LOOPBACK_HOST;
  if (isIP(given) !== 0) return given;
  const entries = Object.hasOwn(interfaces, given) ? (interfaces[given] ?? []) : [];
  const chosen = entries.find((entry) => entry.family === 'IPv4') ?? entries.find((entry) => entry.family === 'IPv6');
  if (!chosen) {
    const names = Object.keys(interfaces).sort();
    const known = names.length > 0 ? `; this machine has ${names.join(', ')}` : '';
    throw new HubHostError(`"${given}" is neither an IP address nor a network interface with an address${known}`);
  }
  // A link-local IPv6 address is only meaningful with its interface: fe80::1%wlan0.
  return chosen.family === 'IPv6' && chosen.scopeid ? `${chosen.address}%${given}` : chosen.address;
}

/** Loopback addresses (127.0.0.0/8, ::1, and IPv4-mapped loopback) reach this machine only. */
export function reachOf(address: string): HubReach {
  const plain = address.replace(/^::ffff:/i, '');
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain) || plain === '::1') return 'this-machine';
  return 'network';
}

function hostPort(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** The start-up line: exactly what the hub listens on, and who can reach it. */
export function describeListening({ address, port, reach }: HubListening): string {
  const where = hostPort(address, port);
  if (reach === 'this-machine') {
    return `Listening on ${where}: this machine only (to serve the local network, start with --host 0.0.0.0 or --host <interface>).`;
  }
  if (address === '0.0.0.0' || address === '::') return `Listening on ${where}: every network interface, reachable from the local network.`;
  return `Listening on ${where}: reachable from the network that address is on.`;
}
