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

export async function pdfWithChromium(html: string, pilotName: string): Promise<Buffer> {
  const exe = findChromium();
  if (!exe) {
    throw new WorkbookError('not-found', 'Printing to PDF needs Chrome, Chromium or Edge, and none was found on this computer. Install one, set CHROMIUM_PATH to it, or use "report" to make an HTML file and print that from any browser.');
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true,
      headerTemplate: '<span></span>', footerTemplate: pageFooter(pilotName), tagged: true, outline: true,
    });
  } finally {
    await browser.close();
  }
}
