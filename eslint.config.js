import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
];

/**
 * One door out of the database: components read through the read models in renderer/src/db/
 * and write through the repository, so no screen filters tombstones by hand or misses a
 * conflict. Only db/ may construct or hold the Dexie database; app/start-app.ts opens it and
 * hands it to db/ (read models, repository) and to the bound app actions, and nothing else.
 * Type-only imports stay allowed outside components: the services that move whole missions
 * (bundles, backups, hub, mission files) take the database as a parameter, given to them by
 * app/app-actions.ts.
 */
const databaseOnlyInDb = [
  {
    group: ['**/db/database'],
    allowTypeImports: true,
    message: 'Only renderer/src/db/ may use the database: read through db/read-hooks or db/read-models, write through the repository.',
  },
  { group: ['dexie', 'dexie-react-hooks'], message: 'Only renderer/src/db/ talks to Dexie: read through db/read-hooks or db/read-models.' },
];

const rendererImports = {
  paths: [{ name: 'electron', message: 'The renderer talks to the host only through the bridge.' }],
  patterns: [{ group: ['node:*', ...nodeBuiltins], message: 'The renderer runs in a browser: no Node modules.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'docs/schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'bin/**/*.cjs', 'tests/**/*.{ts,tsx}', '*.config.{ts,js}', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The npm "bin" launcher is plain CommonJS by necessity.
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which this project does not use.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': ['error', rendererImports],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    // start-app.ts opens the database once and hands it to db/ and the bound app actions.
    ignores: ['renderer/src/db/**', 'renderer/src/app/start-app.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: databaseOnlyInDb }] },
  },
  {
    // Components never even name the database type: they get services without it.
    files: ['renderer/src/**/*.tsx'],
    ignores: ['renderer/src/db/**'],
    rules: {
      // The base rule also refuses `import type`, which the typescript-eslint rule above allows.
      'no-restricted-imports': [
        'error',
        {
          ...rendererImports,
          patterns: [
            ...rendererImports.patterns,
            { group: ['**/db/database'], importNames: ['MissionKitDatabase'], message: 'Components do not get the database: use the read models (db/read-hooks) and the repository.' },
          ],
        },
      ],
    },
  },
  {
    // shared/ is the pure domain core: the app, the command line and the tests all run it.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ must not import Electron.' }],
          patterns: [
            { group: ['node:*', ...nodeBuiltins], message: 'shared/ must not import Node modules.' },
            { group: ['**/renderer/**', '**/main/**', 'react', 'react-dom', 'dexie'], message: 'shared/ must not depend on the app layers.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'process', 'Buffer', 'require', '__dirname'].map(
          (name) => ({ name, message: `shared/ must not use the ${name} global (DOM or Node).` }),
        ),
      ],
    },
  },
);
