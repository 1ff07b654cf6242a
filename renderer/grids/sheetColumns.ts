/**
 * The column definitions of a sheet, from its fields: headers with the unit and the required mark,
 * frozen first columns, editors (lists, text boxes, checklists), how each value is shown (not stated
 * in grey, a year other than the count's flagged), tooltips with the full text, and the keys AG Grid
 * must leave alone (Alt+Enter in a text cell). Names and the count year are read through refs when a
 * cell is drawn, so a rename redraws cells without rebuilding the columns (which would close an
 * editor the user has open).
 */
import type { ColDef, GridApi, SuppressKeyboardEventParams } from 'ag-grid-community';
import { NOT_STATED, type DisplayUnit } from '../../shared/enums';
import { formatYear } from '../../shared/years';
import { money, unitLabel } from '../format';
import { AgencyListEditor, ChoiceEditor, TextEditor, type EditorParams } from './editors';
import { FIELDS, fieldDisplay, fieldText, requiredFields, type Names, type Table } from './fields';

export type Row = Record<string, unknown> & { id: string };
export const ENTRY_ID = '__new__';
export const FOOTER_ID = '__total__';
export const isEntryRow = (d: Row | undefined) => d?.id === ENTRY_ID;
export const isFooterRow = (d: Row | undefined) => d?.id === FOOTER_ID;

/** The columns that stay in view when scrolling right (Excel's frozen panes). */
export const FROZEN: Record<Table, string[]> = { agency: ['name'], theme: ['name'], spend: ['agencyId', 'description'], barrier: ['title'] };
const SORTABLE_SPEND = new Set(['description', 'amountPence', 'function', 'year', 'passedOn', 'kind', 'delivery', 'funding', 'purpose', 'source', 'confidence', 'notes']);

export interface ColumnOptions {
  table: Table;
  unit: DisplayUnit;
  readOnly: boolean;
  /** Spend: rows paged from the store, sorted there. */
  infinite: boolean;
  computed: ColDef[] | undefined;
  names: { current: Names };
  countYear: { current: number | undefined };
  /** What every editor needs from the sheet beyond its field (the new-row line's state). */
  editor: Pick<EditorParams, 'draft' | 'pendingSave' | 'commitEntry'>;
}

