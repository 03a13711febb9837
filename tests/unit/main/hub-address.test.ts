/**
 * Which hub addresses main will talk to on the page's behalf: the local networks only, checked
 * on every address a name resolves to, and pinned to the checked address and typed port.
 */
import { describe, expect, it, vi } from 'vitest';
import { HubAddressRefusal, pinHubAddress, type HostLookup } from '../../../main/hub-address';
import { isLocalNetworkAddress } from '../../../main/local-network';

const noLookup: HostLookup = () => Promise.reject(new Error('an IP literal must not be resolved'));
const resolvesTo =
  (...addresses: string[]): HostLookup =>
  () =>
    Promise.resolve(addresses);

async function refusal(url: string, lookup: HostLookup = noLookup): Promise<HubAddressRefusal> {
  const error: unknown = await pinHubAddress(url, lookup).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof HubAddressRefusal)) throw new Error(`${url} was not refused as an address (${String(error)})`);
  return error;
}

describe('isLocalNetworkAddress', () => {
  it.each([
    '10.0.0.1',
    '10.255.255.254',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.20',
    '169.254.10.20',
    '127.0.0.1',
    '127.8.9.10',
    '::1',
    'fe80::1',
    'febf::1',
    'fd12:3456::1',
    'fc00::1',
    '::ffff:192.168.1.20',
  ])('%s is local', (address) => {
    expect(isLocalNetworkAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '172.15.255.255',
    '172.32.0.1',
    '192.169.0.1',
    '11.0.0.1',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::',
    '2001:4860:4860::8888',
    'fec0::1',
    '::ffff:8.8.8.8',
    'localhost',
    'not an address',
    '',
  ])('%s is not', (address) => {
    expect(isLocalNetworkAddress(address)).toBe(false);
  });
});

describe('pinHubAddress', () => {
  it('keeps a local IP address and its port, and connects to exactly that', async () => {
    await expect(pinHubAddress('http://192.168.1.20:7420/', noLookup)).resolves.toEqual({
      origin: 'http://192.168.1.20:7420',
      connectOrigin: 'http://192.168.1.20:7420',
    });
    await expect(pinHubAddress('http://[fd00::20]:7420', noLookup)).resolves.toEqual({ origin: 'http://[fd00::20]:7420', connectOrigin: 'http://[fd00::20]:7420' });
    // The scheme's port when none is typed: the connection goes there and nowhere else.
    await expect(pinHubAddress('http://10.0.0.5/', noLookup)).resolves.toMatchObject({ connectOrigin: 'http://10.0.0.5:80' });
  });

  it.each([
    ['a public IPv4 address', 'http://93.184.216.34:7420/', '93.184.216.34 is not on a local network'],
    ['a public IPv6 address', 'http://[2001:db8::1]:7420/', '2001:db8::1 is not on a local network'],
    ['a public address written as IPv4-mapped IPv6', 'http://[::ffff:93.184.216.34]:7420/', 'is not on a local network'],
    ['a public address written in hex', 'http://0x5db8d822:7420/', '93.184.216.34 is not on a local network'],
    ['the unspecified address', 'http://0.0.0.0:7420/', '0.0.0.0 is not on a local network'],
    ['credentials before a local host', 'http://192.168.1.20@93.184.216.34:7420/', 'no user name or password'],
    ['another scheme', 'ftp://192.168.1.20:7420/', 'starts with http://'],
    ['no URL at all', 'not a url', 'is not a hub address'],
  ])('refuses %s', async (_label, url, message) => {
    const refused = await refusal(url);
    expect(refused.code).toBe('hub-not-local');
    expect(refused.message).toContain(message);
  });

  it('refuses a host name that resolves to a public address', async () => {
    const refused = await refusal('http://hub.example:7420/', resolvesTo('93.184.216.34'));
    expect(refused.message).toContain('hub.example (93.184.216.34) is not on a local network');
  });

  it('refuses a host name with any public address among local ones', async () => {
    const refused = await refusal('http://hub.example:7420/', resolvesTo('192.168.1.20', '2001:db8::1'));
    expect(refused.message).toContain('hub.example (2001:db8::1)');
  });

  it('pins a host name to its checked address, IPv4 first, keeping the port and the typed name as origin', async () => {
    const lookup = vi.fn(resolvesTo('fd00::20', '192.168.1.20'));
    await expect(pinHubAddress('http://Lead-Laptop.local:7420/', lookup)).resolves.toEqual({
      origin: 'http://lead-laptop.local:7420',
      connectOrigin: 'http://192.168.1.20:7420',
    });
    expect(lookup).toHaveBeenCalledWith('lead-laptop.local');
  });

  it('says so, without calling it a refusal, when a name does not resolve', async () => {
    const error: unknown = await pinHubAddress('http://nowhere.local:7420/', () => Promise.reject(new Error('ENOTFOUND'))).catch((thrown: unknown) => thrown);
    expect(error).not.toBeInstanceOf(HubAddressRefusal);
    expect((error as Error).message).toBe('nowhere.local could not be found on this network (ENOTFOUND).');
  });
});
