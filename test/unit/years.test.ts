/** Financial years as people write them: every way of writing 2008-09 is 2008. */
import { describe, expect, it } from 'vitest';
import { formatYear, parseYear } from '../../shared/years';

describe('parseYear', () => {
  it.each([
    // The examples.
    ['2008/9', 2008],
    ['2008/09', 2008],
    ['08/09', 2008],
    ['2008-9', 2008],
    ['2008', 2008],
    // And the other ways finance teams write it.
    ['2008-09', 2008],
    ['2008\u201309', 2008],
    ['2008 \u2014 09', 2008],
    ['2008-2009', 2008],
    ['2008/2009', 2008],
    ['FY2008-09', 2008],
    ['FY 2008/09', 2008],
    ['fy08/09', 2008],
    ['F.Y. 2008-09', 2008],
    ['2008-09 ', 2008],
    [' 2008 / 09', 2008],
    ['08-09', 2008],
    ['99/00', 1999],
    ['1999-00', 1999],
    ['1999/2000', 1999],
    ['2009/0', 2009],
    ['00/01', 2000],
    ['89/90', 2089],
    ['90/91', 1990],
  ])('%j is the year starting %i', (text, year) => {
    expect(parseYear(text)).toEqual({ ok: true, year });
  });

  it.each([
    ['2008-10', 'the second year must follow the first, as in 2008-09'],
    ['2008/2010', 'must follow'],
    ['08/10', 'must follow'],
    ['2008/1', 'must follow'],
    ['08', 'Write it as 2008-09'],
    ['next year', 'Write it as 2008-09'],
    ['2008-009', 'Write it as 2008-09'],
    ['', 'Write it as 2008-09'],
    ['1989', 'outside the years a count can cover'],
    ['2101-02', 'outside the years'],
  ])('%j is refused: %s', (text, reason) => {
    const r = parseYear(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('reads back what formatYear writes', () => {
    for (let y = 1990; y <= 2100; y++) expect(parseYear(formatYear(y))).toEqual({ ok: true, year: y });
  });
});
