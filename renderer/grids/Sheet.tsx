/**
 * A spreadsheet-style grid over one table, on AG Grid Community: type to edit (every accepted edit is
 * saved at once; a refused one says why beside the cell and saves nothing), a new-row line at the
 * foot, multi-row selection, copy and paste with Excel, Delete to clear a cell, Ctrl+Enter for a new
 * row, column widths and order kept per workbook. Agencies, themes and barriers hold their rows here;
 * spend pages its rows from the store (never all of them).
 */
import type {
  CellEditRequestEvent, CellKeyDownEvent, ColDef, Column, ColumnState, GridApi, IDatasource, IRowNode, SortModelItem, SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import type { DisplayUnit } from '../../shared/enums';
import type { SpendQueryInput } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import type { HistoryState } from '../../shared/types';
import { api } from '../api/bridge';
import { explain } from '../api/errors';
import { count, money, unitLabel } from '../format';
import { parseBlock, planPaste, toHtml, toTsv, type CellProblem } from './clipboard';
import { AgencyListEditor, ChoiceEditor, TextEditor } from './editors';
import { FIELDS, fieldDisplay, fieldText, parseField, requiredFields, type FieldSpec, type Names, type Table } from './fields';
import { gridTheme } from './theme';

type Row = Record<string, unknown> & { id: string };
const ENTRY_ID = '__new__';
const FOOTER_ID = '__total__';

export interface SheetHandle {
  /** Go to the new-row line and start typing in its first required cell. */
  addRow(): void;
  selectedIds(): string[];
  selectedRows(): Row[];
  clearSelection(): void;
  refresh(): void;
}

interface Props {
  table: Table;
  names: Names;
  unit: DisplayUnit;
  readOnly: boolean;
  workbookId: string;
  /** The rows (agencies, themes, barriers); omitted for spend, which pages from the store. */
  rows?: Row[];
  /** Spend only: the filter, done in SQL. */
  filter?: NonNullable<SpendQueryInput['filter']>;
  computed?: ColDef[];
  /** The workbook's revision: when it moves, the computed columns are redrawn with the new totals. */
  revision?: number;
  /** Show only rows whose column shows this text (from a click in the totals panel). */
  columnFilter?: { key: string; text: string };
  search: string;
  label: string;
  /** A change was saved: with the totals and undo state after it, when the save returned them. */
  onChanged: (after?: { totals: Totals; history: HistoryState }) => void;
  onProblems: (title: string, problems: CellProblem[]) => void;
  onSelection?: (n: number) => void;
}

const batchMethod = { agency: 'agency.batch', theme: 'theme.batch', spend: 'spend.batch', barrier: 'barrier.batch' } as const;

export const Sheet = forwardRef<SheetHandle, Props>(function Sheet(props, ref) {
  const { table, names, unit, readOnly, rows, filter, computed, revision, columnFilter, search, workbookId, onChanged, onProblems, onSelection } = props;
  const grid = useRef<GridApi<Row> | null>(null);
  const [entry, setEntry] = useState<Record<string, unknown>>({});
  const [message, setMessage] = useState<{ node: string; col: string; text: string } | null>(null);
  const [footer, setFooter] = useState<{ matching: number; pence: number } | null>(null);
  const infinite = rows === undefined;
  const specs = FIELDS[table];
  const stateKey = `totalplace.columns.${workbookId}.${table}`;

  const save = useCallback(async (batch: { creates?: Record<string, unknown>[]; updates?: Record<string, unknown>[] }) => {
    const result = (await api(batchMethod[table], batch as never)) as unknown as { created: Row[]; updated: Row[]; totals: Totals; history: HistoryState };
    if (infinite) {
      // Changed lines are put straight into their rows; new lines need their place in the sort order.
      if (result.created.length > 0) grid.current?.refreshInfiniteCache();
      else for (const r of result.updated) grid.current?.getRowNode(r.id)?.setData(r);
    }
    onChanged({ totals: result.totals, history: result.history });
  }, [table, infinite, onChanged]);

  const showMessage = useCallback((node: IRowNode<Row>, col: string, text: string) => {
    setMessage({ node: node.id ?? '', col, text });
  }, []);

  const commit = useCallback(async (node: IRowNode<Row>, spec: FieldSpec, text: string, oldValue: unknown) => {
    setMessage(null);
    const isEntry = node.rowPinned === 'bottom' && node.data?.id === ENTRY_ID;
    if (!isEntry && text === fieldText(spec, oldValue, names)) return;
    const parsed = parseField(spec, text, names);
    if (!parsed.ok) return showMessage(node, spec.key, parsed.reason);
    try {
      if (isEntry) {
        const draft = { ...entry, [spec.key]: parsed.value };
        const missing = requiredFields(table).filter((f) => !(f.key in draft) || draft[f.key] === null || draft[f.key] === '');
        if (missing.length > 0) {
          setEntry(draft);
          return showMessage(node, spec.key, `Not saved yet: fill in ${missing.map((m) => m.header).join(' and ')} to add this row.`);
        }
        await save({ creates: [draft] });
        setEntry({});
      } else {
        await save({ updates: [{ id: node.data!.id, [spec.key]: parsed.value }] });
      }
    } catch (e) {
      showMessage(node, spec.key, explain(e).message);
    }
  }, [entry, names, save, showMessage, table]);

  const onEdit = useCallback((e: CellEditRequestEvent<Row>) => {
    const spec = specs.find((s) => s.key === e.colDef.colId);
    if (!spec || (e.node.rowPinned === 'bottom' && e.data?.id === FOOTER_ID)) return;
    void commit(e.node, spec, e.newValue === null || e.newValue === undefined ? '' : String(e.newValue), e.oldValue);
  }, [commit, specs]);

  const columns = useMemo<ColDef<Row>[]>(() => {
    const isEntry = (d: Row | undefined) => d?.id === ENTRY_ID;
    const isFooter = (d: Row | undefined) => d?.id === FOOTER_ID;
    const cols: ColDef<Row>[] = specs.map((spec) => {
      const choice = spec.kind === 'enum' || spec.kind === 'bool' || spec.kind === 'ref';
      return {
        colId: spec.key,
        field: spec.key,
        headerName: `${spec.header}${spec.kind === 'money' ? ` (${unitLabel(unit)})` : ''}${spec.required ? ' *' : ''}`,
        headerTooltip: spec.required ? `${spec.header} is required` : undefined,
        // initial*: applied when the column is made, so a width the user set (kept per workbook) is not undone by a refresh.
        initialWidth: spec.width,
        ...(spec.flex ? { initialFlex: spec.flex, minWidth: Math.min(spec.width ?? 120, 240) } : {}),
        editable: (p) => !readOnly && !isFooter(p.data),
        sortable: infinite ? spec.sortKey !== undefined || ['description', 'amountPence', 'function', 'year', 'passedOn', 'kind', 'delivery', 'funding', 'purpose', 'source', 'confidence', 'notes'].includes(spec.key) : true,
        filter: infinite ? false : spec.kind === 'money' || spec.kind === 'int' ? 'agNumberColumnFilter' : 'agTextColumnFilter',
        filterValueGetter: (p) => (p.data ? fieldDisplay(spec, p.data[spec.key], names, unit) : ''),
        getQuickFilterText: (p) => fieldDisplay(spec, p.value, names, unit),
        valueFormatter: (p) => {
          if (isFooter(p.data)) return spec.kind === 'money' ? money(p.value as number, unit) : String(p.value ?? '');
          if (isEntry(p.data) && (p.value === undefined || p.value === null)) return spec.required && spec.kind !== 'enum' ? `${spec.header}…` : '';
          return fieldDisplay(spec, p.value, names, unit);
        },
        cellClass: (p) => [spec.kind === 'money' || spec.kind === 'int' ? 'num' : '', isEntry(p.data) && (p.value === undefined || p.value === null) ? 'entry-placeholder' : '', spec.key === 'control' ? `control-cell control-cell-${String(p.value)}` : ''].filter(Boolean).join(' '),
        tooltipValueGetter: spec.kind === 'longtext' || spec.kind === 'refs' ? (p) => (p.data && !isEntry(p.data) ? fieldText(spec, p.value, names) : undefined) : undefined,
        cellEditor: spec.kind === 'refs' ? AgencyListEditor : choice ? ChoiceEditor : TextEditor,
        cellEditorPopup: spec.kind === 'refs' || choice || spec.kind === 'longtext',
        cellEditorParams: { spec, names },
        suppressKeyboardEvent: (p: SuppressKeyboardEventParams<Row>) => !p.editing && (p.event.key === 'Delete' || (p.event.key === 'Enter' && (p.event.ctrlKey || p.event.metaKey))),
        ...(spec.kind === 'money' ? { type: 'rightAligned' } : {}),
      };
    });
    return [...cols, ...(computed ?? [])];
  }, [specs, unit, readOnly, infinite, names, computed]);

  const datasource = useMemo<IDatasource>(() => ({
    getRows: (p) => {
      const sort = (p.sortModel as SortModelItem[]).map((s) => ({ key: specs.find((f) => f.key === s.colId)?.sortKey ?? s.colId, dir: s.sort })) as NonNullable<SpendQueryInput['sort']>;
      const f = { ...(filter ?? {}), ...(search.trim() ? { search: search.trim() } : {}) };
      api('spend.page', { offset: p.startRow, limit: p.endRow - p.startRow, sort, filter: f, withCount: p.startRow === 0 })
        .then((page) => {
          if (page.matching !== null) setFooter({ matching: page.matching, pence: page.matchingPence ?? 0 });
          p.successCallback(page.rows as unknown as Row[], page.matching ?? undefined);
        })
        .catch((e: unknown) => {
          p.failCallback();
          onProblems('The spend lines could not be loaded', [{ row: 0, column: '', text: '', reason: explain(e).message }]);
        });
    },
  }), [filter, search, specs, onProblems]);

  const pinned: Row[] = useMemo(() => {
    const out: Row[] = [];
    if (!readOnly) out.push({ ...entry, id: ENTRY_ID });
    if (infinite && footer) out.push({ id: FOOTER_ID, description: `${count(footer.matching)} line${footer.matching === 1 ? '' : 's'}${(filter && Object.keys(filter).length > 0) || search.trim() ? ' matching' : ''}`, amountPence: footer.pence });
    return out;
  }, [entry, readOnly, infinite, footer, filter, search]);

  const applyColumnFilter = useCallback(() => {
    grid.current?.setFilterModel(columnFilter ? { [columnFilter.key]: { filterType: 'text', type: 'equals', filter: columnFilter.text } } : null);
  }, [columnFilter]);
  useEffect(applyColumnFilter, [applyColumnFilter]);

  // Amounts follow the display unit at once, in every row (pinned ones too).
  useEffect(() => {
    grid.current?.refreshCells({ force: true });
  }, [unit, names]);

  // New totals: redraw only the computed columns (an edit in progress elsewhere is left alone).
  useEffect(() => {
    const cols = (computed ?? []).map((c) => c.colId).filter((c): c is string => !!c);
    if (cols.length > 0) grid.current?.refreshCells({ force: true, columns: cols });
  }, [revision, computed]);

  /** The editable columns from the focused one rightwards, in the order shown. */
  const columnsFrom = (col: Column): FieldSpec[] => {
    const shown = grid.current!.getAllDisplayedColumns().map((c) => specs.find((s) => s.key === c.getColId())).filter((s): s is FieldSpec => s !== undefined);
    const i = shown.findIndex((s) => s.key === col.getColId());
    return i < 0 ? [] : shown.slice(i);
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (readOnly || target.closest('input, textarea, select')) return;
    const api0 = grid.current;
    const focused = api0?.getFocusedCell();
    if (!api0 || !focused) return;
    e.preventDefault();
    const block = parseBlock(e.clipboardData.getData('text/plain'));
    if (block.length === 0) return;
    const startsOnNewRow = focused.rowPinned === 'bottom';
    if (focused.rowPinned && !startsOnNewRow) return;
    const rowIds: (string | undefined)[] = [];
    if (!startsOnNewRow) {
      const total = api0.getDisplayedRowCount();
      for (let i = focused.rowIndex; i < Math.min(total, focused.rowIndex + block.length); i++) rowIds.push(api0.getDisplayedRowAtIndex(i)?.data?.id);
    }
    const plan = planPaste(table, block, { rowIds, columns: columnsFrom(focused.column), startsOnNewRow }, names);
    if (!plan.ok) return onProblems('Nothing was pasted', plan.problems);
    save({ creates: plan.creates, updates: plan.updates }).catch((err: unknown) => onProblems('Nothing was pasted', [{ row: 0, column: '', text: '', reason: explain(err).message }]));
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const api0 = grid.current;
    if (!api0) return;
    const shown = api0.getAllDisplayedColumns().map((c) => specs.find((s) => s.key === c.getColId())).filter((s): s is FieldSpec => s !== undefined);
    const selected = api0.getSelectedRows();
    let cells: string[][];
    if (selected.length > 0) {
      cells = selected.map((r) => shown.map((s) => fieldText(s, r[s.key], names)));
    } else {
      const f = api0.getFocusedCell();
      const spec = f && specs.find((s) => s.key === f.column.getColId());
      const node = f && !f.rowPinned ? api0.getDisplayedRowAtIndex(f.rowIndex) : null;
      if (!spec || !node?.data) return;
      cells = [[fieldText(spec, node.data[spec.key], names)]];
    }
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(cells));
    e.clipboardData.setData('text/html', toHtml(cells));
  };

  const goToEntry = () => {
    const api0 = grid.current;
    if (!api0 || readOnly) return;
    const first = requiredFields(table)[0] ?? specs[0]!;
    api0.ensureColumnVisible(first.key);
    api0.setFocusedCell(0, first.key, 'bottom');
    api0.startEditingCell({ rowIndex: 0, colKey: first.key, rowPinned: 'bottom' });
  };

  const onKey = (e: CellKeyDownEvent<Row>) => {
    const k = e.event as KeyboardEvent | undefined;
    if (!k || readOnly) return;
    if ((k.ctrlKey || k.metaKey) && k.key === 'Enter') {
      k.preventDefault();
      goToEntry();
    } else if (k.key === 'Delete' && !k.ctrlKey && !k.metaKey) {
      const spec = specs.find((s) => s.key === e.column.getColId());
      if (!spec || e.data?.id === FOOTER_ID) return;
      k.preventDefault();
      if (e.data?.id === ENTRY_ID) {
        const { [spec.key]: _gone, ...rest } = entry;
        setEntry(rest);
      } else void commit(e.node, spec, '', e.data?.[spec.key]);
    }
  };

  const saveColumns = () => {
    const api0 = grid.current;
    if (!api0) return;
    // Widths, order, visibility and pinning — not the sort, which is a view of the moment.
    const state = api0.getColumnState().map(({ colId, width, flex, hide, pinned: pin }) => ({ colId, width, flex, hide, pinned: pin }));
    localStorage.setItem(stateKey, JSON.stringify(state));
  };

  useImperativeHandle(ref, () => ({
    addRow: goToEntry,
    selectedIds: () => grid.current?.getSelectedRows().map((r) => r.id) ?? [],
    selectedRows: () => grid.current?.getSelectedRows() ?? [],
    clearSelection: () => grid.current?.deselectAll(),
    refresh: () => {
      if (infinite) grid.current?.refreshInfiniteCache();
    },
  }));

  return (
    <div className="grid-wrap sheet" role="region" aria-label={props.label} onPaste={onPaste} onCopy={onCopy}>
      <AgGridReact<Row>
        theme={gridTheme}
        columnDefs={columns}
        defaultColDef={{ resizable: true }}
        getRowId={(p) => p.data.id}
        {...(infinite
          ? { rowModelType: 'infinite' as const, datasource, cacheBlockSize: 200, maxBlocksInCache: 50 }
          : { rowData: rows, quickFilterText: search })}
        pinnedBottomRowData={pinned}
        getRowClass={(p) => (p.data?.id === ENTRY_ID ? 'entry-row' : p.data?.id === FOOTER_ID ? 'footer-row' : undefined)}
        rowSelection={readOnly ? undefined : { mode: 'multiRow', checkboxes: true, headerCheckbox: !infinite, enableClickSelection: false }}
        selectionColumnDef={{ pinned: 'left', width: 44 }}
        readOnlyEdit
        singleClickEdit={false}
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        onCellEditRequest={onEdit}
        onCellKeyDown={onKey}
        onCellEditingStarted={() => setMessage(null)}
        onSelectionChanged={(e) => onSelection?.(e.api.getSelectedRows().length)}
        onGridReady={(e) => {
          grid.current = e.api;
          applyColumnFilter();
          const saved = localStorage.getItem(stateKey);
          if (saved) {
            try {
              e.api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
            } catch {
              localStorage.removeItem(stateKey);
            }
          }
        }}
        onColumnResized={(e) => e.finished && saveColumns()}
        onColumnMoved={(e) => e.finished && saveColumns()}
        overlayNoRowsTemplate={rows && rows.length === 0
          ? '<span class="grid-empty">Nothing here yet. Type into the last line (marked with the required columns) to add the first row, or paste rows from Excel.</span>'
          : '<span class="grid-empty">No rows match. Clear the search or filters to see everything.</span>'}
        tooltipShowDelay={400}
        suppressColumnVirtualisation
      />
      {message && <CellMessage at={message} onClose={() => setMessage(null)} />}
    </div>
  );
});

/** A message beside the cell it is about (GOV.UK error style), announced to screen readers. */
function CellMessage({ at, onClose }: { at: { node: string; col: string; text: string }; onClose: () => void }) {
  const cell = document.querySelector<HTMLElement>(`.ag-row[row-id="${CSS.escape(at.node)}"] .ag-cell[col-id="${CSS.escape(at.col)}"]`);
  const wrap = cell?.closest('.sheet')?.getBoundingClientRect();
  const r = cell?.getBoundingClientRect();
  const style = r && wrap ? { top: r.bottom - wrap.top + 2, left: Math.max(0, r.left - wrap.left) } : { top: 40, left: 12 };
  return (
    <div className="cell-message" role="alert" style={style}>
      <span>{at.text}</span>
      <button type="button" className="button-quiet" aria-label="Close this message" onClick={onClose}>×</button>
    </div>
  );
}
