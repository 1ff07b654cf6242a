/**
 * The security settings of every window, and the rules for links and files from outside, as pure
 * functions the tests check and the main process applies.
 */
import path from 'node:path';
import { FILE_EXTENSION } from './session';

/** What every window shares: isolated, sandboxed, no Node, no webview, no insecure content. */
const HARDENED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  disableBlinkFeatures: 'Auxclick',
} as const;

/** webPreferences for every window: isolated, sandboxed, no Node, no webview, no insecure content. */
export function secureWebPreferences(preload: string) {
  return { preload, ...HARDENED, spellcheck: true } as const;
}

/** Links the app may open in the user's browser: https only, and only these sites. */
export const EXTERNAL_HOSTS = ['www.gov.uk', 'www.sqlite.org'];

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_HOSTS.includes(u.hostname) && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Workbook files named on a command line (a double-click, "Open with", a second launch). */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(FILE_EXTENSION))
    .map((a) => path.resolve(cwd, a));
}

/** Files dropped on a window, as handed over by the preload: keep workbook paths only. */
export function droppedWorkbooks(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return input.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p) && p.toLowerCase().endsWith(FILE_EXTENSION)).slice(0, 20);
}

/**
 * The in-memory session of the hidden windows that print a report: never the app's own, so nothing the
 * app's pages may do applies to them, and the request filter below sees only report windows.
 */
export const REPORT_PARTITION = 'totalplace-report';

/**
 * webPreferences of the hidden window that prints a report: no JavaScript at all (the report has none,
 * and a value from a file that became script would not run), sandboxed, isolated, no Node, no webview,
 * in its own session.
 */
export function reportWebPreferences() {
  return { javascript: false, ...HARDENED, spellcheck: false, partition: REPORT_PARTITION } as const;
}

/** The report's document as its window loads it: a data: URL, never a file or a server. */
export function reportDocumentUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`;
}

/**
 * Whether a report window may make a request: its own document (exactly the URL it was given) and
 * data: images (which the report's CSP also allows); anything else — a remote or local address, a
 * frame, a style sheet, a font, another document — is refused.
 */
export function reportRequestAllowed(request: { url: string; resourceType: string }, documentUrl: string | undefined): boolean {
  if (request.resourceType === 'mainFrame') return documentUrl !== undefined && request.url === documentUrl;
  return request.resourceType === 'image' && /^data:image\//i.test(request.url);
}
