/** Gathers what the submission prints from an open workbook, with the fingerprint that traces it back. */
import crypto from 'node:crypto';
import type { ReportData } from '../../shared/report/types';
import type { Workbook } from '../workbook/workbook';

export function reportData(wb: Workbook, generatedAt = new Date()): ReportData {
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
    author: info.author,
    fileName: info.fileName,
    fingerprint: { workbookId: info.workbookId, revision: info.revision, contentHash },
    totals,
    agencies,
    themes,
    barriers,
    matrix,
  };
}
