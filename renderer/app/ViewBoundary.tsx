/**
 * A fence around one part of the window (a section's grid, the totals panel): if that part fails
 * while drawing, only it is replaced by a message in words, with a button to draw it again. The
 * workbook stays open, every saved change stays saved, and the rest of the window keeps working.
 */
import { useState, type ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';

interface Props {
  /** What this part is, in the user's words: "the Spend grid", "the totals panel". */
  what: string;
  children: ReactNode;
  /** Redraw from fresh data (for example, reload the lists from the workbook) before trying again. */
  onReload?: () => void;
  /** When this changes (another section was chosen), a failed part is tried again. */
  resetKey?: unknown;
}

export function ViewBoundary({ what, children, onReload, resetKey }: Props) {
  const [attempt, setAttempt] = useState(0);
  return (
    <ErrorBoundary
      resetKeys={[resetKey, attempt]}
      fallbackRender={(p) => <Fallback {...p} what={what} onRetry={() => {
        onReload?.();
        setAttempt((n) => n + 1);
      }} />}
    >
      {children}
    </ErrorBoundary>
  );
}

function Fallback({ error, what, onRetry }: FallbackProps & { what: string; onRetry: () => void }) {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="view-failed" role="alert">
      <h2>{capitalise(what)} could not be shown</h2>
      <p>Something went wrong while drawing {what}. Your workbook is still open and every change you made is saved; nothing was lost.</p>
      <p>Reload the view to carry on. If it happens again, note what you were doing and report it, with this detail: <code>{detail}</code></p>
      <button type="button" className="button-primary" onClick={onRetry}>Reload the view</button>
    </div>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
