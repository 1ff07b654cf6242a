/**
 * Choosing from a list by what people actually type or paste: a label ("NHS trust"), a key
 * ("nhs_trust"), one part of a label ("DWP" for "Jobcentre Plus / DWP"), a word finance and
 * partnership teams use for it ("Hospital trust", "PCT", "Ring fenced", "Y"), or the first few
 * letters of one label ("Cen" for "Centrally controlled"). Case, spaces and punctuation don't matter.
 *
 * Pure: no DOM, no Node. The synonyms of each list are keyed by the list's name in `ENUMS`, and
 * found from the list itself (the grids hold the same list objects), so callers need not name it.
 */
import { ENUMS, type EnumItem, type EnumName } from './enums';

/** A value chosen from a list, and how the text was matched (for a hint such as "read as NHS trust"). */
export interface ChoiceMatch<K extends string = string> {
  key: K;
  label: string;
  how: 'exact' | 'part' | 'synonym' | 'prefix';
}

/** Words people use for an item, by what they type (any case and punctuation), to the item's key. */
export type Synonyms = Readonly<Record<string, string>>;

/** The key of "Not stated" (shared/enums.ts adds it as the last item of most lists). */
const NOT_STATED_KEY = 'not_stated';

/** What "not stated" is written as in a return: matched to the list's "Not stated" item when it has one. */
const NOT_STATED_WORDS = ['not stated', 'n/a', 'na', 'n.a.', 'not applicable', 'unknown', 'not known', 'dont know', 'tbc', 'blank', '-', '–', '—', '?', '??'];

/** Yes and no, for true/false columns (a line's "Passed on"): matched like any other list. */
export const YES_NO: readonly EnumItem<'yes' | 'no'>[] = [
  { key: 'yes', label: 'Yes' },
  { key: 'no', label: 'No' },
];

const YES_NO_SYNONYMS: Synonyms = {
  y: 'yes', true: 'yes', t: 'yes', '1': 'yes', x: 'yes', '✓': 'yes', '✔': 'yes',
  n: 'no', false: 'no', f: 'no', '0': 'no',
};

type KeyOfEnum<N extends EnumName> = (typeof ENUMS)[N][number]['key'];

