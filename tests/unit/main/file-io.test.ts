import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../main/atomic-write';
import { readFileAtMost } from '../../../main/bounded-read';
import type { FileSystem } from '../../../main/file-system';

const fs: FileSystem = { stat: nodeFs.stat, open: nodeFs.open, rename: nodeFs.rename, rm: nodeFs.rm };
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mission-kit-file-io-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('readFileAtMost', () => {
  it('reads a file up to exactly the limit', async () => {
    const file = path.join(folder, 'exact.bin');
    await writeFile(file, new Uint8Array(16).fill(7));
    expect(await readFileAtMost(fs, file, 16)).toEqual({ ok: true, data: new Uint8Array(16).fill(7) });
  });

  it('reads an empty file', async () => {
    const file = path.join(folder, 'empty.bin');
    await writeFile(file, '');
    expect(await readFileAtMost(fs, file, 16)).toEqual({ ok: true, data: new Uint8Array(0) });
  });

  it('stops one byte past the limit when the file grew after stat', async () => {
    const file = path.join(folder, 'growing.bin');
    await writeFile(file, new Uint8Array(4096));
    // stat reports the size the file had when the dialog returned; it has grown since.
    const staleStat: FileSystem = { ...fs, stat: async (filePath) => Object.assign(await nodeFs.stat(filePath), { size: 10 }) };
    expect(await readFileAtMost(staleStat, file, 100)).toEqual({ ok: false, reason: 'too-large', size: 101 });
  });

  it('refuses a folder', async () => {
    expect(await readFileAtMost(fs, folder, 100)).toEqual({ ok: false, reason: 'not-a-file' });
  });
});

describe('writeFileAtomically', () => {
  it('leaves the previous file untouched when the write fails midway', async () => {
    const file = path.join(folder, 'report.docx');
    await writeFile(file, 'previous report');
    const failingOpen: FileSystem = {
      ...fs,
      open: async (filePath, flags) => {
        const handle = await nodeFs.open(filePath, flags);
        return Object.assign(handle, { sync: () => Promise.reject(new Error('I/O error')) });
      },
    };
    await expect(writeFileAtomically(failingOpen, file, new Uint8Array([1]))).rejects.toThrow('I/O error');
    expect(await nodeFs.readFile(file, 'utf8')).toBe('previous report');
    expect(await readdir(folder)).toEqual(['report.docx']);
  });
});
