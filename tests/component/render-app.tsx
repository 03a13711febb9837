import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Bridge } from '../../shared/ipc-contract';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { ServicesProvider, type Services } from '../../renderer/src/app/services';
import { startApp } from '../../renderer/src/app/start-app';
import { createI18n } from '../../renderer/src/i18n/i18n';

/**
 * The app's services plus the database under them: components never get the database, but a
 * test looks into it to check what was (or was not) written.
 */
export type TestServices = Services & { db: MissionKitDatabase };

/** Real services over a fresh fake-indexeddb database (or the one given). */
export async function startTestApp(bridge: Bridge, db: MissionKitDatabase = new MissionKitDatabase(`component-${Math.random().toString(36).slice(2)}`)): Promise<TestServices> {
  return { ...(await startApp(bridge, db)), db };
}

/** Renders a screen with real services over a fresh fake-indexeddb database. */
export async function renderWithServices(ui: ReactElement, bridge: Bridge, existing?: TestServices): Promise<RenderResult & { services: TestServices }> {
  const services = existing ?? (await startTestApp(bridge));
  const i18n = await createI18n();
  const result = render(
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}>{ui}</ServicesProvider>
    </I18nextProvider>,
  );
  return { ...result, services };
}

/** A bridge whose open dialog hands over the given file; records what was asked. */
export function fakeBridge(file: { name: string; text: string } | null): Bridge & { calls: string[] } {
  const calls: string[] = [];
  return {
    host: 'web',
    calls,
    invoke: async (channel) => {
      calls.push(channel);
      if (channel !== 'file:open') throw new Error(`unexpected channel ${channel}`);
      if (!file) return { ok: true, value: { canceled: true } } as never;
      return { ok: true, value: { canceled: false, fileName: file.name, data: new TextEncoder().encode(file.text) } } as never;
    },
  };
}
