import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupStore } from '../../../main/backups/backup-store';
import { createIpcHandlers, registerIpcHandlers, type IpcDependencies, type InvokeEvent } from '../../../main/ipc-handlers';
import { IPC_CHANNELS, MAX_IPC_FILE_BYTES } from '../../../shared/ipc-contract';
import { dialog, MockIpcMain, resetElectronMock, shell } from '../../mocks/electron';

const FROM_APP: InvokeEvent = { senderFrame: { url: 'app://mission-kit/index.html' } };

let folder: string;

/** A hub no test here may reach: refused requests must stop before it. */
const hubCalls: string[] = [];
const unreachableHub: IpcDependencies['hub'] = {
  status: () => {
    hubCalls.push('status');
    return { hosting: false, urls: [], pairingCode: null };
  },
  host: async () => {
    hubCalls.push('host');
    throw new Error('not in these tests');
  },
  stop: async () => {
    hubCalls.push('stop');
    return { hosting: false, urls: [], pairingCode: null };
  },
  newCode: async () => {
    hubCalls.push('newCode');
    throw new Error('not in these tests');
  },
  pair: async () => {
    hubCalls.push('pair');
  },
  exchange: async () => {
    hubCalls.push('exchange');
    throw new Error('not in these tests');
  },
};

function dependencies(overrides: Partial<IpcDependencies> = {}): IpcDependencies {
  return {
    dialog,
    fs: { stat: nodeFs.stat, open: nodeFs.open, rename: nodeFs.rename, rm: nodeFs.rm },
    openExternal: (url) => shell.openExternal(url),
    documentsFolder: () => '/home/expert/Documents',
    hub: unreachableHub,
    backups: new BackupStore(path.join(folder, 'backups')),
    ...overrides,
  };
}

