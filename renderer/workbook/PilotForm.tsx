/** The pilot's details. Each field is saved when you leave it; a value that can't be saved says why beside it. */
import { useEffect, useRef, useState } from 'react';
import { DISPLAY_UNITS, REGIONS } from '../../shared/enums';
import type { Pilot, PilotPatch } from '../../shared/schemas';
import { formatYear, parseYear } from '../../shared/years';
import { api } from '../api/bridge';
import { explain } from '../api/errors';

interface Props {
  pilot: Pilot;
  readOnly: boolean;
  onSaved: (p: Pilot) => void;
}

type Draft = { name: string; place: string; region: string; leadBody: string; population: string; countYear: string; displayUnits: string };

function draftOf(p: Pilot): Draft {
  return {
    name: p.name, place: p.place, region: p.region ?? '', leadBody: p.leadBody,
    population: p.population === null ? '' : p.population.toLocaleString('en-GB'), countYear: formatYear(p.countYear), displayUnits: p.displayUnits,
  };
}

function toPatch(field: keyof Draft, value: string): { ok: true; patch: PilotPatch } | { ok: false; reason: string } {
  switch (field) {
    case 'population': {
      const t = value.replace(/[,\s]/g, '');
      if (t === '') return { ok: true, patch: { population: null } };
      if (!/^\d+$/.test(t)) return { ok: false, reason: 'Enter the population as a whole number, for example 1,016,800' };
      return { ok: true, patch: { population: Number(t) } };
    }
    case 'countYear': {
      const y = parseYear(value);
      return y.ok ? { ok: true, patch: { countYear: y.year } } : { ok: false, reason: y.reason };
    }
    case 'region':
      return { ok: true, patch: { region: value === '' ? null : (value as PilotPatch['region']) } };
    case 'displayUnits':
      return { ok: true, patch: { displayUnits: value as PilotPatch['displayUnits'] } };
    default:
      return { ok: true, patch: { [field]: value } };
  }
}

export function PilotForm({ pilot, readOnly, onSaved }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(pilot));
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  // Fields being edited keep what the user typed when the saved details change underneath them.
  const dirty = useRef(new Set<keyof Draft>());
  // What each field last saved, so leaving a field just saved with Enter doesn't save it again.
  const lastSaved = useRef<Partial<Record<keyof Draft, string>>>({});
  useEffect(() => {
    const fresh = draftOf(pilot);
    setDraft((d) => Object.fromEntries(Object.keys(fresh).map((k) => [k, dirty.current.has(k as keyof Draft) ? d[k as keyof Draft] : fresh[k as keyof Draft]])) as Draft);
  }, [pilot]);

  async function save(field: keyof Draft, value = draft[field]) {
    if (readOnly) return;
    if ((value === draftOf(pilot)[field] || value === lastSaved.current[field]) && !problems[field]) {
      dirty.current.delete(field);
      return;
    }
    const p = toPatch(field, value);
    if (!p.ok) return setProblems((x) => ({ ...x, [field]: p.reason }));
    if (field === 'countYear' && p.patch.countYear === pilot.countYear) {
      // The same year written another way (2008/9, 08/09, FY2008-09): nothing to save; show it as 2008-09.
      dirty.current.delete(field);
      setProblems((x) => ({ ...x, [field]: undefined }));
      setDraft((d) => ({ ...d, countYear: formatYear(pilot.countYear) }));
      return;
    }
    try {
      const next = await api('pilot.update', p.patch);
      lastSaved.current[field] = value;
      dirty.current.delete(field);
      setProblems((x) => ({ ...x, [field]: undefined }));
      setSaved(`Saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`);
      onSaved(next);
    } catch (e) {
      const x = explain(e);
      const detail = (x.detail?.problems as { message: string }[] | undefined)?.[0]?.message;
      setProblems((prev) => ({ ...prev, [field]: detail ?? x.message }));
    }
  }

  const field = (key: keyof Draft, text: string, hint?: string, input?: 'numeric') => (
    <div className={`field ${problems[key] ? 'field-error' : ''}`}>
      <label htmlFor={`pilot-${key}`}>{text}</label>
      {hint && <p className="hint" id={`pilot-${key}-hint`}>{hint}</p>}
      {problems[key] && <p className="field-message" id={`pilot-${key}-error`} role="alert">{problems[key]}</p>}
      <input
        id={`pilot-${key}`}
        value={draft[key]}
        inputMode={input}
        readOnly={readOnly}
        aria-invalid={problems[key] ? true : undefined}
        aria-describedby={[hint ? `pilot-${key}-hint` : '', problems[key] ? `pilot-${key}-error` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => {
          dirty.current.add(key);
          const value = e.target.value;
          setDraft((d) => ({ ...d, [key]: value }));
        }}
        onBlur={() => void save(key)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save(key);
          if (e.key === 'Escape') {
            dirty.current.delete(key);
            setProblems((x) => ({ ...x, [key]: undefined }));
            setDraft((d) => ({ ...d, [key]: draftOf(pilot)[key] }));
          }
        }}
      />
    </div>
  );

  return (
    <section className="pilot-form" aria-labelledby="pilot-heading">
      <h2 id="pilot-heading">Pilot details</h2>
      {readOnly && <p className="notice">This workbook is open read-only, so these details can’t be changed here.</p>}
      <div className="form-grid">
        {field('name', 'Pilot name', 'Shown on every page of the submission and in the window title.')}
        {field('place', 'Place', 'The city, county or sub-region, for example Birmingham.')}
        <div className="field">
          <label htmlFor="pilot-region">Region</label>
          <select id="pilot-region" value={draft.region} disabled={readOnly} onChange={(e) => { const v = e.target.value; setDraft((d) => ({ ...d, region: v })); void save('region', v); }}>
            <option value="">Not set</option>
            {REGIONS.map((r) => <option key={r.key} value={r.key}>{r.label}</option>)}
          </select>
        </div>
        {field('leadBody', 'Lead body', 'The council or PCT leading the pilot.')}
        {field('population', 'Population', 'For spend per head. A mid-year estimate, for example 1,016,800.', 'numeric')}
        {field('countYear', 'Year counted', 'The financial year of the count, usually 2008-09 (2008/9, 08/09 and FY2008-09 work too).')}
        <fieldset className="field">
          <legend>Show amounts in</legend>
          <div className="radios">
            {DISPLAY_UNITS.map((u) => (
              <label key={u.key} className="radio">
                <input type="radio" name="pilot-units" value={u.key} checked={draft.displayUnits === u.key} disabled={readOnly}
                  onChange={() => { setDraft((d) => ({ ...d, displayUnits: u.key })); void save('displayUnits', u.key); }} />
                {u.label}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <p className="muted small" role="status">{saved ?? 'Each change is saved when you leave the field.'}</p>
    </section>
  );
}
