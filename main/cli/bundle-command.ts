import { bundleInfo, formatBundleInfo } from '../../shared/sync/bundle';
import { onePositional, parseCommandArgs } from './arguments';
import { EXIT_OK, UsageError } from './cli-errors';
import type { Command } from './command';
import { PASSPHRASE_HELP, PASSPHRASE_OPTION, bundleError, passphraseOf, readBundleBytes } from './bundle-files';

const SUBCOMMANDS = ['info'] as const;

export const bundleCommand: Command = {
  name: 'bundle',
  synopsis: 'bundle info FILE.mkbundle [--passphrase P]',
  summary: 'check a sync bundle and show what it carries',
  usage: `Usage: mission-kit bundle info FILE.mkbundle [--passphrase P]

Opens a sync bundle (.mkbundle), checks it completely (checksums, schemas, passphrase) and shows
its manifest: the mission, the template, the device and member that wrote it, its scope, when it
was written, its changes by entity, its attachments and whether it is encrypted.

Options:
${PASSPHRASE_HELP}

Exit status: 0 for a valid bundle, 1 for a bad one (missing, not a bundle, wrong passphrase,
altered or damaged), 2 for a usage error.`,

  async run(args, { io, output }) {
    const [subcommand, ...rest] = args;
    if (subcommand === undefined) throw new UsageError(`missing bundle command (commands: ${SUBCOMMANDS.join(', ')})`, 'bundle');
    if (subcommand === '--help' || subcommand === '-h') {
      output.line(bundleCommand.usage);
      return EXIT_OK;
    }
    if (subcommand !== 'info') {
      throw new UsageError(`unknown bundle command "${subcommand}" (commands: ${SUBCOMMANDS.join(', ')})`, 'bundle');
    }

    const { values, positionals } = parseCommandArgs('bundle', rest, { ...PASSPHRASE_OPTION, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      output.line(bundleCommand.usage);
      return EXIT_OK;
    }
    const file = onePositional('bundle', positionals, 'FILE.mkbundle');
    const passphrase = passphraseOf(io, values.passphrase, 'bundle');

    const bytes = await readBundleBytes(io, file);
    const result = await bundleInfo(bytes, passphrase);
    if (!result.ok) throw bundleError(file, result.error);
    output.line(`Bundle:      ${file}`);
    output.line(formatBundleInfo(result.info));
    return EXIT_OK;
  },
};
