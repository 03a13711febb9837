import type { IncomingHttpHeaders } from 'node:http';
import { HubRequestError } from './hub-http';

/**
 * Pairing is the one request the hub takes from anyone, so a web page that a team member opens
 * must not be able to send it: every wrong guess it made would count against the code. Browsers
 * send a cross-origin POST without asking only with a "simple" content type (text/plain, a
 * form); with `application/json` they ask first (a CORS preflight, which the hub refuses), and
 * they always name the page's origin. Devices pair from Node or Electron's main process, with
 * JSON and no Origin. So a pairing request must be JSON and carry no Origin and no Sec-Fetch-Site
 * at all, and one that does is refused before its body is read, without counting as a guess.
 * Not even the hub's own origin: the hub serves no page, and a page whose host name was rebound
 * to the hub's address (DNS rebinding) sends its POST as same-origin, with an Origin that
 * matches the Host header it also sent.
 */
export function browserPairingRefusal(headers: IncomingHttpHeaders): HubRequestError | null {
  const type = headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return new HubRequestError(415, 'unsupported-media-type', 'A pairing request must be sent as application/json (by the Mission Kit app or command line); nothing was counted.');
  }
  if (headers.origin !== undefined || headers['sec-fetch-site'] !== undefined) {
    return new HubRequestError(403, 'foreign-origin', 'Pairing is refused to web pages (the request names the origin of a page): pair from the Mission Kit app; nothing was counted.');
  }
  return null;
}
