/**
 * Cell editors. Every editor hands back text, which the column's rules parse (so typing, choosing
 * and pasting all go through one set of rules): a text box, a list to choose from (enumerations,
 * an agency or theme by name — type to jump), and a checklist of agencies for a barrier.
 */
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';
import { fieldText, type FieldSpec, type Names } from './fields';

export interface EditorParams {
  spec: FieldSpec;
  names: Names;
}

type Props = CustomCellEditorProps & EditorParams;

/** The text an edit starts from: the key that started it, or the exact value. */
function startText(p: Props): { text: string; typed: boolean } {
  if (p.eventKey && p.eventKey.length === 1) return { text: p.eventKey, typed: true };
  return { text: p.value === undefined ? '' : fieldText(p.spec, p.value, p.names), typed: false };
}

export function TextEditor(p: Props) {
  const start = useRef(startText(p)).current;
  const [text, setText] = useState(start.text);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    p.onValueChange(start.text);
    const el = input.current;
    if (!el) return;
    el.focus();
    if (start.typed) el.setSelectionRange(el.value.length, el.value.length);
    else el.select();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const change = (v: string) => {
    setText(v);
    p.onValueChange(v);
  };
  const label = `${p.spec.header}${p.spec.kind === 'money' ? ' in pounds, for example 1,234.56 or 1.2m' : ''}`;
  if (p.spec.kind === 'longtext') {
    return (
      <textarea ref={input} className="cell-textarea" aria-label={label} value={text} rows={5}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          // Enter saves, as in every other cell; Shift+Enter starts a new line.
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            p.stopEditing();
          }
        }} />
    );
  }
  return <input ref={input} className="cell-input" aria-label={label} value={text} inputMode={p.spec.kind === 'money' || p.spec.kind === 'int' ? 'decimal' : undefined} onChange={(e) => change(e.target.value)} />;
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
  const start = startText(p);
  const initial = start.typed ? (options.find((o) => o.toLowerCase().startsWith(start.text.toLowerCase())) ?? options[0] ?? '') : start.text || options[0] || '';
  const [value, setValue] = useState(initial);
  const list = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    p.onValueChange(initial);
    list.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <select ref={list} className="cell-list" aria-label={p.spec.header} size={Math.min(Math.max(options.length, 2), 10)} value={value}
      onChange={(e) => {
        setValue(e.target.value);
        p.onValueChange(e.target.value);
      }}
      onDoubleClick={() => p.stopEditing()}>
      {options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

/** A checklist of agencies (a barrier's agencies affected). Space ticks; Enter saves. */
export function AgencyListEditor(p: Props) {
  const [chosen, setChosen] = useState<string[]>(() => (Array.isArray(p.value) ? (p.value as string[]) : []));
  const first = useRef<HTMLInputElement>(null);
  const text = (ids: string[]) => fieldText(p.spec, ids, p.names);
  useEffect(() => {
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
