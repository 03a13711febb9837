import { BackupReasonSchema } from '../../shared/backup-contract';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import fr from '../../renderer/src/i18n/fr.json';
import { SiteTypeSchema, MemberRoleSchema } from '../../shared/schemas/mission';
import { SourceKindSchema } from '../../shared/schemas/finding';
import { EntityNameSchema } from '../../shared/schemas/change';
import { MISSION_TABS } from '../../renderer/src/app/router';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** A key as code asks for it: plural suffixes are chosen by i18next from the count. */
const base = (key: string): string => key.replace(/_(one|other|many|zero|two|few)$/, '');
const enKeys = flatten(en as Tree);
const frKeys = flatten(fr as Tree);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(tsx?|ts)$/.test(name) ? [path] : [];
  });
}

describe('UI strings', () => {
  it('French has exactly the keys English has', () => {
    const enBases = new Set([...enKeys.keys()].map(base));
    const frBases = new Set([...frKeys.keys()].map(base));
    expect([...enBases].filter((key) => !frBases.has(key))).toEqual([]);
    expect([...frBases].filter((key) => !enBases.has(key))).toEqual([]);
  });

  it('every placeholder of an English string is in its French translation', () => {
    const missing: string[] = [];
    for (const [key, text] of enKeys) {
      const french = frKeys.get(key) ?? frKeys.get(key.replace(/_other$/, '_many')) ?? '';
      for (const placeholder of text.match(/\{\{\w+\}\}/g) ?? []) if (!french.includes(placeholder)) missing.push(`${key}: ${placeholder}`);
    }
    expect(missing).toEqual([]);
  });

  it('every key the code asks for exists, including those built from domain values', () => {
    const root = fileURLToPath(new URL('../../renderer/src', import.meta.url));
    const asked = new Set<string>();
    for (const file of sourceFiles(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (match[1]) asked.add(match[1]);
    }
    const dynamic = [
      ...SiteTypeSchema.options.map((type) => `sites.types.${type}`),
      ...MemberRoleSchema.options.map((role) => `roles.${role}`),
      ...SourceKindSchema.options.map((kind) => `finding.sources.kinds.${kind}`),
      ...EntityNameSchema.options.map((entity) => `entities.${entity}`),
      ...MISSION_TABS.map((tab) => `mission.tabs.${tab}`),
      ...['not-started', 'draft', 'rated'].map((status) => `assessment.status.${status}`),
      ...['collecting', 'writing', 'saving'].map((stage) => `reports.stage.${stage}`),
      ...['sent', 'received'].map((direction) => `sync.direction.${direction}`),
      ...['not-started', 'draft', 'rated'].map((status) => `checklist.status.${status}`),
      ...['label', 'value', 'ofTotal', 'unit', 'period', 'source'].map((field) => `finding.statistics.${field}`),
      ...['reading', 'checking', 'writing'].map((stage) => `missions.importStage.${stage}`),
      ...['not-a-number', 'below-min', 'above-max', 'not-a-date', 'unknown-option'].map((problem) => `questions.problems.${problem}`),
      ...['yes', 'no', 'partly', 'not-applicable'].map((answer) => `questions.yesNo.${answer}`),
      ...BackupReasonSchema.options.map((reason) => `backups.reason.${reason}`),
    ];
    const available = new Set([...enKeys.keys()].map(base));
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked, ...dynamic].filter((key) => !available.has(key))).toEqual([]);
  });
});
