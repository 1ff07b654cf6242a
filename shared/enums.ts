/**
 * Every enumeration of the workbook, declared once. The schema's CHECK constraints and the
 * `enum_label` table in each file are generated from these lists (each file format from its frozen
 * copy of them, and a test holds the newest copy equal to these), so the two can never drift.
 *
 * `key` is what the API and the file use (text, except in spend lines, which store the index
 * of the key in its list to keep a million-line workbook small). `label` is what a pilot lead reads.
 *
 * Lists only ever grow at the end, so a code already stored keeps its meaning; a new item is a new
 * file format, with its migration (electron/workbook/schema.ts).
 *
 * A field nobody gave is "not stated" — the last item of every list a record must have a value for
 * (not regions, which may be empty; not barrier statuses: a barrier recorded is "identified").
 * Nothing is saved as a fact that nobody stated.
 */
export interface EnumItem<K extends string = string> {
  readonly key: K;
  readonly label: string;
}

/** The key of "Not stated": what a field nobody gave is saved as. */
export const NOT_STATED = 'not_stated';

function list<const K extends string>(items: readonly { key: K; label: string }[]): readonly EnumItem<K>[] {
  return items;
}

export const REGIONS = list([
  { key: 'north_east', label: 'North East' },
  { key: 'north_west', label: 'North West' },
  { key: 'yorkshire_humber', label: 'Yorkshire and the Humber' },
  { key: 'east_midlands', label: 'East Midlands' },
  { key: 'west_midlands', label: 'West Midlands' },
  { key: 'east_of_england', label: 'East of England' },
  { key: 'london', label: 'London' },
  { key: 'south_east', label: 'South East' },
  { key: 'south_west', label: 'South West' },
]);

export const DISPLAY_UNITS = list([
  { key: 'pounds', label: '£' },
  { key: 'thousands', label: '£000' },
  { key: 'millions', label: '£m' },
]);

