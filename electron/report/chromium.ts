/**
 * PDF from the report's HTML with a Chromium found on this computer, through playwright-core (for the
 * command line and the tests; the app uses Electron's own Chromium). Chromium's PDF engine is the same
 * either way, so these PDFs are representative.
 */
import fs from 'node:fs';
import { WorkbookError } from '../../shared/errors';
import { pageFooter } from '../../shared/report/types';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
];

export function findChromium(): string | null {
  return CANDIDATES.find((c): c is string => !!c && fs.existsSync(c)) ?? null;
}

/**
 * Chromium's command line for printing. Its sandbox stays on; only as root (CI containers and some build
 * machines run as root), where Chromium refuses to start with it, is `--no-sandbox` added — the report
 * still runs no script and fetches nothing (see pdfWithChromium).
 */
export function chromiumArgs(isRoot = process.getuid?.() === 0): string[] {
  return [...(isRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
}

/**
 * The PDF of a report's HTML. The page runs with JavaScript off and every network request aborted: the
 * document is set with setContent (no request), and anything it would load — an image, a frame, a style
 * sheet, a font — is refused before it leaves the browser. (The report's own CSP refuses them too.)
 */
export async function pdfWithChromium(html: string, pilotName: string): Promise<Buffer> {
  const exe = findChromium();
  if (!exe) {
    throw new WorkbookError('not-found', 'Printing to PDF needs Chrome, Chromium or Edge, and none was found on this computer. Install one, set CHROMIUM_PATH to it, or use "report" to make an HTML file and print that from any browser.');
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: chromiumArgs() });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', acceptDownloads: false });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true,
      headerTemplate: '<span></span>', footerTemplate: pageFooter(pilotName), tagged: true, outline: true,
    });
  } finally {
    await browser.close();
  }
}
