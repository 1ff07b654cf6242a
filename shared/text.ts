/**
 * Text from a file, made safe to show where there is no markup to escape it: a terminal, a window
 * title, a notification. A received workbook can hold any characters in a name; some of them steer
 * what a terminal or a title bar shows (control characters, escape sequences, bidirectional overrides
 * that display "exe.fdp" as "pdf.exe"). `plainText` removes them; the words themselves are kept.
 */

/**
 * C0 controls (but \t \n \r, handled apart), DEL, C1 controls; the bidirectional embeddings and
 * overrides (U+202A–U+202E), isolates (U+2066–U+2069), the left-to-right and right-to-left marks
 * (U+200E, U+200F) and the Arabic letter mark (U+061C).
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Line breaks of every kind: \r\n, \r, \n, and the Unicode line and paragraph separators. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

export interface PlainTextOptions {
  /** Keep line breaks (as \n). Otherwise each becomes a space: a title or a table cell is one line. */
  newlines?: boolean;
  /** Keep tabs. Otherwise each becomes a space. */
  tabs?: boolean;
}

/**
 * `text` without control or bidirectional-formatting characters. Line breaks and tabs become spaces
 * unless asked to be kept (line breaks are then all \n). Never throws; anything that is not a string
 * is shown as it would print.
 */
export function plainText(text: string, keep: PlainTextOptions = {}): string {
  const s = String(text).replace(UNSAFE, '');
  const lines = s.replace(LINE_BREAK, keep.newlines ? '\n' : ' ');
  return keep.tabs ? lines : lines.replace(/\t/g, ' ');
}

/** Does `text` hold any character `plainText` would remove or change (other than kept line breaks and tabs)? */
export function hasUnsafeText(text: string, keep: PlainTextOptions = {}): boolean {
  return plainText(text, keep) !== text;
}

/**
 * JSON for a terminal: the same JSON, with every character `plainText` removes written as a
 * \uXXXX escape instead, so the data is unchanged but nothing steers the terminal. (JSON.stringify
 * already escapes C0 controls inside strings; it leaves C1 and bidirectional characters as they are.)
 */
export function terminalJson(json: string): string {
  return json.replace(/[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
