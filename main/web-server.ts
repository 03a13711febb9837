import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rendererErrorResponse, serveRendererFile, type RendererResponse } from './renderer-files';

export interface WebServerOptions {
  /** The built renderer folder (the one holding index.html). */
  root: string;
  /** 0 (the default) picks a free port; read the chosen one back from `url`. */
  port?: number;
  /** Loopback by default: the fallback is for this machine's browser, not the network. */
  host?: string;
}

export interface RunningWebServer {
  /** e.g. `http://127.0.0.1:5180/` */
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, response: RendererResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '';
  // Only origin-form targets ("/path?query"): an absolute-form "http://other/..." is a proxy
  // request, which this server is not.
  if (!target.startsWith('/')) {
    send(res, rendererErrorResponse(400));
    return;
  }
  const pathname = target.split(/[?#]/, 1)[0] ?? '/';
  send(res, await serveRendererFile(root, req.method ?? 'GET', pathname));
}

function urlFor(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

/** A static server for the built renderer, with the same path rules and CSP as the app:// protocol. */
export function startWebServer({ root, port = 0, host = '127.0.0.1' }: WebServerOptions): Promise<RunningWebServer> {
  const server = createServer((req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) send(res, rendererErrorResponse(500));
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        url: urlFor(address),
        close: () =>
          new Promise<void>((resolveClose, rejectClose) => {
            server.close((error) => (error ? rejectClose(error) : resolveClose()));
            // Browsers hold keep-alive connections open; without this close() waits for them.
            server.closeAllConnections();
          }),
      });
    });
  });
}
