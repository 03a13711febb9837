import { existsSync } from 'node:fs';
import path from 'node:path';
import { startWebServer } from './web-server';

/**
 * Command-line entry (bundled to dist/main/serve-renderer.cjs): serves the built renderer to a
 * browser when the Electron runtime is missing, until Ctrl-C.
 * Usage: serve-renderer [port] [--host <address>]; the port may also come from $PORT.
 */

const DEFAULT_PORT = 5180;

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`"${value}" is not a port number (0–65535)`);
  }
  return port;
}

function parseArguments(argv: readonly string[]): { port: number; host: string } {
  let host = '127.0.0.1';
  let portArgument: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--host') {
      host = argv[index + 1] ?? host;
      index += 1;
    } else if (argument === '--port') {
      portArgument = argv[index + 1];
      index += 1;
    } else if (argument !== undefined) {
      portArgument = argument;
    }
  }
  return { port: parsePort(portArgument) ?? parsePort(process.env.PORT) ?? DEFAULT_PORT, host };
}

async function main(): Promise<void> {
  // Bundled next to dist/renderer: dist/main/serve-renderer.cjs → dist/renderer.
  const root = path.join(__dirname, '../renderer');
  if (!existsSync(path.join(root, 'index.html'))) {
    console.error(`No built renderer in ${root}: run "npm run build" first.`);
    process.exitCode = 1;
    return;
  }
  const { port, host } = parseArguments(process.argv.slice(2));
  const server = await startWebServer({ root, port, host });
  console.log(`Mission Kit is served at ${server.url} (Ctrl-C to stop).`);

  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = code === 'EADDRINUSE' ? 'that port is already in use; pass another one, e.g. PORT=5181' : error instanceof Error ? error.message : String(error);
  console.error(`Cannot serve Mission Kit: ${message}`);
  process.exitCode = 1;
});
