/**
 * The browser test harness: the renderer built by Vite, in Debian's Chromium, driven by
 * playwright-core; its bridge is the same `makeBridge` the preload uses, wired through Playwright's
 * `exposeBinding` to the same handler registry and window session the main process uses, over real
 * workbook files in a temp folder. Only Electron's own IPC and window chrome are left out.
 * Dialogs are the session's port: the test answers them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dispatch } from '../../electron/ipc/registry';
import { isTrustedSender } from '../../electron/ipc/sender';
import { resolveAppRequest } from '../../electron/services/protocol';
import { chromiumArgs, pdfWithChromium } from '../../electron/report/chromium';
import { Session, type Dialogs, type Printer } from '../../electron/services/session';
import { SettingsStore } from '../../electron/services/settings';
import { ROOT } from '../paths';

export const HOST = 'totalplace.test';
export const ORIGIN = `https://${HOST}`;
const RENDERER = path.join(ROOT, 'dist', 'renderer');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH. The browser tests never skip.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Chromium's sandbox on, unless running as root (CI), where Chromium cannot start with it.
    args: [...chromiumArgs(), '--disable-quic', '--font-render-hinting=none'],
  });
}

let bridgeScript: Promise<string> | null = null;
/** The page side of the bridge: the shared `makeBridge`, bundled, over the binding. */
function pageBridge(): Promise<string> {
  bridgeScript ??= build({
    stdin: {
      contents: `import { makeBridge } from './shared/bridge';
        const listeners = { command: new Set(), stateChanged: new Set() };
        Object.defineProperty(window, '__totalPlaceEmit', { value: (event, payload) => listeners[event].forEach((l) => l(payload)) });
        window.totalPlace = makeBridge((m, i) => window.__totalPlaceInvoke(m, i), (event, l) => { listeners[event].add(l); return () => listeners[event].delete(l); });`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  }).then((r) => r.outputFiles[0]!.text);
  return bridgeScript;
}

export interface HarnessOptions {
  author?: string | null;
  width?: number;
  height?: number;
}

export class Harness {
  readonly dir: string;
  readonly dataDir: string;
  readonly session: Session;
  readonly settings: SettingsStore;
  private answers: (string | null)[] = [];
  readonly dialogsAsked: string[] = [];
  readonly printed: string[] = [];
  readonly revealed: string[] = [];
  readonly consoleErrors: string[] = [];
  private constructor(readonly page: Page, dir: string, dataDir: string, session: Session, settings: SettingsStore) {
    this.dir = dir;
    this.dataDir = dataDir;
    this.session = session;
    this.settings = settings;
  }

  static async start(browser: Browser, opts: HarnessOptions = {}): Promise<Harness> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'totalplace-e2e-'));
    const dataDir = path.join(dir, 'app-data');
    const settings = new SettingsStore(dataDir);
    if (opts.author !== null) settings.update({ author: opts.author ?? 'J. Smith' });
    const context = await browser.newContext({ viewport: { width: opts.width ?? 1360, height: opts.height ?? 860 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    let harness: Harness | null = null;
    const dialogs: Dialogs = {
      chooseWorkbookToOpen: async () => harness!.answer('open'),
      chooseNewWorkbookPath: async () => harness!.answer('new'),
      chooseCopyPath: async () => harness!.answer('copy'),
      choosePdfPath: async () => harness!.answer('pdf'),
    };
    // Chromium's PDF engine (Electron's own in the app); the system print dialog can't be driven, so
    // the test sees what would have been printed.
    const printer: Printer = {
      pdf: (html, pilotName) => pdfWithChromium(html, pilotName),
      print: async (html) => {
        harness!.printed.push(html);
      },
      reveal: (file) => harness!.revealed.push(file),
    };
    const session = new Session({
      dialogs, printer, settings, dataDir, appVersion: '0.1.0', platform: process.platform,
      changed: () => void page.evaluate(() => (window as unknown as { __totalPlaceEmit?: (e: string) => void }).__totalPlaceEmit?.('stateChanged')).catch(() => undefined),
    });
    harness = new Harness(page, dir, dataDir, session, settings);
    page.on('console', (m) => {
      if (m.type() === 'error') harness!.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => harness!.consoleErrors.push(String(e)));
    await page.route(`${ORIGIN}/**`, async (route) => {
      const r = resolveAppRequest(route.request().url(), RENDERER, HOST);
      if (r.status !== 200) return route.fulfill({ status: r.status, headers: r.headers, body: '' });
      return route.fulfill({ status: 200, headers: r.headers, body: fs.readFileSync(r.file) });
    });
    await page.exposeBinding('__totalPlaceInvoke', async (source, method: unknown, input: unknown) => {
      const trusted = source.frame === page.mainFrame() && isTrustedSender({ frameUrl: source.frame.url(), isTopFrame: true, knownWindow: true }, ORIGIN);
      if (!trusted) return { ok: false, error: { code: 'forbidden', message: 'Refused: not our page.' } };
      return dispatch(method, input, session);
    });
    await page.addInitScript({ content: await pageBridge() });
    await page.goto(`${ORIGIN}/index.html`);
    return harness;
  }

  private answer(kind: string): string | null {
    this.dialogsAsked.push(kind);
    if (this.answers.length === 0) throw new Error(`The app asked for a ${kind} dialog the test did not expect`);
    return this.answers.shift()!;
  }

  /** Answer the next file dialog with this path (or null: the user cancelled). */
  answerDialog(file: string | null): void {
    this.answers.push(file);
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  /** A menu command, as the native menu sends it. */
  async command(c: string): Promise<void> {
    await this.page.evaluate((cmd) => (window as unknown as { __totalPlaceEmit: (e: string, p: string) => void }).__totalPlaceEmit('command', cmd), c);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    this.session.dispose();
    await this.page.context().close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
