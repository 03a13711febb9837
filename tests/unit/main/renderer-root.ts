import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throw-away "built renderer": <temp>/renderer/{index.html, assets/app.js} next to a
 * <temp>/package.json that must never be served (it stands for everything outside the root).
 */
export interface RendererFixture {
  root: string;
  secret: string;
  cleanUp(): Promise<void>;
}

export const INDEX_HTML = '<!doctype html><title>Mission Kit</title><script type="module" src="./assets/app.js"></script>';
export const APP_JS = 'console.log("mission kit");';

export async function createRendererFixture(): Promise<RendererFixture> {
  const base = await mkdtemp(path.join(tmpdir(), 'mission-kit-renderer-'));
  const root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX_HTML);
  await writeFile(path.join(root, 'assets', 'app.js'), APP_JS);
  const secret = 'SECRET-OUTSIDE-THE-ROOT';
  await writeFile(path.join(base, 'package.json'), JSON.stringify({ secret }));
  return { root, secret, cleanUp: () => rm(base, { recursive: true, force: true }) };
}
