/** Column definitions for the agencies, themes and barriers grids, beside the data they show. */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import {
  AGENCY_TIERS, AGENCY_TYPES, BARRIER_CATEGORIES, BARRIER_STATUSES, CONTROLS, RESOLUTIONS, SEVERITIES, THEME_CATEGORIES,
  type DisplayUnit, type EnumItem,
} from '../../shared/enums';
import type { Agency, Barrier, Theme } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import { count, label, money, percent, unitLabel } from '../format';

const enumCol = <T, K extends string>(field: keyof T & string, headerName: string, items: readonly EnumItem<K>[], width = 170): ColDef<T> => ({
  field: field as unknown as ColDef<T>['field'],
  headerName,
  width,
  valueFormatter: (p: ValueFormatterParams<T>) => label(items, p.value as K),
  filterValueGetter: (p) => label(items, (p.data as Record<string, unknown>)[field] as K),
  getQuickFilterText: (p) => label(items, p.value as K),
});

const moneyCol = <T,>(headerName: string, unit: DisplayUnit, valueGetter: (row: T) => number | null, extra: Partial<ColDef<T>> = {}): ColDef<T> => ({
  headerName: `${headerName} (${unitLabel(unit)})`,
  valueGetter: (p) => (p.data ? valueGetter(p.data) : null),
  valueFormatter: (p) => money(p.value as number | null, unit),
  type: 'rightAligned',
  cellClass: 'num',
  filter: 'agNumberColumnFilter',
  width: 150,
  ...extra,
});

export function agencyColumns(unit: DisplayUnit, totals: Totals | null): ColDef<Agency>[] {
  const byId = new Map(totals?.byAgency.map((a) => [a.id, a]) ?? []);
  return [
    { field: 'name', headerName: 'Agency', flex: 2, minWidth: 240 },
    enumCol<Agency, Agency['type']>('type', 'Type', AGENCY_TYPES, 190),
    enumCol<Agency, Agency['tier']>('tier', 'Tier', AGENCY_TIERS, 100),
    { ...enumCol<Agency, Agency['control']>('control', 'Control', CONTROLS, 170), cellClass: (p) => `control-cell control-cell-${String(p.value)}` },
    moneyCol<Agency>('Spend', unit, (a) => byId.get(a.id)?.pence ?? 0),
    { headerName: 'Share of place', valueGetter: (p) => (p.data ? byId.get(p.data.id)?.pence ?? 0 : 0), valueFormatter: (p) => percent(p.value as number, totals?.totalPence ?? 0), type: 'rightAligned', cellClass: 'num', width: 130, filter: 'agNumberColumnFilter' },
    { headerName: 'Lines', valueGetter: (p) => (p.data ? byId.get(p.data.id)?.lines ?? 0 : 0), valueFormatter: (p) => count(p.value as number), type: 'rightAligned', cellClass: 'num', width: 100 },
  ];
}

export function themeColumns(unit: DisplayUnit, totals: Totals | null): ColDef<Theme>[] {
  const byId = new Map(totals?.byTheme.filter((t) => t.id).map((t) => [t.id!, t]) ?? []);
  return [
    { field: 'name', headerName: 'Theme', flex: 1, minWidth: 200 },
    enumCol<Theme, Theme['category']>('category', 'Category', THEME_CATEGORIES, 190),
    { field: 'description', headerName: 'Description', flex: 2, minWidth: 240 },
    { field: 'cohortSize', headerName: 'Cohort size', type: 'rightAligned', cellClass: 'num', width: 120, valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : count(p.value as number)), filter: 'agNumberColumnFilter' },
    moneyCol<Theme>('Spend', unit, (t) => byId.get(t.id)?.pence ?? 0),
    { headerName: 'Share of place', valueGetter: (p) => (p.data ? byId.get(p.data.id)?.pence ?? 0 : 0), valueFormatter: (p) => percent(p.value as number, totals?.totalPence ?? 0), type: 'rightAligned', cellClass: 'num', width: 130 },
    { headerName: 'Barriers', valueGetter: (p) => (p.data ? byId.get(p.data.id)?.barriers ?? 0 : 0), type: 'rightAligned', cellClass: 'num', width: 100 },
  ];
}

export function barrierColumns(unit: DisplayUnit, themes: Theme[], agencies: Agency[]): ColDef<Barrier>[] {
  const themeName = new Map(themes.map((t) => [t.id, t.name]));
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  return [
    { field: 'title', headerName: 'Barrier', flex: 2, minWidth: 340, tooltipField: 'title' },
    enumCol<Barrier, Barrier['category']>('category', 'Category', BARRIER_CATEGORIES, 230),
    { headerName: 'Theme', valueGetter: (p) => (p.data?.themeId ? themeName.get(p.data.themeId) ?? '' : 'Unallocated'), width: 170 },
    { headerName: 'Agencies affected', valueGetter: (p) => p.data?.agencyIds.map((id) => agencyName.get(id) ?? '').join(', ') ?? '', width: 240, tooltipValueGetter: (p) => p.value as string },
    enumCol<Barrier, Barrier['resolution']>('resolution', 'Resolved by', RESOLUTIONS, 160),
    { field: 'owner', headerName: 'Owner', width: 170 },
    moneyCol<Barrier>('Est. cost', unit, (b) => b.costPence),
    enumCol<Barrier, Barrier['severity']>('severity', 'Severity', SEVERITIES, 110),
    enumCol<Barrier, Barrier['status']>('status', 'Status', BARRIER_STATUSES, 120),
    { field: 'ask', headerName: 'Ask of government', width: 280, tooltipField: 'ask' },
    { field: 'offer', headerName: 'Offer in return', width: 260, tooltipField: 'offer' },
    { field: 'evidence', headerName: 'Evidence', width: 280, tooltipField: 'evidence' },
    { field: 'description', headerName: 'Description', width: 260, tooltipField: 'description' },
  ];
}
