/** Dialogs of a workbook section: deleting agencies or themes that are in use, and cells that could not be pasted. */
import { useEffect, useRef, useState } from 'react';
import { useEscape } from '../app/useEscape';
import { moneyWithUnit } from '../../shared/charts';
import type { DisplayUnit } from '../../shared/enums';
import type { CellProblem } from '../grids/clipboard';


export interface InUse {
  kind: 'agency' | 'theme';
  names: string[];
  spendLines: number;
  /** What those spend lines add up to (agencies: gross, passed-on lines too). */
  pence: number;
  barriers: number;
  /** Where the rows could go instead. */
  others: { id: string; name: string }[];
}

/** What the user chose: move the rows to another agency or theme ('unallocated' for themes), or (agencies) delete the spend lines too. */
export type InUseChoice = { moveTo: string } | { deleteLines: true };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * Deleting an agency or theme that has spend lines or barriers: never a silent cascade. An agency's
 * lines move to an agency the user picks, or are deleted too (nothing is chosen for them); a theme's
 * become unallocated or move to another theme.
 */
export function DeleteInUseDialog({ inUse, unit, onChoose, onCancel }: { inUse: InUse; unit: DisplayUnit; onChoose: (c: InUseChoice) => void; onCancel: () => void }) {
  useEscape(onCancel);
  const one = inUse.names.length === 1;
  const what = `${plural(inUse.spendLines, 'spend line', 'spend lines')} and ${plural(inUse.barriers, 'barrier', 'barriers')}`;
  const named = one ? `“${inUse.names[0]}”` : `These ${inUse.names.length} ${inUse.kind === 'agency' ? 'agencies' : 'themes'}`;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="in-use-title">
        <h2 id="in-use-title">{named} {one ? 'has' : 'have'} {what}</h2>
        {inUse.kind === 'agency' ? <AgencyChoices inUse={inUse} unit={unit} onChoose={onChoose} onCancel={onCancel} /> : <ThemeChoices inUse={inUse} onChoose={onChoose} onCancel={onCancel} />}
      </div>
    </div>
  );
}

function AgencyChoices({ inUse, unit, onChoose, onCancel }: { inUse: InUse; unit: DisplayUnit; onChoose: (c: InUseChoice) => void; onCancel: () => void }) {
  const [choice, setChoice] = useState<'move' | 'delete' | null>(null);
  const [to, setTo] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const one = inUse.names.length === 1;
  const its = one ? 'its' : 'their';
  const lines = `${plural(inUse.spendLines, 'spend line', 'spend lines')} (${moneyWithUnit(inUse.pence, unit)})`;
  const barriers = plural(inUse.barriers, 'barrier', 'barriers');
  const canMove = inUse.others.length > 0;
  const ready = choice === 'delete' || (choice === 'move' && to !== '');
  const moveWhat = inUse.spendLines > 0 ? `${its} ${lines}${inUse.barriers > 0 ? ` and ${barriers}` : ''}` : `${its} ${barriers}`;
  return (
    <>
      <p>Choose what happens to {inUse.spendLines > 0 ? `${its} spend lines` : `${its} barriers`} before {one ? 'it is' : 'they are'} deleted. Nothing is deleted until you choose.</p>
      <fieldset className="field choices">
        <legend className="visually-hidden">What happens to {its} spend lines</legend>
        <div className="choice">
          <label className="radio">
            <input ref={first} type="radio" name="in-use-choice" value="move" checked={choice === 'move'} disabled={!canMove} onChange={() => setChoice('move')} />
            Move {moveWhat} to another agency
          </label>
          {canMove ? (
            <div className="choice-detail">
              <select aria-label="Move them to agency" value={to} onChange={(e) => { setTo(e.target.value); setChoice('move'); }}>
                <option value="" disabled>Choose an agency…</option>
                {inUse.others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </div>
          ) : (
            <p className="choice-detail hint">There is no other agency to move them to.</p>
          )}
        </div>
        <div className="choice">
          <label className="radio">
            <input type="radio" name="in-use-choice" value="delete" checked={choice === 'delete'} onChange={() => setChoice('delete')} />
            {inUse.spendLines > 0 ? `Delete ${its} ${lines} as well` : `Delete ${one ? 'it' : 'them'}`}
          </label>
          {inUse.barriers > 0 && <p className="choice-detail hint">{inUse.spendLines > 0 ? `${its === 'its' ? 'Its' : 'Their'} ${barriers} ${inUse.barriers === 1 ? 'stays' : 'stay'}` : `The ${inUse.barriers === 1 ? 'barrier stays' : 'barriers stay'}`}, but no longer {inUse.barriers === 1 ? 'names' : 'name'} {one ? 'it' : 'them'}.</p>}
        </div>
      </fieldset>
      <p className="muted small">You can undo this with Ctrl+Z.</p>
      <div className="modal-actions">
        <button type="button" className="button-primary" disabled={!ready} onClick={() => onChoose(choice === 'delete' ? { deleteLines: true } : { moveTo: to })}>
          {choice === 'delete' ? (inUse.spendLines > 0 ? `Delete ${one ? 'it' : 'them'} and ${its} spend lines` : `Delete ${one ? 'it' : 'them'}`) : 'Move them and delete'}
        </button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </>
  );
}

/** Themes: unallocated is a sensible default, so it is chosen. */
function ThemeChoices({ inUse, onChoose, onCancel }: { inUse: InUse; onChoose: (c: InUseChoice) => void; onCancel: () => void }) {
  const [to, setTo] = useState('unallocated');
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <>
      <p>Choose where they go before {inUse.names.length === 1 ? 'it is' : 'they are'} deleted. Nothing is deleted until you choose.</p>
      <div className="field">
        <label htmlFor="move-to">Move them to</label>
        <select id="move-to" ref={first} value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="unallocated">Unallocated (no theme)</option>
          {inUse.others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      </div>
      <div className="modal-actions">
        <button type="button" className="button-primary" onClick={() => onChoose({ moveTo: to })}>Move them and delete</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </>
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