/** Words for the items of each list, beyond their labels and keys. */
export const SYNONYMS: { readonly [N in EnumName]?: Readonly<Record<string, KeyOfEnum<N>>> } = {
  agency_type: {
    'hospital trust': 'nhs_trust', 'acute trust': 'nhs_trust', 'foundation trust': 'nhs_trust', 'nhs foundation trust': 'nhs_trust',
    'mental health trust': 'nhs_trust', 'ambulance trust': 'nhs_trust', 'nhs ft': 'nhs_trust', ft: 'nhs_trust', hospital: 'nhs_trust',
    'primary care': 'pct', 'care trust': 'pct',
    'probation trust': 'probation', 'probation service': 'probation', 'probation board': 'probation',
    police: 'police_authority', constabulary: 'police_authority', 'police force': 'police_authority', 'police service': 'police_authority',
    fire: 'fire_rescue', 'fire service': 'fire_rescue', 'fire authority': 'fire_rescue', 'fire and rescue': 'fire_rescue', 'fire and rescue service': 'fire_rescue',
    county: 'county_council', cc: 'county_council',
    district: 'district_council', dc: 'district_council', 'borough council': 'district_council',
    unitary: 'unitary_council', ua: 'unitary_council', 'unitary authority': 'unitary_council',
    metropolitan: 'metropolitan_council', mbc: 'metropolitan_council', 'metropolitan district': 'metropolitan_council',
    'london borough': 'london_borough', lb: 'london_borough', lbc: 'london_borough',
    jcp: 'jobcentre_plus_dwp', dwp: 'jobcentre_plus_dwp', jobcentre: 'jobcentre_plus_dwp', 'job centre': 'jobcentre_plus_dwp', 'job centre plus': 'jobcentre_plus_dwp',
    almo: 'housing', 'housing association': 'housing', rsl: 'housing', 'registered social landlord': 'housing',
    college: 'education', university: 'education', 'fe college': 'education', 'further education': 'education', 'higher education': 'education',
    quango: 'other_ndpb', ndpb: 'other_ndpb', 'public body': 'other_ndpb',
    voluntary: 'third_sector', charity: 'third_sector', vcs: 'third_sector', vcse: 'third_sector', 'voluntary sector': 'third_sector', 'voluntary and community sector': 'third_sector',
    court: 'courts', 'magistrates court': 'courts', hmcs: 'courts', hmcts: 'courts',
    prison: 'prisons', hmps: 'prisons', noms: 'prisons', 'prison service': 'prisons',
    'hm revenue and customs': 'hmrc', 'revenue and customs': 'hmrc',
    rda: 'skills_regeneration', 'regional development agency': 'skills_regeneration', lsc: 'skills_regeneration', 'learning and skills council': 'skills_regeneration',
  },
  control: {
    local: 'local', l: 'local', locally: 'local', 'local control': 'local',
    central: 'central', c: 'central', centrally: 'central', national: 'central', 'central government': 'central', whitehall: 'central',
  },
  spend_kind: { rev: 'revenue', opex: 'revenue', 'revenue spend': 'revenue', cap: 'capital', capex: 'capital', 'capital spend': 'capital' },
  delivery: {
    'front line': 'frontline', 'front-line': 'frontline', 'frontline services': 'frontline', 'service delivery': 'frontline',
    admin: 'administration', 'back office': 'administration', overheads: 'administration', 'support services': 'administration',
  },
  funding_basis: {
    'ring fenced': 'ring_fenced_grant', ringfenced: 'ring_fenced_grant', rf: 'ring_fenced_grant', 'ringfenced grant': 'ring_fenced_grant', 'specific grant': 'ring_fenced_grant',
    unringfenced: 'unringfenced_grant', 'non ring fenced': 'unringfenced_grant', 'not ring fenced': 'unringfenced_grant', 'un-ringfenced': 'unringfenced_grant', 'area based grant': 'unringfenced_grant', abg: 'unringfenced_grant',
    formula: 'formula_grant', rsg: 'formula_grant', 'revenue support grant': 'formula_grant',
    'council tax': 'local_income', 'fees and charges': 'local_income', 'own income': 'local_income', fees: 'local_income', charges: 'local_income',
    national: 'national_programme', 'national programme': 'national_programme',
  },
  purpose: {
    preventative: 'prevention', preventive: 'prevention', 'early intervention': 'prevention', 'early help': 'prevention',
    reactive: 'reaction', treatment: 'reaction', acute: 'reaction', 'treating need': 'reaction', crisis: 'reaction',
  },
  source: {
    return: 'agency_return', 'bottom-up': 'agency_return', 'bottom up': 'agency_return', actual: 'agency_return', actuals: 'agency_return',
    'top-down': 'apportioned', 'top down': 'apportioned', pesa: 'apportioned', cra: 'apportioned', apportionment: 'apportioned', 'pro rata': 'apportioned',
    estimated: 'estimate', est: 'estimate',
  },
  confidence: { h: 'high', hi: 'high', m: 'medium', med: 'medium', mid: 'medium', l: 'low', lo: 'low' },
  severity: { h: 'high', hi: 'high', m: 'medium', med: 'medium', mid: 'medium', l: 'low', lo: 'low' },
  resolution: {
    local: 'local', guidance: 'whitehall_guidance', whitehall: 'whitehall_guidance', 'central government': 'whitehall_guidance',
    law: 'legislation', legislative: 'legislation', statute: 'legislation',
  },
  function: {
    'social care': 'social_protection', welfare: 'social_protection', benefits: 'social_protection', 'social services': 'social_protection',
    'adult social care': 'social_protection', 'childrens social care': 'social_protection', pensions: 'social_protection',
    schools: 'education', school: 'education', 'early years': 'education',
    police: 'public_order_safety', justice: 'public_order_safety', fire: 'public_order_safety', courts: 'public_order_safety',
    prisons: 'public_order_safety', 'community safety': 'public_order_safety', crime: 'public_order_safety',
    housing: 'housing_community', regeneration: 'housing_community',
    transport: 'economic_affairs', highways: 'economic_affairs', roads: 'economic_affairs', employment: 'economic_affairs', 'economic development': 'economic_affairs',
    waste: 'environment_protection', environment: 'environment_protection', environmental: 'environment_protection', refuse: 'environment_protection', recycling: 'environment_protection',
    culture: 'recreation_culture', leisure: 'recreation_culture', libraries: 'recreation_culture', sport: 'recreation_culture', parks: 'recreation_culture',
    'central services': 'general_public_services', corporate: 'general_public_services', admin: 'general_public_services', democracy: 'general_public_services',
    nhs: 'health', healthcare: 'health', 'health care': 'health', 'public health': 'health',
  },
  theme_category: { cohort: 'people', 'client group': 'people', area: 'place', neighbourhood: 'place', locality: 'place', assets: 'enabling', 'back office': 'enabling', enabling: 'enabling' },
  barrier_status: { open: 'identified', new: 'identified', accepted: 'agreed', escalated: 'raised', done: 'resolved', closed: 'resolved' },
};

const NAME_OF_LIST = new Map<readonly EnumItem[], EnumName>((Object.keys(ENUMS) as EnumName[]).map((n) => [ENUMS[n] as readonly EnumItem[], n]));

/** The synonyms for a list: by its identity (one of `ENUMS`, or `YES_NO`); none for any other list. */
export function synonymsFor(items: readonly EnumItem[]): Synonyms {
  if (items === YES_NO) return YES_NO_SYNONYMS;
  const name = NAME_OF_LIST.get(items);
  return (name && SYNONYMS[name]) || {};
}

/** Case, width and spaces evened out; punctuation kept (so "-" and "?" can still mean something). */
function plain(s: string): string {
  return s.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").toLowerCase().replace(/\s+/g, ' ').trim();
}

