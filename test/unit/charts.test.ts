/** The charts' options as ECharts gets them: every text from a file is text, every tooltip is drawn as text inside its chart. */
import { describe, expect, it } from 'vitest';
import { agencyTreemap, barrierCategoryBars, chartText, controlDonut, moneyWithUnit, themeBars, typeBars, wrapText } from '../../shared/charts';
import { NOT_A_FIGURE } from '../../shared/report/html';
import type { Totals } from '../../shared/totals';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** Totals with one agency and one theme whose names are markup, a bidirectional override and rich-text markup. */
function totals(): Totals {
  const agency = { id: 'a1', name: `${HOSTILE}\u202E{b|rich}`, type: 'county_council', tier: 'local', control: 'local', pence: 500, lines: 1, passedOnPence: 0 };
  return {
    totalPence: 500, localPence: 500, centralPence: 0, controlNotStatedPence: 0,
    byAgency: [agency], byAgencyType: [{ key: 'county_council', pence: 500, lines: 1 }],
    byTheme: [{ id: 't1', name: '<b>bold</b>\nsecond line', pence: 500, lines: 1, barriers: 0 }, { id: null, name: null, pence: 0, lines: 0, barriers: 0 }],
    barriersByCategory: [{ key: 'data_sharing_it', count: 2, costPence: 0 }],
  } as unknown as Totals;
}

type Tooltip = { renderMode: string; confine: boolean; formatter: (p: { name: string; value: number }) => string };

describe('charts of names from a file', () => {
  it('draw every tooltip as text inside the chart (richText, confined), never as HTML', () => {
    const t = totals();
    for (const option of [controlDonut(t, 'pounds'), typeBars(t, 'pounds'), themeBars(t, 'pounds'), agencyTreemap(t, 'pounds'), barrierCategoryBars(t)]) {
      const tip = option.tooltip as Tooltip;
      expect(tip.renderMode).toBe('richText');
      expect(tip.confine).toBe(true);
    }
  });

  it('show a name as written, without control, bidirectional or rich-text markup, and wrapped', () => {
    const t = totals();
    const tip = (agencyTreemap(t, 'pounds').tooltip as Tooltip).formatter({ name: t.byAgency[0]!.name, value: 500 });
    expect(tip.replace(/\s+/g, ' ')).toBe(`${HOSTILE}{\u200Bb|rich}: £5.00 (100.0%)`);
    expect(tip).not.toMatch(/\u202E/);
    for (const line of tip.split('\n')) expect([...line].length).toBeLessThanOrEqual(40);
    expect(chartText('{title|x} and {a}')).toBe('{\u200Btitle|x} and {a}');
    expect(chartText('one\ntwo\u0007')).toBe('one two');
    expect(themeBars(t, 'pounds').yAxis.data).toEqual(['<b>bold</b> second line', 'Unallocated']);
    const treemap = agencyTreemap(t, 'pounds').series[0]!.data[0]!.children[0]!;
    expect(treemap.name).toBe(`${HOSTILE}{\u200Bb|rich}`);
  });

  it('wrap long text between words, splitting only a word longer than a line', () => {
    expect(wrapText('short')).toBe('short');
    expect(wrapText('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapText('abcdefghij kl', 4)).toBe('abcd\nefgh\nij\nkl');
    expect(wrapText('line one\nline two', 20)).toBe('line one\nline two');
    expect(wrapText('£ 👍👍👍', 3)).toBe('£\n👍👍👍');
  });

  it('show a figure that is not a number as "(not a figure)", never as itself', () => {
    expect(moneyWithUnit('<b>1</b>' as unknown as number, 'millions')).toBe(NOT_A_FIGURE);
    expect(moneyWithUnit(Number.NaN, 'pounds')).toBe(NOT_A_FIGURE);
    const t = { ...totals(), localPence: '<img src=x>' as unknown as number };
    const donut = controlDonut(t, 'pounds');
    expect(donut.series[0]!.data[0]!.value).toBeNaN();
    expect(JSON.stringify(donut)).not.toContain('<img src=x>');
  });
});
