/**
 * `check`: the whole file's integrity, the kept totals against a full recount, and the workbook's
 * own warnings (negative amounts, lines from estimates, themes and agencies with no spend).
 */
import { CONFIDENCES, DELIVERY, FUNCTIONS, FUNDING_BASES, NOT_STATED, PURPOSES, SOURCES, SPEND_KINDS, type EnumItem } from '../../shared/enums';
import type { CheckReport } from '../../shared/types';
import type { DB } from './db';
import { MEASURES, recountSql, type Measure } from './measures';

const codeOf = (list: readonly EnumItem[], key: string): number => list.findIndex((x) => x.key === key);

/** Each table's fields that can be "not stated", with how to test a row for it and the word `check` uses. */
const NOT_STATED_CHECKS: { table: string; one: string; many: string; fields: { word: string; test: string }[] }[] = [
  { table: 'spend_line', one: 'spend line', many: 'spend lines', fields: [
    ...([['function', 'function', FUNCTIONS], ['revenue or capital', 'kind', SPEND_KINDS], ['frontline or administration', 'delivery', DELIVERY], ['funding', 'funding', FUNDING_BASES],
      ['prevention or reaction', 'purpose', PURPOSES], ['how counted', 'source', SOURCES], ['confidence', 'confidence', CONFIDENCES]] as const)
      .map(([word, column, list]) => ({ word, test: `${column} = ${codeOf(list, NOT_STATED)}` })),
  ] },
  { table: 'agency', one: 'agency', many: 'agencies', fields: [{ word: 'control', test: `control = '${NOT_STATED}'` }, { word: 'type', test: `type = '${NOT_STATED}'` }, { word: 'tier', test: `tier = '${NOT_STATED}'` }] },
  { table: 'theme', one: 'theme', many: 'themes', fields: [{ word: 'category', test: `category = '${NOT_STATED}'` }] },
  { table: 'barrier', one: 'barrier', many: 'barriers', fields: [{ word: 'category', test: `category = '${NOT_STATED}'` }, { word: 'where it can be resolved', test: `resolution = '${NOT_STATED}'` }, { word: 'severity', test: `severity = '${NOT_STATED}'` }] },
];

/** "12 spend lines have fields not stated (function 12, funding 3)." — one warning a table, none where everything is stated. */
export function notStatedWarnings(db: DB): string[] {
  const out: string[] = [];
  for (const c of NOT_STATED_CHECKS) {
    const r = db.prepare(`SELECT count(*) AS n, ${c.fields.map((f, i) => `coalesce(sum(${f.test}), 0) AS f${i}`).join(', ')} FROM ${c.table} WHERE ${c.fields.map((f) => f.test).join(' OR ')}`).get() as { n: number } & Record<string, number>;
    if (r.n === 0) continue;
    const parts = c.fields.map((f, i) => [f.word, r[`f${i}`]!] as const).filter(([, n]) => n > 0).map(([w, n]) => `${w} ${n.toLocaleString('en-GB')}`);
    out.push(`${r.n.toLocaleString('en-GB')} ${r.n === 1 ? `${c.one} has` : `${c.many} have`} fields not stated (${parts.join(', ')}). State them, or the totals count them as not stated.`);
  }
  return out;
}

/**
 * `rules`: the rows that break each table's CHECK rules (SQLite's own integrity check can't see them
 * through a read-only connection; see schema-check.ts).
 */
export function verifyWorkbook(db: DB, rules: Map<string, number> = new Map()): CheckReport {
  let integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const broken = [...rules].map(([table, n]) => `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'} of ${table} break${n === 1 ? 's' : ''} the table's rules (written outside Total Place Workbook)`);
  if (broken.length > 0) integrity = [...integrity.filter((r) => r !== 'ok'), ...broken];
  const errors: string[] = integrity.filter((r) => r !== 'ok').map((r) => `Integrity: ${r}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) errors.push(`${fk.length} row(s) refer to rows that are not there.`);

  const totalsAgree = keptTotalsAgree(db);
  if (!totalsAgree) errors.push('The kept totals do not match the spend lines (the file was changed outside Total Place Workbook). The totals shown are recounted from the lines; repair the kept totals (Repair totals in the app, or totalplace repair) or save a copy, which has them rebuilt.');

  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const counts = {
    agencies: count('SELECT count(*) AS n FROM agency'),
    themes: count('SELECT count(*) AS n FROM theme'),
    spendLines: count('SELECT count(*) AS n FROM spend_line'),
    barriers: count('SELECT count(*) AS n FROM barrier'),
    changes: count('SELECT count(*) AS n FROM change_log'),
  };
  const warnings: string[] = [];
  const negative = count('SELECT count(*) AS n FROM spend_line WHERE amount < 0');
  if (negative > 0) warnings.push(`${negative.toLocaleString('en-GB')} spend line${negative === 1 ? ' has' : 's have'} a negative amount (income or a recharge). Check each is meant to reduce the total.`);
  const zero = count('SELECT count(*) AS n FROM spend_line WHERE amount = 0');
  if (zero > 0) warnings.push(`${zero.toLocaleString('en-GB')} spend line${zero === 1 ? ' is' : 's are'} £0.00.`);
  const idle = db.prepare('SELECT name FROM agency a WHERE NOT EXISTS (SELECT 1 FROM spend_line s WHERE s.agency_id = a.id) ORDER BY id').all() as { name: string }[];
  if (idle.length > 0) warnings.push(`No spend lines yet for: ${idle.map((a) => a.name).join(', ')}.`);
  const estimates = count(`SELECT count(*) AS n FROM spend_line WHERE source = ${codeOf(SOURCES, 'estimate')}`);
  if (estimates > 0) warnings.push(`${estimates.toLocaleString('en-GB')} spend line${estimates === 1 ? ' is' : 's are'} estimates rather than agency returns.`);
  warnings.push(...notStatedWarnings(db));
  if (count('SELECT count(*) AS n FROM pilot WHERE population IS NULL') > 0) warnings.push('The pilot has no population, so spend per head cannot be shown.');
  return { integrity, totalsAgree, errors, warnings, counts };
}

/**
 * Do the kept totals (the file's own `spend_cell`, never a recount put in front of it) agree with a
 * full recount of the spend lines? `measures` are those of the file's format. One scan of the lines,
 * done by SQLite; the cells are compared in a map (a few thousand at most).
 */
export function keptTotalsAgree(db: DB, measures: readonly Measure[] = MEASURES): boolean {
  const cols = measures.map((m) => m.column);
  const kept = new Map<string, string>();
  const row = (r: unknown[]) => r.map((v) => String(v)).join(',');
  for (const r of db.prepare(`SELECT agency_id, theme_id, function, ${cols.join(', ')} FROM main.spend_cell`).raw().all() as unknown[][]) {
    // A cell whose lines have all gone stays, all zeros: it is not a disagreement.
    if (r.slice(3).some((v) => v !== 0)) kept.set(row(r.slice(0, 3)), row(r.slice(3)));
  }
  for (const r of db.prepare(recountSql(measures)).raw().all() as unknown[][]) {
    const key = row(r.slice(0, 3));
    if (kept.get(key) !== row(r.slice(3))) return false;
    kept.delete(key);
  }
  return kept.size === 0;
}
