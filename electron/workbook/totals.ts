/**
 * Totals, computed where the data is: from `spend_cell`, the per (agency, theme, function) sums that
 * the schema's triggers keep up to date in the same transaction as every write. A total never
 * rescans a million lines; `verify` checks the cells against a full recount.
 */
import {
  AGENCY_TIERS, AGENCY_TYPES, BARRIER_CATEGORIES, BARRIER_STATUSES, CONFIDENCES, FUNCTIONS, FUNDING_BASES, NOT_STATED, RESOLUTIONS, SEVERITIES, SOURCES,
  type EnumItem,
} from '../../shared/enums';
import { NOT_STATED_FIELDS, type AgencyTotal, type CountTotal, type KeyTotal, type NotStatedField, type ThemeTotal, type Totals } from '../../shared/totals';
import { AgencyFields, BarrierFields, Id, PilotFields, ThemeFields } from '../../shared/schemas';
import type { DB } from './db';
import { changedOutside, exactFromFile, fromFile, uidOf } from './from-file';

/** A sum or count read from the file: a whole number, exact (never a string or a fraction cast into one). */
function exact(n: unknown, where = 'a total'): number {
  return exactFromFile(n, where);
}

/** A row id read from the file, checked. */
const idOf = (v: unknown, where: string): string => fromFile(Id, uidOf(v), where);

type Sums = Record<string, number | null>;

/** The spend line fields whose not-stated lines are kept as columns (function's are its cell key). */
const NOT_STATED_COLUMNS = ['kind', 'delivery', 'funding', 'purpose', 'source', 'confidence'] as const;

function byKey<K extends string>(items: readonly EnumItem<K>[], rows: { key: string; pence: number; lines: number }[]): KeyTotal<K>[] {
  const m = new Map(rows.map((r) => [r.key, r]));
  return items.map((i) => ({ key: i.key, pence: exact(m.get(i.key)?.pence ?? 0), lines: exact(m.get(i.key)?.lines ?? 0) }));
}

function countBy<K extends string>(db: DB, column: string, items: readonly EnumItem<K>[]): CountTotal<K>[] {
  const rows = db.prepare(`SELECT ${column} AS key, count(*) AS count, coalesce(sum(cost_pence), 0) AS cost FROM barrier GROUP BY ${column}`).all() as { key: string; count: number; cost: number }[];
  // Every barrier is counted under one of the app's choices: one with any other value is refused, not left out.
  for (const r of rows) if (!items.some((i) => i.key === r.key)) throw changedOutside(`a barrier's ${column}`, null);
  const m = new Map(rows.map((r) => [r.key, r]));
  return items.map((i) => ({ key: i.key, count: exact(m.get(i.key)?.count ?? 0), costPence: exact(m.get(i.key)?.cost ?? 0) }));
}

/** Spend by agency and theme (null: unallocated), from the kept cells: the spend map's main table. */
export function computeMatrix(db: DB): { agencyId: string; themeId: string | null; pence: number }[] {
  const rows = db.prepare(`SELECT a.uid AS agency, t.uid AS theme, sum(c.pence) AS pence
    FROM spend_cell c JOIN agency a ON a.id = c.agency_id LEFT JOIN theme t ON t.id = c.theme_id
    GROUP BY c.agency_id, c.theme_id HAVING sum(c.lines) > 0`).all() as { agency: Buffer; theme: Buffer | null; pence: number }[];
  return rows.map((r) => ({ agencyId: idOf(r.agency, 'an agency'), themeId: r.theme === null ? null : idOf(r.theme, 'a theme'), pence: exact(r.pence) }));
}

