import type { Bridge, BridgeRequests, BridgeResponses, IpcChannel } from '../../../shared/ipc-contract';
import { MAX_IPC_FILE_BYTES } from '../../../shared/ipc-contract';
import { fail, ok, type Result } from '../../../shared/result';

/**
 * The bridge for the browser build (fallback, development, end-to-end tests): a download
 * stands in for the save dialog and a file input for the open dialog.
 */
const HUB_IN_DESKTOP_ONLY = 'The LAN hub works in the desktop app; in the browser, exchange bundle files instead.';

const BACKUPS_IN_DESKTOP_ONLY = 'Automatic backups are kept by the desktop app; in the browser, export a full backup file instead.';

export function createWebBridge(doc: Document = document): Bridge {
  const handlers: { [C in IpcChannel]: (request: BridgeRequests[C]) => Promise<Result<BridgeResponses[C]>> } = {
    'file:save': async (request) => {
      const blob = new Blob([request.data as Uint8Array<ArrayBuffer>]);
      const url = URL.createObjectURL(blob);
      const link = doc.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      link.rel = 'noopener';
      doc.body.append(link);
      link.click();
      link.remove();
      // Revoke later: some browsers start the download asynchronously after click().
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return ok({ canceled: false, fileName: request.suggestedName });
    },
    'file:open': (request) => openFile(doc, request),
    'link:open-external': async (request) => {
      const url = safeHttpsUrl(request.url);
      if (!url) return fail('invalid-payload', `Only https links can be opened: ${request.url}`);
      doc.defaultView?.open(url, '_blank', 'noopener,noreferrer');
      return ok({ opened: true });
    },
    // A page cannot open a server, and its CSP keeps it from other hosts: the hub is desktop-only.
    'hub:host': async () => fail('unsupported', HUB_IN_DESKTOP_ONLY),
    'hub:stop': async () => ok({ hosting: false, urls: [], pairingCode: null }),
    'hub:status': async () => ok({ hosting: false, urls: [], pairingCode: null }),
    'hub:newCode': async () => fail('unsupported', HUB_IN_DESKTOP_ONLY),
    'hub:pair': async () => fail('unsupported', HUB_IN_DESKTOP_ONLY),
    'hub:exchange': async () => fail('unsupported', HUB_IN_DESKTOP_ONLY),
    // A page has no folder of its own to keep snapshots in; a full backup file works everywhere.
    'backup:write': async () => fail('unsupported', BACKUPS_IN_DESKTOP_ONLY),
    'backup:list': async () => fail('unsupported', BACKUPS_IN_DESKTOP_ONLY),
    'backup:read': async () => fail('unsupported', BACKUPS_IN_DESKTOP_ONLY),
    'backup:settings': async () => fail('unsupported', BACKUPS_IN_DESKTOP_ONLY),
  };
  return {
    host: 'web',
    invoke: (channel, request) => handlers[channel](request),
  };
}

function openFile(doc: Document, request: BridgeRequests['file:open']): Promise<Result<BridgeResponses['file:open']>> {
  const maxBytes = request.maxBytes ?? MAX_IPC_FILE_BYTES;
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = (request.filters ?? []).flatMap((filter) => filter.extensions.map((ext) => `.${ext}`)).join(',');
    input.style.display = 'none';
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(ok({ canceled: true }));
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) {
        resolve(ok({ canceled: true }));
        return;
      }
      if (file.size > maxBytes) {
        resolve(fail('file-too-large', `${file.name} is ${file.size} bytes; the limit is ${maxBytes} bytes.`));
        return;
      }
      file.arrayBuffer().then(
        (buffer) => resolve(ok({ canceled: false, fileName: file.name, data: new Uint8Array(buffer) })),
        (error: unknown) => resolve(fail('io-error', `${file.name} could not be read: ${String(error)}`)),
      );
    });
    doc.body.append(input);
    input.click();
  });
}

function safeHttpsUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
