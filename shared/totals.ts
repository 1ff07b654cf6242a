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
  ringFencedPence: number;
  revenuePence: number;
  capitalPence: number;
  administrationPence: number;
  frontlinePence: number;
  preventionPence: number;
  reactionPence: number;
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
