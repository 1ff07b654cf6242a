/** Gathers what the submission prints from an open workbook, with the fingerprint that traces it back. */
import crypto from 'node:crypto';
import type { ReportData } from '../../shared/report/types';
import type { Workbook } from '../workbook/workbook';

export function reportData(wb: Workbook, generatedAt = new Date()): ReportData {
  const info = wb.info();
  const totals = wb.totals();
  const content = {
    pilot: { ...wb.pilot.get(), updatedAt: 0, createdAt: 0 },
    totals: { ...totals, revision: 0 },
    agencies: wb.agencies.list().map(({ updatedAt: _u, createdAt: _c, author: _a, ...a }) => a),
    themes: wb.themes.list().map(({ updatedAt: _u, createdAt: _c, author: _a, ...t }) => t),
    barriers: wb.barriers.list().map(({ updatedAt: _u, createdAt: _c, author: _a, ...b }) => b),
    matrix: wb.matrix(),
  };
  const contentHash = crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return {
    pilot: wb.pilot.get(),
    generatedAt: generatedAt.toISOString(),
    author: info.author,
    fileName: info.fileName,
    fingerprint: { workbookId: info.workbookId, revision: info.revision, contentHash },
    totals,
    agencies: wb.agencies.list(),
    themes: wb.themes.list(),
    barriers: wb.barriers.list(),
    matrix: content.matrix,
  };
}
