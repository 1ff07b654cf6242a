import { useEffect, useRef } from 'react';
import type { Explained } from '../api/errors';

/** An error, in the GOV.UK error summary's plain style: what happened, and what to do next. Focused so screen readers announce it. */
export function ErrorBanner({ error, onDismiss }: { error: Explained; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  return (
    <div className="error-banner" role="alert" tabIndex={-1} ref={ref} data-code={error.code}>
      <div>
        <h2 className="error-title">{error.title}</h2>
        <p className="error-message">{error.message}</p>
        {error.next && <p className="error-next">{error.next}</p>}
      </div>
      <button type="button" className="button-quiet" onClick={onDismiss} aria-label="Dismiss this message">Dismiss</button>
    </div>
  );
}
