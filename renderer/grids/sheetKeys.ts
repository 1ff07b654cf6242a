/**
 * The keys of a sheet, as an Excel user expects them, and the new-row line's comings and goings:
 * - Enter moves along the new-row line, and on its last cell saves it; Ctrl+Enter saves it (or goes
 *   to it); Escape on it clears it; leaving it (another row, or out of the grid) saves it;
 * - Tab moves cell by cell; past the new-row line's last cell it saves the line and starts the next;
 *   the sums row is never a place to land; Tab into the grid lands on a cell, not the headers;
 * - keystrokes (and Tab or Enter) typed while an editor opens are held and played back in order;
 * - Delete clears a cell.
 */
import type {
  CellFocusedEvent, CellKeyDownEvent, CellPosition, GridApi, IRowNode, NavigateToNextCellParams, TabToNextCellParams, TabToNextHeaderParams,
} from 'ag-grid-community';
import { useEffect, useRef, type Dispatch, type FocusEvent, type KeyboardEvent as ReactKeyboardEvent, type RefObject, type SetStateAction } from 'react';
import type { CellMessageAt } from './CellMessage';
import { FIELDS, requiredFields, type FieldSpec, type Table } from './fields';
import { isEntryRow, isFooterRow, type Row } from './sheetColumns';
import { editorIsOpen, hasHeld, holdKey, setControl, type PlayBack } from './typeahead';

interface SheetKeysContext {
  grid: RefObject<GridApi<Row> | null>;
  wrap: RefObject<HTMLDivElement | null>;
  readOnly: boolean;
  table: Table;
  draft: { current: Record<string, unknown> };
  pendingSave: { current: 'tab' | 'enter' | null };
  setDraft: (d: Record<string, unknown>) => void;
  setMessage: Dispatch<SetStateAction<CellMessageAt | null>>;
  saveDraft: (how: 'left' | 'tab' | 'enter') => void;
  focusEntry: (column: string, edit: boolean) => void;
  editableColumns: () => string[];
  commit: (node: IRowNode<Row>, spec: FieldSpec, text: string, oldValue: unknown) => Promise<void>;
  onNotice: (message: string) => void;
}

const ROW_WORD: Record<Table, string> = { agency: 'agency', theme: 'theme', spend: 'spend line', barrier: 'barrier' };

export function useSheetKeys(ctx: SheetKeysContext) {
  const { grid, wrap, readOnly, table, draft, pendingSave, setDraft, setMessage, saveDraft, focusEntry, editableColumns, commit, onNotice } = ctx;
  const specs = FIELDS[table];

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
  const leftEntry = () => {
    setTimeout(() => {
      const api0 = grid.current;
      if (!api0) return;
      const f = api0.getFocusedCell();
      const inside = inGrid(document.activeElement);
      if (inside && f?.rowPinned === 'bottom' && f.rowIndex === 0) return;
      saveDraft('left');
    }, 0);
  };
  const onCellFocused = (e: CellFocusedEvent<Row>) => {
    const entry = e.rowPinned === 'bottom' && e.rowIndex === 0 && !readOnly;
    const col = typeof e.column === 'string' ? e.column : e.column?.getColId();
    if (e.rowIndex !== null && col && !(e.rowPinned === 'bottom' && e.rowIndex > 0)) lastCell.current = { rowIndex: e.rowIndex, column: col, pinned: e.rowPinned === 'bottom' ? 'bottom' : null };
    if (lastFocus.current.entry && !entry) leftEntry();
    lastFocus.current = { entry };
  };
  const onBlurCapture = (e: FocusEvent<HTMLDivElement>) => {
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

  return { goToEntry, onKeyDownCapture, onKey, onCellFocused, onBlurCapture, navigateToNextCell, tabToNextCell, focusGridInnerElement, tabToNextHeader };
}
