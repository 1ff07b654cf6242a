/** Gathers what the submission prints from an open workbook, with the fingerprint that traces it back. */
import crypto from 'node:crypto';
import type { ReportData } from '../../shared/report/types';
import type { Workbook } from '../workbook/workbook';

/**
 * `author` is who prepares the submission, as somebody chose it (--author, $TOTALPLACE_AUTHOR, the app's
 * author setting), or null: the report then leaves "Prepared by" out rather than print a login name
 * nobody chose. (The workbook's own change log still records the login name as the editor.)
 */
export function reportData(wb: Workbook, generatedAt = new Date(), author: string | null = null): ReportData {
  const info = wb.info();
  const totals = wb.totals();
  const pilot = wb.pilot.get();
  const agencies = wb.agencies.list();
  const themes = wb.themes.list();
  const barriers = wb.barriers.list();
  const matrix = wb.matrix();
  // The hash covers every figure and word printed, not when or by whom rows were last touched.
  const strip = <T extends { updatedAt: number; createdAt: number; author: string }>({ updatedAt: _u, createdAt: _c, author: _a, ...rest }: T) => rest;
  const content = { pilot: strip(pilot), totals: { ...totals, revision: 0 }, agencies: agencies.map(strip), themes: themes.map(strip), barriers: barriers.map(strip), matrix };
  const contentHash = crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return {
    pilot,
    generatedAt: generatedAt.toISOString(),
    author: author?.trim() ? author.trim() : null,
    fileName: info.fileName,
    fingerprint: { workbookId: info.workbookId, revision: info.revision, contentHash },
    totals,
    agencies,
    themes,
    barriers,
    matrix,
  };
}
