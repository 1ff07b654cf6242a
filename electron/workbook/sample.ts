/**
 * The sample pilot: a Birmingham-shaped workbook for trying the app, built through the store like
 * any user's work. Its headline figures are the published ones for Birmingham's 2008-09 count
 * (£7.3bn in all; city council £3.6bn; PCTs £1.9bn; Jobcentre Plus £699m — LGC, via Localis); how
 * each agency's total splits into lines, and the remaining agencies' amounts, are ILLUSTRATIVE, and
 * the workbook says so in its name and in every line's notes.
 */
import type { AgencyCreate, BarrierCreate, SpendCreate, ThemeCreate } from '../../shared/schemas';
import type { Confidence, FunctionClass, FundingBasis, Source } from '../../shared/enums';
import { newId } from './db';
import { Workbook } from './workbook';

export const SAMPLE_PILOT_NAME = 'Sample pilot: Birmingham (illustrative)';
const NOTE = 'Illustrative sample data: the split of this agency’s published total into lines is invented.';
const M = 100_000_000; // pence in £1m

/**
 * One line of an agency's total. Every field is stated: a part is revenue, frontline and reaction
 * unless marked capital, admin or prevention; its funding, source and confidence are given outright.
 */
interface Part { desc: string; fn: FunctionClass; share: number; theme?: string; prevention?: boolean; capital?: boolean; admin?: boolean; funding: FundingBasis; source: Source; confidence: Confidence }
interface AgencyPlan { key: string; agency: AgencyCreate; totalM: number; parts: Part[] }

const THEMES: (ThemeCreate & { key: string })[] = [
  { key: 'drugs', name: 'Drugs and alcohol', category: 'service', description: 'Treatment, enforcement and the costs of drug and alcohol misuse across agencies.', cohortSize: 9_000 },
  { key: 'children', name: 'Children and early years', category: 'people', description: 'Early intervention for families with young children.', cohortSize: 80_000 },
  { key: 'offenders', name: 'Offenders', category: 'people', description: 'Adults leaving prison or on probation, and the services around them.', cohortSize: 6_500 },
  { key: 'older', name: 'Older people', category: 'people', description: 'Health and social care for people over 65.', cohortSize: 140_000 },
  { key: 'work', name: 'Worklessness', category: 'people', description: 'Benefits, employment support and skills for people out of work.', cohortSize: 95_000 },
];

