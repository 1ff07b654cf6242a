/**
 * Cell editors. Every editor hands back text, which the column's rules parse (so typing, choosing
 * and pasting all go through one set of rules): a text box, a list to choose from (enumerations,
 * an agency or theme by name — type to jump), and a checklist of agencies for a barrier.
 *
 * An editor starts from, in order: a value the grid refused a moment ago (so it can be corrected,
 * not retyped), the keys typed to open it (and any typed while it opened), or the cell's exact value.
 * Amounts are edited in the unit the column shows, and the box says which.
 */
import { useGridCellEditor, type CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { NOT_STATED, type DisplayUnit } from '../../shared/enums';
import { fieldEditText, fieldText, type FieldSpec, type Names } from './fields';
import { openEditor, takeHeldKeys, takeRefused } from './typeahead';
import { unitLabel } from '../format';

export interface EditorParams {
  spec: FieldSpec;
  names: Names;
  unit: DisplayUnit;
  /** The line being written in the new-row line: its values are the row's (the grid's copy may lag behind). */
  draft: { current: Record<string, unknown> };
  /** Set while the line is about to be saved: a new editor on it starts empty, as the next line. */
  pendingSave: { current: unknown };
  /** The new-row line's cell was left with this text: the line takes it at once. */
  commitEntry: (column: string, text: string) => void;
}

/**
 * On the new-row line, an editor gives its text to the line as it closes (synchronously, so the line
 * has it before anything else happens) and tells AG Grid there is nothing more to do.
 */
function useEntryCommit(p: Props, text: () => string): void {
  useGridCellEditor({
    isCancelAfterEnd: () => {
      if (p.node.rowPinned !== 'bottom') return false;
      p.commitEntry(p.column.getColId(), text());
      return true;
    },
  });
}

type Props = CustomCellEditorProps & EditorParams;

/** The text an edit starts from: a refused value, the keys that started it, or the exact value. */
function startText(p: Props): { text: string; typed: boolean } {
  const refused = takeRefused(p.node.id, p.column.getColId());
  if (refused !== null) return { text: refused, typed: true };
  const held = takeHeldKeys();
  if (p.eventKey && p.eventKey.length === 1) return { text: p.eventKey + held, typed: true };
  if (held) return { text: held, typed: true };
  const value = p.node.rowPinned === 'bottom' ? (p.pendingSave.current ? undefined : p.draft.current[p.spec.key]) : p.value;
  return { text: value === undefined ? '' : fieldEditText(p.spec, value, p.names, p.unit), typed: false };
}

/** What a money box says about the unit: plain numbers are read in the unit the column shows. */
export function amountHint(unit: DisplayUnit): string {
  if (unit === 'pounds') return 'in pounds, for example 1,234.56 (or 1.2m, 250k)';
  return `in ${unitLabel(unit)}: plain numbers are ${unit === 'millions' ? 'millions' : 'thousands'} of pounds (type £ for pounds, or add k, m or bn)`;
}

export function TextEditor(p: Props) {
  const start = useRef<{ text: string; typed: boolean } | null>(null);
  start.current ??= startText(p);
  const [text, setText] = useState(start.current.text);
  const latest = useRef(text);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const change = (v: string) => {
    latest.current = v;
    setText(v);
    p.onValueChange(v);
  };
  useEntryCommit(p, () => latest.current);
  const focus = (selectAll: boolean) => {
    const el = input.current;
    if (!el) return;
    el.focus();
    if (selectAll) el.select();
    else el.setSelectionRange(el.value.length, el.value.length);
  };
  useEffect(() => {
    p.onValueChange(start.current!.text);
    // Keys typed between drawing this box and now.
    const late = takeHeldKeys();
    if (late) {
      change(latest.current + late);
      start.current!.typed = true;
    }
    focus(!start.current!.typed);
    // Keys that land on the cell while this box is open go into it, at the end.
    return openEditor((key) => {
      change(latest.current + key);
      requestAnimationFrame(() => focus(false));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const money = p.spec.kind === 'money';
  const label = `${p.spec.header}${money ? ` ${amountHint(p.unit)}` : ''}`;
  if (p.spec.kind === 'longtext') {
    const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
      if (e.key !== 'Enter') return;
      if (e.altKey) {
        // Alt+Enter starts a new line, as in Excel (Shift+Enter does so natively).
        // Inserted as typing is (so the caret, the input event and the box's own undo all follow).
        e.preventDefault();
        e.stopPropagation();
        document.execCommand('insertText', false, '\n');
      } else if (e.shiftKey) {
        e.stopPropagation();
      } else {
        // Enter saves, as in every other cell.
        e.preventDefault();
        p.stopEditing();
      }
    };
    return (
      <div className="cell-textarea-wrap">
        <textarea ref={input} className="cell-textarea" aria-label={label} value={text} rows={5} onChange={(e) => change(e.target.value)} onKeyDown={onKey} />
        <span className="cell-editor-hint" aria-hidden="true">Enter saves · Alt+Enter new line</span>
      </div>
    );
  }
  return (
    <div className={`cell-input-wrap${money ? ' cell-input-money' : ''}`}>
      <input ref={input} className="cell-input" aria-label={label} value={text} inputMode={money || p.spec.kind === 'int' ? 'decimal' : undefined} onChange={(e) => change(e.target.value)} />
      {money && <span className="cell-unit" title={`Plain numbers are read in ${unitLabel(p.unit)}`}>{unitLabel(p.unit)}</span>}
    </div>
  );
}

function choices(spec: FieldSpec, names: Names): string[] {
  switch (spec.kind) {
    case 'enum':
      return spec.items!.map((i) => i.label);
    case 'bool':
      return ['Yes', 'No'];
    case 'ref': {
      const list = (spec.ref === 'agency' ? names.agencies : names.themes).map((x) => x.name);
      return spec.nullable ? ['Unallocated', ...list] : list;
    }
    default:
      return [];
  }
}

/** A list to choose from. Typing jumps to the first choice that starts with what you type. */
export function ChoiceEditor(p: Props) {
  const options = choices(p.spec, p.names);
  const start = useRef<{ text: string; typed: boolean } | null>(null);
  start.current ??= startText(p);
  const s = start.current;
  // Nothing chosen yet stays nothing (or "Not stated"): a list never picks its first choice for the user.
  const unstated = p.spec.kind === 'enum' ? (p.spec.items!.find((i) => i.key === NOT_STATED)?.label ?? '') : '';
  const initial = s.typed ? (options.find((o) => o.toLowerCase().startsWith(s.text.toLowerCase())) ?? options.find((o) => o.toLowerCase().includes(s.text.toLowerCase())) ?? '') : s.text || unstated;
  const [value, setValue] = useState(initial);
  const chosen = useRef(initial);
  const list = useRef<HTMLSelectElement>(null);
  const choose = (v: string) => {
    chosen.current = v;
    setValue(v);
    p.onValueChange(v);
  };
  useEntryCommit(p, () => chosen.current);
  // Typing jumps to a choice: the first that starts with what was typed in the last second, else one that contains it.
  const typed = useRef({ text: '', at: 0 });
  const jump = (key: string) => {
    const now = Date.now();
    typed.current = { text: (now - typed.current.at < 1000 ? typed.current.text : '') + key.toLowerCase(), at: now };
    const t = typed.current.text;
    const hit = options.find((o) => o.toLowerCase().startsWith(t)) ?? options.find((o) => o.toLowerCase().includes(t));
    if (hit) choose(hit);
  };
  useEffect(() => {
    p.onValueChange(initial);
    list.current?.focus();
    if (s.typed) typed.current = { text: s.text.toLowerCase(), at: Date.now() };
    // Keys typed between drawing this list and now.
    for (const key of takeHeldKeys()) jump(key);
    return openEditor((key) => {
      jump(key);
      list.current?.focus();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <select ref={list} className="cell-list" aria-label={p.spec.header} size={Math.min(Math.max(options.length, 2), 10)} value={value}
      onChange={(e) => choose(e.target.value)}
      onKeyDown={(e) => {
        // The list's own type-to-find does not always tell React; do it here, the same way for every key.
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          jump(e.key);
        }
      }}
      onDoubleClick={() => p.stopEditing()}>
      {options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

/** A checklist of agencies (a barrier's agencies affected). Space ticks; Enter saves. */
export function AgencyListEditor(p: Props) {
  const [chosen, setChosen] = useState<string[]>(() => {
    const value = p.node.rowPinned === 'bottom' ? (p.pendingSave.current ? undefined : p.draft.current[p.spec.key]) : p.value;
    return Array.isArray(value) ? (value as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  });
  const first = useRef<HTMLInputElement>(null);
  const text = (ids: string[]) => fieldText(p.spec, ids, p.names);
  const latestIds = useRef(chosen);
  latestIds.current = chosen;
  useEntryCommit(p, () => text(latestIds.current));
  useEffect(() => {
    takeHeldKeys();
    p.onValueChange(text(chosen));
    first.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const toggle = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id];
    setChosen(next);
    p.onValueChange(text(next));
  };
  return (
    <fieldset className="cell-checklist">
      <legend>{p.spec.header}</legend>
      {p.names.agencies.map((a, i) => (
        <label key={a.id}>
          <input ref={i === 0 ? first : undefined} type="checkbox" checked={chosen.includes(a.id)} onChange={() => toggle(a.id)} />
          {a.name}
        </label>
      ))}
      {p.names.agencies.length === 0 && <p className="muted">Add agencies first.</p>}
    </fieldset>
  );
}
