/**
 * Financial years run April to March and are written "2008-09". The file stores the year the
 * financial year starts (2008).
 */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export function formatYear(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** A two-digit year as people write it in a financial year: 90–99 are the 1990s, 00–89 this century. */
function fullYear(two: string): number {
  const n = Number(two);
  return n >= MIN_YEAR % 100 ? 1900 + n : 2000 + n;
}

/**
 * A financial year as people write it, as the year it starts: 2008-09, 2008/09, 2008/9, 08/09,
 * 2008-9, 2008–09, 2008-2009, 2008/2009, FY2008-09, FY 08/09 and a bare 2008 all mean 2008. A
 * two-digit first year is read in the range the workbook covers (99/00 is 1999-00). A second year
 * that does not follow the first is refused, with the year it might mean.
 */
export function parseYear(input: string): { ok: true; year: number } | { ok: false; reason: string } {
  const s = input.replace(/[\u00a0\u2009\u202f]/g, ' ').trim();
  const m = /^(?:F\.?Y\.?\s*)?(\d{4}|\d{2})(?:\s*[-/\u2013\u2014]\s*(\d{4}|\d{1,2}))?$/i.exec(s);
  // A bare two-digit year (08) is too ambiguous to read: it needs its second year, as in 08/09.
  if (!m || (m[1]!.length === 2 && m[2] === undefined)) return { ok: false, reason: `"${s}" is not a financial year. Write it as 2008-09` };
  const start = m[1]!.length === 2 ? fullYear(m[1]!) : Number(m[1]);
  if (m[2] !== undefined) {
    const end = Number(m[2]);
    const expected = m[2].length === 4 ? start + 1 : (start + 1) % 10 ** m[2].length;
    if (end !== expected) return { ok: false, reason: `"${s}" is not a financial year: the second year must follow the first, as in ${formatYear(start)}` };
  }
  if (start < MIN_YEAR || start > MAX_YEAR) return { ok: false, reason: `${formatYear(start)} is outside the years a count can cover (${MIN_YEAR} to ${MAX_YEAR})` };
  return { ok: true, year: start };
}
