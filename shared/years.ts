/**
 * Financial years run April to March and are written "2008-09". The file stores the year the
 * financial year starts (2008).
 */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export function formatYear(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Accepts 2008-09, 2008/09, 2008-2009, 2008/2009, 2008–09 and a bare 2008. */
export function parseYear(input: string): { ok: true; year: number } | { ok: false; reason: string } {
  const s = input.trim();
  const m = /^(\d{4})(?:\s*[-/\u2013]\s*(\d{2}|\d{4}))?$/.exec(s);
  if (!m) return { ok: false, reason: `"${s}" is not a financial year. Write it as 2008-09` };
  const start = Number(m[1]);
  if (m[2] !== undefined) {
    const end = Number(m[2]);
    const expected = m[2].length === 2 ? (start + 1) % 100 : start + 1;
    if (end !== expected) return { ok: false, reason: `"${s}" is not a financial year: the second year must follow the first, as in ${formatYear(start)}` };
  }
  if (start < MIN_YEAR || start > MAX_YEAR) return { ok: false, reason: `${formatYear(start)} is outside the years a count can cover (${MIN_YEAR} to ${MAX_YEAR})` };
  return { ok: true, year: start };
}
