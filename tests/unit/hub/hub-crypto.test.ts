import { describe, expect, it } from 'vitest';
import { randomPairingCode } from '../../../main/hub/hub-pairing';
import { missionFolderName, pathInside, UnsafePathError } from '../../../main/hub/hub-store';
import { toHex } from '../../../shared/sync/bundle-crypto';
import {
  constantTimeEqual,
  fromHex,
  generateEcdhKeyPair,
  importSessionKey,
  openEnvelope,
  pairingCodeKey,
  pairingSecrets,
  pairingTranscript,
  platformHubCrypto,
  randomBytes,
  sealEnvelope,
} from '../../../shared/sync/hub-crypto';
import { PAIRING_CODE_ALPHABET, normalizePairingCode } from '../../../shared/sync/hub-protocol';

const crypto = platformHubCrypto();
/** The key schedule's structure does not depend on the iteration count; tests use few. */
const TEST_ITERATIONS = 1000;

async function sessionKey() {
  return importSessionKey(crypto, randomBytes(crypto, 32));
}

describe('sealed envelopes', () => {
  it('round-trip a header and body bytes, with a fresh nonce each time', async () => {
    const key = await sessionKey();
    const body = Uint8Array.from([0, 1, 2, 250, 255]);
    const first = await sealEnvelope(crypto, key, 'request', { counter: 1, path: '/x' }, body);
    const second = await sealEnvelope(crypto, key, 'request', { counter: 1, path: '/x' }, body);
    expect(toHex(first)).not.toBe(toHex(second));
    const opened = await openEnvelope(crypto, key, 'request', first);
    expect(opened?.header).toEqual({ counter: 1, path: '/x' });
    expect(opened?.body).toEqual(body);
  });

  it('do not open with another key, in the other direction, or with any byte changed', async () => {
    const key = await sessionKey();
    const sealed = await sealEnvelope(crypto, key, 'response', { replyTo: 3 }, new Uint8Array(100));
    expect(await openEnvelope(crypto, await sessionKey(), 'response', sealed)).toBeNull();
    // A response reflected back as a request.
    expect(await openEnvelope(crypto, key, 'request', sealed)).toBeNull();
    for (const index of [0, 5, 20, sealed.length - 1]) {
      const altered = sealed.slice();
      altered[index] = (altered[index] ?? 0) ^ 0x40;
      expect(await openEnvelope(crypto, key, 'response', altered)).toBeNull();
    }
    expect(await openEnvelope(crypto, key, 'response', sealed.subarray(0, 20))).toBeNull();
  });
});

describe('pairing key agreement', () => {
  async function agree(hubCode: string, deviceCode: string, tamper: (hubKey: Uint8Array) => Uint8Array = (key) => key) {
    const hub = await generateEcdhKeyPair(crypto);
    const device = await generateEcdhKeyPair(crypto);
    const seenHubKey = tamper(hub.publicKey);
    const transcript = pairingTranscript(toHex(seenHubKey), toHex(device.publicKey), 'dev-a', 'member-a');
    const deviceSide = await pairingSecrets(crypto, device.privateKey, seenHubKey, await pairingCodeKey(crypto, deviceCode, seenHubKey, TEST_ITERATIONS), transcript);
    const hubTranscript = pairingTranscript(toHex(hub.publicKey), toHex(device.publicKey), 'dev-a', 'member-a');
    const hubSide = await pairingSecrets(crypto, hub.privateKey, device.publicKey, await pairingCodeKey(crypto, hubCode, hub.publicKey, TEST_ITERATIONS), hubTranscript);
    if (!deviceSide || !hubSide) throw new Error('key agreement failed');
    return { deviceSide, hubSide };
  }

  it('gives both sides the same session key and proofs when the code matches', async () => {
    const { deviceSide, hubSide } = await agree('ABCD2345', 'ABCD2345');
    expect(constantTimeEqual(deviceSide.sessionKey, hubSide.sessionKey)).toBe(true);
    expect(constantTimeEqual(deviceSide.clientProof, hubSide.clientProof)).toBe(true);
    expect(toHex(await deviceSide.hubProof('token'))).toBe(toHex(await hubSide.hubProof('token')));
    expect(toHex(await deviceSide.hubProof('token'))).not.toBe(toHex(await deviceSide.hubProof('other')));
    expect(toHex(deviceSide.sessionKey)).not.toBe(toHex(deviceSide.clientProof));
  });

  it('gives different proofs and keys for a different code, or a swapped hub key', async () => {
    const wrong = await agree('ABCD2345', 'ABCD2346');
    expect(constantTimeEqual(wrong.deviceSide.clientProof, wrong.hubSide.clientProof)).toBe(false);
    expect(constantTimeEqual(wrong.deviceSide.sessionKey, wrong.hubSide.sessionKey)).toBe(false);
    const intruder = await generateEcdhKeyPair(crypto);
    const swapped = await agree('ABCD2345', 'ABCD2345', () => intruder.publicKey);
    expect(constantTimeEqual(swapped.deviceSide.clientProof, swapped.hubSide.clientProof)).toBe(false);
  });

  it('refuses a public key that is not a P-256 point', async () => {
    const own = await generateEcdhKeyPair(crypto);
    const notAPoint = Uint8Array.from([4, ...new Uint8Array(64).fill(7)]);
    expect(await pairingSecrets(crypto, own.privateKey, notAPoint, new Uint8Array(32), new Uint8Array(0))).toBeNull();
  });
});

