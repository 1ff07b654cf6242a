/**
 * A spreadsheet-style grid over one table, on AG Grid Community, worked as an Excel user works a sheet:
 * - type to edit an existing row: the change is saved when the cell is left; a refused value stays in
 *   the cell for correction, with the reason beside it;
 * - the new-row line at the foot is a line being written: Tab or Enter moves along it, and it is saved
 *   when the user leaves the row, presses Enter on its last cell, Tabs past it, or presses Ctrl+Enter —
 *   never half-way along, so a choice made in the row always lands in that row;
 * - the first column stays in view when scrolling right; columns fit their contents on first show;
 *   Tab moves between cells; the column headers are reached with ↑ from the first line;
 * - copy and paste with Excel (see ./paste), Delete clears a cell, Ctrl+Enter for a new row, column
 *   widths and order kept per workbook.
 * Agencies, themes and barriers hold their rows here; spend pages its rows from the store.
 */
import type { CellEditRequestEvent, ColDef, Column, ColumnState, GridApi, IDatasource, IRowNode, SortModelItem } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import type { DisplayUnit } from '../../shared/enums';
import { AgencyCreate, BarrierCreate, SpendCreate, ThemeCreate, type SpendQueryInput } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import type { HistoryState } from '../../shared/types';
import { api } from '../api/bridge';
import { explain } from '../api/errors';
import { count } from '../format';
import { CellMessage, type CellMessageAt } from './CellMessage';
import { FIELDS, fieldCopyCell, fieldEditText, parseField, requiredFields, type CopyCell, type FieldSpec, type Names, type Table } from './fields';
import { SpendSummary, useSpendSums } from './footer';
import { usePaste, type PasteProblem } from './paste';
import { toHtml, toTsv } from './clipboard';
import { useSheetKeys } from './sheetKeys';
import { ENTRY_ID, FOOTER_ID, fitColumns, isEntryRow, isFooterRow, sheetColumns, type Row } from './sheetColumns';
import { gridTheme } from './theme';
import { forgetHeld, holdRefused } from './typeahead';


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
  /** The year the count is for: spend lines of another year are allowed but flagged. */
  countYear?: number;
  /** The rows (agencies, themes, barriers); omitted for spend, which pages from the store. */
  rows?: Row[];
  /** Spend only: the filter, done in SQL. */
  filter?: NonNullable<SpendQueryInput['filter']>;
  computed?: ColDef[];
  /** The workbook's revision: when it moves, the computed columns and the sums are redrawn. */
  revision?: number;
  /** Show only rows whose column shows this text (from a click in the totals panel). */
  columnFilter?: { key: string; text: string };
  search: string;
  label: string;
  /** A change was saved: with the totals and undo state after it, when the save returned them. */
  onChanged: (after?: { totals: Totals; history: HistoryState }) => void;
  onProblems: (title: string, problems: PasteProblem[]) => void;
  /** Something worth saying once, in the notice bar (what a paste did, for example). */
  onNotice: (message: string) => void;
  /** The names of agencies changed outside this grid (a paste added some): reload the lists. */
  onNamesChanged: () => Promise<void>;
  onSelection?: (n: number) => void;
  /** Whether a line is being written in the new-row line (and so not yet added): the status line says so. */
  onWriting?: (writing: boolean) => void;
}

const batchMethod = { agency: 'agency.batch', theme: 'theme.batch', spend: 'spend.batch', barrier: 'barrier.batch' } as const;
const CREATE_SCHEMA = { agency: AgencyCreate, theme: ThemeCreate, spend: SpendCreate, barrier: BarrierCreate } as const;
const ROW_WORD: Record<Table, string> = { agency: 'agency', theme: 'theme', spend: 'spend line', barrier: 'barrier' };

/** What an empty grid says: a React component, not an HTML template (the page allows no HTML from strings). */
function EmptyOverlay({ text }: { text: string }) {
  return <span className="grid-empty">{text}</span>;
}

