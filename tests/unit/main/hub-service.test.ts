import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubService } from '../../../main/hub-service';
import { createIpcHandlers, type IpcDependencies } from '../../../main/ipc-handlers';
import { HybridLogicalClock } from '../../../shared/hlc';
import { HubHostRequestSchema } from '../../../shared/ipc-contract';
import { sha256Hex } from '../../../renderer/src/checklist/sha256';
import type { Change } from '../../../shared/schemas/change';

let folder: string;
const services: HubService[] = [];
const FROM_APP = { senderFrame: { url: 'app://mission-kit/index.html' } };

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-hub-service-'));
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  await rm(folder, { recursive: true, force: true });
});

function service(name: string): HubService {
  const created = new HubService({
    dataDir: path.join(folder, name, 'hub'),
    sessionsFile: path.join(folder, name, 'hub-sessions'),
    fetch: (url, init) => fetch(url, init),
  });
  services.push(created);
  return created;
}

function changesOf(device: string, missionId: string, photoHash: string): Change[] {
  const clock = new HybridLogicalClock(device);
  return [
    { entity: 'evidence', id: `ev-${device}`, missionId, field: '*', value: { missionId, findingId: 'f', kind: 'attachment', fileName: 'p.png', mediaType: 'image/png', size: 3, sha256: photoHash, caption: '' }, hlc: clock.tick(), device, member: null, base: null },
    { entity: 'mission', id: missionId, missionId, field: 'title', value: `Edited on ${device}`, hlc: clock.tick(), device, member: null, base: null },
  ];
}

describe('the hub as the desktop app uses it', () => {
  it('hosts a hub; two paired devices exchange changes and photos through it', async () => {
    const lead = service('lead');
    const status = await lead.host(0, '127.0.0.1');
    expect(status).toMatchObject({ hosting: true, pairingCode: expect.stringMatching(/^[A-Z0-9]{8}$/) });
    const url = status.urls[0] as string;
    const code = status.pairingCode as string;

    const photo = new Uint8Array([1, 2, 3]);
    const hash = await sha256Hex(photo);
    const ana = service('ana');
    const tom = service('tom');
    await ana.pair(url, code, 'dev-ana', 'ana');
    await tom.pair(url, code, 'dev-tom', 'tom');

    const fromAna = changesOf('dev-ana', 'm1', hash);
    const first = await ana.exchange({ url, missionId: 'm1', vector: {}, changes: fromAna, attachments: [{ sha256: hash, data: photo }], deviceNames: { 'dev-ana': 'Ana’s laptop' } });
    expect(first.pushed).toBe(2);

    const second = await tom.exchange({ url, missionId: 'm1', vector: {}, changes: [], attachments: [] });
    expect(second.pulled.map((change) => change.hlc).sort()).toEqual(fromAna.map((change) => change.hlc).sort());
    expect(second.attachments).toEqual([{ sha256: hash, data: photo }]);
    expect(second.deviceNames).toEqual({ 'dev-ana': 'Ana’s laptop' });

    // Pulling again from where we are brings nothing new; a replayed push stores nothing twice.
    const again = await tom.exchange({ url, missionId: 'm1', vector: second.hubVector, changes: [], attachments: [] });
    expect(again.pulled).toEqual([]);
    const replay = await ana.exchange({ url, missionId: 'm1', vector: first.hubVector, changes: fromAna, attachments: [] });
    expect(replay.pushed).toBe(0);
  });

  it('hosts on loopback unless the LAN is chosen, and says what it listens on', async () => {
    expect(HubHostRequestSchema.parse({ port: 7420 })).toEqual({ port: 7420, host: '127.0.0.1' });
    const lead = service('lead');
    const status = await lead.host(0, '127.0.0.1');
    expect(status.listening).toEqual({ address: '127.0.0.1', port: expect.any(Number), reach: 'this-machine' });
    expect(status.urls).toEqual([`http://127.0.0.1:${status.listening?.port ?? 0}/`]);
    expect((await lead.stop()).listening).toBeUndefined();
  });

  it('issues a new pairing code on request: the old one stops working, the new one pairs', async () => {
    const lead = service('lead');
    const status = await lead.host(0, '127.0.0.1');
    const url = status.urls[0] as string;
    const old = status.pairingCode as string;
    const renewed = await lead.newCode();
    expect(renewed).toMatchObject({ hosting: true, pairingCode: expect.stringMatching(/^[2-9A-Z]{8}$/) });
    expect(renewed.pairingCode).not.toBe(old);
    await expect(service('ana').pair(url, old, 'dev-ana', 'ana')).rejects.toMatchObject({ code: 'wrong-code' });
    await expect(service('tom').pair(url, renewed.pairingCode as string, 'dev-tom', 'tom')).resolves.toBeUndefined();
    await lead.stop();
    await expect(lead.newCode()).rejects.toThrow('no hub is running in this app');
  }, 30_000);

  it('refuses an unpaired device, a wrong code and malformed requests with clear messages', async () => {
    const lead = service('lead');
    const status = await lead.host(0, '127.0.0.1');
    const url = status.urls[0] as string;
    const stranger = service('stranger');
    const deps = { hub: stranger } as unknown as IpcDependencies;
    const handlers = createIpcHandlers(deps);

    const unpaired = await handlers['hub:exchange'](FROM_APP, { url, missionId: 'm1', vector: {}, changes: [], attachments: [] });
    expect(unpaired).toEqual({ ok: false, error: { code: 'hub-not-paired', message: expect.stringContaining('not paired') } });

    const wrong = await handlers['hub:pair'](FROM_APP, { url, code: 'WRONG123', device: 'dev-x', member: null });
    expect(wrong).toEqual({ ok: false, error: { code: 'hub-error', message: expect.stringMatching(/^Pairing with .* failed/) } });

    const hostile = await handlers['hub:pair'](FROM_APP, { url: 'file:///etc/passwd', code: 'ABCDEFGH', device: 'dev-x', member: null });
    expect(hostile).toEqual({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('hub address') } });
    const lowPort = await handlers['hub:host'](FROM_APP, { port: 80 });
    expect(lowPort.ok).toBe(false);
  });
});
