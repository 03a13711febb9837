/**
 * The Electron fuses of the packaged app, read from electron-builder.yml as electron-builder
 * reads it. The binary cannot be built here (no Electron download), so this checks the
 * configuration that flips them; a fuse dropped from the file, misspelt or turned the wrong
 * way fails here.
 */
import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);

async function builderConfig(): Promise<Record<string, unknown>> {
  const parsed = load(await readFile(new URL('electron-builder.yml', root), 'utf8'), { filename: 'electron-builder.yml' });
  if (typeof parsed !== 'object' || parsed === null) throw new Error('electron-builder.yml is not a mapping');
  return parsed as Record<string, unknown>;
}

/** The fuse names electron-builder accepts, from its own JSON schema. */
async function knownFuses(): Promise<string[]> {
  const scheme = JSON.parse(await readFile(new URL('node_modules/app-builder-lib/scheme.json', root), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
  };
  return Object.keys(scheme.definitions.FuseOptionsV1.properties);
}

describe('Electron fuses in electron-builder.yml', () => {
  it('turns off every way into a Node runtime or debugger, and turns on the ASAR checks', async () => {
    const config = await builderConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses electron-builder knows (a misspelt one would be rejected or ignored)', async () => {
    const fuses = Object.keys((await builderConfig()).electronFuses as Record<string, unknown>);
    const known = await knownFuses();
    expect(fuses.filter((fuse) => !known.includes(fuse))).toEqual([]);
  });

  it('packs the app into app.asar, which onlyLoadAppFromAsar and the integrity check rely on', async () => {
    const config = await builderConfig();
    expect(config.asar).toBe(true);
    // The integrity check covers app.asar only: nothing may be unpacked beside it.
    expect(config.asarUnpack).toBeUndefined();
  });
});
