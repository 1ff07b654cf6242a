/**
 * A message beside the cell it is about (GOV.UK error style), announced to screen readers. It sits
 * below the cell when there is room and above it when there is not (the new-row line is at the foot
 * of the grid), so it is always in view.
 */
export interface CellMessageAt {
  /** The row's id (the new-row line is `__new__`). */
  rowId: string;
  column: string;
  text: string;
}

const ROOM = 72;

export function CellMessage({ at, onClose }: { at: CellMessageAt; onClose: () => void }) {
  const cell = document.querySelector<HTMLElement>(`.sheet .ag-row[row-id="${CSS.escape(at.rowId)}"] .ag-cell[col-id="${CSS.escape(at.column)}"]`);
  const wrap = cell?.closest('.sheet')?.getBoundingClientRect();
  const r = cell?.getBoundingClientRect();
  let style: React.CSSProperties = { top: 40, left: 12 };
  if (r && wrap) {
    const left = Math.max(0, Math.min(r.left - wrap.left, wrap.width - 380));
    style = wrap.bottom - r.bottom >= ROOM ? { top: r.bottom - wrap.top + 2, left } : { bottom: wrap.bottom - r.top + 2, left };
  }
  return (
    <div className="cell-message" role="alert" style={style}>
      <span>{at.text}</span>
      <button type="button" className="button-quiet" aria-label="Close this message" onClick={onClose}>×</button>
    </div>
  );
}
