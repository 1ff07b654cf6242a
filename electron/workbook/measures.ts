/**
 * The spend measures kept per (agency, theme, function) cell. One list drives three things so they
 * cannot disagree: the `spend_cell` table's columns, the triggers that keep it up to date on every
 * write, and the full recount that `check` and the benchmark compare it with.
 *
 * `expr` is written against a spend line called `R`; it is the line's contribution to the measure.
 * Lines passed on to another agency in this count are netted out of every measure but `passed_*`.
 *
 * Each file format has its own list, made from that format's frozen enumerations (format-enums.ts),
 * so a format's table and triggers never change after it is released.
 */
import { NOT_STATED, type EnumItem } from '../../shared/enums';
import { V1_ENUMS, V2_ENUMS } from './format-enums';

export interface Measure {
  column: string;
  expr: string;
}

const counted = '(1 - R.passed_on)';
const codeOf = (list: readonly EnumItem[], key: string): number => {
  const i = list.findIndex((x) => x.key === key);
  if (i < 0) throw new Error(`unknown key ${key}`);
  return i;
};
/** Pence of the counted lines whose `field` has `key`. */
const pence = (column: string, field: string, list: readonly EnumItem[], key: string): Measure =>
  ({ column, expr: `${counted} * (R.${field} = ${codeOf(list, key)}) * R.amount` });

/** Format 1: revenue, frontline and reaction were whatever was not capital, administration or prevention. */
export const V1_MEASURES: readonly Measure[] = [
  { column: 'lines', expr: counted },
  { column: 'pence', expr: `${counted} * R.amount` },
  { column: 'passed_lines', expr: 'R.passed_on' },
  { column: 'passed_pence', expr: 'R.passed_on * R.amount' },
  { column: 'negative_lines', expr: '(R.amount < 0)' },
  { column: 'capital_pence', expr: `${counted} * (R.kind = 1) * R.amount` },
  { column: 'admin_pence', expr: `${counted} * (R.delivery = 1) * R.amount` },
  { column: 'prevention_pence', expr: `${counted} * (R.purpose = 1) * R.amount` },
  ...V1_ENUMS.funding_basis.map((f) => pence(`funding_${f.key}_pence`, 'funding', V1_ENUMS.funding_basis, f.key)),
  ...V1_ENUMS.source.map((s) => pence(`source_${s.key}_pence`, 'source', V1_ENUMS.source, s.key)),
  ...V1_ENUMS.confidence.map((c) => pence(`confidence_${c.key}_pence`, 'confidence', V1_ENUMS.confidence, c.key)),
];

/** The coded fields of a spend line that can be "not stated" (function is part of the cell's key), with their lists. */
const NOT_STATED_FIELDS = [
  ['function', V2_ENUMS.function], ['kind', V2_ENUMS.spend_kind], ['delivery', V2_ENUMS.delivery], ['funding', V2_ENUMS.funding_basis],
  ['purpose', V2_ENUMS.purpose], ['source', V2_ENUMS.source], ['confidence', V2_ENUMS.confidence],
] as const;

/**
 * Format 2: every split is kept explicitly, because a line can be neither revenue nor capital (not
 * stated); what is not stated is the total less the stated parts. Lines with a field not stated are
 * counted, field by field and in all (function's own count is its cell key).
 */
