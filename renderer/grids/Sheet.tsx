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
import type {
  CellEditRequestEvent, CellFocusedEvent, CellKeyDownEvent, CellPosition, ColDef, Column, ColumnState, GridApi, IDatasource, IRowNode,
  NavigateToNextCellParams, SortModelItem, SuppressKeyboardEventParams, TabToNextCellParams, TabToNextHeaderParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { NOT_STATED, type DisplayUnit } from '../../shared/enums';
import { AgencyCreate, BarrierCreate, SpendCreate, ThemeCreate, type SpendQueryInput } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import type { HistoryState } from '../../shared/types';
import { formatYear } from '../../shared/years';
import { api } from '../api/bridge';
import { explain } from '../api/errors';
import { count, money, unitLabel } from '../format';
import { CellMessage, type CellMessageAt } from './CellMessage';
import { AgencyListEditor, ChoiceEditor, TextEditor } from './editors';
import { FIELDS, fieldCopyText, fieldDisplay, fieldEditText, fieldText, parseField, requiredFields, type FieldSpec, type Names, type Table } from './fields';
import { SpendSummary, useSpendSums } from './footer';
import { usePaste, type PasteProblem } from './paste';
import { toHtml, toTsv } from './clipboard';
import { gridTheme } from './theme';
import { editorIsOpen, forgetHeld, hasHeld, holdKey, holdRefused, setControl, type PlayBack } from './typeahead';

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
/** The columns that stay in view when scrolling right (Excel's frozen panes). */
const FROZEN: Record<Table, string[]> = { agency: ['name'], theme: ['name'], spend: ['agencyId', 'description'], barrier: ['title'] };
const SORTABLE_SPEND = new Set(['description', 'amountPence', 'function', 'year', 'passedOn', 'kind', 'delivery', 'funding', 'purpose', 'source', 'confidence', 'notes']);
const isEntryRow = (d: Row | undefined) => d?.id === ENTRY_ID;
const isFooterRow = (d: Row | undefined) => d?.id === FOOTER_ID;

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

  const columns = useMemo<ColDef<Row>[]>(() => {
    const cols: ColDef<Row>[] = specs.map((spec) => {
      const choice = spec.kind === 'enum' || spec.kind === 'bool' || spec.kind === 'ref';
      const textual = spec.kind === 'text' || spec.kind === 'longtext' || spec.kind === 'refs' || spec.kind === 'ref';
      const frozen = FROZEN[table].includes(spec.key);
      const required = requiredFields(table).some((r) => r.key === spec.key);
      return {
        colId: spec.key,
        field: spec.key,
        headerName: `${spec.header}${spec.kind === 'money' ? ` (${unitLabel(unit)})` : ''}${required ? ' *' : ''}`,
        headerTooltip: spec.kind === 'money'
          ? `${spec.header} in ${unitLabel(unit)}. Plain numbers you type are read in ${unitLabel(unit)}; type £ for pounds, or add k, m or bn.`
          : required ? `${spec.header} is needed for a new row` : undefined,
        // initial*: applied when the column is made, so a width the user set (kept per workbook) is not undone by a refresh.
        initialWidth: spec.width,
        minWidth: spec.kind === 'year' || spec.kind === 'bool' ? 80 : 100,
        ...(frozen ? { initialPinned: 'left' as const } : {}),
        editable: (p) => !readOnly && !isFooterRow(p.data),
        sortable: infinite ? spec.sortKey !== undefined || SORTABLE_SPEND.has(spec.key) : true,
        filter: infinite ? false : spec.kind === 'money' || spec.kind === 'int' ? 'agNumberColumnFilter' : 'agTextColumnFilter',
        filterValueGetter: (p) => (p.data ? fieldDisplay(spec, p.data[spec.key], namesRef.current, unit) : ''),
        getQuickFilterText: (p) => fieldDisplay(spec, p.value, namesRef.current, unit),
        valueFormatter: (p) => {
          if (isFooterRow(p.data)) return spec.kind === 'money' ? money(p.value as number, unit) : String(p.value ?? '');
          if (isEntryRow(p.data) && (p.value === undefined || p.value === null)) return required ? `${spec.header}…` : '';
          return fieldDisplay(spec, p.value, namesRef.current, unit);
        },
        cellClass: (p) => {
          const classes: string[] = [];
          if (spec.kind === 'money' || spec.kind === 'int') classes.push('num');
          if (isEntryRow(p.data) && (p.value === undefined || p.value === null)) classes.push('entry-placeholder');
          if (p.value === NOT_STATED) classes.push('not-stated');
          if (spec.key === 'control') classes.push('control-cell', `control-cell-${String(p.value)}`);
          if (spec.kind === 'year' && typeof p.value === 'number' && countYearRef.current !== undefined && p.value !== countYearRef.current && !isFooterRow(p.data)) classes.push('flag-year');
          return classes;
        },
        tooltipValueGetter: (p) => {
          if (!p.data || isFooterRow(p.data)) return undefined;
          if (spec.kind === 'year' && typeof p.value === 'number' && countYearRef.current !== undefined && p.value !== countYearRef.current) {
            return `${formatYear(p.value)} is not the count’s year (${formatYear(countYearRef.current)}). That is allowed; check it is meant.`;
          }
          if (p.value === NOT_STATED) return `${spec.header} not stated: nobody has said. Choose a value when it is known.`;
          return textual && !isEntryRow(p.data) ? fieldText(spec, p.value, namesRef.current) : undefined;
        },
        cellEditorSelector: () => ({
          component: spec.kind === 'refs' ? AgencyListEditor : choice ? ChoiceEditor : TextEditor,
          popup: spec.kind === 'refs' || choice || spec.kind === 'longtext',
          params: { spec, names: namesRef.current, unit, draft, pendingSave, commitEntry: (c: string, t: string) => commitEntryRef.current(c, t) },
        }),
        suppressKeyboardEvent: (p: SuppressKeyboardEventParams<Row>) => p.editing
          // Alt+Enter and Shift+Enter start a new line in a text cell, as in Excel: not AG Grid's "done".
          ? spec.kind === 'longtext' && p.event.key === 'Enter' && (p.event.altKey || p.event.shiftKey)
          : p.event.key === 'Delete' || (p.event.key === 'Enter' && (p.event.ctrlKey || p.event.metaKey)),
        ...(spec.kind === 'money' ? { type: 'rightAligned' } : {}),
      };
    });
    return [...cols, ...(computed ?? [])];
  }, [specs, table, unit, readOnly, infinite, computed]);

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
    let cells: string[][];
    if (selected.length > 0) {
      cells = selected.map((r) => shown.map((s) => fieldCopyText(s, r[s.key], namesRef.current)));
    } else {
      const f = api0.getFocusedCell();
      const spec = f && specs.find((s) => s.key === f.column.getColId());
      const node = f && !f.rowPinned ? api0.getDisplayedRowAtIndex(f.rowIndex) : null;
      if (!spec || !node?.data) return;
      cells = [[fieldCopyText(spec, node.data[spec.key], namesRef.current)]];
    }
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(cells));
    e.clipboardData.setData('text/html', toHtml(cells));
  };

  const goToEntry = () => {
    if (!grid.current || readOnly) return;
    const first = requiredFields(table).find((f) => draft.current[f.key] === undefined) ?? requiredFields(table)[0] ?? specs[0]!;
    focusEntry(first.key, true);
  };

  /** Stop editing the new-row line and save it, with the cell's value; then, if it saved, `after`. */
  const saveWhenCommitted = (how: 'tab' | 'enter', after?: () => void) => {
    const api0 = grid.current;
    if (!api0) return;
    api0.stopEditing(); // the editor gives its value to the line as it closes
    saveDraft(how);
    if (after && Object.keys(draft.current).length === 0) after();
  };

  /** Enter while editing the new-row line: along the line, and on its last cell, save it. */
  const enterOnEntry = () => {
    const api0 = grid.current;
    const focused = api0?.getFocusedCell();
    if (!api0 || !focused) return;
    const cols = editableColumns();
    const i = cols.indexOf(focused.column.getColId());
    if (i >= cols.length - 1) {
      saveWhenCommitted('enter', () => focusEntry(cols[0]!, false));
    } else {
      api0.stopEditing();
      focusEntry(cols[i + 1]!, false);
    }
  };

  /** Ctrl+Enter: on the new-row line, save it; elsewhere, go to the new-row line. */
  const ctrlEnter = () => {
    const api0 = grid.current;
    const focused = api0?.getFocusedCell();
    if (!api0) return;
    if (focused?.rowPinned === 'bottom' && focused.rowIndex === 0) {
      saveWhenCommitted('enter', () => focusEntry(editableColumns()[0] ?? specs[0]!.key, false));
    } else {
      goToEntry();
    }
  };

  // A Tab or Enter typed while an editor was opening, played back once the editor has what came before it.
  const playBack = useRef<PlayBack>(() => undefined);
  playBack.current = (key, mods) => {
    const api0 = grid.current;
    const focused = api0?.getFocusedCell();
    if (!api0 || !focused) return;
    if (key === 'Tab') {
      if (mods.shift) api0.tabToPreviousCell();
      else api0.tabToNextCell();
    } else if (mods.ctrl) {
      ctrlEnter();
    } else if (focused.rowPinned === 'bottom') {
      enterOnEntry();
    } else {
      api0.stopEditing();
      const below = focused.rowIndex + 1;
      if (below < api0.getDisplayedRowCount()) api0.setFocusedCell(below, focused.column);
      else if (!readOnly) api0.setFocusedCell(0, focused.column, 'bottom');
    }
    // Characters typed after it start an edit of the cell now in focus, as they would have.
    setTimeout(() => {
      const f = api0.getFocusedCell();
      if (hasHeld() && !editorIsOpen() && api0.getEditingCells().length === 0 && f && !isFooterPosition(f)) {
        api0.startEditingCell({ rowIndex: f.rowIndex, colKey: f.column, rowPinned: f.rowPinned ?? null });
      }
    }, 0);
  };
  useEffect(() => setControl((key, mods) => playBack.current(key, mods)), []);

  /**
   * Keys the grid must see before AG Grid does: keystrokes typed while an editor is opening (held for
   * it, never lost), and Enter and Ctrl+Enter on the new-row line (along the line, then save it).
   */
  const onKeyDownCapture = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const api0 = grid.current;
    if (!api0 || readOnly) return;
    const target = e.target as HTMLElement;
    const inEditor = target.closest('input, textarea, select') !== null;
    const editing = api0.getEditingCells().length > 0;
    const ctrl = e.ctrlKey || e.metaKey;
    const printable = e.key.length === 1 && !ctrl && !e.altKey;
    const control = (e.key === 'Tab' && !ctrl && !e.altKey) || (e.key === 'Enter' && !e.altKey && !(inEditor && e.shiftKey));
    if ((printable || control) && hasHeld()) {
      // Keys are waiting for an editor that is opening: this one waits behind them.
      holdKey(e.key, { shift: e.shiftKey, ctrl });
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (editing && !inEditor && (printable || (control && !editorIsOpen()))) {
      holdKey(e.key, { shift: e.shiftKey, ctrl });
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    const focused = api0.getFocusedCell();
    const onEntry = focused?.rowPinned === 'bottom' && focused.rowIndex === 0;
    if (e.key === 'Enter' && ctrl) {
      e.preventDefault();
      e.stopPropagation();
      ctrlEnter();
      return;
    }
    if (!onEntry || !focused) return;
    if (e.key === 'Enter' && editing && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      enterOnEntry();
    } else if (e.key === 'Escape' && !editing && Object.keys(draft.current).length > 0) {
      e.preventDefault();
      setDraft({});
      setMessage(null);
      onNotice(`The unfinished ${ROW_WORD[table]} was cleared. Nothing was saved from it.`);
    }
  };

  const onKey = (e: CellKeyDownEvent<Row>) => {
    const k = e.event as KeyboardEvent | undefined;
    if (!k || readOnly) return;
    if (k.key === 'Delete' && !k.ctrlKey && !k.metaKey) {
      const spec = specs.find((s) => s.key === e.column.getColId());
      if (!spec || isFooterRow(e.data)) return;
      k.preventDefault();
      if (isEntryRow(e.data)) {
        const { [spec.key]: _gone, ...rest } = draft.current;
        setDraft(rest);
      } else void commit(e.node, spec, '', e.data?.[spec.key]);
    }
  };

  // Leaving the new-row line saves it. Focus moving to another row, or out of the grid, is leaving;
  // the check waits a moment so that the cell being left has been committed to the line first.
  const lastFocus = useRef<{ entry: boolean }>({ entry: false });
  /** In the grid: its own element, or one of its pop-up editors (which AG Grid may draw elsewhere in the page). */
  const inGrid = (node: Node | null) => !!node && ((wrap.current?.contains(node) ?? false) || (node instanceof Element && node.closest('.ag-popup, .ag-popup-editor') !== null));
  const leftEntry = useCallback(() => {
    setTimeout(() => {
      const api0 = grid.current;
      if (!api0) return;
      const f = api0.getFocusedCell();
      const inside = inGrid(document.activeElement);
      if (inside && f?.rowPinned === 'bottom' && f.rowIndex === 0) return;
      saveDraft('left');
    }, 0);
  }, [saveDraft]);
  const onCellFocused = (e: CellFocusedEvent<Row>) => {
    const entry = e.rowPinned === 'bottom' && e.rowIndex === 0 && !readOnly;
    const col = typeof e.column === 'string' ? e.column : e.column?.getColId();
    if (e.rowIndex !== null && col && !(e.rowPinned === 'bottom' && e.rowIndex > 0)) lastCell.current = { rowIndex: e.rowIndex, column: col, pinned: e.rowPinned === 'bottom' ? 'bottom' : null };
    if (lastFocus.current.entry && !entry) leftEntry();
    lastFocus.current = { entry };
  };
  const onBlurCapture = (e: React.FocusEvent<HTMLDivElement>) => {
    const to = e.relatedTarget as Node | null;
    if (to && !inGrid(to) && lastFocus.current.entry) {
      lastFocus.current = { entry: false };
      leftEntry();
    }
  };

  /** The footer row (the sums) is never a place to land with the keys. */
  const isFooterPosition = (p: CellPosition | null | undefined) => !!p && p.rowPinned === 'bottom' && p.rowIndex === (readOnly ? 0 : 1);
  const navigateToNextCell = (p: NavigateToNextCellParams<Row>) => (isFooterPosition(p.nextCellPosition) ? null : p.nextCellPosition);
  const tabToNextCell = (p: TabToNextCellParams<Row>) => {
    const prev = p.previousCellPosition;
    const prevEntry = prev.rowPinned === 'bottom' && prev.rowIndex === 0 && !readOnly;
    const next = p.nextCellPosition;
    const nextEntry = !!next && next.rowPinned === 'bottom' && next.rowIndex === 0;
    if (prevEntry && !p.backwards && !nextEntry) {
      // Tab past the last cell of the new-row line: the line is saved, and the next one starts at its
      // first cell (once the line is empty, so the new line never shows the old one's values).
      // Saved as soon as the cell being left has given its value (below, in commit), before the first
      // cell's editor opens — or now, if no cell is being edited.
      if (p.editing) {
        // Saved as the cell being left gives its value (AG Grid closes it after asking us where to go).
        pendingSave.current = 'tab';
        setTimeout(() => {
          if (pendingSave.current === 'tab') {
            pendingSave.current = null;
            saveDraft('tab');
          }
        }, 0);
      } else {
        saveDraft('tab');
      }
      const first = grid.current?.getColumn(editableColumns()[0] ?? specs[0]!.key);
      return first ? { rowIndex: 0, rowPinned: 'bottom' as const, column: first } : false;
    }
    if (isFooterPosition(next)) return false;
    return next ?? false;
  };

  /**
   * Tabbing into the grid lands on a cell — the one last used, else the first — not on the column
   * headers (a tab stop each). The headers are reached with ↑ from the first line; Tab from a header
   * goes down to the cells.
   */
  const lastCell = useRef<{ rowIndex: number; column: string; pinned: 'bottom' | null } | null>(null);
  const focusGridInnerElement = () => {
    const api0 = grid.current;
    if (!api0) return false;
    const first = editableColumns()[0] ?? specs[0]!.key;
    const last = lastCell.current;
    if (last && (last.pinned === 'bottom' ? !readOnly : last.rowIndex < api0.getDisplayedRowCount())) {
      api0.ensureColumnVisible(last.column);
      api0.setFocusedCell(last.rowIndex, last.column, last.pinned);
    } else if (api0.getDisplayedRowCount() > 0) {
      api0.ensureIndexVisible(0);
      api0.setFocusedCell(0, first);
    } else if (!readOnly) {
      api0.setFocusedCell(0, first, 'bottom');
    } else {
      return false;
    }
    return true;
  };
  const tabToNextHeader = (p: TabToNextHeaderParams<Row>) => {
    if (p.backwards) return false;
    setTimeout(() => focusGridInnerElement(), 0);
    return true;
  };

  /**
   * Columns fit their contents on first show, within limits: frozen columns stay narrow enough to leave
   * room to scroll the rest, long text stops at a readable width (the full text is on hover). The user
   * can still widen any column; their widths are kept per workbook.
   */
  const fitColumns = (api0: GridApi<Row>) => {
    api0.autoSizeColumns(specs.map((s) => s.key).concat((computed ?? []).map((c) => c.colId ?? '').filter(Boolean)));
    const limits = specs.map((spec) => {
      const frozen = FROZEN[table].includes(spec.key);
      const textual = spec.kind === 'text' || spec.kind === 'longtext' || spec.kind === 'refs' || spec.kind === 'ref';
      const max = frozen ? (FROZEN[table].length > 1 ? 240 : 320) : textual ? 360 : 300;
      const width = api0.getColumn(spec.key)?.getActualWidth() ?? 0;
      return { key: spec.key, newWidth: Math.min(width, max) };
    }).filter((l) => l.newWidth < (api0.getColumn(l.key)?.getActualWidth() ?? 0));
    if (limits.length > 0) api0.setColumnWidths(limits, true, 'autosizeColumns');
  };

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
      <div ref={wrap} className="grid-wrap sheet" role="region" aria-label={props.label} onPaste={onPaste} onCopy={onCopy} onKeyDownCapture={onKeyDownCapture} onBlurCapture={onBlurCapture}>
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
          navigateToNextCell={navigateToNextCell}
          tabToNextCell={tabToNextCell}
          tabToNextHeader={tabToNextHeader}
          focusGridInnerElement={focusGridInnerElement}
          onCellEditRequest={onEdit}
          onCellKeyDown={onKey}
          onCellFocused={onCellFocused}
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
            if (!hadSavedColumns.current) fitColumns(e.api);
          }}
          onColumnResized={(e) => e.finished && e.source !== 'autosizeColumns' && saveColumns()}
          onColumnMoved={(e) => e.finished && saveColumns()}
          onColumnPinned={() => saveColumns()}
          overlayNoRowsTemplate={`<span class="grid-empty">${emptyText}</span>`}
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




