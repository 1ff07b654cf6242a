/**
 * Money is integer pence. It is parsed from decimal text with integer arithmetic only —
 * never through floating point, where 16.15 * 100 is 1614.9999… — and formatted the way UK
 * finance papers print it: thousands separators, negatives in brackets.
 */
import type { DisplayUnit } from './enums';

/** The largest amount a single value may hold: £10 trillion, far above any place's spend, and exact in a double. */
export const MAX_PENCE = 1_000_000_000_000_000;

export type ParseResult = { ok: true; pence: number } | { ok: false; reason: string };

const MULTIPLIERS: Record<string, number> = { '': 0, k: 3, m: 6, bn: 9, b: 9 };

/** How many places of ten a plain number typed in a unit is shifted by to make pounds. */
const UNIT_SHIFT: Record<DisplayUnit, number> = { pounds: 0, thousands: 3, millions: 6 };
const UNIT_WORDS: Record<DisplayUnit, string> = { pounds: 'pounds', thousands: '£000', millions: '£m' };
const UNIT_EXAMPLE: Record<DisplayUnit, string> = { pounds: '1,234.56', thousands: '4,250', millions: '1.25' };

const NEGATIVE_TWICE = 'Mark a negative amount one way, not both: brackets, a minus sign or CR';

/** An amount as written, before any arithmetic: its sign, £ sign, digits and suffix. */
interface Written {
  negative: boolean;
  pound: boolean;
  /** The integer part as typed, commas and all ('' when the amount starts with a point). */
  int: string;
  frac: string;
  /** 'k', 'm', 'bn', 'b' or ''. */
  suffix: string;
}

function readWritten(input: string): Written | { refused: 'empty' | 'twice' | 'shape' } {
  let s = input.replace(/[\u00a0\u2009\u202f]/g, ' ').trim();
  if (s === '') return { refused: 'empty' };
  let negative = false;
  // A trailing CR (credit), as ledgers print a negative amount: "1,500.00 CR".
  const cr = /^(.*\d.*?)\s*CR$/i.exec(s);
  if (cr) {
    negative = true;
    s = cr[1]!.trim();
  }
  if (/^\(.*\)$/.test(s)) {
    if (negative) return { refused: 'twice' };
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const minus = () => /^[-\u2212]/.test(s);
  if (minus()) {
    if (negative) return { refused: 'twice' };
    negative = true;
    s = s.slice(1).trim();
  }
  const pound = s.startsWith('£');
  s = s.replace(/^£\s*/, '');
  if (minus()) {
    if (negative) return { refused: 'twice' };
    negative = true;
    s = s.slice(1).trim();
  }
  const m = /^([0-9][0-9,]*)?(?:\.([0-9]*))?\s*(k|m|bn|b)?$/i.exec(s);
  if (!m || (m[1] === undefined && (m[2] === undefined || m[2] === ''))) return { refused: 'shape' };
  return { negative, pound, int: m[1] ?? '', frac: m[2] ?? '', suffix: (m[3] ?? '').toLowerCase() };
}

/**
 * Whether an amount as written says its own unit: a £ sign (pounds) or a k, m or bn suffix. Such an
 * amount means the same in any column; a plain number means the unit the column shows.
 */
export function hasUnitMark(text: string): boolean {
  const w = readWritten(text);
  if ('refused' in w) return /£/.test(text) || /\d\s*(k|m|bn|b)\b/i.test(text);
  return w.pound || w.suffix !== '';
}

/**
 * Parse what a person types or pastes as money, reading a plain number in `unit` — the unit the
 * column shows — and an amount with its own mark by that mark: in £000, `4,250` is £4,250,000,
 * `£4,250` is £4,250 and `4.25m` is £4,250,000. Accepts `1234.56`, `£1,234.56`, `1.2m`, `£3.5bn`,
 * `250k`, `(500)`, `-£1,500.00`, `1,500.00 CR`, ` 12 `; `1 234,56` is NOT accepted (continental
 * format is ambiguous). Exact to the penny, on the decimal string, never through floating point: an
 * amount more precise than a penny (`1.234` in pounds, `1.234567891` in £m) is refused, not rounded.
 */
export function parseAmount(input: string, unit: DisplayUnit): ParseResult {
  const shown = input.trim();
  const w = readWritten(input);
  if ('refused' in w) {
    if (w.refused === 'empty') return { ok: false, reason: `Enter an amount in ${UNIT_WORDS[unit]}, for example ${UNIT_EXAMPLE[unit]}` };
    if (w.refused === 'twice') return { ok: false, reason: NEGATIVE_TWICE };
    return { ok: false, reason: `"${shown}" is not an amount in ${UNIT_WORDS[unit]}. Use digits, for example ${UNIT_EXAMPLE[unit]}, £1.2m or (500)` };
  }
  if (w.int.includes(',') && !/^[0-9]{1,3}(,[0-9]{3})*$/.test(w.int)) {
    return { ok: false, reason: `"${shown}" has its commas in the wrong places. Write thousands as 1,234,567` };
  }
  const digits = w.int.replace(/,/g, '') || '0';
  const shift = w.suffix !== '' ? (MULTIPLIERS[w.suffix] ?? 0) : w.pound ? 0 : UNIT_SHIFT[unit];
  // pence = (digits.frac) * 10^shift * 100, done on the decimal string.
  const scale = shift + 2;
  if (w.frac.length > scale && /[^0]/.test(w.frac.slice(scale))) {
    return {
      ok: false,
      reason: scale === 2
        ? `"${shown}" has more than two decimal places of a penny. Round it to the penny first`
        : `"${shown}" is more precise than a penny (at most ${scale} decimal places here). Round it to the penny first`,
    };
  }
  const fracPadded = (w.frac + '0'.repeat(scale)).slice(0, scale);
  const text = (digits + fracPadded).replace(/^0+(?=\d)/, '');
  const tooLarge: ParseResult = { ok: false, reason: `"${shown}" is too large for one amount (the limit is £10 trillion)` };
  if (text.length > 16) return tooLarge;
  const pence = Number(text);
  if (!Number.isSafeInteger(pence) || pence > MAX_PENCE) return tooLarge;
  return { ok: true, pence: w.negative && pence !== 0 ? -pence : pence };
}

/** An amount in pounds: `parseAmount(input, 'pounds')` (a k, m or bn suffix still multiplies). */
export function parsePounds(input: string): ParseResult {
  return parseAmount(input, 'pounds');
}

/**
 * The exact value written in `unit`, with no separators and no more decimals than it needs, so it
 * parses back to the same pence in that unit — what an editor starts from in a column shown in
 * `unit`: pounds always to the penny ("1234567.89"), £000 as "1234.56789" or "4250", £m as
 * "1.23456789"; negatives with a leading minus.
 */
export function amountText(pence: number, unit: DisplayUnit): string {
  const abs = Math.abs(pence);
  const places = UNIT_SHIFT[unit] + 2;
  const divisor = 10 ** places;
  const whole = Math.floor(abs / divisor);
  let frac = String(abs % divisor).padStart(places, '0');
  if (unit !== 'pounds') frac = frac.replace(/0+$/, '');
  return `${pence < 0 ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`;
}

const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, useGrouping: true });

