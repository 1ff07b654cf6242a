/**
 * Read-only computed columns beside the editable fields: each agency's and theme's spend and share, from
 * the store's totals. They read the latest totals through `totals()` when drawn, so new totals need only a
 * redraw of the cells, not new columns (which would interrupt an edit in progress).
 */
import type { ColDef } from 'ag-grid-community';
import type { DisplayUnit } from '../../shared/enums';
import type { Totals } from '../../shared/totals';
import { count, money, percent, unitLabel } from '../format';

type Row = Record<string, unknown> & { id: string };

const computedCol = (headerName: string, get: (id: string) => number, format: (n: number) => string, width = 130): ColDef<Row> => ({
  colId: `computed:${headerName}`,
  headerName,
  headerTooltip: `${headerName} (worked out from the spend lines; not editable)`,
  valueGetter: (p) => (p.data && !p.data.id.startsWith('__') ? get(p.data.id) : null),
  valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : format(p.value as number)),
  cellClass: 'num computed',
  type: 'rightAligned',
  initialWidth: width,
  editable: false,
  sortable: true,
});

export function agencyComputed(unit: DisplayUnit, totals: () => Totals): ColDef<Row>[] {
  const of = (id: string) => totals().byAgency.find((a) => a.id === id);
  return [
    computedCol(`Spend (${unitLabel(unit)})`, (id) => of(id)?.pence ?? 0, (n) => money(n, unit), 140),
    computedCol('Share of place', (id) => of(id)?.pence ?? 0, (n) => percent(n, totals().totalPence)),
    computedCol('Lines', (id) => of(id)?.lines ?? 0, count, 90),
  ];
}

export function themeComputed(unit: DisplayUnit, totals: () => Totals): ColDef<Row>[] {
  const of = (id: string) => totals().byTheme.find((t) => t.id === id);
  return [
    computedCol(`Spend (${unitLabel(unit)})`, (id) => of(id)?.pence ?? 0, (n) => money(n, unit), 140),
    computedCol('Share of place', (id) => of(id)?.pence ?? 0, (n) => percent(n, totals().totalPence)),
    computedCol('Barriers', (id) => of(id)?.barriers ?? 0, count, 100),
  ];
}
