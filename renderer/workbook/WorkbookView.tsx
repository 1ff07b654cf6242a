/**
 * A workbook window: section tabs with counts, search and units; the section's grid with its tools;
 * the totals panel; and a status line that always says whether everything is saved and whether the
 * file is read-only. Undo and redo (Ctrl+Z, Ctrl+Y or Shift+Ctrl+Z, and the Edit menu) cover every
 * grid and the pilot details.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DISPLAY_UNITS, type DisplayUnit } from '../../shared/enums';
import type { Command, Section } from '../../shared/methods';
import type { Agency, Barrier, Pilot, Theme } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import { totalsStatusWords, type AppState, type HistoryState, type ReadOnlyReason } from '../../shared/types';
import { api } from '../api/bridge';
import { ViewBoundary } from '../app/ViewBoundary';
import { ProblemsDialog, type PasteProblem } from '../grids/PasteDialogs';
import { agencyComputed, themeComputed } from '../grids/columns';
import { FIELDS, type Table } from '../grids/fields';
import { Sheet, type SheetHandle } from '../grids/Sheet';
import { Panel } from '../panel/Panel';
import { count } from '../format';
import { PilotForm } from './PilotForm';
import { DeleteInUseDialog, type InUse, type InUseChoice } from './SectionDialogs';
import { SpendFilters, type SpendFilter } from './SpendFilters';
import { undoWords } from './undoWords';
import { USUAL_AGENCIES } from './usual';

export interface WorkbookViewHandle {
  command(c: Command): void;
  notify(message: string): void;
  /** The workbook's display units (the submission prints in them unless the user chooses otherwise). */
  units(): DisplayUnit;
}

interface Props {
  app: AppState;
  onFileCommand: (c: Command) => void;
  onError: (e: unknown) => void;
  onInfoChanged: () => void;
}

interface Data {
  pilot: Pilot;
  agencies: Agency[];
  themes: Theme[];
  barriers: Barrier[];
  totals: Totals;
  history: HistoryState;
}