beforeEach(async () => {
  resetElectronMock();
  hubCalls.length = 0;
  folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-ipc-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const validSave = () => ({ suggestedName: 'report.docx', filters: [{ name: 'Word', extensions: ['docx'] }], data: new Uint8Array([1, 2, 3]) });

describe('file:save', () => {
  it.each([
    ['no payload at all', undefined, 'the request must be a plain object'],
    ['a missing suggestedName', { data: new Uint8Array(1) }, 'suggestedName'],
    ['missing data', { suggestedName: 'report.docx' }, 'data'],
    ['data of the wrong type', { suggestedName: 'report.docx', data: [1, 2, 3] }, 'data'],
    ['a suggestedName of the wrong type', { suggestedName: 42, data: new Uint8Array(1) }, 'suggestedName'],
    ['a path as suggestedName', { suggestedName: '../../etc/passwd', data: new Uint8Array(1) }, 'suggestedName: must be a plain file name'],
    ['a Windows path as suggestedName', { suggestedName: '..\\..\\boot.ini', data: new Uint8Array(1) }, 'suggestedName: must be a plain file name'],
    ['a filter extension with a dot', { ...validSave(), filters: [{ name: 'Word', extensions: ['.docx'] }] }, 'filters[0].extensions[0]'],
    ['data larger than 50 MiB', { suggestedName: 'big.bin', data: new Uint8Array(MAX_IPC_FILE_BYTES + 1) }, 'data: is larger than 50 MiB'],
  ])('refuses %s without showing a dialog or writing a file', async (_label, payload, named) => {
    const result = await createIpcHandlers(dependencies())['file:save'](FROM_APP, payload);
    expect(result).toEqual({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining(named) } });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await readdir(folder)).toEqual([]);
  });

  it('offers the suggested name in the Documents folder and writes the bytes to the chosen path', async () => {
    const chosen = path.join(folder, 'chosen.docx');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });

    const result = await createIpcHandlers(dependencies())['file:save'](FROM_APP, validSave());

    expect(result).toEqual({ ok: true, value: { canceled: false, fileName: 'chosen.docx' } });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultPath: path.join('/home/expert/Documents', 'report.docx'),
        filters: [{ name: 'Word', extensions: ['docx'] }],
      }),
    );
    expect(new Uint8Array(await readFile(chosen))).toEqual(new Uint8Array([1, 2, 3]));
    // No temporary file left behind.
    expect(await readdir(folder)).toEqual(['chosen.docx']);
  });

  it('replaces an existing file whole', async () => {
    const chosen = path.join(folder, 'report.docx');
    await writeFile(chosen, 'an older, longer report');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });

    await createIpcHandlers(dependencies())['file:save'](FROM_APP, validSave());

    expect(new Uint8Array(await readFile(chosen))).toEqual(new Uint8Array([1, 2, 3]));
    expect(await readdir(folder)).toEqual(['report.docx']);
  });

  it('returns canceled when the user cancels, writing nothing', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const result = await createIpcHandlers(dependencies())['file:save'](FROM_APP, validSave());
    expect(result).toEqual({ ok: true, value: { canceled: true } });
    expect(await readdir(folder)).toEqual([]);
  });

  it('reports a failed write as io-error and leaves neither file nor temporary file', async () => {
    const chosen = path.join(folder, 'report.docx');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    const rename = vi.fn(() => Promise.reject(new Error('disk full')));
    const deps = dependencies({ fs: { stat: nodeFs.stat, open: nodeFs.open, rename, rm: nodeFs.rm } });

    const result = await createIpcHandlers(deps)['file:save'](FROM_APP, validSave());

    expect(result).toEqual({ ok: false, error: { code: 'io-error', message: expect.stringContaining('disk full') } });
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('file:open', () => {
  it('reads the chosen file', async () => {
    const chosen = path.join(folder, 'template.json');
    await writeFile(chosen, '{"id":"visa-roadmap"}');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });

    const result = await createIpcHandlers(dependencies())['file:open'](FROM_APP, { filters: [{ name: 'Template', extensions: ['json'] }] });

    expect(result.ok).toBe(true);
    if (!result.ok || result.value.canceled) throw new Error('expected a file');
    expect(result.value.fileName).toBe('template.json');
    expect(new TextDecoder().decode(result.value.data)).toBe('{"id":"visa-roadmap"}');
  });

  it('refuses a file larger than maxBytes without opening it', async () => {
    const chosen = path.join(folder, 'huge.bin');
    await writeFile(chosen, new Uint8Array(1025));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });
    const open = vi.fn(nodeFs.open);
    const deps = dependencies({ fs: { stat: nodeFs.stat, open, rename: nodeFs.rename, rm: nodeFs.rm } });

    const result = await createIpcHandlers(deps)['file:open'](FROM_APP, { maxBytes: 1024 });

    expect(result).toEqual({ ok: false, error: { code: 'file-too-large', message: expect.stringContaining('huge.bin') } });
    expect(open).not.toHaveBeenCalled();
  });

  it('returns canceled when the user cancels', async () => {
    const result = await createIpcHandlers(dependencies())['file:open'](FROM_APP, {});
    expect(result).toEqual({ ok: true, value: { canceled: true } });
  });

  it.each([
    ['a negative maxBytes', { maxBytes: -1 }, 'maxBytes'],
    ['a maxBytes above 50 MiB', { maxBytes: MAX_IPC_FILE_BYTES + 1 }, 'maxBytes'],
    ['filters that are not a list', { filters: 'json' }, 'filters'],
  ])('refuses %s without showing a dialog', async (_label, payload, named) => {
    const result = await createIpcHandlers(dependencies())['file:open'](FROM_APP, payload);
    expect(result).toEqual({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining(named) } });
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('reports a file that vanished as io-error', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path.join(folder, 'gone.json')] });
    const result = await createIpcHandlers(dependencies())['file:open'](FROM_APP, {});
    expect(result).toEqual({ ok: false, error: { code: 'io-error', message: expect.stringContaining('gone.json') } });
  });
});

