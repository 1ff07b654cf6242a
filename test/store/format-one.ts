/** A format-1 workbook, built by the frozen format-1 migration, for the tests of migrating and reading older files. */
import path from 'node:path';
import { expect } from 'vitest';
import { MIGRATIONS } from '../../electron/workbook/schema';
import { Workbook } from '../../electron/workbook/workbook';
import { tempDir } from '../helpers';

/** A format-1 workbook as format 1 wrote it: every field given (there was no "not stated"), barriers linked to agencies, lines passed on and negative. */
export function formatOneFile(): { file: string; snapshots: string } {
  const dir = tempDir();
  const file = path.join(dir, 'kent.totalplace');
  const wb = Workbook.create(file, { author: 'J. Smith', pilot: { name: 'Kent pilot', population: 1_400_000 }, migrations: MIGRATIONS.slice(0, 1) });
  expect(wb.info().schemaVersion).toBe(1);
  const [council, pct, police] = wb.agencies.create([
    { name: 'Kent County Council', type: 'county_council', tier: 'local', control: 'local' },
    { name: 'Kent PCT', type: 'pct', tier: 'local', control: 'central' },
    { name: 'Kent Police', type: 'police_authority', tier: 'regional', control: 'central' },
  ]);
  const [older, drugs] = wb.themes.create([{ name: 'Older people', category: 'people', description: 'Over 65s', cohortSize: 250_000 }, { name: 'Drugs', category: 'service' }]);
  const line = { year: 2008, passedOn: false, kind: 'revenue', delivery: 'frontline', funding: 'local_income', purpose: 'reaction', source: 'agency_return', confidence: 'medium', notes: '' } as const;
  wb.spend.create([
    { ...line, agencyId: council!.id, description: 'Residential care', amountPence: 123_456_789, function: 'social_protection', themeId: older!.id, confidence: 'high' },
    { ...line, agencyId: council!.id, description: 'New school', amountPence: 60_000_000, function: 'education', kind: 'capital', funding: 'ring_fenced_grant' },
    { ...line, agencyId: council!.id, description: 'Finance team', amountPence: 10_000_000, function: 'general_public_services', delivery: 'administration', source: 'estimate', confidence: 'low' },
    { ...line, agencyId: pct!.id, description: 'Grant to the council (s256)', amountPence: 40_000_000, function: 'social_protection', passedOn: true, themeId: older!.id },
    { ...line, agencyId: pct!.id, description: 'Drug treatment', amountPence: 7_000_000, function: 'health', themeId: drugs!.id, purpose: 'prevention', funding: 'national_programme', source: 'apportioned' },
    { ...line, agencyId: police!.id, description: 'Enforcement', amountPence: 3_000_000, function: 'public_order_safety', themeId: drugs!.id, funding: 'formula_grant' },
    { ...line, agencyId: police!.id, description: 'Recharge income', amountPence: -500_000, function: 'public_order_safety', notes: 'Income from the council' },
  ]);
  wb.barriers.create([
    { title: 'Savings land elsewhere', category: 'invest_here_benefit_there', resolution: 'whitehall_guidance', severity: 'high', status: 'raised', agencyIds: [council!.id, pct!.id], themeId: older!.id, costPence: 1_000_000 },
    { title: 'Records not shared', category: 'data_sharing_it', resolution: 'local', severity: 'medium', status: 'identified', agencyIds: [police!.id] },
  ]);
  wb.close();
  return { file, snapshots: path.join(dir, 'snapshots') };
}
