/**
 * A workbook window: section tabs with counts, search and units; the section; the totals panel; and
 * a status line that always says whether everything is saved and whether the file is read-only.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DISPLAY_UNITS, type DisplayUnit } from '../../shared/enums';
import type { Command, Section } from '../../shared/methods';
import type { Agency, Barrier, Pilot, Theme } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import type { AppState } from '../../shared/types';
import { api } from '../api/bridge';
import { agencyColumns, barrierColumns, themeColumns } from '../grids/columns';
import { ListGrid } from '../grids/ListGrid';
import { SpendGrid } from '../grids/SpendGrid';
import { SummaryPanel } from '../panel/SummaryPanel';
import { count } from '../format';
import { PilotForm } from './PilotForm';

export interface WorkbookViewHandle {
  command(c: Command): void;
  notify(message: string): void;
}

interface Props {
  app: AppState;
  onFileCommand: (c: Command) => void;
  onError: (e: unknown) => void;
  onInfoChanged: () => void;
  onUnits?: (u: DisplayUnit) => void;
}

interface Data {
  pilot: Pilot;
  agencies: Agency[];
  themes: Theme[];
  barriers: Barrier[];
  totals: Totals;
}

const PANEL_KEY = 'totalplace.panelOpen';

export const WorkbookView = forwardRef<WorkbookViewHandle, Props>(function WorkbookView({ app, onFileCommand, onError, onInfoChanged }, ref) {
  const info = app.workbook!;
  const [data, setData] = useState<Data | null>(null);
  const [section, setSection] = useState<Section>('agencies');
  const [search, setSearch] = useState('');
  const [panelOpen, setPanelOpen] = useState(() => localStorage.getItem(PANEL_KEY) !== 'false');
  const [message, setMessage] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const [pilot, agencies, themes, barriers, totals] = await Promise.all([api('pilot.get'), api('agency.list'), api('theme.list'), api('barrier.list'), api('totals.get')]);
      setData({ pilot, agencies, themes, barriers, totals });
    } catch (e) {
      onError(e);
    }
  }, [onError]);

  useEffect(() => {
    void load();
  }, [load, info.path, info.instanceId]);

  useEffect(() => {
    localStorage.setItem(PANEL_KEY, String(panelOpen));
  }, [panelOpen]);

  useEffect(() => {
    void api('app.reportUi', { section, canDeleteRow: false, canUndo: false, canRedo: false }).catch(() => undefined);
  }, [section]);

  useImperativeHandle(ref, () => ({
    command(c) {
      if (c.startsWith('view:')) {
        const v = c.slice(5);
        if (v === 'panel') setPanelOpen((o) => !o);
        else setSection(v as Section);
      } else if (c === 'find') {
        searchBox.current?.focus();
        searchBox.current?.select();
      }
    },
    notify(m) {
      setMessage(m);
    },
  }), []);

  const unit: DisplayUnit = data?.pilot.displayUnits ?? 'millions';

  /** The pilot's details changed: the title (its name) and per-head totals follow. */
  const onPilotSaved = useCallback(async (pilot: Pilot) => {
    setData((d) => (d ? { ...d, pilot } : d));
    onInfoChanged();
    try {
      const totals = await api('totals.get');
      setData((d) => (d ? { ...d, totals } : d));
    } catch (e) {
      onError(e);
    }
  }, [onInfoChanged, onError]);

  async function setUnit(u: DisplayUnit) {
    try {
      const pilot = await api('pilot.update', { displayUnits: u });
      setData((d) => (d ? { ...d, pilot } : d));
    } catch (e) {
      onError(e);
    }
  }

  const tabs: { key: Section; label: string; n?: number }[] = useMemo(() => [
    { key: 'pilot', label: 'Pilot' },
    { key: 'agencies', label: 'Agencies', n: data?.totals.agencyCount },
    { key: 'spend', label: 'Spend', n: data?.totals.lineCount },
    { key: 'themes', label: 'Themes', n: data?.totals.themeCount },
    { key: 'barriers', label: 'Barriers', n: data?.totals.barrierCount },
  ], [data]);

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setSection(tabs[next]!.key);
    document.getElementById(`tab-${tabs[next]!.key}`)?.focus();
  }

  return (
    <div className="workbook">
      <header className="toolbar">
        <div className="tabs" role="tablist" aria-label="Sections">
          {tabs.map((t, i) => (
            <button key={t.key} id={`tab-${t.key}`} role="tab" type="button" aria-selected={section === t.key} aria-controls="section" tabIndex={section === t.key ? 0 : -1}
              className={`tab ${section === t.key ? 'tab-active' : ''}`} onClick={() => setSection(t.key)} onKeyDown={(e) => onTabKey(e, i)}>
              {t.label}{t.n !== undefined && <span className="tab-count">{count(t.n)}</span>}
            </button>
          ))}
        </div>
        <div className="toolbar-right">
          <label className="visually-hidden" htmlFor="search">Search this section</label>
          <input id="search" ref={searchBox} type="search" className="search" placeholder="Search…" value={search} onChange={(e) => setSearch(e.target.value)} disabled={section === 'pilot'} />
          <div className="units" role="radiogroup" aria-label="Show amounts in">
            {DISPLAY_UNITS.map((u) => (
              <button key={u.key} type="button" role="radio" aria-checked={unit === u.key} className={`unit ${unit === u.key ? 'unit-active' : ''}`} disabled={info.readOnly} onClick={() => void setUnit(u.key)}>{u.label}</button>
            ))}
          </div>
          <button type="button" onClick={() => onFileCommand('saveCopy')}>Save a Copy…</button>
          <button type="button" className="button-quiet" onClick={() => onFileCommand('close')}>Close</button>
        </div>
      </header>
      {message && (
        <div className="notice-bar" role="status">
          <span>{message}</span>
          <button type="button" className="button-quiet" onClick={() => setMessage(null)}>Dismiss</button>
        </div>
      )}
      {info.readOnly && (
        <div className="readonly-bar" role="note">
          <strong>Read-only.</strong> {info.readOnlyReason === 'requested' ? 'You opened this workbook read-only.' : 'This file or its folder can’t be written to.'} You can look and save a copy, but not make changes.
        </div>
      )}
      <div className="workbook-body">
        <main id="section" className="section" role="tabpanel" aria-labelledby={`tab-${section}`}>
          {!data ? <p className="muted" role="status">Loading…</p> : (
            <>
              {section === 'pilot' && <PilotForm pilot={data.pilot} readOnly={info.readOnly} onSaved={onPilotSaved} />}
              {section === 'agencies' && (
                data.agencies.length === 0
                  ? <EmptySection title="No agencies yet" text="Add the bodies that spend public money in your place — the councils, NHS bodies, police, fire, probation, Jobcentre Plus …" />
                  : <ListGrid rows={data.agencies} columns={agencyColumns(unit, data.totals)} search={search} label="Agencies" empty="No agencies match your search." />
              )}
              {section === 'spend' && (
                data.agencies.length === 0
                  ? <EmptySection title="No spend lines yet" text="Add your agencies first; then each line records an amount one agency spends in the place." />
                  : <SpendGrid unit={unit} agencies={data.agencies} themes={data.themes} search={search} revision={data.totals.revision} onError={onError} />
              )}
              {section === 'themes' && (
                data.themes.length === 0
                  ? <EmptySection title="No themes yet" text="Themes are your deep dives — drugs and alcohol, older people, children and early years … Spend not in a theme is shown as unallocated." />
                  : <ListGrid rows={data.themes} columns={themeColumns(unit, data.totals)} search={search} label="Themes" empty="No themes match your search." />
              )}
              {section === 'barriers' && (
                data.barriers.length === 0
                  ? <EmptySection title="No barriers yet" text="Record what stops agencies working as one: ring-fenced funding, targets and returns, data sharing … with the ask of government and your offer in return." />
                  : <ListGrid rows={data.barriers} columns={barrierColumns(unit, data.themes, data.agencies)} search={search} label="Barriers" empty="No barriers match your search." />
              )}
            </>
          )}
        </main>
        {data && panelOpen && <SummaryPanel totals={data.totals} unit={unit} onCollapse={() => setPanelOpen(false)} />}
        {data && !panelOpen && <button type="button" className="panel-tab" onClick={() => setPanelOpen(true)}>Show totals</button>}
      </div>
      <footer className="status" role="status" aria-live="polite">
        <span>{info.readOnly ? 'Read-only: nothing can be changed' : 'All changes saved'}</span>
        <span>Author: {app.author}</span>
        <span>File format {info.schemaVersion}</span>
        {info.copiedFrom && <span>A copy of another workbook</span>}
        {info.readOnly && <span className="badge badge-readonly">Read-only</span>}
      </footer>
    </div>
  );
});

function EmptySection({ title, text }: { title: string; text: string }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}