export const Sheet = forwardRef<SheetHandle, Props>(function Sheet(props, ref) {
  const { table, names, unit, readOnly, rows, filter, computed, revision, columnFilter, search, workbookId, countYear, onChanged, onProblems, onNotice, onNamesChanged, onSelection, onWriting } = props;
  const grid = useRef<GridApi<Row> | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  // Names and the count year are read when a cell is drawn, so a change of name redraws cells without
  // rebuilding the columns — which would close an editor the user has open.
  const namesRef = useRef(names);
  namesRef.current = names;
  const countYearRef = useRef(countYear);
  countYearRef.current = countYear;
  const [message, setMessage] = useState<CellMessageAt | null>(null);
  const infinite = rows === undefined;
  const specs = FIELDS[table];
  const stateKey = `totalplace.columns.${workbookId}.${table}`;
  const entryId = ENTRY_ID;

  // The line being written in the new-row line: kept here until it is saved, shown in the row.
  const draft = useRef<Record<string, unknown>>({});
  const [draftShown, setDraftShown] = useState<Record<string, unknown>>({});
  const setDraft = useCallback((d: Record<string, unknown>) => {
    draft.current = d;
    setDraftShown(d);
  }, []);
  const lineInProgress = Object.keys(draftShown).length > 0;
  useEffect(() => {
    onWriting?.(lineInProgress);
  }, [lineInProgress, onWriting]);
  useEffect(() => () => onWriting?.(false), [onWriting]);

  /**
   * The new-row line is to be saved once the cell being left has given its value. AG Grid hands an
   * edited value to the grid a moment after the editor closes (its events are asynchronous), so a save
   * asked for by Enter, Ctrl+Enter or Tab waits for that value: the value's arrival saves the line
   * (see commit), or, if the cell was left unchanged and no value comes, the save runs just after.
   */
  const pendingSave = useRef<'tab' | 'enter' | null>(null);

  // Writes go one after another, in the order they were made.
  const writing = useRef<Promise<unknown>>(Promise.resolve());
  const save = useCallback((batch: { creates?: Record<string, unknown>[]; updates?: Record<string, unknown>[] }) => {
    const run = writing.current.catch(() => undefined).then(async () => {
      const result = (await api(batchMethod[table], batch as never)) as unknown as { created: Row[]; updated: Row[]; totals: Totals; history: HistoryState };
      if (infinite) {
        // Changed lines are put straight into their rows; new lines need their place in the sort order.
        if (result.created.length > 0) grid.current?.refreshInfiniteCache();
        else for (const r of result.updated) grid.current?.getRowNode(r.id)?.setData(r);
      }
      onChanged({ totals: result.totals, history: result.history });
      return result;
    });
    writing.current = run;
    return run;
  }, [table, infinite, onChanged]);

  const editableColumns = useCallback((): string[] => {
    const api0 = grid.current;
    if (!api0) return specs.map((s) => s.key);
    return api0.getAllDisplayedColumns().map((c) => c.getColId()).filter((id) => specs.some((s) => s.key === id));
  }, [specs]);

  /** Say why a value was refused, beside its cell, and open the cell again with what was typed. */
  const lastRefused = useRef<string | null>(null);
  const refuse = useCallback((node: IRowNode<Row>, column: string, text: string, reason: string) => {
    const rowId = node.id ?? '';
    pendingSave.current = null;
    // Left a second time with the same refused value: the user has moved on; it is let go (nothing saved).
    const key = JSON.stringify([rowId, column, text]);
    if (lastRefused.current === key) {
      lastRefused.current = null;
      setMessage({ rowId, column, text: `${reason}. Nothing was saved; the cell keeps what it had.` });
      return;
    }
    lastRefused.current = key;
    setMessage({ rowId, column, text: reason });
    holdRefused(rowId, column, text);
    setTimeout(() => {
      const api0 = grid.current;
      if (!api0 || node.rowIndex === null) return;
      const pinned = node.rowPinned ?? null;
      api0.ensureColumnVisible(column);
      api0.setFocusedCell(node.rowIndex, column, pinned);
      api0.startEditingCell({ rowIndex: node.rowIndex, colKey: column, rowPinned: pinned });
    }, 0);
  }, []);

  const focusEntry = useCallback((column: string, edit: boolean) => {
    const api0 = grid.current;
    if (!api0) return;
    api0.ensureColumnVisible(column);
    api0.setFocusedCell(0, column, 'bottom');
    if (edit) api0.startEditingCell({ rowIndex: 0, colKey: column, rowPinned: 'bottom' });
  }, []);

  /**
   * Save the line being written, if it has everything a new row needs. `how` is what the user did:
   * left the row, Tabbed past its last cell, pressed Enter on its last cell, or Ctrl+Enter.
   */
  const saveDraft = useCallback((how: 'left' | 'tab' | 'enter') => {
    const d = draft.current;
    if (Object.keys(d).length === 0) return;
    const missing = requiredFields(table).filter((f) => d[f.key] === undefined || d[f.key] === null || d[f.key] === '');
    if (missing.length > 0) {
      setMessage({ rowId: entryId, column: missing[0]!.key, text: `This ${ROW_WORD[table]} is not added yet: fill in ${missing.map((m) => m.header).join(' and ')}, then press Enter or move to another row.` });
      if (how !== 'left') focusEntry(missing[0]!.key, false);
      return;
    }
    // The workbook's own rules (lengths, ranges), checked before anything is sent: a value it would
    // refuse is reopened in its cell for correction, with the reason beside it.
    const check = CREATE_SCHEMA[table].safeParse(d);
    if (!check.success) {
      const issue = check.error.issues[0]!;
      const key = String(issue.path[0] ?? '');
      const spec = specs.find((f) => f.key === key);
      const node = grid.current?.getPinnedBottomRow(0);
      if (spec && node) {
        refuseRef.current(node, key, fieldEditText(spec, d[key], namesRef.current, unit), issue.message);
        return;
      }
    }
    // The row is empty again at once, so what is typed next starts the next line.
    setDraft({});
    setMessage(null);
    save({ creates: [d] }).catch((e: unknown) => {
      if (Object.keys(draft.current).length === 0) setDraft(d);
      setMessage({ rowId: entryId, column: Object.keys(d)[0] ?? specs[0]!.key, text: `This ${ROW_WORD[table]} was not added: ${explain(e).message}` });
    });
  }, [entryId, focusEntry, save, setDraft, specs, table, unit]);

  /**
   * A cell of the new-row line was left: its value goes into the line being written (or is refused,
   * and reopened for correction). Called by the editor as it closes, synchronously — AG Grid's own
   * edit events arrive a moment later, and the line must never be saved without the value just typed,
   * nor a late value land in the next line.
   */
  const refuseRef = useRef(refuse);
  refuseRef.current = refuse;

  const commitEntry = useCallback((column: string, text: string) => {
    const spec = specs.find((s) => s.key === column);
    const node = grid.current?.getPinnedBottomRow(0);
    if (!spec || !node) return;
    const saveAfter = pendingSave.current;
    pendingSave.current = null;
    if (!(draft.current[spec.key] === undefined && text.trim() === '')) {
      const parsed = parseField(spec, text, namesRef.current, unit);
      if (!parsed.ok) return refuse(node, spec.key, text, parsed.reason);
      setMessage(null);
      lastRefused.current = null;
      const next = { ...draft.current, [spec.key]: parsed.value };
      if (parsed.value === null || parsed.value === '') delete next[spec.key];
      setDraft(next);
    }
    if (saveAfter) saveDraft(saveAfter);
  }, [refuse, saveDraft, setDraft, specs, unit]);

  const commitEntryRef = useRef(commitEntry);
  commitEntryRef.current = commitEntry;

  const commit = useCallback(async (node: IRowNode<Row>, spec: FieldSpec, text: string, oldValue: unknown) => {
    const start = fieldEditText(spec, oldValue, namesRef.current, unit);
    if (text === start) return;
    const parsed = parseField(spec, text, namesRef.current, unit);
    if (!parsed.ok) return refuse(node, spec.key, text, parsed.reason);
    setMessage(null);
    lastRefused.current = null;
    try {
      await save({ updates: [{ id: node.data!.id, [spec.key]: parsed.value }] });
    } catch (e) {
      refuse(node, spec.key, text, explain(e).message);
    }
  }, [refuse, save, unit]);

  const onEdit = useCallback((e: CellEditRequestEvent<Row>) => {
    const spec = specs.find((s) => s.key === e.colDef.colId);
    // The new-row line's values come from its editors directly (commitEntry).
    if (!spec || isFooterRow(e.data) || isEntryRow(e.data)) return;
    void commit(e.node, spec, e.newValue === null || e.newValue === undefined ? '' : String(e.newValue), e.oldValue);
  }, [commit, specs]);

  const columns = useMemo(() => sheetColumns({
    table, unit, readOnly, infinite, computed, names: namesRef, countYear: countYearRef,
    editor: { draft, pendingSave, commitEntry: (c: string, t: string) => commitEntryRef.current(c, t) },
  }), [table, unit, readOnly, infinite, computed]);

  const datasource = useMemo<IDatasource>(() => ({
    getRows: (p) => {
      const sort = (p.sortModel as SortModelItem[]).map((s) => ({ key: specs.find((f) => f.key === s.colId)?.sortKey ?? s.colId, dir: s.sort })) as NonNullable<SpendQueryInput['sort']>;
      const f = { ...(filter ?? {}), ...(search.trim() ? { search: search.trim() } : {}) };
      api('spend.page', { offset: p.startRow, limit: p.endRow - p.startRow, sort, filter: f, withCount: p.startRow === 0 })
        .then((page) => p.successCallback(page.rows as unknown as Row[], page.matching ?? undefined))
        .catch((e: unknown) => {
          p.failCallback();
          onProblems('The spend lines could not be loaded', [{ column: '', text: '', rows: [], reason: explain(e).message }]);
        });
    },
  }), [filter, search, specs, onProblems]);

  const shownFilter = useMemo(() => ({ ...(filter ?? {}), ...(search.trim() ? { search: search.trim() } : {}) }), [filter, search]);
  const sums = useSpendSums(infinite, shownFilter, revision);
  const filtered = Object.keys(shownFilter).length > 0;

  const pinned: Row[] = useMemo(() => {
    const out: Row[] = [];
    if (!readOnly) out.push({ ...draftShown, id: ENTRY_ID });
    if (infinite && sums) out.push({ id: FOOTER_ID, description: `${count(sums.lines)} line${sums.lines === 1 ? '' : 's'}${filtered ? ' matching' : ''} (gross)`, amountPence: sums.pence });
    return out;
  }, [draftShown, readOnly, infinite, sums, filtered]);

  const applyColumnFilter = useCallback(() => {
    grid.current?.setFilterModel(columnFilter ? { [columnFilter.key]: { filterType: 'text', type: 'equals', filter: columnFilter.text } } : null);
  }, [columnFilter]);
  useEffect(applyColumnFilter, [applyColumnFilter]);

  // Amounts follow the display unit at once, and names their renaming, in every row (pinned ones too).
  useEffect(() => {
    grid.current?.refreshCells({ force: true });
  }, [unit, names, countYear]);

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

  const paste = usePaste({ table, unit, names: namesRef, save, onProblems, onNotice, onNamesChanged });

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (readOnly || target.closest('input, textarea, select')) return;
    const api0 = grid.current;
    const focused = api0?.getFocusedCell();
    if (!api0 || !focused) return;
    const startsOnNewRow = focused.rowPinned === 'bottom';
    if (focused.rowPinned && !(startsOnNewRow && focused.rowIndex === 0)) return;
    e.preventDefault();
    const rowIds: (string | undefined)[] = [];
    if (!startsOnNewRow) {
      const total = api0.getDisplayedRowCount();
      for (let i = focused.rowIndex; i < total; i++) rowIds.push(api0.getDisplayedRowAtIndex(i)?.data?.id);
    }
    void paste.run(e.clipboardData.getData('text/plain'), { rowIds, columns: columnsFrom(focused.column), allColumns: specs, startsOnNewRow });
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const api0 = grid.current;
    if (!api0) return;
    const shown = api0.getAllDisplayedColumns().map((c) => specs.find((s) => s.key === c.getColId())).filter((s): s is FieldSpec => s !== undefined);
    const selected = api0.getSelectedRows();
    let cells: CopyCell[][];
    if (selected.length > 0) {
      cells = selected.map((r) => shown.map((s) => fieldCopyCell(s, r[s.key], namesRef.current)));
    } else {
      const f = api0.getFocusedCell();
      const spec = f && specs.find((s) => s.key === f.column.getColId());
      const node = f && !f.rowPinned ? api0.getDisplayedRowAtIndex(f.rowIndex) : null;
      if (!spec || !node?.data) return;
      cells = [[fieldCopyCell(spec, node.data[spec.key], namesRef.current)]];
    }
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(cells));
    e.clipboardData.setData('text/html', toHtml(cells));
  };

  const keys = useSheetKeys({ grid, wrap, readOnly, table, draft, pendingSave, setDraft, setMessage, saveDraft, focusEntry, editableColumns, commit, onNotice });
  const goToEntry = keys.goToEntry;

  const saveColumns = () => {
    const api0 = grid.current;
    if (!api0) return;
    // Widths, order, visibility and pinning — not the sort, which is a view of the moment.
    const state = api0.getColumnState().map(({ colId, width, flex, hide, pinned: pin }) => ({ colId, width, flex, hide, pinned: pin }));
    localStorage.setItem(stateKey, JSON.stringify(state));
  };
  const hadSavedColumns = useRef(false);

  useImperativeHandle(ref, () => ({
    addRow: goToEntry,
    selectedIds: () => grid.current?.getSelectedRows().map((r) => r.id) ?? [],
    selectedRows: () => grid.current?.getSelectedRows() ?? [],
    clearSelection: () => grid.current?.deselectAll(),
    refresh: () => {
      if (infinite) grid.current?.refreshInfiniteCache();
    },
  }));

  useEffect(() => () => forgetHeld(), []);

  const emptyText = infinite
    ? filtered
      ? 'No spend lines match. Clear the search or filters to see everything.'
      : 'No spend lines yet. Type the first one into the last line (Agency, Service, Amount — Tab moves along), or paste lines from Excel.'
    : rows && rows.length === 0
      ? 'Type into the last line to add the first one (Tab moves along it), or paste rows from Excel.'
      : 'No rows match. Clear the search to see everything.';

  return (
    <div className="sheet-column">
      <div ref={wrap} className="grid-wrap sheet" role="region" aria-label={props.label} onPaste={onPaste} onCopy={onCopy} onKeyDownCapture={keys.onKeyDownCapture} onBlurCapture={keys.onBlurCapture}>
        <AgGridReact<Row>
          theme={gridTheme}
          columnDefs={columns}
          defaultColDef={{ resizable: true }}
          getRowId={(p) => p.data.id}
          {...(infinite
            ? { rowModelType: 'infinite' as const, datasource, cacheBlockSize: 200, maxBlocksInCache: 50 }
            : { rowData: rows, quickFilterText: search })}
          pinnedBottomRowData={pinned}
          getRowClass={(p) => (isEntryRow(p.data) ? 'entry-row' : isFooterRow(p.data) ? 'footer-row' : undefined)}
          rowSelection={readOnly ? undefined : { mode: 'multiRow', checkboxes: (p) => !p.node.rowPinned, headerCheckbox: !infinite, enableClickSelection: false }}
          selectionColumnDef={{ pinned: 'left', width: 44, suppressNavigable: true }}
          readOnlyEdit
          singleClickEdit={false}
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          navigateToNextCell={keys.navigateToNextCell}
          tabToNextCell={keys.tabToNextCell}
          tabToNextHeader={keys.tabToNextHeader}
          focusGridInnerElement={keys.focusGridInnerElement}
          onCellEditRequest={onEdit}
          onCellKeyDown={keys.onKey}
          onCellFocused={keys.onCellFocused}
          onCellEditingStarted={(e) => setMessage((m) => (m && (m.rowId === e.node.id && (m.column === e.column.getColId() || m.rowId === entryId)) ? m : null))}
          onSelectionChanged={(e) => onSelection?.(e.api.getSelectedRows().length)}
          onGridReady={(e) => {
            grid.current = e.api;
            applyColumnFilter();
            const saved = localStorage.getItem(stateKey);
            if (saved) {
              try {
                e.api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
                hadSavedColumns.current = true;
              } catch {
                localStorage.removeItem(stateKey);
              }
            }
          }}
          onFirstDataRendered={(e) => {
            // Columns fit their contents on first show (within each column's limits), unless the user has set widths.
            if (!hadSavedColumns.current) fitColumns(e.api, table, computed);
          }}
          onColumnResized={(e) => e.finished && e.source !== 'autosizeColumns' && saveColumns()}
          onColumnMoved={(e) => e.finished && saveColumns()}
          onColumnPinned={() => saveColumns()}
          noRowsOverlayComponent={EmptyOverlay}
          noRowsOverlayComponentParams={{ text: emptyText }}
          tooltipShowDelay={400}
          suppressColumnVirtualisation
        />
        {message && <CellMessage at={message} onClose={() => setMessage(null)} />}
        {paste.dialog}
      </div>
      {infinite && sums && <SpendSummary sums={sums} unit={unit} filtered={filtered} />}
    </div>
  );
});




