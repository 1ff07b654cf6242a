/** Dialogs of a workbook section: deleting agencies or themes that are in use, and cells that could not be pasted. */
import { useEffect, useRef, useState } from 'react';
import { useEscape } from '../app/useEscape';
import type { CellProblem } from '../grids/clipboard';


export interface InUse {
  kind: 'agency' | 'theme';
  names: string[];
  spendLines: number;
  barriers: number;
  /** Where the rows could go instead. */
  others: { id: string; name: string }[];
}

/** Deleting an agency or theme that has spend lines or barriers: move them, make them unallocated, or cancel. Never a silent cascade. */
export function DeleteInUseDialog({ inUse, onChoose, onCancel }: { inUse: InUse; onChoose: (to: string) => void; onCancel: () => void }) {
  const [to, setTo] = useState(inUse.kind === 'theme' ? 'unallocated' : (inUse.others[0]?.id ?? ''));
  const first = useRef<HTMLSelectElement>(null);
  useEscape(onCancel);
  useEffect(() => first.current?.focus(), []);
  const what = `${inUse.spendLines.toLocaleString('en-GB')} spend line${inUse.spendLines === 1 ? '' : 's'} and ${inUse.barriers} barrier${inUse.barriers === 1 ? '' : 's'}`;
  const named = inUse.names.length === 1 ? `“${inUse.names[0]}”` : `These ${inUse.names.length} ${inUse.kind === 'agency' ? 'agencies' : 'themes'}`;
  const canMove = inUse.kind === 'theme' || inUse.others.length > 0;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="in-use-title">
        <h2 id="in-use-title">{named} {inUse.names.length === 1 ? 'has' : 'have'} {what}</h2>
        <p>Choose where they go before {inUse.names.length === 1 ? 'it is' : 'they are'} deleted. Nothing is deleted until you choose.</p>
        {canMove ? (
          <div className="field">
            <label htmlFor="move-to">{inUse.kind === 'agency' ? 'Move them to agency' : 'Move them to'}</label>
            <select id="move-to" ref={first} value={to} onChange={(e) => setTo(e.target.value)}>
              {inUse.kind === 'theme' && <option value="unallocated">Unallocated (no theme)</option>}
              {inUse.others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </div>
        ) : (
          <p className="notice">There is no other agency to move them to. Add one first, or delete the spend lines and barriers.</p>
        )}
        <div className="modal-actions">
          <button type="button" className="button-primary" disabled={!canMove || to === ''} onClick={() => onChoose(to)}>Move them and delete</button>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

export function ProblemsDialog({ title, problems, onClose }: { title: string; problems: CellProblem[]; onClose: () => void }) {
  const ok = useRef<HTMLButtonElement>(null);
  useEscape(onClose);
  useEffect(() => ok.current?.focus(), []);
  const shown = problems.slice(0, 12);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="problems-title" aria-describedby="problems-list">
        <h2 id="problems-title">{title}</h2>
        {problems.length > 1 || problems[0]?.column ? <p>Correct {problems.length === 1 ? 'this cell' : `these ${problems.length} cells`} and paste again. Nothing was changed.</p> : null}
        <ul id="problems-list" className="problems">
          {shown.map((p, i) => (
            <li key={i}>
              {p.column ? <strong>Row {p.row}, {p.column}{p.text ? ` (“${p.text}”)` : ''}: </strong> : null}
              {p.reason}
            </li>
          ))}
        </ul>
        {problems.length > shown.length && <p className="muted">…and {problems.length - shown.length} more.</p>}
        <div className="modal-actions"><button ref={ok} type="button" className="button-primary" onClick={onClose}>OK</button></div>
      </div>
    </div>
  );
}
