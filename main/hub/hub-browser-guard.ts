import type { IncomingHttpHeaders } from 'node:http';
import { HubRequestError } from './hub-http';

/**
 * Pairing is the one request the hub takes from anyone, so a web page that a team member opens
 * must not be able to send it: every wrong guess it made would count against the code. Browsers
 * send a cross-origin POST without asking only with a "simple" content type (text/plain, a
 * form); with `application/json` they ask first (a CORS preflight, which the hub refuses), and
 * they always name the page's origin. Devices pair from Node or Electron's main process, with
 * JSON and no Origin. So a pairing request must be JSON and carry no Origin but the hub's own,
 * and one that is not is refused before its body is read, without counting as a guess.
 */
export function browserPairingRefusal(headers: IncomingHttpHeaders): HubRequestError | null {
  const type = headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return new HubRequestError(415, 'unsupported-media-type', 'A pairing request must be sent as application/json (by the Mission Kit app or command line); nothing was counted.');
  }
  const origin = headers.origin;
  const site = headers['sec-fetch-site'];
  const ownOrigin = headers.host === undefined ? null : `http://${headers.host}`;
  if ((origin !== undefined && origin !== ownOrigin) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    return new HubRequestError(403, 'foreign-origin', 'Pairing is refused to web pages (the request names another origin): pair from the Mission Kit app; nothing was counted.');
  }
  return null;
}
