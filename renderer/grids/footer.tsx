/**
 * The spend grid's sums: how many lines the filter shows and what they add up to, as listed (gross),
 * and how much of that is passed on to another agency in this count — money the totals panel counts
 * once, where it is finally spent, so the panel's figure is the net one. Asked of the store afresh
 * whenever the filter, the search or the workbook changes, so it is never stale.
 */
import { useEffect, useState } from 'react';
import type { DisplayUnit } from '../../shared/enums';
import type { SpendQueryInput } from '../../shared/schemas';
import { moneyWithUnit } from '../../shared/charts';
import { api } from '../api/bridge';
import { count, exact } from '../format';

export interface SpendSums {
  lines: number;
  pence: number;
  passedLines: number;
  passedPence: number;
}

type Filter = NonNullable<SpendQueryInput['filter']>;

export function useSpendSums(enabled: boolean, filter: Filter, revision: number | undefined): SpendSums | null {
  const [sums, setSums] = useState<SpendSums | null>(null);
  const key = JSON.stringify(filter);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api('spend.page', { offset: 0, limit: 1, withCount: true, filter: JSON.parse(key) as Filter })
      .then((p) => {
        if (live && p.matching !== null) setSums({ lines: p.matching, pence: p.matchingPence ?? 0, passedLines: p.matchingPassedLines ?? 0, passedPence: p.matchingPassedPence ?? 0 });
      })
      .catch(() => undefined); // the grid's own loading says when the store can't be read
    return () => {
      live = false;
    };
  }, [enabled, key, revision]);
  return sums;
}

/** The words under the spend grid. */
export function SpendSummary({ sums, unit, filtered }: { sums: SpendSums; unit: DisplayUnit; filtered: boolean }) {
  const lines = `${count(sums.lines)} line${sums.lines === 1 ? '' : 's'}${filtered ? ' matching' : ''}`;
  return (
    <p className="grid-summary" data-testid="spend-summary">
      <span>{lines}: <strong className="num" title={exact(sums.pence)}>{moneyWithUnit(sums.pence, unit)}</strong> as listed (gross)</span>
      {sums.passedLines > 0 ? (
        <span>
          {' · '}of which <span className="num" title={exact(sums.passedPence)}>{moneyWithUnit(sums.passedPence, unit)}</span> ({count(sums.passedLines)} line{sums.passedLines === 1 ? '' : 's'}) is passed on to another agency in this count.
          The totals panel counts that money once, where it is spent: net <strong className="num" title={exact(sums.pence - sums.passedPence)}>{moneyWithUnit(sums.pence - sums.passedPence, unit)}</strong>.
        </span>
      ) : (
        <span>{' · '}none of it is passed on to another agency, so all of it counts in the totals panel.</span>
      )}
    </p>
  );
}
