/** The spend grid's filters: agency, theme, function, control and confidence — applied in SQL. */
import { CONFIDENCES, CONTROLS, FUNCTIONS, SOURCES, type Confidence, type Control, type FunctionClass } from '../../shared/enums';
import type { SpendQueryInput } from '../../shared/schemas';

export type SpendFilter = NonNullable<SpendQueryInput['filter']>;

interface Props {
  filter: SpendFilter;
  agencies: { id: string; name: string }[];
  themes: { id: string; name: string }[];
  onChange: (f: SpendFilter) => void;
}

const UNALLOCATED = '__unallocated__';

export function SpendFilters({ filter, agencies, themes, onChange }: Props) {
  const set = <K extends keyof SpendFilter>(key: K, value: SpendFilter[K] | undefined) => {
    const next = { ...filter };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const theme = filter.themeIds?.[0] === null ? UNALLOCATED : (filter.themeIds?.[0] ?? '');
  return (
    <div className="filters" role="group" aria-label="Filter spend lines">
      <div className="filter">
        <label htmlFor="filter-agency">Agency</label>
        <select id="filter-agency" value={(filter.agencyIds?.length ?? 0) === 1 ? filter.agencyIds![0] : ''} onChange={(e) => set('agencyIds', e.target.value ? [e.target.value] : undefined)}>
          <option value="">All agencies</option>
          {agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-theme">Theme</label>
        <select id="filter-theme" value={theme} onChange={(e) => set('themeIds', e.target.value === '' ? undefined : e.target.value === UNALLOCATED ? [null] : [e.target.value])}>
          <option value="">All themes</option>
          <option value={UNALLOCATED}>Unallocated</option>
          {themes.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-function">Function</label>
        <select id="filter-function" value={filter.functions?.[0] ?? ''} onChange={(e) => set('functions', e.target.value ? [e.target.value as FunctionClass] : undefined)}>
          <option value="">All functions</option>
          {FUNCTIONS.map((f) => <option key={f.key} value={f.key}>{f.label}</option>)}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-control">Control</label>
        <select id="filter-control" value={filter.controls?.[0] ?? ''} onChange={(e) => set('controls', e.target.value ? [e.target.value as Control] : undefined)}>
          <option value="">Local and central</option>
          {CONTROLS.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-confidence">Confidence</label>
        <select id="filter-confidence" value={filter.confidences?.[0] ?? ''} onChange={(e) => set('confidences', e.target.value ? [e.target.value as Confidence] : undefined)}>
          <option value="">Any confidence</option>
          {CONFIDENCES.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
        </select>
      </div>
      {(filter.agencyIds?.length ?? 0) > 1 && <span className="chip">{filter.agencyIds!.length} agencies chosen in the panel <button type="button" className="button-quiet" aria-label="Show all agencies" onClick={() => set('agencyIds', undefined)}>×</button></span>}
      {filter.sources && <span className="chip">Source: {filter.sources.map((k) => SOURCES.find((x) => x.key === k)?.label).join(', ')} <button type="button" className="button-quiet" aria-label="Show every source" onClick={() => set('sources', undefined)}>×</button></span>}
      {filter.negative && <span className="chip">Negative amounts only <button type="button" className="button-quiet" aria-label="Show every amount" onClick={() => set('negative', undefined)}>×</button></span>}
      {Object.keys(filter).length > 0 && <button type="button" className="button-quiet" onClick={() => onChange({})}>Clear filters</button>}
    </div>
  );
}
