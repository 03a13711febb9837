import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isLocalNetworkAddress, LOCAL_RANGES_TEXT } from './local-network';

/** Why main refused to talk to a hub address; the renderer shows each in the user's language. */
export type HubAddressProblem = 'hub-not-local' | 'hub-redirect';

/** A hub address main will not talk to. Nothing was sent to it. */
export class HubAddressRefusal extends Error {
  override name = 'HubAddressRefusal';
  constructor(
    readonly code: HubAddressProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Every address a host name resolves to. */
export type HostLookup = (hostname: string) => Promise<string[]>;

/** The system's resolver (hosts file, DNS, mDNS for `.local` names where the OS has it). */
export const systemLookup: HostLookup = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export interface PinnedHubAddress {
  /** `http://host:port` as typed, normalised by the URL parser: what a pairing is kept under. */
  origin: string;
  /** The same with the host replaced by the checked IP address: what is connected to. */
  connectOrigin: string;
}

/**
 * Checks that a hub URL points at the local network and says where to connect.
 *
 * IP literals are checked as they are. A host name (`lead-laptop.local`, `localhost`) is
 * resolved and accepted only when EVERY address it resolves to is local; the connection then
 * goes to the first of those checked addresses, not to the name. Resolving again when
 * connecting would let a hostile DNS server answer "local" to the check and a public address
 * to the connection (DNS rebinding). The port is the one in the URL (or the scheme's default):
 * the connection goes nowhere else, and redirects are not followed (see local-hub-fetch.ts).
 *
 * The hub speaks plain HTTP and seals its traffic itself; https is accepted for a hub behind a
 * TLS proxy, whose certificate must then name the address connected to.
 */
export async function pinHubAddress(url: string, lookup: HostLookup): Promise<PinnedHubAddress> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HubAddressRefusal('hub-not-local', `"${url}" is not a hub address such as http://192.168.1.20:7420/.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new HubAddressRefusal('hub-not-local', `A hub address starts with http:// (not ${parsed.protocol}).`);
  }
  // http://192.168.1.20@evil.example/ is a login on evil.example: refuse the form outright.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new HubAddressRefusal('hub-not-local', 'A hub address carries no user name or password.');
  }
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const port = parsed.port !== '' ? parsed.port : parsed.protocol === 'https:' ? '443' : '80';
  const addresses = isIP(host) !== 0 ? [host] : await resolve(host, lookup);
  const foreign = addresses.find((address) => !isLocalNetworkAddress(address));
  if (foreign !== undefined) {
    const where = foreign === host ? host : `${host} (${foreign})`;
    throw new HubAddressRefusal(
      'hub-not-local',
      `${where} is not on a local network: Mission Kit talks only to hubs at local addresses (${LOCAL_RANGES_TEXT}).`,
    );
  }
  // IPv4 first: hubs announce IPv4 addresses. A scoped IPv6 address (fe80::1%eth0) cannot be
  // written in a URL, so it is checked but never connected to.
  const first = [...addresses].sort((a, b) => isIP(a) - isIP(b)).find((address) => !address.includes('%'));
  if (first === undefined) throw new Error(`${host} has no address that can be connected to.`);
  const connectHost = isIP(first) === 6 ? `[${first}]` : first;
  return { origin: parsed.origin, connectOrigin: `${parsed.protocol}//${connectHost}:${port}` };
}

async function resolve(host: string, lookup: HostLookup): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    // Not a refusal: the name may resolve once the laptop is on the right network.
    throw new Error(`${host} could not be found on this network (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (addresses.length === 0) throw new Error(`${host} could not be found on this network.`);
  return addresses;
}
