import { describe, expect, it } from 'vitest';
import { formatHeadline, formatInUnit, formatPence, parsePounds } from '../../shared/money';
import { formatYear, parseYear } from '../../shared/years';

describe('parsePounds: what people type and paste, to the exact penny', () => {
  it.each([
    ['1234.56', 123456],
    ['£1,234.56', 123456],
    ['£1,234,567.89', 123456789],
    ['"2,000"'.replaceAll('"', ''), 200000],
    ['(1,500.00)', -150000],
    ['(500)', -50000],
    [' 12 ', 1200],
    ['-£1,500', -150000],
    ['£-1,500', -150000],
    ['1.2m', 120000000],
    ['£3.5bn', 350000000000],
    ['250k', 25000000],
    ['0.10', 10],
    ['.5', 50],
    ['16.15', 1615],
    ['1.234m', 123400000],
    ['1.50', 150],
    ['1.500', 150],
    ['0', 0],
  ])('%s is %i pence', (text, pence) => {
    expect(parsePounds(text)).toEqual({ ok: true, pence });
  });

  it.each([
    ['', 'Enter an amount'],
    ['abc', 'not an amount'],
    ['1.234', 'more than two decimal places'],
    ['1,23,456', 'commas in the wrong places'],
    ['(-5)', 'not both'],
    ['£12 million pounds', 'not an amount'],
    ['99999999999999999', 'too large'],
  ])('%j is refused with a reason', (text, reason) => {
    const r = parsePounds(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('adds £0.10 and £0.20 to exactly £0.30', () => {
    const a = parsePounds('0.10');
    const b = parsePounds('0.20');
    if (!a.ok || !b.ok) throw new Error('parse failed');
    expect(a.pence + b.pence).toBe(30);
    expect(formatPence(a.pence + b.pence)).toBe('0.30');
  });
});

describe('formatting money the way UK finance papers print it', () => {
  it.each([
    [123456789, '1,234,567.89'],
    [-150000, '(1,500.00)'],
    [5, '0.05'],
    [0, '0.00'],
    [730000000000, '7,300,000,000.00'],
  ])('%i pence is %s', (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it('shows the £ sign when asked', () => {
    expect(formatPence(123456, { symbol: true })).toBe('£1,234.56');
  });

  it.each([
    [730000000000, 'millions', '7,300.0'],
    [69_949_999_999, 'millions', '699.5'],
    [-150_000_000, 'millions', '(1.5)'],
    [123_456_789, 'thousands', '1,235'],
    [123_456_789, 'pounds', '1,234,567.89'],
  ] as const)('%i pence in %s is %s', (pence, unit, text) => {
    expect(formatInUnit(pence, unit)).toBe(text);
  });

  it('gives headline figures in bn and m', () => {
    expect(formatHeadline(730000000000)).toBe('£7.30bn');
    expect(formatHeadline(69_900_000_000)).toBe('£699.0m');
    expect(formatHeadline(4_500_000)).toBe('£45,000');
  });
});

describe('financial years', () => {
  it.each([
    ['2008-09', 2008],
    ['2008/09', 2008],
    ['2008-2009', 2008],
    ['2008', 2008],
    ['1999-00', 1999],
  ])('%s starts in %i', (text, year) => {
    expect(parseYear(text)).toEqual({ ok: true, year });
  });
  it('refuses a year that does not follow on', () => {
    expect(parseYear('2008-10').ok).toBe(false);
    expect(parseYear('next year').ok).toBe(false);
  });
  it('prints 2008 as 2008-09 and 1999 as 1999-00', () => {
    expect(formatYear(2008)).toBe('2008-09');
    expect(formatYear(1999)).toBe('1999-00');
  });
});
