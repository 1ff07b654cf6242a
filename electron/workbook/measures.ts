/**
 * The spend measures kept per (agency, theme, function) cell. One list drives three things so they
 * cannot disagree: the `spend_cell` table's columns, the triggers that keep it up to date on every
 * write, and the full recount that `check` and the benchmark compare it with.
 *
 * `expr` is written against a spend line called `R`; it is the line's contribution to the measure.
 * Lines passed on to another agency in this count are netted out of every measure but `passed_*`.
 */
import { CONFIDENCES, FUNDING_BASES, SOURCES } from '../../shared/enums';

export interface Measure {
  column: string;
  expr: string;
}

const counted = '(1 - R.passed_on)';
const codeOf = (list: readonly { key: string }[], key: string): number => {
  const i = list.findIndex((x) => x.key === key);
  if (i < 0) throw new Error(`unknown key ${key}`);
  return i;
};

export const MEASURES: readonly Measure[] = [
  { column: 'lines', expr: counted },
  { column: 'pence', expr: `${counted} * R.amount` },
  { column: 'passed_lines', expr: 'R.passed_on' },
  { column: 'passed_pence', expr: 'R.passed_on * R.amount' },
  { column: 'negative_lines', expr: '(R.amount < 0)' },
  { column: 'capital_pence', expr: `${counted} * (R.kind = 1) * R.amount` },
  { column: 'admin_pence', expr: `${counted} * (R.delivery = 1) * R.amount` },
  { column: 'prevention_pence', expr: `${counted} * (R.purpose = 1) * R.amount` },
  ...FUNDING_BASES.map((f) => ({ column: `funding_${f.key}_pence`, expr: `${counted} * (R.funding = ${codeOf(FUNDING_BASES, f.key)}) * R.amount` })),
  ...SOURCES.map((s) => ({ column: `source_${s.key}_pence`, expr: `${counted} * (R.source = ${codeOf(SOURCES, s.key)}) * R.amount` })),
  ...CONFIDENCES.map((c) => ({ column: `confidence_${c.key}_pence`, expr: `${counted} * (R.confidence = ${codeOf(CONFIDENCES, c.key)}) * R.amount` })),
];

export const CELL_KEY = ['agency_id', 'theme_id', 'function'] as const;

export function cellTableSql(): string {
  const cols = MEASURES.map((m) => `  ${m.column} INTEGER NOT NULL DEFAULT 0`).join(',\n');
  return `CREATE TABLE spend_cell (
  agency_id INTEGER NOT NULL,
  theme_id INTEGER NOT NULL, -- 0 for unallocated
  function INTEGER NOT NULL,
${cols},
  PRIMARY KEY (agency_id, theme_id, function)
) STRICT, WITHOUT ROWID`;
}

function upsert(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const e = (expr: string) => (sign === 1 ? expr : `-(${expr})`).replaceAll('R.', `${row}.`);
  const cols = MEASURES.map((m) => m.column);
  return `INSERT INTO spend_cell (agency_id, theme_id, function, ${cols.join(', ')})
    VALUES (${row}.agency_id, coalesce(${row}.theme_id, 0), ${row}.function, ${MEASURES.map((m) => e(m.expr)).join(', ')})
    ON CONFLICT (agency_id, theme_id, function) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

export const TRIGGER_NAMES = ['spend_line_cell_insert', 'spend_line_cell_delete', 'spend_line_cell_update'] as const;

export function cellTriggersSql(): string[] {
  return [
    `CREATE TRIGGER spend_line_cell_insert AFTER INSERT ON spend_line BEGIN ${upsert('NEW', 1)} END`,
    `CREATE TRIGGER spend_line_cell_delete AFTER DELETE ON spend_line BEGIN ${upsert('OLD', -1)} END`,
    `CREATE TRIGGER spend_line_cell_update AFTER UPDATE OF agency_id, theme_id, function, amount, passed_on, kind, delivery, purpose, funding, source, confidence ON spend_line BEGIN ${upsert('OLD', -1)} ${upsert('NEW', 1)} END`,
  ];
}

/** The cells recomputed from every spend line: one scan, grouped by the cell key. */
export function recountSql(): string {
  return `SELECT agency_id, coalesce(theme_id, 0) AS theme_id, function, ${MEASURES.map((m) => `sum(${m.expr.replaceAll('R.', '')}) AS ${m.column}`).join(', ')}
FROM spend_line GROUP BY agency_id, coalesce(theme_id, 0), function`;
}
