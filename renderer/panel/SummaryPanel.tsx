/** The totals panel: what the whole public sector spends here, who controls it, and the barriers found. */
import type { DisplayUnit } from '../../shared/enums';
import { formatHeadline, formatPence } from '../../shared/money';
import type { Totals } from '../../shared/totals';
import { count, exact, percent } from '../format';

export function SummaryPanel({ totals, unit: _unit, onCollapse }: { totals: Totals; unit: DisplayUnit; onCollapse: () => void }) {
  const t = totals;
  const localShare = t.totalPence > 0 ? Math.max(0, Math.min(100, (t.localPence / t.totalPence) * 100)) : 0;
  return (
    <aside className="panel" aria-label="Totals">
      <div className="panel-head">
        <h2>Total public spend</h2>
        <button type="button" className="button-quiet" onClick={onCollapse} aria-label="Hide the totals panel">Hide</button>
      </div>
      <p className="headline num" title={exact(t.totalPence)} data-testid="total-spend">{formatHeadline(t.totalPence)}</p>
      <p className="muted num">
        {t.perHeadPence !== null ? <span title={exact(t.perHeadPence)}>{formatPence(t.perHeadPence, { symbol: true }).replace(/\.\d\d$/, '')} per head</span> : 'Add the population for spend per head'}
      </p>
      <dl className="facts">
        <div><dt>Agencies</dt><dd className="num">{count(t.agencyCount)}</dd></div>
        <div><dt>Spend lines</dt><dd className="num">{count(t.lineCount)}</dd></div>
        <div><dt>Netted out (passed between agencies)</dt><dd className="num" title={exact(t.nettedPence)}>{formatHeadline(t.nettedPence)}</dd></div>
      </dl>
      <h3>Who controls it</h3>
      <div className="control-bar" role="img" aria-label={`Locally controlled ${percent(t.localPence, t.totalPence)}, centrally controlled ${percent(t.centralPence, t.totalPence)}`}>
        <span className="control-local" style={{ width: `${localShare}%` }} />
        <span className="control-central" style={{ width: `${t.totalPence > 0 ? 100 - localShare : 0}%` }} />
      </div>
      <dl className="facts">
        <div><dt><span className="swatch control-local" aria-hidden="true" />Locally controlled</dt><dd className="num" title={exact(t.localPence)}>{formatHeadline(t.localPence)} · {percent(t.localPence, t.totalPence)}</dd></div>
        <div><dt><span className="swatch control-central" aria-hidden="true" />Centrally controlled</dt><dd className="num" title={exact(t.centralPence)}>{formatHeadline(t.centralPence)} · {percent(t.centralPence, t.totalPence)}</dd></div>
        <div><dt>Ring-fenced</dt><dd className="num">{percent(t.ringFencedPence, t.totalPence)}</dd></div>
        <div><dt>Capital</dt><dd className="num">{percent(t.capitalPence, t.totalPence)}</dd></div>
        <div><dt>Administration</dt><dd className="num">{percent(t.administrationPence, t.totalPence)}</dd></div>
      </dl>
      <h3>Barriers found</h3>
      <p className="headline-small num">{count(t.barrierCount)}</p>
      {t.barriersCosted > 0 && <p className="muted">Estimated cost <span className="num" title={exact(t.barrierCostPence)}>{formatHeadline(t.barrierCostPence)}</span> ({t.barriersCosted} costed)</p>}
    </aside>
  );
}
