/**
 * The bodies that spend public money in most places, as a starting list for a new workbook's
 * agencies. They are kinds of body, named generically for the pilot lead to rename to their own
 * (for example "Primary care trust" to "NHS Kent and Medway"); no amounts come with them.
 */
import type { AgencyCreate } from '../../shared/schemas';

export const USUAL_AGENCIES: AgencyCreate[] = [
  { name: 'County or unitary council', type: 'county_council', tier: 'local', control: 'local' },
  { name: 'District councils', type: 'district_council', tier: 'local', control: 'local' },
  { name: 'Primary care trust', type: 'pct', tier: 'local', control: 'central' },
  { name: 'NHS hospital trusts', type: 'nhs_trust', tier: 'local', control: 'central' },
  { name: 'Police authority', type: 'police_authority', tier: 'regional', control: 'central' },
  { name: 'Fire and rescue authority', type: 'fire_rescue', tier: 'local', control: 'local' },
  { name: 'Probation trust', type: 'probation', tier: 'regional', control: 'central' },
  { name: 'Jobcentre Plus', type: 'jobcentre_plus_dwp', tier: 'national', control: 'central' },
  { name: 'HM Courts Service', type: 'courts', tier: 'national', control: 'central' },
  { name: 'Learning and Skills Council', type: 'skills_regeneration', tier: 'regional', control: 'central' },
  { name: 'Housing associations', type: 'housing', tier: 'local', control: 'local' },
];