/** As `plain`, and punctuation ignored: "Front-line" is "front line", "N.H.S." is "nhs", "&" is "and". */
function loose(s: string): string {
  return plain(s).replace(/&/g, ' and ').replace(/['.]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The parts of a label a person may write alone: "Jobcentre Plus / DWP" → "Jobcentre Plus", "DWP". */
function partsOf(label: string): string[] {
  const inner = [...label.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const base = label.replace(/\([^)]*\)/g, ' ');
  const parts = [...base.split(/\s+\/\s+|\s+or\s+/i), ...inner].map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? parts : [];
}

interface Index {
  byLabel: Map<string, string>;
  byPart: Map<string, string | null>;
  bySynonym: Map<string, string>;
  /** Loose labels, parts and synonyms, for "the first few letters of one". */
  prefixes: { text: string; key: string }[];
}

const indexes = new WeakMap<readonly EnumItem[], WeakMap<Synonyms, Index>>();

/** Both forms of a text: the plain one always, the loose one when punctuation leaves anything. */
function forms(s: string): string[] {
  const l = loose(s);
  return l === '' ? [`=${plain(s)}`] : [`=${plain(s)}`, `~${l}`];
}

function indexOf(items: readonly EnumItem[], synonyms: Synonyms): Index {
  let bySyn = indexes.get(items);
  if (!bySyn) indexes.set(items, (bySyn = new WeakMap()));
  const cached = bySyn.get(synonyms);
  if (cached) return cached;
  const keys = new Set(items.map((i) => i.key));
  const byLabel = new Map<string, string>();
  const byPart = new Map<string, string | null>();
  const bySynonym = new Map<string, string>();
  const prefixes: { text: string; key: string }[] = [];
  const put = (m: Map<string, string>, text: string, key: string) => forms(text).forEach((f) => m.has(f) || m.set(f, key));
  for (const i of items) {
    for (const t of [i.label, i.key, i.key.replace(/_/g, ' ')]) put(byLabel, t, i.key);
    prefixes.push({ text: loose(i.label), key: i.key });
    for (const part of partsOf(i.label)) {
      // A part shared by two items (none today) names neither.
      forms(part).forEach((f) => byPart.set(f, byPart.has(f) && byPart.get(f) !== i.key ? null : i.key));
      prefixes.push({ text: loose(part), key: i.key });
    }
  }
  for (const [text, key] of Object.entries(synonyms)) {
    if (!keys.has(key)) continue;
    put(bySynonym, text, key);
    prefixes.push({ text: loose(text), key });
  }
  if (keys.has(NOT_STATED_KEY)) for (const t of NOT_STATED_WORDS) put(bySynonym, t, NOT_STATED_KEY);
  const index: Index = { byLabel, byPart, bySynonym, prefixes: prefixes.filter((p) => p.text !== '') };
  bySyn.set(synonyms, index);
  return index;
}

/**
 * The item `text` names, or null. In order: a label, key, or key with spaces (any case, spacing and
 * punctuation); one part of a label split on " / ", " or " or brackets ("DWP", "NDPB"); a synonym
 * (by default the list's own, from `SYNONYMS`; "Not stated" words when the list has that item); the
 * first three or more letters of exactly one label, part or synonym.
 */
export function matchChoice<K extends string>(items: readonly EnumItem<K>[], text: string, synonyms?: Synonyms): ChoiceMatch<K> | null {
  const index = indexOf(items, synonyms ?? synonymsFor(items));
  const found = (key: string | null | undefined, how: ChoiceMatch['how']): ChoiceMatch<K> | null => {
    const item = key ? items.find((i) => i.key === key) : undefined;
    return item ? { key: item.key, label: item.label, how } : null;
  };
  const f = forms(text);
  for (const [map, how] of [[index.byLabel, 'exact'], [index.byPart, 'part'], [index.bySynonym, 'synonym']] as const) {
    for (const form of f) {
      const hit = found(map.get(form), how);
      if (hit) return hit;
    }
  }
  const l = loose(text);
  if (l.replace(/\s/g, '').length >= 3) {
    const keys = new Set(index.prefixes.filter((p) => p.text.startsWith(l)).map((p) => p.key));
    if (keys.size === 1) return found([...keys][0], 'prefix');
  }
  return null;
}

/** Yes or no from a cell: "Yes", "Y", "True", "1", "x" are yes; "No", "N", "False", "0" are no; null otherwise. */
export function matchYesNo(text: string): boolean | null {
  const m = matchChoice(YES_NO, text);
  return m ? m.key === 'yes' : null;
}

/**
 * The choices of a list for a message, compactly: all of a short list ("High, Medium, Low or Not
 * stated"), or the first two of a long one and how many ("County council, District council, … (21
 * choices; type a few letters)").
 */
export function choicesText(items: readonly EnumItem[]): string {
  const labels = items.map((i) => i.label);
  if (labels.length <= 1) return labels[0] ?? '';
  if (labels.length <= 6) return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
  return `${labels.slice(0, 2).join(', ')}, … (${labels.length} choices; type a few letters)`;
}
