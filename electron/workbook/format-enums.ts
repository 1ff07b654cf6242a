/**
 * The enumerations each file format was made with, frozen here. A format's CHECK constraints, its
 * `enum_label` rows and its kept-total columns are generated from its own lists, never from the live
 * lists in shared/enums.ts: adding an item to a live list cannot change what an older format means,
 * it needs a new format and a migration. A test holds the newest format's lists equal to the live ones.
 */
import { NOT_STATED, type EnumItem, type EnumName } from '../../shared/enums';

export type EnumLists = { readonly [N in EnumName]: readonly EnumItem[] };

/** Format 1, as first released. */
export const V1_ENUMS: EnumLists = {
  region: [
    { key: 'north_east', label: 'North East' },
    { key: 'north_west', label: 'North West' },
    { key: 'yorkshire_humber', label: 'Yorkshire and the Humber' },
    { key: 'east_midlands', label: 'East Midlands' },
    { key: 'west_midlands', label: 'West Midlands' },
    { key: 'east_of_england', label: 'East of England' },
    { key: 'london', label: 'London' },
    { key: 'south_east', label: 'South East' },
    { key: 'south_west', label: 'South West' },
  ],
  display_unit: [
    { key: 'pounds', label: '£' },
    { key: 'thousands', label: '£000' },
    { key: 'millions', label: '£m' },
  ],
  agency_type: [
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
  ],
  agency_tier: [
    { key: 'local', label: 'Local' },
    { key: 'regional', label: 'Regional' },
    { key: 'national', label: 'National' },
  ],
  control: [
    { key: 'local', label: 'Locally controlled' },
    { key: 'central', label: 'Centrally controlled' },
  ],
  theme_category: [
    { key: 'people', label: 'People (a cohort)' },
    { key: 'service', label: 'Service area' },
    { key: 'place', label: 'Place' },
    { key: 'enabling', label: 'Assets and back office' },
  ],
  function: [
    { key: 'general_public_services', label: 'General public services' },
    { key: 'public_order_safety', label: 'Public order and safety' },
    { key: 'economic_affairs', label: 'Economic affairs' },
    { key: 'environment_protection', label: 'Environment protection' },
    { key: 'housing_community', label: 'Housing and community amenities' },
    { key: 'health', label: 'Health' },
    { key: 'recreation_culture', label: 'Recreation, culture and religion' },
    { key: 'education', label: 'Education' },
    { key: 'social_protection', label: 'Social protection' },
  ],
  spend_kind: [
    { key: 'revenue', label: 'Revenue' },
    { key: 'capital', label: 'Capital' },
  ],
  delivery: [
    { key: 'frontline', label: 'Frontline' },
    { key: 'administration', label: 'Administration' },
  ],
  funding_basis: [
    { key: 'ring_fenced_grant', label: 'Ring-fenced grant' },
    { key: 'unringfenced_grant', label: 'Unringfenced grant' },
    { key: 'formula_grant', label: 'Formula grant' },
    { key: 'local_income', label: 'Local income' },
    { key: 'national_programme', label: 'National programme' },
  ],
  purpose: [
    { key: 'reaction', label: 'Reaction (treating need)' },
    { key: 'prevention', label: 'Prevention' },
  ],
  source: [
    { key: 'agency_return', label: 'Agency return' },
    { key: 'apportioned', label: 'Apportioned' },
    { key: 'estimate', label: 'Estimate' },
  ],
  confidence: [
    { key: 'high', label: 'High' },
    { key: 'medium', label: 'Medium' },
    { key: 'low', label: 'Low' },
  ],
  barrier_category: [
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
  ],
  resolution: [
    { key: 'local', label: 'Locally' },
    { key: 'whitehall_guidance', label: 'Whitehall guidance' },
    { key: 'legislation', label: 'Legislation' },
  ],
  severity: [
    { key: 'low', label: 'Low' },
    { key: 'medium', label: 'Medium' },
    { key: 'high', label: 'High' },
  ],
  barrier_status: [
    { key: 'identified', label: 'Identified' },
    { key: 'raised', label: 'Raised' },
    { key: 'agreed', label: 'Agreed' },
    { key: 'resolved', label: 'Resolved' },
  ],};

/** The lists that gained "Not stated" (at their end, so stored codes keep their meaning) in format 2. */
export const GAINED_NOT_STATED: readonly EnumName[] = [
  'agency_type', 'agency_tier', 'control', 'theme_category', 'function', 'spend_kind', 'delivery', 'funding_basis', 'purpose', 'source',
  'confidence', 'barrier_category', 'resolution', 'severity',
];

/** Format 2: a field nobody gave is "not stated", a value of its own. */
export const V2_ENUMS: EnumLists = Object.fromEntries(
  (Object.entries(V1_ENUMS) as [EnumName, readonly EnumItem[]][]).map(([name, items]) => [
    name, GAINED_NOT_STATED.includes(name) ? [...items, { key: NOT_STATED, label: 'Not stated' }] : items,
  ]),
) as EnumLists;