export const AGENCY_TYPES = list([
  { key: 'county_council', label: 'County council' },
  { key: 'district_council', label: 'District council' },
  { key: 'unitary_council', label: 'Unitary council' },
  { key: 'metropolitan_council', label: 'Metropolitan borough council' },
  { key: 'london_borough', label: 'London borough council' },
  { key: 'pct', label: 'Primary care trust' },
  { key: 'nhs_trust', label: 'NHS trust' },
  { key: 'police_authority', label: 'Police authority' },
  { key: 'fire_rescue', label: 'Fire and rescue authority' },
  { key: 'probation', label: 'Probation' },
  { key: 'courts', label: 'Courts' },
  { key: 'prisons', label: 'Prisons' },
  { key: 'jobcentre_plus_dwp', label: 'Jobcentre Plus / DWP' },
  { key: 'hmrc', label: 'HMRC' },
  { key: 'skills_regeneration', label: 'Skills or regeneration body' },
  { key: 'housing', label: 'Housing association or ALMO' },
  { key: 'education', label: 'College or university' },
  { key: 'other_ndpb', label: 'Other public body (NDPB)' },
  { key: 'third_sector', label: 'Third sector' },
  { key: 'other', label: 'Other' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const AGENCY_TIERS = list([
  { key: 'local', label: 'Local' },
  { key: 'regional', label: 'Regional' },
  { key: 'national', label: 'National' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const CONTROLS = list([
  { key: 'local', label: 'Locally controlled' },
  { key: 'central', label: 'Centrally controlled' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const THEME_CATEGORIES = list([
  { key: 'people', label: 'People (a cohort)' },
  { key: 'service', label: 'Service area' },
  { key: 'place', label: 'Place' },
  { key: 'enabling', label: 'Assets and back office' },
  { key: 'not_stated', label: 'Not stated' },
]);

/** HM Treasury's COFOG-based function classes, as used in PESA and the pilots' counts. */
export const FUNCTIONS = list([
  { key: 'general_public_services', label: 'General public services' },
  { key: 'public_order_safety', label: 'Public order and safety' },
  { key: 'economic_affairs', label: 'Economic affairs' },
  { key: 'environment_protection', label: 'Environment protection' },
  { key: 'housing_community', label: 'Housing and community amenities' },
  { key: 'health', label: 'Health' },
  { key: 'recreation_culture', label: 'Recreation, culture and religion' },
  { key: 'education', label: 'Education' },
  { key: 'social_protection', label: 'Social protection' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const SPEND_KINDS = list([
  { key: 'revenue', label: 'Revenue' },
  { key: 'capital', label: 'Capital' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const DELIVERY = list([
  { key: 'frontline', label: 'Frontline' },
  { key: 'administration', label: 'Administration' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const FUNDING_BASES = list([
  { key: 'ring_fenced_grant', label: 'Ring-fenced grant' },
  { key: 'unringfenced_grant', label: 'Unringfenced grant' },
  { key: 'formula_grant', label: 'Formula grant' },
  { key: 'local_income', label: 'Local income' },
  { key: 'national_programme', label: 'National programme' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const PURPOSES = list([
  { key: 'reaction', label: 'Reaction (treating need)' },
  { key: 'prevention', label: 'Prevention' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const SOURCES = list([
  { key: 'agency_return', label: 'Agency return' },
  { key: 'apportioned', label: 'Apportioned' },
  { key: 'estimate', label: 'Estimate' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const CONFIDENCES = list([
  { key: 'high', label: 'High' },
  { key: 'medium', label: 'Medium' },
  { key: 'low', label: 'Low' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const BARRIER_CATEGORIES = list([
  { key: 'ring_fenced_funding', label: 'Ring-fenced and fragmented funding' },
  { key: 'invest_here_benefit_there', label: 'Invest here, benefit there' },
  { key: 'targets_data_returns', label: 'Performance targets and data returns' },
  { key: 'inspection_regulation', label: 'Inspection and regulation' },
  { key: 'data_sharing_it', label: 'Data sharing and IT' },
  { key: 'legislation_financial_rules', label: 'Legislation and financial regulation' },
  { key: 'national_system_complexity', label: 'Complexity of national systems' },
  { key: 'administration_layers', label: 'Layers of administration' },
  { key: 'culture_leadership', label: 'Culture, sovereignty and leadership' },
  { key: 'evidence_timescales', label: 'Evidence and timescales' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const RESOLUTIONS = list([
  { key: 'local', label: 'Locally' },
  { key: 'whitehall_guidance', label: 'Whitehall guidance' },
  { key: 'legislation', label: 'Legislation' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const SEVERITIES = list([
  { key: 'low', label: 'Low' },
  { key: 'medium', label: 'Medium' },
  { key: 'high', label: 'High' },
  { key: 'not_stated', label: 'Not stated' },
]);

export const BARRIER_STATUSES = list([
  { key: 'identified', label: 'Identified' },
  { key: 'raised', label: 'Raised' },
  { key: 'agreed', label: 'Agreed' },
  { key: 'resolved', label: 'Resolved' },
]);

type KeyOf<L> = L extends readonly EnumItem<infer K>[] ? K : never;
export type Region = KeyOf<typeof REGIONS>;
export type DisplayUnit = KeyOf<typeof DISPLAY_UNITS>;
export type AgencyType = KeyOf<typeof AGENCY_TYPES>;
export type AgencyTier = KeyOf<typeof AGENCY_TIERS>;
export type Control = KeyOf<typeof CONTROLS>;
export type ThemeCategory = KeyOf<typeof THEME_CATEGORIES>;
export type FunctionClass = KeyOf<typeof FUNCTIONS>;
export type SpendKind = KeyOf<typeof SPEND_KINDS>;
export type Delivery = KeyOf<typeof DELIVERY>;
export type FundingBasis = KeyOf<typeof FUNDING_BASES>;
export type Purpose = KeyOf<typeof PURPOSES>;
export type Source = KeyOf<typeof SOURCES>;
export type Confidence = KeyOf<typeof CONFIDENCES>;
export type BarrierCategory = KeyOf<typeof BARRIER_CATEGORIES>;
export type Resolution = KeyOf<typeof RESOLUTIONS>;
export type Severity = KeyOf<typeof SEVERITIES>;
export type BarrierStatus = KeyOf<typeof BARRIER_STATUSES>;

/** The keys of a list, as a non-empty tuple (the shape zod's `z.enum` wants). */
export function keysOf<K extends string>(items: readonly EnumItem<K>[]): [K, ...K[]] {
  const keys = items.map((i) => i.key);
  if (keys.length === 0) throw new Error('empty enumeration');
  return keys as [K, ...K[]];
}

export function labelOf<K extends string>(items: readonly EnumItem<K>[], key: K): string {
  return items.find((i) => i.key === key)?.label ?? key;
}

/** Every enumeration by the name the file's `enum_label` table gives it. */
export const ENUMS = {
  region: REGIONS,
  display_unit: DISPLAY_UNITS,
  agency_type: AGENCY_TYPES,
  agency_tier: AGENCY_TIERS,
  control: CONTROLS,
  theme_category: THEME_CATEGORIES,
  function: FUNCTIONS,
  spend_kind: SPEND_KINDS,
  delivery: DELIVERY,
  funding_basis: FUNDING_BASES,
  purpose: PURPOSES,
  source: SOURCES,
  confidence: CONFIDENCES,
  barrier_category: BARRIER_CATEGORIES,
  resolution: RESOLUTIONS,
  severity: SEVERITIES,
  barrier_status: BARRIER_STATUSES,
} as const;
export type EnumName = keyof typeof ENUMS;
