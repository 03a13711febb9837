import { BlockList, isIP } from 'node:net';

/**
 * The address ranges of a local network: where a Mission Kit hub can be (the lead's laptop on
 * the hotel or office LAN, or this computer). Main talks to hubs on the page's behalf, outside
 * the renderer's CSP, so anything outside these ranges is refused: a compromised page must not
 * use main to reach the internet (to send findings out, or to probe other hosts).
 *
 * Carrier-grade NAT (100.64/10), the unspecified addresses (0.0.0.0, ::) and multicast are left
 * out on purpose: no hub is served there.
 */
const LOCAL_RANGES: readonly { network: string; prefix: number; family: 'ipv4' | 'ipv6' }[] = [
  { network: '10.0.0.0', prefix: 8, family: 'ipv4' },
  { network: '172.16.0.0', prefix: 12, family: 'ipv4' },
  { network: '192.168.0.0', prefix: 16, family: 'ipv4' },
  // Link-local: two laptops cabled together, or a Wi-Fi without DHCP.
  { network: '169.254.0.0', prefix: 16, family: 'ipv4' },
  { network: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { network: '::1', prefix: 128, family: 'ipv6' },
  { network: 'fe80::', prefix: 10, family: 'ipv6' },
  // Unique local addresses (fd00::/8 in practice).
  { network: 'fc00::', prefix: 7, family: 'ipv6' },
];

// Node's BlockList also matches IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) against the IPv4
// ranges, so that spelling of a public address cannot slip through as "IPv6, not listed".
const localRanges = new BlockList();
for (const range of LOCAL_RANGES) localRanges.addSubnet(range.network, range.prefix, range.family);

/** The ranges in words, for messages. */
export const LOCAL_RANGES_TEXT = '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, 127.0.0.0/8, ::1, fe80::/10, fc00::/7';

/** Whether `address`, an IP literal without brackets, is on a local network. Anything else is not. */
export function isLocalNetworkAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return localRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