export const V2_MEASURES: readonly Measure[] = [
  { column: 'lines', expr: counted },
  { column: 'pence', expr: `${counted} * R.amount` },
  { column: 'passed_lines', expr: 'R.passed_on' },
  { column: 'passed_pence', expr: 'R.passed_on * R.amount' },
  { column: 'negative_lines', expr: '(R.amount < 0)' },
  pence('revenue_pence', 'kind', V2_ENUMS.spend_kind, 'revenue'),
  pence('capital_pence', 'kind', V2_ENUMS.spend_kind, 'capital'),
  pence('frontline_pence', 'delivery', V2_ENUMS.delivery, 'frontline'),
  pence('admin_pence', 'delivery', V2_ENUMS.delivery, 'administration'),
  pence('reaction_pence', 'purpose', V2_ENUMS.purpose, 'reaction'),
  pence('prevention_pence', 'purpose', V2_ENUMS.purpose, 'prevention'),
  ...V2_ENUMS.funding_basis.map((f) => pence(`funding_${f.key}_pence`, 'funding', V2_ENUMS.funding_basis, f.key)),
  ...V2_ENUMS.source.map((s) => pence(`source_${s.key}_pence`, 'source', V2_ENUMS.source, s.key)),
  ...V2_ENUMS.confidence.map((c) => pence(`confidence_${c.key}_pence`, 'confidence', V2_ENUMS.confidence, c.key)),
  { column: 'not_stated_lines', expr: `${counted} * (${NOT_STATED_FIELDS.map(([field, list]) => `R.${field} = ${codeOf(list, NOT_STATED)}`).join(' OR ')})` },
  ...NOT_STATED_FIELDS.filter(([field]) => field !== 'function').map(([field, list]) => ({ column: `${field}_not_stated_lines`, expr: `${counted} * (R.${field} = ${codeOf(list, NOT_STATED)})` })),
];

/** The measures of the current format. */
export const MEASURES: readonly Measure[] = V2_MEASURES;

/** The measures a file of format `version` keeps (format 1 had its own; every later one keeps the current ones). */
export function measuresOf(version: number): readonly Measure[] {
  return version <= 1 ? V1_MEASURES : MEASURES;
}

export const CELL_KEY = ['agency_id', 'theme_id', 'function'] as const;

export function cellTableSql(measures: readonly Measure[] = MEASURES): string {
  const cols = measures.map((m) => `  ${m.column} INTEGER NOT NULL DEFAULT 0`).join(',\n');
  return `CREATE TABLE spend_cell (
  agency_id INTEGER NOT NULL,
  theme_id INTEGER NOT NULL, -- 0 for unallocated
  function INTEGER NOT NULL,
${cols},
  PRIMARY KEY (agency_id, theme_id, function)
) STRICT, WITHOUT ROWID`;
}

function upsert(measures: readonly Measure[], row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const e = (expr: string) => (sign === 1 ? expr : `-(${expr})`).replaceAll('R.', `${row}.`);
  const cols = measures.map((m) => m.column);
  return `INSERT INTO spend_cell (agency_id, theme_id, function, ${cols.join(', ')})
    VALUES (${row}.agency_id, coalesce(${row}.theme_id, 0), ${row}.function, ${measures.map((m) => e(m.expr)).join(', ')})
    ON CONFLICT (agency_id, theme_id, function) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

export const TRIGGER_NAMES = ['spend_line_cell_insert', 'spend_line_cell_delete', 'spend_line_cell_update'] as const;

export function cellTriggersSql(measures: readonly Measure[] = MEASURES): string[] {
  return [
    `CREATE TRIGGER spend_line_cell_insert AFTER INSERT ON spend_line BEGIN ${upsert(measures, 'NEW', 1)} END`,
    `CREATE TRIGGER spend_line_cell_delete AFTER DELETE ON spend_line BEGIN ${upsert(measures, 'OLD', -1)} END`,
    `CREATE TRIGGER spend_line_cell_update AFTER UPDATE OF agency_id, theme_id, function, amount, passed_on, kind, delivery, purpose, funding, source, confidence ON spend_line BEGIN ${upsert(measures, 'OLD', -1)} ${upsert(measures, 'NEW', 1)} END`,
  ];
}

/** The cells recomputed from every spend line: one scan, grouped by the cell key. */
export function recountSql(measures: readonly Measure[] = MEASURES): string {
  return `SELECT agency_id, coalesce(theme_id, 0) AS theme_id, function, ${measures.map((m) => `sum(${m.expr.replaceAll('R.', '')}) AS ${m.column}`).join(', ')}
FROM spend_line GROUP BY agency_id, coalesce(theme_id, 0), function`;
}
