/**
 * Text from a file (a mission title, a member's name, a bundle's device id) is printed by the
 * command line, and a hostile file can carry terminal control sequences in it: ESC [ 2 J clears
 * the screen, ESC ] 0 ; retitles the window, CR and bidi overrides make a line read as something
 * it is not ("valid mission" over a refusal). Every line is printed through this, so such
 * characters show as visible \u escapes and never reach the terminal. Line feeds stay: usage texts
 * and problem lists are several lines in one call.
 */
// C0 controls but tab and line feed, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
