/**
 * The window: first run (your name), the start screen, or a workbook — with one place for errors
 * and the dialogs every window can show. Menu commands arrive here and are carried out with the
 * same calls as the buttons.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Command } from '../../shared/methods';
import type { AppState } from '../../shared/types';
import { windowTitle } from '../../shared/types';
import { api, onCommand, onStateChanged } from '../api/bridge';
import { explain, isCancelled, type Explained } from '../api/errors';
import { ViewBoundary } from './ViewBoundary';
import { WorkbookView, type WorkbookViewHandle } from '../workbook/WorkbookView';
import { AboutDialog, GuideDialog, LockedDialog, NewWorkbookDialog } from './Dialogs';
import { ErrorBanner } from './ErrorBanner';
import { ReportDialog } from './ReportDialog';
import { FirstRun } from './FirstRun';
import { StartScreen } from './StartScreen';

type Modal = { kind: 'new' } | { kind: 'about' } | { kind: 'guide' } | { kind: 'locked'; error: Explained } | { kind: 'report'; primary: 'print' | 'pdf' } | null;

export function App() {
  const [state, setState] = useState<AppState | null>(null);
  const [error, setError] = useState<Explained | null>(null);
  const [modal, setModal] = useState<Modal>(null);
  const [busy, setBusy] = useState(false);
  const view = useRef<WorkbookViewHandle>(null);

  /** Show an error: a file someone else has open gets its own dialog; cancelling a dialog is not an error. */
  const show = useCallback((e: unknown) => {
    if (isCancelled(e)) return;
    const x = explain(e);
    if (x.code === 'locked' && x.detail?.retryToken) setModal({ kind: 'locked', error: x });
    else setError(x);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const s = await api('app.state');
      setState(s);
      if (s.notice) show(s.notice);
    } catch (e) {
      setError(explain(e));
    }
  }, [show]);

  /** Run a file action: clear the last error, show progress, take the new state or show the error. */
  const act = useCallback(async (fn: () => Promise<AppState | unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (r && typeof r === 'object' && 'recent' in r) setState(r as AppState);
      else await refresh();
    } catch (e) {
      show(e);
    } finally {
      setBusy(false);
    }
  }, [refresh, show]);

  useEffect(() => {
    void refresh();
    return onStateChanged(() => void refresh());
  }, [refresh]);

  useEffect(() => {
    document.title = windowTitle(state?.workbook ?? null);
  }, [state?.workbook]);

  const run = useCallback((c: Command) => {
    if (c.startsWith('openRecent:')) return void act(() => api('app.openRecent', { id: c.slice('openRecent:'.length) }));
    switch (c) {
      case 'new': return setModal({ kind: 'new' });
      case 'open': return void act(() => api('app.open'));
      case 'openSample': return void act(() => api('app.openSample'));
      case 'saveCopy': return void act(async () => {
        const r = await api('app.saveCopy');
        setError(null);
        view.current?.notify(`Saved a copy as “${r.fileName}”. Send that file; keep working in this one.`);
      });
      case 'print': return setModal({ kind: 'report', primary: 'print' });
      case 'exportPdf': return setModal({ kind: 'report', primary: 'pdf' });
      case 'close': return void act(() => api('app.close'));
      case 'about': return setModal({ kind: 'about' });
      case 'guide': return setModal({ kind: 'guide' });
      default: return view.current?.command(c);
    }
  }, [act]);

  useEffect(() => onCommand(run), [run]);

  if (!state) return <div className="loading" role="status">Opening…</div>;
  const reportUnits = view.current?.units() ?? state.displayUnits;

  return (
    <div className="app" aria-busy={busy}>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {state.author === null ? (
        <FirstRun onDone={(author) => act(() => api('settings.update', { author }))} />
      ) : state.workbook ? (
        <ViewBoundary what="the workbook view" onReload={refresh} resetKey={state.workbook.instanceId}>
          <WorkbookView
            ref={view}
            app={state}
            onFileCommand={run}
            onError={show}
            onInfoChanged={refresh}
          />
        </ViewBoundary>
      ) : (
        <StartScreen
          state={state}
          busy={busy}
          onNew={() => setModal({ kind: 'new' })}
          onOpen={() => run('open')}
          onSample={() => run('openSample')}
          onRecent={(id) => run(`openRecent:${id}`)}
          onForget={(id) => act(() => api('app.removeRecent', { id }))}
        />
      )}
      {modal?.kind === 'new' && (
        <NewWorkbookDialog
          onCancel={() => setModal(null)}
          onCreate={(pilotName) => {
            setModal(null);
            void act(() => api('app.newWorkbook', { pilotName }));
          }}
        />
      )}
      {modal?.kind === 'locked' && (
        <LockedDialog
          error={modal.error}
          onCancel={() => setModal(null)}
          onChoose={(mode) => {
            const token = String(modal.error.detail?.retryToken);
            setModal(null);
            void act(() => api('app.retryOpen', { token, mode }));
          }}
        />
      )}
      {modal?.kind === 'report' && state.workbook && (
        <ReportDialog units={reportUnits} primary={modal.primary} onClose={() => setModal(null)} onDone={(m) => { setModal(null); view.current?.notify(m); }} />
      )}
      {modal?.kind === 'about' && <AboutDialog version={state.version} onClose={() => setModal(null)} />}
      {modal?.kind === 'guide' && <GuideDialog onClose={() => setModal(null)} />}
    </div>
  );
}