const PLANS: AgencyPlan[] = [
  { key: 'council', totalM: 3600, agency: { name: 'Birmingham City Council', type: 'metropolitan_council', tier: 'local', control: 'local' }, parts: [
    { desc: 'Schools (Dedicated Schools Grant)', fn: 'education', share: 30, theme: 'children', funding: 'ring_fenced_grant', source: 'agency_return', confidence: 'high' },
    { desc: 'Adult social care', fn: 'social_protection', share: 14, theme: 'older', funding: 'formula_grant', source: 'agency_return', confidence: 'high' },
    { desc: "Children's social care", fn: 'social_protection', share: 8, theme: 'children', funding: 'formula_grant', source: 'agency_return', confidence: 'high' },
    { desc: 'Housing benefit and council tax benefit', fn: 'social_protection', share: 16, theme: 'work', funding: 'national_programme', source: 'agency_return', confidence: 'high' },
    { desc: 'Council housing (revenue)', fn: 'housing_community', share: 8, funding: 'local_income', source: 'agency_return', confidence: 'medium' },
    { desc: 'Highways and transport', fn: 'economic_affairs', share: 6, funding: 'formula_grant', source: 'agency_return', confidence: 'medium' },
    { desc: 'Waste, environment and regulation', fn: 'environment_protection', share: 5, funding: 'formula_grant', source: 'agency_return', confidence: 'medium' },
    { desc: 'Leisure, libraries and culture', fn: 'recreation_culture', share: 4, funding: 'local_income', source: 'agency_return', confidence: 'medium' },
    { desc: 'Capital programme', fn: 'housing_community', share: 5, capital: true, funding: 'unringfenced_grant', source: 'agency_return', confidence: 'medium' },
    { desc: 'Corporate services and democracy', fn: 'general_public_services', share: 4, admin: true, funding: 'formula_grant', source: 'agency_return', confidence: 'medium' },
  ] },
  { key: 'pct', totalM: 1900, agency: { name: 'Birmingham primary care trusts (three PCTs)', type: 'pct', tier: 'local', control: 'central' }, parts: [
    { desc: 'Acute hospital services', fn: 'health', share: 52, theme: 'older', funding: 'national_programme', source: 'agency_return', confidence: 'medium' },
    { desc: 'Primary care and prescribing', fn: 'health', share: 28, funding: 'national_programme', source: 'agency_return', confidence: 'medium' },
    { desc: 'Mental health services', fn: 'health', share: 12, funding: 'national_programme', source: 'agency_return', confidence: 'medium' },
    { desc: 'Drug and alcohol treatment', fn: 'health', share: 2, theme: 'drugs', funding: 'ring_fenced_grant', source: 'agency_return', confidence: 'medium' },
    { desc: 'Public health and keeping well', fn: 'health', share: 3.8, prevention: true, funding: 'national_programme', source: 'agency_return', confidence: 'medium' },
    { desc: 'PCT management and administration', fn: 'health', share: 2.2, admin: true, funding: 'national_programme', source: 'agency_return', confidence: 'medium' },
  ] },
  { key: 'jcp', totalM: 699, agency: { name: 'Jobcentre Plus', type: 'jobcentre_plus_dwp', tier: 'national', control: 'central' }, parts: [
    { desc: 'Jobseeker’s Allowance', fn: 'social_protection', share: 45, theme: 'work', funding: 'national_programme', source: 'apportioned', confidence: 'medium' },
    { desc: 'Employment and Support Allowance / Incapacity Benefit', fn: 'social_protection', share: 40, theme: 'work', funding: 'national_programme', source: 'apportioned', confidence: 'medium' },
    { desc: 'Employment programmes', fn: 'social_protection', share: 10, theme: 'work', prevention: true, funding: 'national_programme', source: 'agency_return', confidence: 'medium' },
    { desc: 'Jobcentre running costs', fn: 'social_protection', share: 5, admin: true, funding: 'national_programme', source: 'estimate', confidence: 'low' },
  ] },
  { key: 'police', totalM: 420, agency: { name: 'West Midlands Police (Birmingham share)', type: 'police_authority', tier: 'regional', control: 'central' }, parts: [
    { desc: 'Neighbourhood and response policing', fn: 'public_order_safety', share: 70, funding: 'formula_grant', source: 'apportioned', confidence: 'medium' },
    { desc: 'Drug-related crime and enforcement', fn: 'public_order_safety', share: 12, theme: 'drugs', funding: 'formula_grant', source: 'estimate', confidence: 'low' },
    { desc: 'Offender management (IOM)', fn: 'public_order_safety', share: 6, theme: 'offenders', funding: 'ring_fenced_grant', source: 'estimate', confidence: 'low' },
    { desc: 'Police headquarters functions', fn: 'public_order_safety', share: 12, admin: true, funding: 'formula_grant', source: 'apportioned', confidence: 'medium' },
  ] },
  { key: 'fire', totalM: 60, agency: { name: 'West Midlands Fire Service (Birmingham share)', type: 'fire_rescue', tier: 'regional', control: 'local' }, parts: [
    { desc: 'Fire and rescue response', fn: 'public_order_safety', share: 80, funding: 'formula_grant', source: 'apportioned', confidence: 'medium' },
    { desc: 'Community fire safety', fn: 'public_order_safety', share: 20, prevention: true, funding: 'formula_grant', source: 'apportioned', confidence: 'medium' },
  ] },
  { key: 'probation', totalM: 40, agency: { name: 'West Midlands Probation Trust (Birmingham share)', type: 'probation', tier: 'regional', control: 'central' }, parts: [
    { desc: 'Offender supervision', fn: 'public_order_safety', share: 85, theme: 'offenders', funding: 'national_programme', source: 'apportioned', confidence: 'medium' },
    { desc: 'Drug rehabilitation requirements', fn: 'public_order_safety', share: 15, theme: 'drugs', funding: 'ring_fenced_grant', source: 'apportioned', confidence: 'medium' },
  ] },
  { key: 'prisons', totalM: 80, agency: { name: 'HMP Birmingham', type: 'prisons', tier: 'national', control: 'central' }, parts: [
    { desc: 'Custody', fn: 'public_order_safety', share: 90, theme: 'offenders', funding: 'national_programme', source: 'estimate', confidence: 'low' },
    { desc: 'Resettlement on release', fn: 'public_order_safety', share: 10, theme: 'offenders', prevention: true, funding: 'national_programme', source: 'estimate', confidence: 'low' },
  ] },
  { key: 'courts', totalM: 35, agency: { name: 'Her Majesty’s Courts Service (Birmingham)', type: 'courts', tier: 'national', control: 'central' }, parts: [
    { desc: 'Magistrates’ and Crown Court', fn: 'public_order_safety', share: 100, funding: 'national_programme', source: 'estimate', confidence: 'low' },
  ] },
  { key: 'lsc', totalM: 300, agency: { name: 'Learning and Skills Council', type: 'skills_regeneration', tier: 'regional', control: 'central' }, parts: [
    { desc: '16-19 education and training', fn: 'education', share: 65, theme: 'children', funding: 'ring_fenced_grant', source: 'apportioned', confidence: 'medium' },
    { desc: 'Adult skills', fn: 'education', share: 35, theme: 'work', funding: 'ring_fenced_grant', source: 'apportioned', confidence: 'medium' },
  ] },
  { key: 'hca', totalM: 120, agency: { name: 'Homes and Communities Agency', type: 'skills_regeneration', tier: 'national', control: 'central' }, parts: [
    { desc: 'Affordable housing programme', fn: 'housing_community', share: 100, capital: true, funding: 'national_programme', source: 'apportioned', confidence: 'medium' },
  ] },
  { key: 'awm', totalM: 46, agency: { name: 'Advantage West Midlands', type: 'skills_regeneration', tier: 'regional', control: 'central' }, parts: [
    { desc: 'Regeneration and business support', fn: 'economic_affairs', share: 100, funding: 'national_programme', source: 'apportioned', confidence: 'low' },
  ] },
];

