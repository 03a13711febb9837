import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';
import 'fake-indexeddb/auto';
import { startApp } from '../../renderer/src/app/start-app';
import { MissionKitDatabase } from '../../renderer/src/db/database';

const root = path.resolve(__dirname, '../..');

/** The restricted-import messages ESLint reports for `code` placed at `file`. */
async function importProblems(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId?.endsWith('no-restricted-imports')).map((message) => message.message);
}

const valueImport = "import { MissionKitDatabase } from '../db/database';\nexport const db = new MissionKitDatabase('x');\n";

describe('one door out of the database', () => {
  it('refuses the database in a component, with a message that says where to read instead', async () => {
    const problems = await importProblems('renderer/src/screens/Probe.tsx', valueImport);
    expect(problems.join('\n')).toMatch(/Only renderer\/src\/db\/ may use the database: read through db\/read-hooks/);
  });

  it('refuses even a type import of the database class in a component', async () => {
    const problems = await importProblems('renderer/src/screens/Probe.tsx', "import type { MissionKitDatabase } from '../db/database';\nexport type Db = MissionKitDatabase;\n");
    expect(problems.join('\n')).toMatch(/Components do not get the database/);
  });

  it('refuses Dexie and its live-query hook outside db/', async () => {
    const problems = await importProblems('renderer/src/mission/Probe.tsx', "import { useLiveQuery } from 'dexie-react-hooks';\nexport const hook = useLiveQuery;\n");
    expect(problems.join('\n')).toMatch(/Only renderer\/src\/db\/ talks to Dexie/);
  });

  it('allows the database inside db/ and where the app opens it', async () => {
    expect(await importProblems('renderer/src/db/probe.ts', "import { MissionKitDatabase } from './database';\nexport const db = new MissionKitDatabase('x');\n")).toEqual([]);
    expect(await importProblems('renderer/src/app/start-app.ts', valueImport)).toEqual([]);
  });

  it('hands components services without the database', async () => {
    const services = await startApp({ host: 'web', invoke: async () => ({ ok: false, error: { code: 'unsupported', message: 'none' } }) as never }, new MissionKitDatabase(`door-${Math.random()}`));
    expect(Object.keys(services).sort()).toEqual(['actions', 'bridge', 'reads', 'repository']);
    // The repository keeps its database private: this line compiles only while it does.
    // @ts-expect-error -- `db` is private to the repository
    expect(services.repository.db).toBeDefined();
  });
});