describe('pairing codes', () => {
  it('are 8 characters of the unambiguous alphabet, different each time', () => {
    const codes = Array.from({ length: 200 }, () => randomPairingCode());
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-KM-NP-Z]{8}$/);
    expect(new Set(codes).size).toBe(200);
    expect(PAIRING_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    // Every symbol shows up: no symbol is unreachable (a biased or truncated alphabet).
    expect(new Set(codes.join('')).size).toBe(PAIRING_CODE_ALPHABET.length);
  });

  it('are accepted as typed: lower case, spaces, a hyphen', () => {
    expect(normalizePairingCode(' abcd-2345 ')).toBe('ABCD2345');
    expect(normalizePairingCode('abcd 2345')).toBe('ABCD2345');
    expect(normalizePairingCode('ABCD234')).toBeNull();
    expect(normalizePairingCode('ABCD2340')).toBeNull();
  });
});

describe('hex and comparison helpers', () => {
  it('decode hex strictly', () => {
    expect(fromHex('00ff10')).toEqual(Uint8Array.from([0, 255, 16]));
    expect(fromHex('0')).toBeNull();
    expect(fromHex('zz')).toBeNull();
  });

  it('compare bytes', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
  });
});

describe('hub storage paths', () => {
  it('use portable mission ids as folder names and hash the others', () => {
    expect(missionFolderName('mission-kosovo-2015')).toBe('mission-kosovo-2015');
    expect(missionFolderName('3f2b9c1e-8d4a-4f6b-9a0e-2c7d5e1f8a3b')).toBe('3f2b9c1e-8d4a-4f6b-9a0e-2c7d5e1f8a3b');
    for (const id of ['Mission-A', 'a:b', 'a.b', 'con', 'NUL', 'lpt1']) expect(missionFolderName(id)).toMatch(/^~[0-9a-f]{64}$/);
    expect(missionFolderName('Mission-A')).not.toBe(missionFolderName('mission-a'));
    for (const id of ['..', '../etc', 'a/b', '', '.hidden', 'a\\b', 'x'.repeat(129)]) expect(() => missionFolderName(id)).toThrow(UnsafePathError);
  });

  it('refuse any path that would leave the data folder', () => {
    expect(pathInside('/data', 'missions', 'm')).toBe('/data/missions/m');
    expect(() => pathInside('/data', '..', 'etc')).toThrow(UnsafePathError);
    expect(() => pathInside('/data', '/etc/passwd')).toThrow(UnsafePathError);
    expect(() => pathInside('/data', '')).toThrow(UnsafePathError);
  });
});