const BARRIERS: (Omit<BarrierCreate, 'themeId' | 'agencyIds'> & { theme?: string; agencies: string[] })[] = [
  { title: 'Savings from early intervention land with other bodies', category: 'invest_here_benefit_there', resolution: 'whitehall_guidance', owner: 'HM Treasury',
    agencies: ['council', 'pct', 'police'], theme: 'children', severity: 'high', status: 'raised',
    evidence: 'Birmingham’s deep dive: £1 of early intervention saves £4 over 15 years, but three quarters of the saving lands with other bodies.',
    ask: 'Let partners pool budgets and share savings across agencies through a place-based budget.', offer: 'A joint early-years commissioning board with shared outcomes.' },
  { title: 'Drug treatment is paid for by health, the savings go to criminal justice', category: 'invest_here_benefit_there', resolution: 'whitehall_guidance', owner: 'Home Office and Department of Health',
    agencies: ['pct', 'police', 'probation'], theme: 'drugs', severity: 'high', status: 'identified', costPence: 25 * M,
    evidence: 'Birmingham’s drugs and alcohol deep dive: £1 on drug treatment saves £9.50 in criminal justice.',
    ask: 'A single drugs and alcohol budget for the place, across health and criminal justice.', offer: 'One commissioner and one outcomes framework for treatment and enforcement.' },
  { title: 'Ring-fenced grants too small to plan with', category: 'ring_fenced_funding', resolution: 'whitehall_guidance', owner: 'DCLG', agencies: ['council'], severity: 'medium', status: 'identified',
    evidence: 'Many separate funding streams, each with its own conditions and returns (Durham found 47 streams for 25 social housing providers).',
    ask: 'Remove ring-fences from small grants and fold them into the area-based grant.', offer: 'Report outcomes for the place once a year instead of per grant.' },
  { title: 'Performance returns to government cost more than they tell us', category: 'targets_data_returns', resolution: 'whitehall_guidance', owner: 'Cabinet Office', agencies: ['council', 'pct', 'police'], severity: 'medium', status: 'raised', costPence: 4 * M,
    evidence: 'Leicestershire counted 90 staff and 3,000+ data items costing £3.7m a year to report to government (illustrative estimate for this place).',
    ask: 'Cut the national indicator set and collect each item once.', offer: 'Publish the place’s own performance data openly.' },
  { title: 'Benefit rules stop people taking short-term work', category: 'national_system_complexity', resolution: 'legislation', owner: 'DWP', agencies: ['jcp', 'council'], theme: 'work', severity: 'high', status: 'identified',
    evidence: '51 benefits; DWP guidance manuals run to more than 9,000 pages.', ask: 'A simpler benefit for people moving in and out of work.', offer: 'Joint Jobcentre and council teams in the most workless neighbourhoods.' },
  { title: 'Offenders’ records cannot be shared on release', category: 'data_sharing_it', resolution: 'local', owner: 'West Midlands Probation Trust', agencies: ['probation', 'prisons', 'police', 'council'], theme: 'offenders', severity: 'medium', status: 'agreed',
    evidence: 'Released prisoners meet many organisations, each starting again from nothing.', ask: 'None: partners can agree an information-sharing protocol locally.', offer: 'A single case record for each offender leaving HMP Birmingham.' },
];

