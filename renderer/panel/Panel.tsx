/**
 * The totals panel: how much the whole public sector spends here, who controls it and on what, how
 * sure the count is, and the barriers found. Every figure comes from the store's totals (kept as each
 * change is saved), in the workbook's units, with the exact amount on hover. Clicking a chart or a
 * figure opens the lines or barriers behind it.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { agencyTreemap, barrierCategoryBars, controlDonut, moneyWithUnit, themeBars, typeBars } from '../../shared/charts';
import { BARRIER_CATEGORIES, BARRIER_STATUSES, FUNCTIONS, NOT_STATED, RESOLUTIONS, SEVERITIES, labelOf, type BarrierCategory, type Control, type DisplayUnit } from '../../shared/enums';
import type { SpendQueryInput } from '../../shared/schemas';
import { NOT_STATED_FIELDS, type NotStatedField, type Totals } from '../../shared/totals';
import { count, exact, percent } from '../format';
import { Chart } from './Chart';

export type SpendFilter = NonNullable<SpendQueryInput['filter']>;

interface Props {
  totals: Totals;
  unit: DisplayUnit;
  onCollapse: () => void;
  onFilterSpend: (f: SpendFilter) => void;
  onFilterBarriers: (field: 'category', label: string) => void;
}

function Money({ pence, unit, testId }: { pence: number; unit: DisplayUnit; testId?: string }) {
  return <span className="num" title={exact(pence)} data-testid={testId} data-pence={pence}>{moneyWithUnit(pence, unit)}</span>;
}

function Fact({ label, children, testId }: { label: React.ReactNode; children: React.ReactNode; testId?: string }) {
  return <div data-testid={testId}><dt>{label}</dt><dd>{children}</dd></div>;
}

export const Panel = memo(function Panel({ totals: latest, unit, onCollapse, onFilterSpend, onFilterBarriers }: Props) {
  // The headline follows an edit at once; the charts and lists below follow a moment later, so that
  // redrawing them never holds up the total.
  const t = useDeferredValue(latest);
  const options = useMemo(() => ({
    control: controlDonut(t, unit), types: typeBars(t, unit), themes: themeBars(t, unit), treemap: agencyTreemap(t, unit), barriers: barrierCategoryBars(t),
  }), [t, unit]);
  const agenciesOfType = (type: string) => t.byAgency.filter((a) => a.type === type).map((a) => a.id);
  const top = t.byAgency.slice(0, 5);
  const rest = t.byAgency.slice(5);
  const restPence = rest.reduce((s, a) => s + a.pence, 0);
  const functions = t.byFunction.filter((f) => f.lines > 0 || f.pence !== 0).sort((a, b) => b.pence - a.pence);
  const maxFn = Math.max(1, ...functions.map((f) => Math.abs(f.pence)));
  const themeFilter = (key: string) => onFilterSpend({ themeIds: [key === 'unallocated' ? null : key] });
  // What nobody stated: each field with any, and the filter that shows its lines where the grid has one.
  const notStated = t.notStated.fields.filter((f) => f.lines > 0 || f.pence !== 0);
  const notStatedOf = (key: NotStatedField) => notStated.find((f) => f.key === key);
  const notStatedShare = (key: NotStatedField) => {
    const f = notStatedOf(key);
    return f ? ` · not stated ${percent(f.pence, t.totalPence)}` : '';
  };
  const notStatedFilter: Partial<Record<NotStatedField, SpendFilter>> = {
    function: { functions: [NOT_STATED] }, source: { sources: [NOT_STATED] }, confidence: { confidences: [NOT_STATED] }, control: { controls: [NOT_STATED] },
    agencyType: { agencyIds: agenciesOfType(NOT_STATED) },
  };

  return (
    <aside className="panel" aria-label="Totals">
      <div className="panel-head">
        <h2>Total public spend</h2>
        <button type="button" className="button-quiet" onClick={onCollapse} aria-label="Hide the totals panel">Hide</button>
      </div>
      <p className="headline" data-testid="total-spend" data-pence={latest.totalPence} title={exact(latest.totalPence)}>{moneyWithUnit(latest.totalPence, unit)}</p>
      <p className="muted num">
        {t.perHeadPence !== null ? <span title={exact(t.perHeadPence)} data-testid="per-head" data-pence={t.perHeadPence}>{exact(t.perHeadPence)} per head</span> : 'Add the population (Pilot tab) for spend per head'}
      </p>
      <dl className="facts">
        <Fact label="Agencies" testId="agency-count"><span className="num">{count(t.agencyCount)}</span></Fact>
        <Fact label="Spend lines" testId="line-count"><span className="num">{count(t.lineCount)}</span></Fact>
        <Fact label={<>Netted out: passed between agencies ({count(t.nettedLines)} line{t.nettedLines === 1 ? '' : 's'})</>} testId="netted"><Money pence={t.nettedPence} unit={unit} testId="netted-pence" /></Fact>
      </dl>

      {t.lineCount === 0 ? (
        <p className="empty-line" data-testid="no-spend">No spend counted yet. Add agencies and their spend lines, and the totals and charts appear here as you go.</p>
      ) : (<>
      <h3>Who controls it</h3>
      <Chart name="control" option={options.control} height={150} label="Locally and centrally controlled spend" onSelect={(k) => onFilterSpend({ controls: [k as Control] })} />
      <dl className="facts">
        <Fact label={<><span className="swatch control-local" aria-hidden="true" />Locally controlled</>} testId="local"><Money pence={t.localPence} unit={unit} testId="local-pence" /> · {percent(t.localPence, t.totalPence)}</Fact>
        <Fact label={<><span className="swatch control-central" aria-hidden="true" />Centrally controlled</>} testId="central"><Money pence={t.centralPence} unit={unit} testId="central-pence" /> · {percent(t.centralPence, t.totalPence)}</Fact>
        {notStatedOf('control') && <Fact label={<><span className="swatch control-not-stated" aria-hidden="true" />Control not stated</>} testId="control-not-stated"><Money pence={t.controlNotStatedPence} unit={unit} testId="control-not-stated-pence" /> · {percent(t.controlNotStatedPence, t.totalPence)}</Fact>}
        <Fact label="Ring-fenced grants"><Money pence={t.ringFencedPence} unit={unit} /> · {percent(t.ringFencedPence, t.totalPence)}</Fact>
        <Fact label="Revenue / capital" testId="revenue-capital"><span className="num">{percent(t.revenuePence, t.totalPence)} / {percent(t.capitalPence, t.totalPence)}{notStatedShare('kind')}</span></Fact>
        <Fact label="Administration" testId="administration"><Money pence={t.administrationPence} unit={unit} /> · {percent(t.administrationPence, t.totalPence)}{notStatedShare('delivery')}</Fact>
        <Fact label="Prevention / reaction" testId="prevention-reaction"><span className="num">{percent(t.preventionPence, t.totalPence)} / {percent(t.reactionPence, t.totalPence)}{notStatedShare('purpose')}</span></Fact>
      </dl>

      <h3>By agency type</h3>
      <Chart name="types" option={options.types} height={Math.max(60, 22 * t.byAgencyType.filter((x) => x.lines > 0 || x.pence !== 0).length + 8)} label="Spend by agency type" onSelect={(k) => onFilterSpend({ agencyIds: agenciesOfType(k) })} />
      <Chart name="treemap" option={options.treemap} height={150} label="Agencies within their types, by spend" onSelect={(k) => !k.startsWith('type:') && onFilterSpend({ agencyIds: [k] })} />

      <h3>Top agencies</h3>
      <ol className="ranked">
        {top.map((a) => (
          <li key={a.id}><button type="button" className="link" onClick={() => onFilterSpend({ agencyIds: [a.id] })}>{a.name}</button><span><Money pence={a.pence} unit={unit} /> · {percent(a.pence, t.totalPence)}</span></li>
        ))}
        {rest.length > 0 && <li className="muted"><span>{rest.length} other agenc{rest.length === 1 ? 'y' : 'ies'}</span><span><Money pence={restPence} unit={unit} /> · {percent(restPence, t.totalPence)}</span></li>}
      </ol>

      <h3>By theme</h3>
      <Chart name="themes" option={options.themes} height={Math.max(60, 22 * t.byTheme.length + 8)} label="Spend by theme" onSelect={themeFilter} />
      <ul className="ranked" data-testid="by-theme">
        {t.byTheme.map((th) => (
          <li key={th.id ?? 'unallocated'} data-theme={th.name ?? 'Unallocated'}><button type="button" className="link" onClick={() => themeFilter(th.id ?? 'unallocated')}>{th.name ?? 'Unallocated'}</button><span><Money pence={th.pence} unit={unit} /> · {percent(th.pence, t.totalPence)}</span></li>
        ))}
      </ul>

      <h3>By function</h3>
      <ul className="fn-bars">
        {functions.map((f) => (
          <li key={f.key}>
            <button type="button" className="link" onClick={() => onFilterSpend({ functions: [f.key] })}>{labelOf(FUNCTIONS, f.key)}</button>
            <span className="fn-bar" aria-hidden="true"><span style={{ width: `${(Math.abs(f.pence) / maxFn) * 100}%` }} /></span>
            <span className="num"><Money pence={f.pence} unit={unit} /></span>
          </li>
        ))}
      </ul>

      </>)}

      <h3>How sure is the count</h3>
      <ul className="quality">
        <li><button type="button" className="link" onClick={() => onFilterSpend({ sources: ['estimate'] })}>Estimated</button>: <Money pence={t.estimatedPence} unit={unit} /> ({percent(t.estimatedPence, t.totalPence)})</li>
        <li><button type="button" className="link" onClick={() => onFilterSpend({ sources: ['apportioned'] })}>Apportioned from national figures</button>: <Money pence={t.apportionedPence} unit={unit} /> ({percent(t.apportionedPence, t.totalPence)})</li>
        <li>{t.negativeLines > 0 ? <><button type="button" className="link" onClick={() => onFilterSpend({ negative: true })}>{count(t.negativeLines)} line{t.negativeLines === 1 ? '' : 's'} with a negative amount</button> (income or recharges: check each)</> : 'No lines with a negative amount'}</li>
        <li>{t.agencyCount === 0 ? 'No agencies listed yet' : t.agenciesWithoutSpend.length === 0 ? 'Every agency has spend lines' : <>No spend yet for {t.agenciesWithoutSpend.map((a, i) => <span key={a.id}>{i > 0 && ', '}<button type="button" className="link" onClick={() => onFilterSpend({ agencyIds: [a.id] })}>{a.name}</button></span>)}</>}</li>
        <li>{t.themeCount === 0 ? 'No themes set up yet' : t.themesWithoutSpend.length === 0 ? 'Every theme has spend lines' : <>No spend yet in {t.themesWithoutSpend.map((th, i) => <span key={th.id}>{i > 0 && ', '}<button type="button" className="link" onClick={() => onFilterSpend({ themeIds: [th.id] })}>{th.name}</button></span>)}</>}</li>
        {t.lineCount > 0 && notStated.length === 0 && <li data-testid="not-stated-none">Every field of every line and agency is stated</li>}
        {notStated.map((f) => {
          const name = `${NOT_STATED_FIELDS.find((x) => x.key === f.key)!.label} not stated`;
          const filter = notStatedFilter[f.key];
          return (
            <li key={f.key} data-testid={`not-stated-${f.key}`}>
              {filter ? <button type="button" className="link" onClick={() => onFilterSpend(filter)}>{name}</button> : name}: <Money pence={f.pence} unit={unit} /> ({percent(f.pence, t.totalPence)}; {count(f.lines)} line{f.lines === 1 ? '' : 's'})
            </li>
          );
        })}
      </ul>

      <h3>Barriers found</h3>
      <p className="headline-small num" data-testid="barrier-count">{count(t.barrierCount)}</p>
      <p className="muted" data-testid="barrier-cost">{t.barriersCosted > 0 ? <>Estimated cost <Money pence={t.barrierCostPence} unit={unit} testId="barrier-cost-pence" /> ({t.barriersCosted} of {t.barrierCount} costed)</> : 'None costed yet'}</p>
      {t.barrierCount > 0 && (
        <>
          <Chart name="barriers" option={options.barriers} height={Math.max(50, 22 * t.barriersByCategory.filter((c) => c.count > 0).length + 8)} label="Barriers by category" onSelect={(k) => onFilterBarriers('category', categoryLabel(k as BarrierCategory))} />
          <ul className="ranked" data-testid="barriers-by-category">
            {t.barriersByCategory.filter((c) => c.count > 0).map((c) => (
              <li key={c.key} data-category={c.key}><button type="button" className="link" onClick={() => onFilterBarriers('category', categoryLabel(c.key))}>{categoryLabel(c.key)}</button><span className="num">{c.count}</span></li>
            ))}
          </ul>
          <dl className="facts compact">
            <Fact label="Where they can be resolved">{t.barriersByResolution.filter((r) => r.count > 0).map((r) => `${labelOf(RESOLUTIONS, r.key)} ${r.count}`).join(' · ')}</Fact>
            <Fact label="Status">{t.barriersByStatus.filter((r) => r.count > 0).map((r) => `${labelOf(BARRIER_STATUSES, r.key)} ${r.count}`).join(' · ')}</Fact>
            <Fact label="Severity">{t.barriersBySeverity.filter((r) => r.count > 0).map((r) => `${labelOf(SEVERITIES, r.key)} ${r.count}`).join(' · ')}</Fact>
          </dl>
          {t.costliestBarriers.length > 0 && (
            <>
              <h3>Costliest barriers</h3>
              <ol className="costliest">
                {t.costliestBarriers.map((b) => (
                  <li key={b.id}><strong>{b.title}</strong> <Money pence={b.costPence} unit={unit} />{b.ask && <p className="muted small">Ask: {b.ask}</p>}</li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
      <p className="muted small">Amounts in {unit === 'pounds' ? '£' : unit === 'thousands' ? '£000' : '£m'}; hover over any amount for the exact figure. Click a chart or a name to see the lines behind it.</p>
    </aside>
  );
});

function categoryLabel(key: BarrierCategory): string {
  return labelOf(BARRIER_CATEGORIES, key);
}