export function sheetColumns(o: ColumnOptions): ColDef<Row>[] {
  const cols: ColDef<Row>[] = FIELDS[o.table].map((spec) => {
    const choice = spec.kind === 'enum' || spec.kind === 'bool' || spec.kind === 'ref';
    const textual = spec.kind === 'text' || spec.kind === 'longtext' || spec.kind === 'refs' || spec.kind === 'ref';
    const frozen = FROZEN[o.table].includes(spec.key);
    const required = requiredFields(o.table).some((r) => r.key === spec.key);
    return {
      colId: spec.key,
      field: spec.key,
      headerName: `${spec.header}${spec.kind === 'money' ? ` (${unitLabel(o.unit)})` : ''}${required ? ' *' : ''}`,
      headerTooltip: spec.kind === 'money'
        ? `${spec.header} in ${unitLabel(o.unit)}. Plain numbers you type are read in ${unitLabel(o.unit)}; type £ for pounds, or add k, m or bn.`
        : required ? `${spec.header} is needed for a new row` : undefined,
      // initial*: applied when the column is made, so a width the user set (kept per workbook) is not undone by a refresh.
      initialWidth: spec.width,
      minWidth: spec.kind === 'year' || spec.kind === 'bool' ? 80 : 100,
      ...(frozen ? { initialPinned: 'left' as const } : {}),
      editable: (p) => !o.readOnly && !isFooterRow(p.data),
      sortable: o.infinite ? spec.sortKey !== undefined || SORTABLE_SPEND.has(spec.key) : true,
      filter: o.infinite ? false : spec.kind === 'money' || spec.kind === 'int' ? 'agNumberColumnFilter' : 'agTextColumnFilter',
      filterValueGetter: (p) => (p.data ? fieldDisplay(spec, p.data[spec.key], o.names.current, o.unit) : ''),
      getQuickFilterText: (p) => fieldDisplay(spec, p.value, o.names.current, o.unit),
      valueFormatter: (p) => {
        if (isFooterRow(p.data)) return spec.kind === 'money' ? money(p.value as number, o.unit) : String(p.value ?? '');
        if (isEntryRow(p.data) && (p.value === undefined || p.value === null)) return required ? `${spec.header}…` : '';
        return fieldDisplay(spec, p.value, o.names.current, o.unit);
      },
      cellClass: (p) => {
        const classes: string[] = [];
        if (spec.kind === 'money' || spec.kind === 'int') classes.push('num');
        if (isEntryRow(p.data) && (p.value === undefined || p.value === null)) classes.push('entry-placeholder');
        if (p.value === NOT_STATED) classes.push('not-stated');
        if (spec.key === 'control') classes.push('control-cell', `control-cell-${String(p.value)}`);
        if (spec.kind === 'year' && typeof p.value === 'number' && o.countYear.current !== undefined && p.value !== o.countYear.current && !isFooterRow(p.data)) classes.push('flag-year');
        return classes;
      },
      tooltipValueGetter: (p) => {
        if (!p.data || isFooterRow(p.data)) return undefined;
        if (spec.kind === 'year' && typeof p.value === 'number' && o.countYear.current !== undefined && p.value !== o.countYear.current) {
          return `${formatYear(p.value)} is not the count’s year (${formatYear(o.countYear.current)}). That is allowed; check it is meant.`;
        }
        if (p.value === NOT_STATED) return `${spec.header} not stated: nobody has said. Choose a value when it is known.`;
        return textual && !isEntryRow(p.data) ? fieldText(spec, p.value, o.names.current) : undefined;
      },
      cellEditorSelector: () => ({
        component: spec.kind === 'refs' ? AgencyListEditor : choice ? ChoiceEditor : TextEditor,
        popup: spec.kind === 'refs' || choice || spec.kind === 'longtext',
        params: { spec, names: o.names.current, unit: o.unit, ...o.editor },
      }),
      suppressKeyboardEvent: (p: SuppressKeyboardEventParams<Row>) => p.editing
        // Alt+Enter and Shift+Enter start a new line in a text cell, as in Excel: not AG Grid's "done".
        ? spec.kind === 'longtext' && p.event.key === 'Enter' && (p.event.altKey || p.event.shiftKey)
        : p.event.key === 'Delete' || (p.event.key === 'Enter' && (p.event.ctrlKey || p.event.metaKey)),
      ...(spec.kind === 'money' ? { type: 'rightAligned' } : {}),
    };
  });
  return [...cols, ...((o.computed ?? []) as ColDef<Row>[])];
}

/**
 * Columns fit their contents on first show, within limits: frozen columns stay narrow enough to leave
 * room to scroll the rest, long text stops at a readable width (the full text is on hover). The user
 * can still widen any column; their widths are kept per workbook.
 */
export function fitColumns(api: GridApi<Row>, table: Table, computed: ColDef[] | undefined): void {
  const specs = FIELDS[table];
  api.autoSizeColumns(specs.map((s) => s.key).concat((computed ?? []).map((c) => c.colId ?? '').filter(Boolean)));
  const limits = specs.map((spec) => {
    const frozen = FROZEN[table].includes(spec.key);
    const textual = spec.kind === 'text' || spec.kind === 'longtext' || spec.kind === 'refs' || spec.kind === 'ref';
    const max = frozen ? (FROZEN[table].length > 1 ? 240 : 320) : textual ? 360 : 300;
    return { key: spec.key, width: api.getColumn(spec.key)?.getActualWidth() ?? 0, max };
  }).filter((l) => l.width > l.max).map((l) => ({ key: l.key, newWidth: l.max }));
  if (limits.length > 0) api.setColumnWidths(limits, true, 'autosizeColumns');
}
