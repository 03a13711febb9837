import type { Change } from '../../shared/schemas/change';
import { BundleTooLargeError, formatByteSize, writeBundle, type Bundle } from '../../shared/sync/bundle';
import { materializeMission, type MaterializedMission } from '../../shared/sync/materialize-mission';
import { vectorOf } from '../../shared/sync/version-vector';
import { parseCommandArgs, requiredOption } from './arguments';
import { CliError, EXIT_OK, UsageError } from './cli-errors';
import type { CliIo } from './cli-io';
import { count, resolvePath, writeOutputFile } from './cli-files';
import type { Command } from './command';
import { PASSPHRASE_HELP, PASSPHRASE_OPTION, openBundleFile, passphraseOf, type OpenedBundle } from './bundle-files';

/** The device a merged bundle names as its writer. */
export const MERGE_DEVICE = 'mission-kit-cli';
const MAX_LISTED = 20;

export const mergeCommand: Command = {
  name: 'merge',
  synopsis: 'merge A.mkbundle B.mkbundle... --out FILE.mkbundle [--passphrase P] [--force]',
  summary: "combine sync bundles of one mission into one bundle of the whole change log",
  usage: `Usage: mission-kit merge A.mkbundle B.mkbundle... --out FILE.mkbundle [--passphrase P] [--force]

Combines sync bundles of the same mission, e.g. from several experts' laptops, into one bundle
holding every change once (the same change in two bundles is kept once) and every attachment.
The newest version of the mission's template among the bundles is kept. The merged changes
must make a complete mission, as an "everything" bundle does; narrative conflicts (two
members editing the same text) are kept for the lead to resolve in the app, not resolved here.

The merged bundle is encrypted with the passphrase when any input bundle was encrypted.

Options:
  -o, --out FILE     where to write the merged bundle (required; never one of the inputs)
  -f, --force        overwrite FILE if it exists
${PASSPHRASE_HELP}`,

  async run(args, { io, output }) {
    const { values, positionals } = parseCommandArgs('merge', args, {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', short: 'f' },
      ...PASSPHRASE_OPTION,
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      output.line(mergeCommand.usage);
      return EXIT_OK;
    }
    if (positionals.length < 2) {
      throw new UsageError(positionals.length === 0 ? 'missing the bundles to merge' : 'merge needs at least two bundles', 'merge');
    }
    if (positionals.some((file) => file === '')) throw new UsageError('an empty file name was given', 'merge');
    const out = requiredOption('merge', 'out', values.out, 'FILE.mkbundle to write the merged bundle to');
    const passphrase = passphraseOf(io, values.passphrase, 'merge');
    await refuseToOverwriteInputs(io, out, positionals);

    const opened: { file: string; read: OpenedBundle }[] = [];
    for (const file of positionals) opened.push({ file, read: await openBundleFile(io, file, passphrase) });

    checkSameMission(opened.map(({ file, read }) => ({ file, bundle: read.bundle })));
    checkSameTemplate(opened.map(({ file, read }) => ({ file, bundle: read.bundle })));
    const bundles = opened.map(({ read }) => read.bundle);
    const template = newestTemplate(bundles);

    const { changes, duplicates, clashes } = unionChanges(bundles.map((bundle) => bundle.changes));
    const attachments = new Map<string, Uint8Array>();
    for (const bundle of bundles) for (const [sha256, bytes] of bundle.attachments) attachments.set(sha256, bytes);

    const state = materializeMission(changes);
    if (!state.ok) {
      throw new CliError([
        'the merged changes do not make a complete mission, so no bundle was written:',
        ...state.problems.slice(0, MAX_LISTED).map((problem) => `  ${problem.path}: ${problem.message}`),
        ...(state.problems.length > MAX_LISTED ? [`  … and ${state.problems.length - MAX_LISTED} more`] : []),
        'Merge bundles exported with the whole change log ("everything"), or add one that holds the missing changes.',
      ]);
    }

    const encrypt = opened.some(({ read }) => read.encrypted);
    const first = bundles[0] as Bundle;
    const bytes = await writeMerged(
      {
        manifest: {
          missionId: first.manifest.missionId,
          missionTitle: state.mission.title,
          templateId: template.id,
          templateVersion: template.version,
          createdAt: io.now().toISOString(),
          device: MERGE_DEVICE,
          member: null,
          scope: 'everything',
          senderVector: vectorOf(changes),
        },
        changes,
        template,
        attachments,
      },
      encrypt && passphrase !== undefined ? { passphrase } : {},
    );
    await writeOutputFile(io, out, bytes, { overwrite: values.force === true, overwriteHint: '--force' });

    let attachmentBytes = 0;
    for (const data of attachments.values()) attachmentBytes += data.length;
    output.line(`Wrote ${out}${encrypt ? ' (encrypted with the passphrase)' : ''}`);
    output.line(
      `merged ${count(bundles.length, 'bundle')} of "${state.mission.title}" (${state.mission.id}): ${count(changes.length, 'change')}` +
        `${duplicates > 0 ? ` (${count(duplicates, 'duplicate')} left out)` : ''}, ${count(attachments.size, 'attachment')} (${formatByteSize(attachmentBytes)}), template "${template.id}" version ${template.version}`,
    );
    output.line(`mission state: ${describeState(state)}`);
    describeConflicts(state).forEach((line) => output.line(line));
    if (clashes > 0) {
      output.error(
        `mission-kit: warning: ${count(clashes, 'clock stamp')} carried different changes in different bundles (altered or corrupt bundles?); one change was kept for each`,
      );
    }
    return EXIT_OK;
  },
};

/**
 * Bundles within the limits each can together make one beyond them: that is the user's input,
 * not a bug, so it is a problem line (exit 1), not an "unexpected error".
 */
async function writeMerged(...args: Parameters<typeof writeBundle>): ReturnType<typeof writeBundle> {
  try {
    return await writeBundle(...args);
  } catch (error) {
    if (error instanceof BundleTooLargeError) throw new CliError(`the merged bundle was not written: ${error.message}`);
    throw error;
  }
}

/** Neither by path nor through another name (a link) may the output be one of the inputs. */
async function refuseToOverwriteInputs(io: CliIo, out: string, inputs: readonly string[]): Promise<void> {
  const target = resolvePath(io, out);
  const existing = await io.fs.stat(target).catch(() => null);
  for (const input of inputs) {
    let same = resolvePath(io, input) === target;
    if (!same && existing !== null) {
      const stats = await io.fs.stat(resolvePath(io, input)).catch(() => null);
      same = stats !== null && stats.dev === existing.dev && stats.ino === existing.ino;
    }
    if (same) throw new CliError(`--out ${out} is the input bundle ${input}; choose another name for the merged bundle`);
  }
}

function checkSameMission(bundles: readonly { file: string; bundle: Bundle }[]): void {
  const missions = new Map<string, { file: string; title: string }>();
  for (const { file, bundle } of bundles) {
    if (!missions.has(bundle.manifest.missionId)) missions.set(bundle.manifest.missionId, { file, title: bundle.manifest.missionTitle });
  }
  if (missions.size <= 1) return;
  throw new CliError([
    `the bundles belong to ${missions.size} different missions; only bundles of one mission can be merged:`,
    ...[...missions].map(([id, { file, title }]) => `  ${file}: "${title}" (${id})`),
  ]);
}

function checkSameTemplate(bundles: readonly { file: string; bundle: Bundle }[]): void {
  const templates = new Map<string, string>();
  for (const { file, bundle } of bundles) if (!templates.has(bundle.template.id)) templates.set(bundle.template.id, file);
  if (templates.size <= 1) return;
  throw new CliError([
    `the bundles use ${templates.size} different templates; a mission has one:`,
    ...[...templates].map(([id, file]) => `  ${file}: template "${id}"`),
  ]);
}

/** The template of the highest version; of equal versions, the first bundle's. */
function newestTemplate(bundles: readonly Bundle[]): Bundle['template'] {
  let newest = (bundles[0] as Bundle).template;
  for (const bundle of bundles) if (bundle.template.version > newest.version) newest = bundle.template;
  return newest;
}

/**
 * Every change once, by clock stamp (the change log's key), sorted by stamp. Two different
 * changes with one stamp cannot come from a working device; the one kept is chosen by content,
 * as materializeEntity does, so the result does not depend on the order of the bundles.
 */
export function unionChanges(lists: readonly (readonly Change[])[]): { changes: Change[]; duplicates: number; clashes: number } {
  const byStamp = new Map<string, { change: Change; key: string }>();
  let duplicates = 0;
  let clashes = 0;
  for (const list of lists) {
    for (const change of list) {
      const key = canonicalJson(change);
      const current = byStamp.get(change.hlc);
      if (current === undefined) {
        byStamp.set(change.hlc, { change, key });
        continue;
      }
      duplicates += 1;
      if (current.key === key) continue;
      clashes += 1;
      if (key > current.key) byStamp.set(change.hlc, { change, key });
    }
  }
  const changes = [...byStamp.values()].map((entry) => entry.change).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  return { changes, duplicates, clashes };
}

function describeState(state: MaterializedMission): string {
  return [
    count(state.members.length, 'member'),
    count(state.sites.length, 'site visit'),
    count(state.findings.length, 'finding'),
    count(state.evidence.length, 'evidence item'),
    count(state.assessments.length, 'assessment'),
    count(state.recommendations.length, 'recommendation'),
  ].join(', ');
}

function describeConflicts(state: MaterializedMission): string[] {
  const { conflicts } = state;
  if (conflicts.length === 0) return ['narrative conflicts: none'];
  return [
    `narrative conflicts: ${conflicts.length}, kept for the lead to resolve in the app:`,
    ...conflicts.slice(0, MAX_LISTED).map((conflict) => {
      const devices = [...new Set(conflict.versions.map((version) => version.device))].join(', ');
      return `  ${conflict.entity} ${conflict.id} ${conflict.field}: ${count(conflict.versions.length, 'version')} (from ${devices})`;
    }),
    ...(conflicts.length > MAX_LISTED ? [`  … and ${conflicts.length - MAX_LISTED} more`] : []),
  ];
}

/** JSON with object keys sorted, so equal changes give equal strings whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
