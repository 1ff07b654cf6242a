import { describe, expect, it } from 'vitest';
import { moneyWithUnit } from '../../shared/charts';
import type { DisplayUnit } from '../../shared/enums';
import { amountText, formatHeadline, formatInUnit, formatPence, hasUnitMark, MAX_PENCE, parseAmount, parsePounds } from '../../shared/money';
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

  it.each([
    [0, 'millions', '0.0'],
    [0, 'thousands', '0'],
    [0, 'pounds', '0.00'],
    [1, 'millions', '< 0.1'],
    [4_999_999, 'millions', '< 0.1'],
    [5_000_000, 'millions', '0.1'],
    [-1, 'millions', '(< 0.1)'],
    [1, 'thousands', '< 1'],
    [49_999, 'thousands', '< 1'],
    [50_000, 'thousands', '1'],
    [-49_999, 'thousands', '(< 1)'],
    [1, 'pounds', '0.01'],
  ] as const)('%i pence in %s is %s: something is never shown as nothing', (pence, unit, text) => {
    expect(formatInUnit(pence, unit)).toBe(text);
  });

  it.each([
    [1, 'millions', '< £0.1m'],
    [-1, 'millions', '(< £0.1m)'],
    [1, 'thousands', '< £1k'],
    [0, 'millions', '£0.0m'],
    [730000000000, 'millions', '£7,300.0m'],
    [-150_000_000, 'thousands', '(£1,500k)'],
  ] as const)('moneyWithUnit(%i, %s) is %s', (pence, unit, text) => {
    expect(moneyWithUnit(pence, unit)).toBe(text);
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

describe('parseAmount: plain numbers in the unit the column shows, marked ones by their mark', () => {
  it.each([
    // The example: 4,250 typed in a column headed "Amount (£000)" is £4,250,000.
    ['4,250', 'thousands', 425_000_000],
    ['4,250', 'pounds', 425_000],
    ['4,250', 'millions', 425_000_000_000],
    ['£4,250', 'thousands', 425_000],
    ['£4,250', 'millions', 425_000],
    ['4.25m', 'thousands', 425_000_000],
    ['4.25M', 'pounds', 425_000_000],
    ['4.25 m', 'millions', 425_000_000],
    ['£4.25m', 'thousands', 425_000_000],
    ['250k', 'millions', 25_000_000],
    ['250 K', 'thousands', 25_000_000],
    ['1.5bn', 'thousands', 150_000_000_000],
    ['1.5 BN', 'millions', 150_000_000_000],
    ['1.23456789', 'millions', 123_456_789],
    ['1234.56789', 'thousands', 123_456_789],
    ['0.00001', 'thousands', 1],
    ['(1.5)', 'millions', -150_000_000],
    ['-1.5', 'millions', -150_000_000],
    ['1.5 CR', 'millions', -150_000_000],
    ['1,500.00CR', 'pounds', -150_000],
    ['£1,500 cr', 'thousands', -150_000],
    ['-£2', 'thousands', -200],
    ['.5', 'thousands', 50_000],
    ['0', 'millions', 0],
    ['-0', 'millions', 0],
    ['1.2340000', 'millions', 123_400_000],
  ] as const)('%j in %s is %i pence', (text, unit, pence) => {
    expect(parseAmount(text, unit)).toEqual({ ok: true, pence });
  });

  it.each([
    ['1.234567891', 'millions', 'more precise than a penny'],
    ['1.234567', 'thousands', 'more precise than a penny'],
    ['1.234', 'pounds', 'more than two decimal places'],
    ['£1.234', 'millions', 'more than two decimal places'],
    ['', 'thousands', 'Enter an amount in £000'],
    ['abc', 'millions', 'not an amount in £m'],
    ['(5) CR', 'pounds', 'not both'],
    ['-5 CR', 'pounds', 'not both'],
    ['(-5)', 'thousands', 'not both'],
    ['CR', 'pounds', 'not an amount'],
    ['1,23,456', 'thousands', 'commas in the wrong places'],
    ['10,000,001', 'millions', 'too large'],
  ] as const)('%j in %s is refused: %s', (text, unit, reason) => {
    const r = parseAmount(text, unit);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('parsePounds is parseAmount in pounds', () => {
    for (const text of ['1,234.56', '£1.2m', '(500)', '12abc', '1.234', '250k', '', '1,500 CR']) expect(parsePounds(text)).toEqual(parseAmount(text, 'pounds'));
  });

  it.each([
    ['£4,250', true],
    ['4.25m', true],
    ['4.25 bn', true],
    ['250K', true],
    ['(£5)', true],
    ['£12abc', true],
    ['4,250', false],
    ['(1.5)', false],
    ['1.5 CR', false],
    ['', false],
    ['Kent', false],
  ] as const)('hasUnitMark(%j) is %s', (text, marked) => {
    expect(hasUnitMark(text)).toBe(marked);
  });
});

describe('amountText: the exact amount in a unit, for an editor to start from', () => {
  it.each([
    [123_456_789, 'pounds', '1234567.89'],
    [123_456_789, 'thousands', '1234.56789'],
    [123_456_789, 'millions', '1.23456789'],
    [425_000_000, 'thousands', '4250'],
    [425_000_000, 'millions', '4.25'],
    [-150_005, 'pounds', '-1500.05'],
    [-150_000_000, 'millions', '-1.5'],
    [1, 'thousands', '0.00001'],
    [0, 'pounds', '0.00'],
    [0, 'thousands', '0'],
    [0, 'millions', '0'],
    [100, 'pounds', '1.00'],
  ] as const)('%i pence in %s is %s', (pence, unit, text) => {
    expect(amountText(pence, unit)).toBe(text);
  });

  it('parses back to the same pence in its unit, for thousands of amounts', () => {
    // A small seeded generator, so a failure can be repeated.
    let seed = 20_090_401;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const units: DisplayUnit[] = ['pounds', 'thousands', 'millions'];
    const edges = [0, 1, -1, 99, 100, 101, 99_999, 100_000, 100_001, 9_999_999, 10_000_000, MAX_PENCE, -MAX_PENCE];
    const values = [...edges];
    for (let i = 0; i < 3000; i++) {
      const digits = 1 + Math.floor(next() * 16);
      const p = Math.floor(next() * 10 ** digits);
      values.push(Math.min(p, MAX_PENCE) * (next() < 0.3 ? -1 : 1));
    }
    for (const p of values) {
      for (const u of units) {
        const text = amountText(p, u);
        expect(parseAmount(text, u), `${p} in ${u} as ${text}`).toEqual({ ok: true, pence: p === 0 ? 0 : p });
      }
    }
  });
});
