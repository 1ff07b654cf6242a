import type { AppState } from '../../shared/types';

interface Props {
  state: AppState;
  busy: boolean;
  onNew: () => void;
  onOpen: () => void;
  onSample: () => void;
  onRecent: (id: string) => void;
  onForget: (id: string) => void;
}

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The start screen: new, open, the sample, and recent files with their pilot names. */
export function StartScreen({ state, busy, onNew, onOpen, onSample, onRecent, onForget }: Props) {
  return (
    <main className="start">
      <div className="start-card">
        <h1>Total Place Workbook</h1>
        <p className="lede">Count what the whole public sector spends in your place, and record what stands in the way of working as one.</p>
        <div className="start-actions">
          <button type="button" className="button-primary" onClick={onNew} disabled={busy}>New Pilot Workbook…</button>
          <button type="button" onClick={onOpen} disabled={busy}>Open…</button>
          <button type="button" onClick={onSample} disabled={busy}>Open Sample Pilot</button>
        </div>
        <section aria-labelledby="recent-heading" className="recent">
          <h2 id="recent-heading">Recent workbooks</h2>
          {state.recent.length === 0 ? (
            <p className="muted">Workbooks you open will be listed here. The sample pilot shows what a finished count looks like.</p>
          ) : (
            <ul className="recent-list">
              {state.recent.map((r) => (
                <li key={r.id} className={r.missing ? 'recent-missing' : ''}>
                  <button type="button" className="recent-open" onClick={() => onRecent(r.id)} disabled={busy || r.missing}>
                    <span className="recent-pilot">{r.pilotName}</span>
                    <span className="recent-file">{r.fileName} <span className="muted">· {r.folder}</span></span>
                    <span className="recent-when muted">{r.missing ? 'Moved or deleted' : `Opened ${when(r.openedAt)}`}</span>
                  </button>
                  <button type="button" className="button-quiet" onClick={() => onForget(r.id)} aria-label={`Remove ${r.fileName} from the list`}>Remove</button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <p className="muted small">Version {state.version} · works offline · every change is saved as you make it</p>
      </div>
    </main>
  );
}
