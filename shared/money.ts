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

/**
 * Parse what a person types or pastes as money: `1234.56`, `£1,234.56`, `1.2m`, `£3.5bn`, `250k`,
 * `(500)`, `-£1,500.00`, ` 12 `, `1 234,56` is NOT accepted (continental format is ambiguous).
 * Amounts must be exact to the penny: `1.234` is refused rather than rounded.
 */
export function parsePounds(input: string): ParseResult {
  let s = input.replace(/[\u00a0\u2009\u202f]/g, ' ').trim();
  if (s === '') return { ok: false, reason: 'Enter an amount in pounds, for example 1,234.56' };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    if (negative) return { ok: false, reason: 'Use brackets or a minus sign for a negative amount, not both' };
    negative = true;
    s = s.slice(1).trim();
  }
  s = s.replace(/^£\s*/, '');
  if (s.startsWith('-')) {
    if (negative) return { ok: false, reason: 'Use brackets or a minus sign for a negative amount, not both' };
    negative = true;
    s = s.slice(1).trim();
  }
  const m = /^([0-9][0-9,]*)?(?:\.([0-9]*))?\s*(k|m|bn|b)?$/i.exec(s);
  if (!m || (m[1] === undefined && (m[2] === undefined || m[2] === ''))) {
    return { ok: false, reason: `"${input.trim()}" is not an amount in pounds. Use digits, for example 1,234.56, £1.2m or (500)` };
  }
  const intPart = m[1] ?? '0';
  if (intPart.includes(',') && !/^[0-9]{1,3}(,[0-9]{3})*$/.test(intPart)) {
    return { ok: false, reason: `"${input.trim()}" has its commas in the wrong places. Write thousands as 1,234,567` };
  }
  const digits = intPart.replace(/,/g, '');
  const frac = m[2] ?? '';
  const shift = MULTIPLIERS[(m[3] ?? '').toLowerCase()] ?? 0;
  // pence = (digits.frac) * 10^shift * 100, done on the decimal string.
  const scale = shift + 2;
  if (frac.length > scale) {
    const extra = frac.slice(scale);
    if (/[^0]/.test(extra)) {
      return { ok: false, reason: `"${input.trim()}" has more than two decimal places of a penny. Round it to the penny first` };
    }
  }
  const fracPadded = (frac + '0'.repeat(scale)).slice(0, scale);
  const text = (digits + fracPadded).replace(/^0+(?=\d)/, '');
  if (text.length > 16) return { ok: false, reason: `"${input.trim()}" is too large for one amount (the limit is £10 trillion)` };
  const pence = Number(text);
  if (!Number.isSafeInteger(pence) || pence > MAX_PENCE) {
    return { ok: false, reason: `"${input.trim()}" is too large for one amount (the limit is £10 trillion)` };
  }
  return { ok: true, pence: negative && pence !== 0 ? -pence : pence };
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
 * pounds to the penny, £000 to the nearest thousand, £m to one decimal place.
 */
export function formatInUnit(pence: number, unit: DisplayUnit): string {
  let text: string;
  if (unit === 'pounds') return formatPence(pence);
  if (unit === 'thousands') {
    const k = roundDiv(pence, 100_000);
    text = grouped(Math.abs(k));
    return k < 0 ? `(${text})` : text;
  }
  const tenths = roundDiv(pence, 10_000_000);
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