// Which links open (allow-list) and who may ask (sender check, for every channel) are checked
// through main's wiring in hardening-rules.test.ts.
describe('link:open-external', () => {
  it('refuses a payload without a url', async () => {
    const result = await createIpcHandlers(dependencies())['link:open-external'](FROM_APP, { href: 'https://ec.europa.eu/' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('url') } });
  });
});

describe('backup channels', () => {
  const snapshot = { missionId: 'mission-1', missionTitle: 'Kosovo, July 2015', reason: 'automatic' as const, data: new Uint8Array([80, 75, 3, 4]) };

  it('write a snapshot into the backups folder, list it with the limit and folder, and read it back', async () => {
    const handlers = createIpcHandlers(dependencies());
    const written = await handlers['backup:write'](FROM_APP, snapshot);
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value).toMatchObject({ missionId: 'mission-1', missionTitle: 'Kosovo, July 2015', reason: 'automatic', bytes: 4 });

    const listed = await handlers['backup:list'](FROM_APP, {});
    expect(listed).toEqual({ ok: true, value: { entries: [written.value], keep: 20, folder: path.join(folder, 'backups') } });
    expect(await handlers['backup:read'](FROM_APP, { missionId: 'mission-1', id: written.value.id })).toEqual({ ok: true, value: { data: new Uint8Array([80, 75, 3, 4]) } });
  });

  it.each([
    ['a path instead of a backup name', { missionId: 'mission-1', id: '../../settings.json' }],
    ['an absolute path', { missionId: 'mission-1', id: '/etc/passwd' }],
    ['a mission id that climbs out', { missionId: '../..', id: '20260327T101500000Z-automatic.mkbundle' }],
  ])('refuse to read %s', async (_label, request) => {
    const result = await createIpcHandlers(dependencies())['backup:read'](FROM_APP, request);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('refuse a keep setting out of range and store one in range', async () => {
    const handlers = createIpcHandlers(dependencies());
    expect(await handlers['backup:settings'](FROM_APP, { keep: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('keep') } });
    expect(await handlers['backup:settings'](FROM_APP, { keep: 3 })).toEqual({ ok: true, value: { keep: 3 } });
    expect(await handlers['backup:settings'](FROM_APP, {})).toEqual({ ok: true, value: { keep: 3 } });
  });

  it('write nothing for a forged sender', async () => {
    const result = await createIpcHandlers(dependencies())['backup:write']({ senderFrame: { url: 'https://evil.example/' } }, snapshot);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    await expect(readdir(path.join(folder, 'backups'))).rejects.toThrow(/ENOENT/);
  });
});

describe('registerIpcHandlers', () => {
  // A fresh ipcMain per test: registration is remembered per ipcMain object.
  let ipcMain: MockIpcMain;
  beforeEach(() => {
    ipcMain = new MockIpcMain();
  });

  it('registers one handler per contract channel', async () => {
    registerIpcHandlers(ipcMain, dependencies());
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    expect(await ipcMain.invoke('link:open-external', 'app://mission-kit/index.html', { url: 'https://ec.europa.eu/' })).toEqual({
      ok: true,
      value: { opened: true },
    });
  });

  it('throws when the channels are registered twice', () => {
    registerIpcHandlers(ipcMain, dependencies());
    expect(() => registerIpcHandlers(ipcMain, dependencies())).toThrow(/registered twice: file:save, file:open, link:open-external/);
  });

  it('never throws across IPC, even when a dependency does', async () => {
    const deps = dependencies({
      openExternal: () => {
        throw new Error('no browser');
      },
    });
    const result = await createIpcHandlers(deps)['link:open-external'](FROM_APP, { url: 'https://ec.europa.eu/' });
    expect(result).toEqual({ ok: false, error: { code: 'io-error', message: expect.stringContaining('no browser') } });
  });
});