export function computeTotals(db: DB): Totals {
  const w = db.prepare('SELECT revision FROM workbook').get() as { revision: number } | undefined;
  if (!w) throw changedOutside('the workbook record', null);
  const pilot = db.prepare('SELECT population FROM pilot').get() as { population: unknown } | undefined;
  if (!pilot) throw changedOutside('the pilot\'s details', null);
  const population = fromFile(PilotFields.shape.population, pilot.population, 'the pilot\'s details (population)');
  const s = db.prepare(`SELECT sum(lines) AS lines, sum(pence) AS pence, sum(passed_lines) AS passed_lines, sum(passed_pence) AS passed_pence,
    sum(negative_lines) AS negative_lines, sum(revenue_pence) AS revenue, sum(capital_pence) AS capital, sum(frontline_pence) AS frontline,
    sum(admin_pence) AS admin, sum(reaction_pence) AS reaction, sum(prevention_pence) AS prevention, sum(not_stated_lines) AS not_stated_lines,
    ${NOT_STATED_COLUMNS.map((f) => `sum(${f}_not_stated_lines) AS ${f}_not_stated_lines`).join(', ')},
    ${FUNDING_BASES.map((f) => `sum(funding_${f.key}_pence) AS funding_${f.key}`).join(', ')},
    ${SOURCES.map((x) => `sum(source_${x.key}_pence) AS source_${x.key}`).join(', ')},
    ${CONFIDENCES.map((x) => `sum(confidence_${x.key}_pence) AS confidence_${x.key}`).join(', ')}
    FROM spend_cell`).get() as Sums;
  const total = exact(s.pence ?? 0);

  const agencies = db.prepare(`SELECT a.uid, a.name, a.type, a.tier, a.control, coalesce(sum(c.pence), 0) AS pence, coalesce(sum(c.lines), 0) AS lines,
      coalesce(sum(c.passed_pence), 0) AS passed
    FROM agency a LEFT JOIN spend_cell c ON c.agency_id = a.id GROUP BY a.id ORDER BY pence DESC, a.name`).all() as
    { uid: Buffer; name: string; type: string; tier: string; control: string; pence: number; lines: number; passed: number }[];
  const byAgency: AgencyTotal[] = agencies.map((a) => {
    const f = fromFile(AgencyFields, { name: a.name, type: a.type, tier: a.tier, control: a.control }, 'an agency');
    return { id: idOf(a.uid, 'an agency'), ...f, pence: exact(a.pence), lines: exact(a.lines), passedOnPence: exact(a.passed) };
  });
  const sumWhere = (pred: (a: AgencyTotal) => boolean) => byAgency.filter(pred).reduce((t, a) => t + a.pence, 0);
  const groupAgencies = <K extends string>(items: readonly EnumItem<K>[], pick: (a: AgencyTotal) => string) =>
    byKey(items, items.map((i) => {
      const members = byAgency.filter((a) => pick(a) === i.key);
      return { key: i.key, pence: members.reduce((t, a) => t + a.pence, 0), lines: members.reduce((t, a) => t + a.lines, 0) };
    })).filter((x) => x.lines > 0 || byAgency.some((a) => pick(a) === x.key));

  const themes = db.prepare(`SELECT t.uid, t.name, coalesce(c.pence, 0) AS pence, coalesce(c.lines, 0) AS lines,
      (SELECT count(*) FROM barrier b WHERE b.theme_id = t.id) AS barriers
    FROM theme t LEFT JOIN (SELECT theme_id, sum(pence) AS pence, sum(lines) AS lines FROM spend_cell GROUP BY theme_id) c ON c.theme_id = t.id
    ORDER BY t.id`).all() as { uid: Buffer; name: string; pence: number; lines: number; barriers: number }[];
  const unallocated = db.prepare('SELECT coalesce(sum(pence), 0) AS pence, coalesce(sum(lines), 0) AS lines FROM spend_cell WHERE theme_id = 0').get() as { pence: number; lines: number };
  const unallocatedBarriers = (db.prepare('SELECT count(*) AS n FROM barrier WHERE theme_id IS NULL').get() as { n: number }).n;
  const byTheme: ThemeTotal[] = [
    ...themes.map((t) => ({ id: idOf(t.uid, 'a theme'), name: fromFile(ThemeFields.shape.name, t.name, 'a theme'), pence: exact(t.pence), lines: exact(t.lines), barriers: exact(t.barriers) })),
    { id: null, name: null, pence: exact(unallocated.pence), lines: exact(unallocated.lines), barriers: exact(unallocatedBarriers) },
  ];

  const fnRows = db.prepare('SELECT function AS code, sum(pence) AS pence, sum(lines) AS lines FROM spend_cell GROUP BY function').all() as { code: number; pence: number; lines: number }[];
  const byFunction = byKey(FUNCTIONS, fnRows.map((r) => {
    const item = typeof r.code === 'number' ? FUNCTIONS[r.code] : undefined;
    if (!item) throw changedOutside('the kept totals (a function code the app does not have)', null);
    return { key: item.key, pence: exact(r.pence), lines: exact(r.lines) };
  }));

  const idle = db.prepare(`SELECT a.uid, a.name FROM agency a WHERE NOT EXISTS (SELECT 1 FROM spend_cell c WHERE c.agency_id = a.id AND c.lines + c.passed_lines > 0) ORDER BY a.id`).all() as { uid: Buffer; name: string }[];
  const idleThemes = db.prepare(`SELECT t.uid, t.name FROM theme t WHERE NOT EXISTS (SELECT 1 FROM spend_cell c WHERE c.theme_id = t.id AND c.lines + c.passed_lines > 0) ORDER BY t.id`).all() as { uid: Buffer; name: string }[];
  const costliest = db.prepare('SELECT uid, title, cost_pence, ask, category FROM barrier WHERE cost_pence IS NOT NULL ORDER BY cost_pence DESC, id LIMIT 5').all() as { uid: Buffer; title: string; cost_pence: number; ask: string; category: string }[];
  const barrier = db.prepare('SELECT count(*) AS n, coalesce(sum(cost_pence), 0) AS cost, count(cost_pence) AS costed FROM barrier').get() as { n: number; cost: number; costed: number };
  const revenue = exact(s.revenue ?? 0);
  const capital = exact(s.capital ?? 0);
  const frontline = exact(s.frontline ?? 0);
  const admin = exact(s.admin ?? 0);
  const reaction = exact(s.reaction ?? 0);
  const prevention = exact(s.prevention ?? 0);
  const ringFenced = exact(s.funding_ring_fenced_grant ?? 0);
  const agenciesWith = (pick: (a: AgencyTotal) => string) => {
    const members = byAgency.filter((a) => pick(a) === NOT_STATED);
    return { pence: members.reduce((t, a) => t + a.pence, 0), lines: members.reduce((t, a) => t + a.lines, 0) };
  };
  const fnNotStated = byFunction.find((f) => f.key === NOT_STATED)!;
  const lines = (f: (typeof NOT_STATED_COLUMNS)[number]) => exact(s[`${f}_not_stated_lines`] ?? 0);
  const notStated: Record<NotStatedField, { pence: number; lines: number }> = {
    function: { pence: fnNotStated.pence, lines: fnNotStated.lines },
    kind: { pence: total - revenue - capital, lines: lines('kind') },
    delivery: { pence: total - frontline - admin, lines: lines('delivery') },
    funding: { pence: exact(s.funding_not_stated ?? 0), lines: lines('funding') },
    purpose: { pence: total - reaction - prevention, lines: lines('purpose') },
    source: { pence: exact(s.source_not_stated ?? 0), lines: lines('source') },
    confidence: { pence: exact(s.confidence_not_stated ?? 0), lines: lines('confidence') },
    control: agenciesWith((a) => a.control),
    agencyType: agenciesWith((a) => a.type),
  };

  return {
    revision: exact(w.revision, 'the workbook record'),
    population,
    totalPence: total,
    perHeadPence: population ? Math.round(total / population) : null,
    agencyCount: byAgency.length,
    themeCount: themes.length,
    lineCount: exact(s.lines ?? 0) + exact(s.passed_lines ?? 0),
    nettedPence: exact(s.passed_pence ?? 0),
    nettedLines: exact(s.passed_lines ?? 0),
    negativeLines: exact(s.negative_lines ?? 0),
    localPence: sumWhere((a) => a.control === 'local'),
    centralPence: sumWhere((a) => a.control === 'central'),
    controlNotStatedPence: notStated.control.pence,
    ringFencedPence: ringFenced,
    revenuePence: revenue,
    capitalPence: capital,
    administrationPence: admin,
    frontlinePence: frontline,
    preventionPence: prevention,
    reactionPence: reaction,
    notStated: { lines: exact(s.not_stated_lines ?? 0), fields: NOT_STATED_FIELDS.map((f) => ({ key: f.key, ...notStated[f.key] })) },
    estimatedPence: exact(s.source_estimate ?? 0),
    byAgency,
    byAgencyType: groupAgencies(AGENCY_TYPES, (a) => a.type),
    byTier: groupAgencies(AGENCY_TIERS, (a) => a.tier),
    byTheme,
    byFunction,
    byFunding: FUNDING_BASES.map((f) => ({ key: f.key, pence: exact(s[`funding_${f.key}`] ?? 0) })),
    bySource: SOURCES.map((x) => ({ key: x.key, pence: exact(s[`source_${x.key}`] ?? 0) })),
    byConfidence: CONFIDENCES.map((x) => ({ key: x.key, pence: exact(s[`confidence_${x.key}`] ?? 0) })),
    agenciesWithoutSpend: idle.map((a) => ({ id: idOf(a.uid, 'an agency'), name: fromFile(AgencyFields.shape.name, a.name, 'an agency') })),
    themesWithoutSpend: idleThemes.map((t) => ({ id: idOf(t.uid, 'a theme'), name: fromFile(ThemeFields.shape.name, t.name, 'a theme') })),
    apportionedPence: exact(s.source_apportioned ?? 0),
    barrierCount: exact(barrier.n),
    costliestBarriers: costliest.map((b) => ({
      id: idOf(b.uid, 'a barrier'),
      ...fromFile(BarrierFields.pick({ title: true, costPence: true, ask: true, category: true }), { title: b.title, costPence: b.cost_pence, ask: b.ask, category: b.category }, 'a barrier'),
    })) as Totals['costliestBarriers'],
    barrierCostPence: exact(barrier.cost),
    barriersCosted: exact(barrier.costed),
    barriersByCategory: countBy(db, 'category', BARRIER_CATEGORIES),
    barriersByResolution: countBy(db, 'resolution', RESOLUTIONS),
    barriersByStatus: countBy(db, 'status', BARRIER_STATUSES),
    barriersBySeverity: countBy(db, 'severity', SEVERITIES),
  };
}