function grouped(n: number): string {
  return GROUPED.format(n);
}

/** Exact pounds and pence: 123456789 -> "1,234,567.89"; negatives in brackets: "(1,500.00)". */
export function formatPence(pence: number, opts: { symbol?: boolean; brackets?: boolean } = {}): string {
  const { symbol = false, brackets = true } = opts;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const p = abs % 100;
  const body = `${symbol ? '£' : ''}${grouped(pounds)}.${p.toString().padStart(2, '0')}`;
  if (pence >= 0) return body;
  return brackets ? `(${body})` : `-${body}`;
}

/** Divide and round half away from zero, on integers. */
function roundDiv(n: number, d: number): number {
  const q = Math.floor(Math.abs(n) / d);
  const r = Math.abs(n) - q * d;
  const v = r * 2 >= d ? q + 1 : q;
  return n < 0 ? -v : v;
}

/**
 * An amount in the workbook's display unit, without the unit (it belongs in the column header):
 * pounds to the penny, £000 to the nearest thousand, £m to one decimal place. An amount that is not
 * zero but rounds to it shows as "< 1" (£000) or "< 0.1" (£m), in brackets when negative.
 */
export function formatInUnit(pence: number, unit: DisplayUnit): string {
  let text: string;
  if (unit === 'pounds') return formatPence(pence);
  if (unit === 'thousands') {
    const k = roundDiv(pence, 100_000);
    // An amount that rounds to nothing is still something: "< 1", never a misleading "0".
    text = k === 0 && pence !== 0 ? '< 1' : grouped(Math.abs(k));
    return pence < 0 ? `(${text})` : text;
  }
  const tenths = roundDiv(pence, 10_000_000);
  if (tenths === 0 && pence !== 0) return pence < 0 ? '(< 0.1)' : '< 0.1';
  const abs = Math.abs(tenths);
  text = `${grouped(Math.floor(abs / 10))}.${abs % 10}`;
  return tenths < 0 ? `(${text})` : text;
}

export const UNIT_SUFFIX: Record<DisplayUnit, string> = { pounds: '£', thousands: '£000', millions: '£m' };

/** A headline figure: £7.31bn, £699.0m, £45,000 — for panels and summaries, not for tables. */
export function formatHeadline(pence: number): string {
  const abs = Math.abs(pence);
  let text: string;
  if (abs >= 100_000_000_000) text = `£${(roundDiv(abs, 1_000_000_000) / 100).toFixed(2)}bn`;
  else if (abs >= 100_000_000) text = `£${(roundDiv(abs, 10_000_000) / 10).toFixed(1)}m`;
  else text = `£${grouped(roundDiv(abs, 100))}`;
  return pence < 0 ? `(${text})` : text;
}

/** A share as a percentage with one decimal place, or "–" when there is nothing to share. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