const PANEL_KEY = 'totalplace.panelOpen';
/** Why a workbook is read-only, in words. */
const READ_ONLY_WHY: Record<ReadOnlyReason, string> = {
  requested: 'You opened this workbook read-only.',
  file: 'This file can’t be written to.',
  folder: 'The folder this file is in can’t be written to.',
  locked: 'Someone else has this file open for editing.',
  journal: 'This file came with an unfinished save beside it (a “-journal” file), so it was opened as it was before that save, read-only, and nothing was changed. If you trust where it came from, you can undo the unfinished save in the file and edit it.',
};
/** No computed columns (spend, barriers): one array, so the grid's columns are not rebuilt on every change. */
const NO_COLUMNS: never[] = [];
const TABLE_OF: Partial<Record<Section, Table>> = { agencies: 'agency', spend: 'spend', themes: 'theme', barriers: 'barrier' };
const ROW_WORD: Record<Table, [string, string]> = { agency: ['agency', 'agencies'], theme: ['theme', 'themes'], spend: ['spend line', 'spend lines'], barrier: ['barrier', 'barriers'] };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export const WorkbookView = forwardRef<WorkbookViewHandle, Props>(function WorkbookView({ app, onFileCommand, onError, onInfoChanged }, ref) {
  const info = app.workbook!;
  const [data, setData] = useState<Data | null>(null);
  const [section, setSection] = useState<Section>('agencies');
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<SpendFilter>({});
  const [panelOpen, setPanelOpen] = useState(() => localStorage.getItem(PANEL_KEY) !== 'false');
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ title: string; problems: PasteProblem[] } | null>(null);
  const [inUse, setInUse] = useState<(InUse & { ids: string[] }) | null>(null);
  const [selected, setSelected] = useState(0);
  const [writing, setWriting] = useState(false);
  const [barrierFilter, setBarrierFilter] = useState<{ key: string; text: string } | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const sheet = useRef<SheetHandle>(null);
  const table = TABLE_OF[section];

  /** The lists as last loaded, for words made just after a load (an undo's message). */
  const loaded = useRef<Data | null>(null);
  const load = useCallback(async () => {
    try {
      const [pilot, agencies, themes, barriers, totals, history] = await Promise.all([
        api('pilot.get'), api('agency.list'), api('theme.list'), api('barrier.list'), api('totals.get'), api('history.state'),
      ]);
      loaded.current = { pilot, agencies, themes, barriers, totals, history };
      setData(loaded.current);
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
    setSelected(0);
    setSearch('');
  }, [section]);

  const history = data?.history;
  useEffect(() => {
    void api('app.reportUi', { section, canDeleteRow: selected > 0 && !info.readOnly, canUndo: history?.canUndo ?? false, canRedo: history?.canRedo ?? false }).catch(() => undefined);
  }, [section, selected, history, info.readOnly]);

  /**
   * After a change: the lists, totals and undo state follow. The window title (the pilot's name) can only
   * change with the pilot's details or an undo, so only those ask for the app's state again.
   */
  const changed = useCallback(async (titleMayChange = false) => {
    await load();
    if (titleMayChange) onInfoChanged();
  }, [load, onInfoChanged]);

  /**
   * After a change to spend lines only: just the totals and undo state move (the lists of agencies,
   * themes and barriers, and the window title, cannot have), so only they are fetched.
   */
  const spendChanged = useCallback(async (after?: { totals: Totals; history: HistoryState }) => {
    try {
      const { totals, history } = after ?? { totals: await api('totals.get'), history: await api('history.state') };
      setData((d) => (d ? { ...d, totals, history } : d));
    } catch (e) {
      onError(e);
    }
  }, [onError]);

  /** Undo or redo, and say what it did ("Undid: Amount of ‘Care’ £604.0m → £504.0m"), or that there was nothing to do. */
  const undoRedo = useCallback(async (which: 'undo' | 'redo') => {
    if (info.readOnly) return setMessage(`There is nothing to ${which}: this workbook is open read-only.`);
    try {
      const { step, ...history } = await api(which === 'undo' ? 'history.undo' : 'history.redo');
      if (!step) {
        setData((d) => (d ? { ...d, history } : d));
        return setMessage(undoWords(which, null, { agencies: [], themes: [] }, 'millions'));
      }
      sheet.current?.refresh();
      await changed(true);
      // The names and unit after the step, so a value names what the grid now shows.
      const next = loaded.current;
      if (next) setMessage(undoWords(which, step, { agencies: next.agencies, themes: next.themes }, next.pilot.displayUnits));
    } catch (e) {
      onError(e);
    }
  }, [changed, info.readOnly, onError]);

  const deleteRows = useCallback(async () => {
    if (!table || info.readOnly || !data) return;
    const ids = sheet.current?.selectedIds() ?? [];
    if (ids.length === 0) return setMessage(`Tick the ${ROW_WORD[table][1]} to delete first (the boxes on the left).`);
    try {
      if (table === 'agency' || table === 'theme') {
        const uses = await Promise.all(ids.map((id) => api(table === 'agency' ? 'agency.usage' : 'theme.usage', { id })));
        const spendLines = uses.reduce((s, u) => s + u.spendLines, 0);
        const pence = uses.reduce((s, u) => s + ('pence' in u ? u.pence : 0), 0);
        const barriers = uses.reduce((s, u) => s + u.barriers, 0);
        if (spendLines + barriers > 0) {
          const list = table === 'agency' ? data.agencies : data.themes;
          return setInUse({ kind: table, ids, names: list.filter((x) => ids.includes(x.id)).map((x) => x.name), spendLines, pence, barriers, others: list.filter((x) => !ids.includes(x.id)).map((x) => ({ id: x.id, name: x.name })) });
        }
      }
      const method = ({ agency: 'agency.delete', theme: 'theme.delete', spend: 'spend.delete', barrier: 'barrier.delete' } as const)[table];
      await api(method, { ids });
      sheet.current?.clearSelection();
      sheet.current?.refresh();
      await changed();
      setMessage(`Deleted ${ids.length} ${ROW_WORD[table][ids.length === 1 ? 0 : 1]}. Undo with Ctrl+Z if that was a mistake.`);
    } catch (e) {
      onError(e);
    }
  }, [table, info.readOnly, data, changed, onError]);

  const finishInUseDelete = useCallback(async (choice: InUseChoice) => {
    if (!inUse) return;
    const req = inUse.kind === 'agency'
      ? api('agency.delete', 'moveTo' in choice ? { ids: inUse.ids, moveTo: choice.moveTo } : { ids: inUse.ids, lines: 'delete' })
      : api('theme.delete', { ids: inUse.ids, reassign: 'moveTo' in choice && choice.moveTo !== 'unallocated' ? choice.moveTo : 'unallocated' });
    setInUse(null);
    try {
      await req;
      sheet.current?.clearSelection();
      await changed();
      const n = inUse.ids.length;
      const deleted = `Deleted ${n} ${inUse.kind === 'agency' ? 'agenc' + (n === 1 ? 'y' : 'ies') : 'theme' + (n === 1 ? '' : 's')}`;
      setMessage('deleteLines' in choice
        ? `${deleted} and ${n === 1 ? 'its' : 'their'} ${inUse.spendLines.toLocaleString('en-GB')} spend line${inUse.spendLines === 1 ? '' : 's'}. Undo with Ctrl+Z.`
        : `${deleted} and moved their spend lines and barriers. Undo with Ctrl+Z.`);
    } catch (e) {
      onError(e);
    }
  }, [inUse, changed, onError]);

  const duplicate = useCallback(async () => {
    if (!table || info.readOnly) return;
    const rows = sheet.current?.selectedRows() ?? [];
    if (rows.length === 0) return setMessage(`Tick the ${ROW_WORD[table][1]} to duplicate first.`);
    const keys = FIELDS[table].map((f) => f.key);
    const creates = rows.map((r) => {
      const copy = Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]]));
      if (table === 'agency' || table === 'theme') copy.name = `${String(r.name)} (copy)`;
      return copy;
    });
    try {
      await api(({ agency: 'agency.batch', theme: 'theme.batch', spend: 'spend.batch', barrier: 'barrier.batch' } as const)[table], { creates } as never);
      sheet.current?.clearSelection();
      sheet.current?.refresh();
      await changed();
      setMessage(`Duplicated ${rows.length} ${ROW_WORD[table][rows.length === 1 ? 0 : 1]}.`);
    } catch (e) {
      onError(e);
    }
  }, [table, info.readOnly, changed, onError]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || document.querySelector('.modal-backdrop')) return;
      const key = e.key.toLowerCase();
      if (key === 'f') {
        e.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
        return;
      }
      if (isTyping(e.target)) return; // text boxes keep their own undo
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undoRedo('undo');
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void undoRedo('redo');
      } else if (key === 'backspace') {
        e.preventDefault();
        void deleteRows();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoRedo, deleteRows]);

  useImperativeHandle(ref, () => ({
    command(c) {
      if (c.startsWith('view:')) {
        const v = c.slice(5);
        if (v === 'panel') setPanelOpen((o) => !o);
        else setSection(v as Section);
      } else if (c === 'find') {
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (c === 'undo' || c === 'redo') {
        if (isTyping(document.activeElement)) document.execCommand(c);
        else void undoRedo(c);
      } else if (c === 'deleteRow') {
        void deleteRows();
      }
    },
    notify(m) {
      setMessage(m);
    },
    units: () => data?.pilot.displayUnits ?? 'millions',
  }), [undoRedo, deleteRows, data?.pilot.displayUnits]);

  const unit: DisplayUnit = data?.pilot.displayUnits ?? 'millions';
  // The names the grids parse and show agencies and themes by. Only a real change of name rebuilds the
  // grids' columns: a reload after an unrelated save must not interrupt an edit the user has started.
  const nameKey = JSON.stringify([data?.agencies.map((a) => [a.id, a.name]), data?.themes.map((t) => [t.id, t.name])]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const names = useMemo(() => ({ agencies: data?.agencies ?? [], themes: data?.themes ?? [] }), [nameKey]);
  const totals = useRef<Totals | undefined>(undefined);
  totals.current = data?.totals;
  const hasTotals = data !== null;
  const computed = useMemo(() => {
    if (!hasTotals) return NO_COLUMNS;
    const latest = () => totals.current!;
    return section === 'agencies' ? agencyComputed(unit, latest) : section === 'themes' ? themeComputed(unit, latest) : NO_COLUMNS;
  }, [hasTotals, section, unit]);
  /** From the panel: show the spend lines or barriers behind a figure. */
  const filterSpend = useCallback((f: SpendFilter) => {
    setFilter(f);
    setSection('spend');
  }, []);
  const filterBarriers = useCallback((key: string, text: string) => {
    setBarrierFilter({ key, text });
    setSection('barriers');
  }, []);
  const onProblems = useCallback((title: string, p: PasteProblem[]) => setProblems({ title, problems: p }), []);
  const onNotice = useCallback((m: string) => setMessage(m), []);

  async function setUnit(u: DisplayUnit) {
    try {
      await api('pilot.update', { displayUnits: u });
      await changed();
    } catch (e) {
      onError(e);
    }
  }

  async function addUsualAgencies() {
    try {
      await api('agency.create', { rows: USUAL_AGENCIES });
      await changed();
      setMessage('Added the usual agencies. Rename them to your own (double-click a name), and delete any your place does not have.');
    } catch (e) {
      onError(e);
    }
  }

  const totalsWords = totalsStatusWords(info.totalsStatus);

  /** The kept totals disagreed with the lines: rebuild them from the lines (a change, so it is the user's choice). */
  async function repairTotals() {
    try {
      await api('workbook.repairTotals');
      onInfoChanged();
      await changed();
      setMessage('The totals were rebuilt from the spend lines. You can edit the workbook now.');
    } catch (e) {
      onError(e);
    }
  }

  /** Opened read-only because of an unfinished save beside it: the user chooses to undo it in the file and edit. */
  async function recoverSave() {
    try {
      await api('app.recoverSave');
      onInfoChanged();
    } catch (e) {
      onError(e);
    }
  }

  const tabs: { key: Section; label: string; n?: number }[] = [
    { key: 'pilot', label: 'Pilot' },
    { key: 'agencies', label: 'Agencies', n: data?.agencies.length },
    { key: 'spend', label: 'Spend', n: data?.totals.lineCount },
    { key: 'themes', label: 'Themes', n: data?.themes.length },
    { key: 'barriers', label: 'Barriers', n: data?.barriers.length },
  ];

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setSection(tabs[next]!.key);
    document.getElementById(`tab-${tabs[next]!.key}`)?.focus();
  }

  const rows = data && table && table !== 'spend' ? ({ agency: data.agencies, theme: data.themes, barrier: data.barriers } as const)[table] : undefined;
  const empty = !!rows && rows.length === 0;

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
          <button type="button" onClick={() => onFileCommand('print')}>Print…</button>
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
          <strong>Read-only.</strong> {READ_ONLY_WHY[info.readOnlyReason ?? 'file']} You can look and save a copy, but not make changes.
          {info.readThroughUpdatedCopy && <> This file is in an older format (format {info.schemaVersion}); it was read through an updated copy and is unchanged. Save a copy to work on it in this version’s format.</>}
          {info.readOnlyReason === 'journal' && <button type="button" className="bar-action" onClick={() => void recoverSave()}>Undo the unfinished save and edit</button>}
        </div>
      )}
      {totalsWords && (
        <div className={`readonly-bar${info.totalsStatus === 'disagree' ? ' bar-warning' : ''}`} role="note" data-testid="totals-status">
          {totalsWords}
          {info.totalsStatus === 'disagree' && !info.readOnly && <button type="button" className="bar-action" onClick={() => void repairTotals()}>Repair the totals</button>}
        </div>
      )}
      <div className="workbook-body">
        <main id="section" className="section" role="tabpanel" aria-labelledby={`tab-${section}`}>
          <ViewBoundary what={`the ${tabs.find((t) => t.key === section)?.label ?? ''} section`} onReload={() => void load()} resetKey={section}>
          {!data ? <p className="muted" role="status">Loading…</p> : section === 'pilot' ? (
            <PilotForm pilot={data.pilot} readOnly={info.readOnly} onSaved={() => void changed(true)} />
          ) : (
            <>
              {table && !info.readOnly && (
                <div className="section-tools" role="toolbar" aria-label={`${ROW_WORD[table][1]} tools`}>
                  <button type="button" onClick={() => sheet.current?.addRow()} disabled={table === 'spend' && data.agencies.length === 0}>Add {ROW_WORD[table][0]}</button>
                  <button type="button" onClick={() => void duplicate()} disabled={selected === 0}>Duplicate</button>
                  <button type="button" onClick={() => void deleteRows()} disabled={selected === 0}>Delete{selected > 0 ? ` ${selected}` : ''}</button>
                  <span className="tools-sep" />
                  <button type="button" onClick={() => void undoRedo('undo')} disabled={!data.history.canUndo} aria-keyshortcuts="Control+Z">Undo</button>
                  <button type="button" onClick={() => void undoRedo('redo')} disabled={!data.history.canRedo} aria-keyshortcuts="Control+Y">Redo</button>
                  <span className="muted small tools-hint">{table === 'spend' || table === 'barrier' ? `Amounts typed in ${unit === 'pounds' ? '£' : unit === 'thousands' ? '£000' : '£m'} · ` : ''}Type or F2 to edit · Tab moves · Ctrl+Enter adds the line</span>
                </div>
              )}
              {section === 'spend' && data.agencies.length > 0 && <SpendFilters filter={filter} agencies={data.agencies} themes={data.themes} onChange={setFilter} />}
              {section === 'barriers' && barrierFilter && (
                <div className="filters"><span className="chip">Showing {barrierFilter.text} only <button type="button" className="button-quiet" aria-label="Show all barriers" onClick={() => setBarrierFilter(null)}>×</button></span></div>
              )}
              {section === 'agencies' && empty && (
                <div className="empty">
                  <h2>No agencies yet</h2>
                  <p>Add the bodies that spend public money in your place — the councils, NHS bodies, police, fire, probation, Jobcentre Plus … Type them into the grid below, paste a list from Excel, or start from the usual list and rename.</p>
                  {!info.readOnly && <button type="button" className="button-primary" onClick={() => void addUsualAgencies()}>Add the usual agencies</button>}
                </div>
              )}
              {section === 'themes' && empty && <p className="empty-line">No themes yet. Themes are your deep dives — drugs and alcohol, older people, children and early years … Spend not in a theme is shown as unallocated.</p>}
              {section === 'barriers' && empty && <p className="empty-line">No barriers yet. Record what stops agencies working as one — ring-fenced funding, targets and returns, data sharing … — with the ask of government and your offer in return.</p>}
              {section === 'spend' && data.agencies.length === 0 ? (
                <div className="empty">
                  <h2>No spend lines yet</h2>
                  <p>Add your agencies first; each spend line records an amount one agency spends in the place.</p>
                  <button type="button" className="button-primary" onClick={() => setSection('agencies')}>Go to agencies</button>
                </div>
              ) : table ? (
                <Sheet
                  key={`${table}-${info.instanceId}`}
                  ref={sheet}
                  table={table}
                  names={names}
                  unit={unit}
                  readOnly={info.readOnly}
                  workbookId={info.workbookId}
                  countYear={data.pilot.countYear}
                  {...(rows ? { rows: rows as unknown as (Record<string, unknown> & { id: string })[] } : { filter })}
                  computed={computed}
                  revision={data.totals.revision}
                  {...(section === 'barriers' && barrierFilter ? { columnFilter: barrierFilter } : {})}
                  search={search}
                  label={ROW_WORD[table][1]}
                  onChanged={(after) => void (table === 'spend' ? spendChanged(after) : changed())}
                  onProblems={onProblems}
                  onNotice={onNotice}
                  onNamesChanged={load}
                  onSelection={setSelected}
                  onWriting={setWriting}
                />
              ) : null}
            </>
          )}
          </ViewBoundary>
        </main>
        {data && panelOpen && (
          <ViewBoundary what="the totals panel" onReload={() => void load()}>
            <Panel totals={data.totals} unit={unit} onCollapse={() => setPanelOpen(false)} onFilterSpend={filterSpend} onFilterBarriers={filterBarriers} />
          </ViewBoundary>
        )}
        {data && !panelOpen && <button type="button" className="panel-tab" onClick={() => setPanelOpen(true)}>Show totals</button>}
      </div>
      <footer className="status" role="status" aria-live="polite">
        <span>{info.readOnly ? 'Read-only: nothing can be changed' : 'All changes saved'}</span>
        {writing && <span className="status-writing">A new line is being written: it is added when you press Enter on its last cell, Ctrl+Enter or move to another row</span>}
        <span>Author: {app.author}</span>
        <span>File format {info.schemaVersion}</span>
        {info.copiedFrom && <span>A copy of another workbook</span>}
        {info.readOnly && <span className="badge badge-readonly">Read-only</span>}
      </footer>
      {problems && <ProblemsDialog title={problems.title} problems={problems.problems} onClose={() => setProblems(null)} />}
      {inUse && <DeleteInUseDialog inUse={inUse} unit={unit} onChoose={(c) => void finishInUseDelete(c)} onCancel={() => setInUse(null)} />}
    </div>
  );
});
