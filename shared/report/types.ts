/** What the printed submission is made from, and the choices a pilot lead makes when printing it. */
import type { DisplayUnit } from '../enums';
import type { Agency, Barrier, Pilot, Theme } from '../schemas';
import { plainText } from '../text';
import type { Totals } from '../totals';
import { escapeHtml } from './html';

export interface ReportData {
  pilot: Pilot;
  /** ISO time the report was made. */
  generatedAt: string;
  /** Who prepared the submission, as somebody chose it; null prints no "Prepared by" line. */
  author: string | null;
  fileName: string;
  /** Traces a printed figure to the file: the workbook, its revision, and a hash of the figures printed. */
  fingerprint: { workbookId: string; revision: number; contentHash: string };
  totals: Totals;
  agencies: Agency[];
  themes: Theme[];
  barriers: Barrier[];
  matrix: { agencyId: string; themeId: string | null; pence: number }[];
}

export const REPORT_SECTIONS = [
  { key: 'summary', label: 'Summary of the count' },
  { key: 'spendMap', label: 'The spend map' },
  { key: 'themes', label: 'Themes' },
  { key: 'barriers', label: 'Barriers register' },
  { key: 'quality', label: 'How the count was made' },
  { key: 'agencies', label: 'Appendix: agencies' },
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number]['key'];

export interface ReportOptions {
  units: DisplayUnit;
  sections: ReportSection[];
  /** Wide tables (the agency × theme spend map) on landscape pages, or kept portrait. */
  wideTables: 'landscape' | 'portrait';
}

export function defaultReportOptions(units: DisplayUnit): ReportOptions {
  return { units, sections: REPORT_SECTIONS.map((s) => s.key), wideTables: 'landscape' };
}

/** The document's title (HTML <title>, and the PDF's Title): the pilot's name, one line of plain text. */
export function reportTitle(pilotName: string): string {
  return `${plainText(pilotName)} — Total Place pilot submission`;
}

/**
 * The footer Chromium prints on every page (Electron's printToPDF and Playwright's pdf take the same
 * template, as HTML): the pilot's name is one line of plain text, escaped.
 */
export function pageFooter(pilotName: string): string {
  const name = escapeHtml(plainText(pilotName));
  return `<div style="width:100%;font-family:'DejaVu Sans',Arial,sans-serif;font-size:7.5pt;color:#58636e;padding:0 16mm;display:flex;justify-content:space-between;">
<span>${name} — Total Place submission</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
