/** What the totals panel, the CLI and the printed submission show. Computed by the store, where the data is. */
import type {
  AgencyTier, AgencyType, BarrierCategory, BarrierStatus, Confidence, Control, FunctionClass, FundingBasis,
  Resolution, Severity, Source,
} from './enums';

export interface AgencyTotal {
  id: string;
  name: string;
  type: AgencyType;
  tier: AgencyTier;
  control: Control;
  /** Spend counted at this agency (lines passed on to another agency are netted out). */
  pence: number;
  lines: number;
  /** What this agency passed on to others in the count, netted out of the total. */
  passedOnPence: number;
}

export interface KeyTotal<K extends string> {
  key: K;
  pence: number;
  lines: number;
}

export interface ThemeTotal {
  /** null: spend not allocated to any theme. */
  id: string | null;
  name: string | null;
  pence: number;
  lines: number;
  barriers: number;
}

/**
 * The fields a record can leave "not stated", in the order the panel, the report and `check` list
 * them: a spend line's own coded fields, then its agency's control and type.
 */
export const NOT_STATED_FIELDS = [
  { key: 'function', label: 'Function' },
  { key: 'kind', label: 'Revenue or capital' },
  { key: 'delivery', label: 'Frontline or administration' },
  { key: 'funding', label: 'Funding' },
  { key: 'purpose', label: 'Prevention or reaction' },
  { key: 'source', label: 'How counted' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'control', label: 'Control' },
  { key: 'agencyType', label: 'Agency type' },
] as const;
export type NotStatedField = (typeof NOT_STATED_FIELDS)[number]['key'];

/** Counted spend, and its lines, for which one field is not stated. */
export interface NotStatedTotal {
  key: NotStatedField;
  pence: number;
  lines: number;
}

export interface CountTotal<K extends string> {
  key: K;
  count: number;
  costPence: number;
}

export interface Totals {
  revision: number;
  population: number | null;
  /** Total public spend in the place: every counted line, each pound once. */
  totalPence: number;
  /** Total per head of population, in pence, rounded to the penny; null without a population. */
  perHeadPence: number | null;
  agencyCount: number;
  themeCount: number;
  /** Every spend line, counted or passed on. */
  lineCount: number;
  /** Lines and pounds passed on to another agency in this count: netted out so nothing is counted twice. */
  nettedPence: number;
  nettedLines: number;
  /** Lines with a negative amount (income or recharges) — `check` flags them. */
  negativeLines: number;
  localPence: number;
  centralPence: number;
  /** Spend at agencies whose control is not stated: neither local nor central. */
  controlNotStatedPence: number;
  ringFencedPence: number;
  /**
   * Each split counts only what lines state: revenue + capital is the total less the spend whose kind
   * is not stated (likewise frontline + administration, prevention + reaction).
   */
  revenuePence: number;
  capitalPence: number;
  administrationPence: number;
  frontlinePence: number;
  preventionPence: number;
  reactionPence: number;
  /** What nobody stated: never counted as any stated value. */
  notStated: {
    /** Counted lines with at least one of their own fields not stated (their agency's fields aside). */
    lines: number;
    /** Every field in NOT_STATED_FIELDS order, with the counted spend and lines it is not stated for. */
    fields: NotStatedTotal[];
  };
  /** Spend counted from an estimate rather than a return or apportionment. */
  estimatedPence: number;
  byAgency: AgencyTotal[];
  byAgencyType: KeyTotal<AgencyType>[];
  byTier: KeyTotal<AgencyTier>[];
  byTheme: ThemeTotal[];
  byFunction: KeyTotal<FunctionClass>[];
  byFunding: { key: FundingBasis; pence: number }[];
  bySource: { key: Source; pence: number }[];
  byConfidence: { key: Confidence; pence: number }[];
  /** Agencies and themes with no spend lines yet: a partial count, to finish or explain. */
  agenciesWithoutSpend: { id: string; name: string }[];
  themesWithoutSpend: { id: string; name: string }[];
  /** Spend apportioned from national figures rather than returned by the agency. */
  apportionedPence: number;
  barrierCount: number;
  /** The costliest barriers first (at most five), with their asks. */
  costliestBarriers: { id: string; title: string; costPence: number; ask: string; category: BarrierCategory }[];
  barrierCostPence: number;
  /** Barriers with an estimated cost. */
  barriersCosted: number;
  barriersByCategory: CountTotal<BarrierCategory>[];
  barriersByResolution: CountTotal<Resolution>[];
  barriersByStatus: CountTotal<BarrierStatus>[];
  barriersBySeverity: CountTotal<Severity>[];
}

const count = (n: number) => n.toLocaleString('en-GB');

/**
 * What is not stated, in words: "12 spend lines have fields not stated (function 12, funding 3)",
 * then the lines at agencies with a field not stated. null when every field is stated.
 */
export function notStatedSummary(t: Pick<Totals, 'notStated'>): string | null {
  const words = (fields: NotStatedTotal[]) => fields.map((f) => `${NOT_STATED_FIELDS.find((x) => x.key === f.key)!.label.toLowerCase()} ${count(f.lines)}`).join(', ');
  const ofAgency = (f: NotStatedTotal) => f.key === 'control' || f.key === 'agencyType';
  const parts: string[] = [];
  const n = t.notStated.lines;
  if (n > 0) parts.push(`${count(n)} spend line${n === 1 ? ' has' : 's have'} fields not stated (${words(t.notStated.fields.filter((f) => !ofAgency(f) && f.lines > 0))})`);
  const agency = t.notStated.fields.filter((f) => ofAgency(f) && f.lines > 0);
  if (agency.length > 0) parts.push(`${n > 0 ? 'lines' : 'Spend lines'} at agencies with fields not stated: ${words(agency)}`);
  return parts.length ? parts.join('; ') : null;
}
