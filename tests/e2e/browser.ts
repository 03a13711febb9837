import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startWebServer, type RunningWebServer } from '../../main/web-server';

const RENDERER_ROOT = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags for Debian's Chromium on a machine with no network and no GPU. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface E2eSession {
  url: string;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Serves the built renderer exactly as the browser fallback does and opens it in a fresh
 * Chromium profile, so every test starts with an empty IndexedDB.
 */
export async function openApp(): Promise<E2eSession> {
  const [session] = await openApps(1);
  if (!session) throw new Error('no session');
  return session;
}

/**
 * Several independent browser profiles on one server: each is its own device with its own
 * IndexedDB, as separate laptops would be.
 */
export async function openApps(count: number): Promise<E2eSession[]> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_ROOT}: run "npm run build:renderer" first.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium).`);
  }
  const server: RunningWebServer = await startWebServer({ root: RENDERER_ROOT, port: 0 });
  let open = count;
  const sessions: E2eSession[] = [];
  for (let index = 0; index < count; index++) {
    const userDataDir = await mkdtemp(join(tmpdir(), 'mission-kit-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    // Each profile is a new device, which asks for its name on first start; these tests play a
    // user who chose "Later" (tests that look at the question clear this).
    // The script runs in every frame; the frame of Chromium's PDF viewer has no storage at all.
    await context.addInitScript(() => {
      try {
        sessionStorage.setItem('mission-kit:device-name-later', '1');
      } catch {
        // Not the app's page: nothing to set.
      }
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    sessions.push({
      url: server.url,
      context,
      page,
      async close() {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
        open -= 1;
        if (open === 0) await server.close();
        if (pageErrors.length > 0) throw new Error(`Uncaught errors in the page:\n${pageErrors.join('\n')}`);
      },
    });
  }
  return sessions;
}
