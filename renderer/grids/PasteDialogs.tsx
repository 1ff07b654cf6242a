/**
 * What a paste may need to ask or say: which unit a block of plain numbers is in, what to do with
 * agencies the workbook does not have, and — when nothing could be pasted — each bad value once,
 * with the rows it is on and the valid choices in a compact form.
 */
import { useEffect, useRef, useState } from 'react';
import { DISPLAY_UNITS, type DisplayUnit } from '../../shared/enums';
import { useEscape } from '../app/useEscape';

export interface PasteProblem {
  /** The column's header ('' for a problem with the whole paste). */
  column: string;
  text: string;
  reason: string;
  /** The block's rows it is on, counting from 1. */
  rows: number[];
  /** The valid choices, when the column is a list. */
  choices?: string[];
}

const UNIT_WORDS: Record<DisplayUnit, string> = { pounds: 'Pounds (£)', thousands: 'Thousands of pounds (£000)', millions: 'Millions of pounds (£m)' };

/** Which unit are these amounts in? Asked when the grid shows £000 or £m and the block has no £, k or m. */
export function UnitQuestion({ shown, sample, onChoose, onCancel }: { shown: DisplayUnit; sample: string[]; onChoose: (u: DisplayUnit) => void; onCancel: () => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEscape(onCancel);
  useEffect(() => first.current?.focus(), []);
  const order = [shown, ...DISPLAY_UNITS.map((u) => u.key).filter((k) => k !== shown)];
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="unit-title" aria-describedby="unit-why">
        <h2 id="unit-title">Which unit are these amounts in?</h2>
        <p id="unit-why">The amounts you are pasting have no £ sign and no k or m (for example {sample.slice(0, 3).map((s) => `“${s}”`).join(', ')}), and this grid shows {UNIT_WORDS[shown].toLowerCase()}. Choose the unit they were written in, so that nothing is read a thousand times too big or too small.</p>
        <div className="modal-actions vertical">
          {order.map((u, i) => (
            <button key={u} ref={i === 0 ? first : undefined} type="button" className={i === 0 ? 'button-primary' : undefined} onClick={() => onChoose(u)}>{UNIT_WORDS[u]}</button>
          ))}
          <button type="button" className="button-quiet" onClick={onCancel}>Cancel the paste</button>
        </div>
      </div>
    </div>
  );
}

export interface UnknownAgency {
  name: string;
  rows: number[];
  near: { id: string; name: string }[];
}

/** For each agency name: the id of an existing agency to use, or 'add' to add it as a new agency. */
export type AgencyChoices = Record<string, string>;

/** Agencies in the pasted lines that the workbook does not have: use a near match, or add them. */
export function UnknownAgenciesDialog({ unknown, onDone, onCancel }: { unknown: UnknownAgency[]; onDone: (c: AgencyChoices) => void; onCancel: () => void }) {
  const [choices, setChoices] = useState<AgencyChoices>(() => Object.fromEntries(unknown.map((u) => [u.name, u.near[0]?.id ?? 'add'])));
  const first = useRef<HTMLInputElement>(null);
  useEscape(onCancel);
  useEffect(() => first.current?.focus(), []);
  const adding = Object.values(choices).filter((c) => c === 'add').length;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="unknown-title">
        <h2 id="unknown-title">{unknown.length === 1 ? 'One agency is' : `${unknown.length} agencies are`} not in this workbook yet</h2>
        <p>Choose, for each, the agency the lines belong to. Nothing is pasted until you choose.</p>
        <div className="unknown-list">
          {unknown.map((u, ui) => (
            <fieldset key={u.name} className="unknown-agency">
              <legend>“{u.name}” <span className="muted">({u.rows.length} line{u.rows.length === 1 ? '' : 's'})</span></legend>
              {u.near.map((n, ni) => (
                <label key={n.id} className="check">
                  <input ref={ui === 0 && ni === 0 ? first : undefined} type="radio" name={`agency-${ui}`} checked={choices[u.name] === n.id} onChange={() => setChoices({ ...choices, [u.name]: n.id })} />
                  Use “{n.name}”
                </label>
              ))}
              <label className="check">
                <input ref={ui === 0 && u.near.length === 0 ? first : undefined} type="radio" name={`agency-${ui}`} checked={choices[u.name] === 'add'} onChange={() => setChoices({ ...choices, [u.name]: 'add' })} />
                Add “{u.name}” as a new agency
              </label>
            </fieldset>
          ))}
        </div>
        {adding > 0 && <p className="muted small">New agencies start with their type, tier and control “not stated”: set them on the Agencies tab when you know.</p>}
        <div className="modal-actions">
          <button type="button" className="button-primary" onClick={() => onDone(choices)}>Paste the lines</button>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

function rowsText(rows: number[]): string {
  if (rows.length === 0) return '';
  const shown = rows.slice(0, 6).join(', ');
  return rows.length > 6 ? `rows ${shown} and ${rows.length - 6} more` : rows.length === 1 ? `row ${shown}` : `rows ${shown}`;
}

export function ProblemsDialog({ title, problems, onClose }: { title: string; problems: PasteProblem[]; onClose: () => void }) {
  const ok = useRef<HTMLButtonElement>(null);
  useEscape(onClose);
  useEffect(() => ok.current?.focus(), []);
  const shown = problems.slice(0, 12);
  const cells = problems.reduce((n, p) => n + Math.max(1, p.rows.length), 0);
  // The valid choices of a column, once, however many of its values were refused.
  const choicesOf = new Map<string, string[]>();
  for (const p of problems) if (p.choices && !choicesOf.has(p.column)) choicesOf.set(p.column, p.choices);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="problems-title" aria-describedby="problems-list">
        <h2 id="problems-title">{title}</h2>
        {problems.some((p) => p.column) ? <p>Correct {cells === 1 ? 'this value' : problems.length === 1 ? 'this value' : `these ${problems.length} values`} and paste again. Nothing was changed.</p> : null}
        <ul id="problems-list" className="problems">
          {shown.map((p, i) => (
            <li key={i}>
              {p.column ? <strong>{p.column}{p.text && !p.reason.includes(p.text) ? ` “${p.text}”` : ''}{p.rows.length > 0 ? ` (${rowsText(p.rows)})` : ''}: </strong> : null}
              {p.reason}
            </li>
          ))}
        </ul>
        {problems.length > shown.length && <p className="muted">…and {problems.length - shown.length} more.</p>}
        {[...choicesOf].map(([column, list]) => (
          <p key={column} className="choices"><strong>{column}</strong> can be: {list.join(' · ')}</p>
        ))}
        <div className="modal-actions"><button ref={ok} type="button" className="button-primary" onClick={onClose}>OK</button></div>
      </div>
    </div>
  );
}