/** Build the sample pilot workbook at `file`. */
export function createSampleWorkbook(file: string, author: string, opts: { overwrite?: boolean; nativeBinding?: string } = {}): Workbook {
  const wb = Workbook.create(file, {
    author,
    pilot: { name: SAMPLE_PILOT_NAME, place: 'Birmingham', region: 'west_midlands', leadBody: 'Birmingham City Council', population: 1_016_800, countYear: 2008, displayUnits: 'millions' },
    ...(opts.overwrite ? { overwrite: true } : {}),
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    const themeIds = new Map(THEMES.map((t) => [t.key, newId()]));
    wb.themes.create(THEMES.map(({ key, ...t }) => ({ ...t, id: themeIds.get(key)! })));
    const agencyIds = new Map(PLANS.map((p) => [p.key, newId()]));
    wb.agencies.create(PLANS.map((p) => ({ ...p.agency, id: agencyIds.get(p.key)! })));
    const lines: SpendCreate[] = [];
    for (const plan of PLANS) {
      const total = plan.totalM * M;
      let given = 0;
      plan.parts.forEach((part, i) => {
        const last = i === plan.parts.length - 1;
        const amount = last ? total - given : Math.round((total * part.share) / 100 / 100_000) * 100_000;
        given += amount;
        lines.push({
          agencyId: agencyIds.get(plan.key)!, description: part.desc, function: part.fn, themeId: part.theme ? themeIds.get(part.theme)! : null,
          year: 2008, amountPence: amount, passedOn: false, kind: part.capital ? 'capital' : 'revenue', delivery: part.admin ? 'administration' : 'frontline',
          funding: part.funding, purpose: part.prevention ? 'prevention' : 'reaction', source: part.source, confidence: part.confidence, notes: NOTE,
        });
      });
    }
    // A grant the PCTs pass to the council for joint commissioning: the council's lines spend it,
    // so it is netted out here rather than counted twice.
    lines.push({
      agencyId: agencyIds.get('pct')!, description: 'Joint commissioning grant passed to the city council (Section 256)', function: 'social_protection', themeId: themeIds.get('older')!,
      year: 2008, amountPence: 40 * M, passedOn: true, kind: 'revenue', delivery: 'frontline', funding: 'ring_fenced_grant', purpose: 'reaction', source: 'agency_return', confidence: 'high',
      notes: `${NOTE} Counted once, in the council's adult social care line.`,
    });
    wb.spend.create(lines);
    wb.barriers.create(BARRIERS.map(({ theme, agencies, ...b }) => ({ ...b, themeId: theme ? themeIds.get(theme)! : null, agencyIds: agencies.map((a) => agencyIds.get(a)!) })));
    return wb;
  } catch (e) {
    wb.close();
    throw e;
  }
}
