/**
 * Nothing is saved as a fact that nobody stated: a field not given is "not stated", a value of its
 * own, and the totals count it as such — never as reaction, revenue, local or general public services.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/totalplace';
import { Workbook } from '../../electron/workbook/workbook';
import type { NotStatedField, Totals } from '../../shared/totals';
import { tempDir } from '../helpers';

function fresh(): Workbook {
  return Workbook.create(path.join(tempDir(), 'pilot.totalplace'), { author: 'J. Smith', pilot: { name: 'Kent pilot', countYear: 2009 } });
}

const notStated = (t: Totals, key: NotStatedField) => t.notStated.fields.find((f) => f.key === key)!;

describe('a field nobody gave', () => {
  it('is saved as "not stated" on a spend line given only its agency, description and amount', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Kent County Council', type: 'county_council', tier: 'local', control: 'local' }]);
    const [line] = wb.spend.create([{ agencyId: a!.id, description: 'Pasted from a return', amountPence: 12_000 }]);
    expect(wb.spend.get(line!.id)).toMatchObject({
      function: 'not_stated', kind: 'not_stated', delivery: 'not_stated', funding: 'not_stated', purpose: 'not_stated', source: 'not_stated', confidence: 'not_stated',
      // Not enumerations: the count year, not passed on, no theme, no notes.
      year: 2009, passedOn: false, themeId: null, notes: '',
    });
    wb.close();
  });

  it('is counted as not stated: not reaction, not revenue, not frontline, not general public services, not local income', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Kent County Council', type: 'county_council', tier: 'local', control: 'local' }]);
    wb.spend.create([
      { agencyId: a!.id, description: 'Unstated', amountPence: 30_000 },
      { agencyId: a!.id, description: 'Stated', amountPence: 70_000, function: 'education', kind: 'revenue', delivery: 'frontline', funding: 'local_income', purpose: 'reaction', source: 'agency_return', confidence: 'high' },
      { agencyId: a!.id, description: 'Passed on, unstated', amountPence: 5_000, passedOn: true },
    ]);
    const t = wb.totals();
    expect(t.totalPence).toBe(100_000);
    expect([t.revenuePence, t.capitalPence, t.frontlinePence, t.administrationPence, t.reactionPence, t.preventionPence]).toEqual([70_000, 0, 70_000, 0, 70_000, 0]);
    expect(t.byFunction.find((f) => f.key === 'general_public_services')).toMatchObject({ pence: 0, lines: 0 });
    expect(t.byFunction.find((f) => f.key === 'not_stated')).toEqual({ key: 'not_stated', pence: 30_000, lines: 1 });
    expect(t.byFunding.find((f) => f.key === 'local_income')?.pence).toBe(70_000);
    expect(t.byFunding.find((f) => f.key === 'not_stated')?.pence).toBe(30_000);
    expect(t.bySource.find((f) => f.key === 'agency_return')?.pence).toBe(70_000);
    expect(t.byConfidence.find((f) => f.key === 'not_stated')?.pence).toBe(30_000);
    expect(t.notStated.lines).toBe(1);
    for (const key of ['function', 'kind', 'delivery', 'funding', 'purpose', 'source', 'confidence'] as const) expect(notStated(t, key), key).toEqual({ key, pence: 30_000, lines: 1 });
    expect(notStated(t, 'control')).toEqual({ key: 'control', pence: 0, lines: 0 });
    expect(wb.spend.page({ filter: { functions: ['not_stated'] } })).toMatchObject({ matching: 2, matchingPence: 35_000 });
    expect(wb.verify()).toMatchObject({ totalsAgree: true, errors: [] });
    wb.close();
  });

  it('stays counted right as lines are stated, edited and deleted', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Council', control: 'local' }]);
    const lines = wb.spend.create(Array.from({ length: 6 }, (_, i) => ({ agencyId: a!.id, description: `Line ${i}`, amountPence: (i + 1) * 1_000 })));
    wb.spend.update([{ id: lines[0]!.id, purpose: 'prevention' }, { id: lines[1]!.id, purpose: 'reaction', kind: 'capital' }]);
    wb.spend.delete({ ids: [lines[5]!.id] });
    const t = wb.totals();
    expect(t.totalPence).toBe(15_000);
    expect([t.preventionPence, t.reactionPence, notStated(t, 'purpose').pence]).toEqual([1_000, 2_000, 12_000]);
    expect([t.capitalPence, t.revenuePence, notStated(t, 'kind').pence]).toEqual([2_000, 0, 13_000]);
    expect(notStated(t, 'purpose').lines).toBe(3);
    expect(t.notStated.lines).toBe(5);
    expect(wb.verify().totalsAgree).toBe(true);
    wb.close();
  });

  it('leaves an agency typed by name with its type, tier and control not stated, and its spend neither local nor central', () => {
    const wb = fresh();
    const [named, local] = wb.agencies.create([{ name: 'Somebody' }, { name: 'Council', type: 'county_council', tier: 'local', control: 'local' }]);
    expect(wb.agencies.get(named!.id)).toMatchObject({ type: 'not_stated', tier: 'not_stated', control: 'not_stated' });
    wb.spend.create([
      { agencyId: named!.id, description: 'Their spend', amountPence: 4_000, function: 'health' },
      { agencyId: local!.id, description: 'Ours', amountPence: 6_000, function: 'health' },
    ]);
    const t = wb.totals();
    expect([t.localPence, t.centralPence, t.controlNotStatedPence]).toEqual([6_000, 0, 4_000]);
    expect(notStated(t, 'control')).toEqual({ key: 'control', pence: 4_000, lines: 1 });
    expect(notStated(t, 'agencyType')).toEqual({ key: 'agencyType', pence: 4_000, lines: 1 });
    expect(t.byAgencyType.find((x) => x.key === 'not_stated')).toEqual({ key: 'not_stated', pence: 4_000, lines: 1 });
    expect(t.byTier.find((x) => x.key === 'not_stated')).toEqual({ key: 'not_stated', pence: 4_000, lines: 1 });
    expect(t.byAgencyType.find((x) => x.key === 'other')).toBeUndefined();
    expect(wb.spend.page({ filter: { controls: ['not_stated'] } })).toMatchObject({ matching: 1, matchingPence: 4_000 });
    wb.close();
  });

  it('leaves a theme\'s category and a barrier\'s category, resolution and severity not stated; a barrier recorded is identified', () => {
    const wb = fresh();
    const [theme] = wb.themes.create([{ name: 'Offenders' }]);
    const [barrier] = wb.barriers.create([{ title: 'Nine inspectorates' }]);
    expect(theme!.category).toBe('not_stated');
    expect(barrier).toMatchObject({ category: 'not_stated', resolution: 'not_stated', severity: 'not_stated', status: 'identified' });
    const t = wb.totals();
    expect(t.barriersByCategory.find((c) => c.key === 'not_stated')?.count).toBe(1);
    expect(t.barriersByResolution.find((c) => c.key === 'not_stated')?.count).toBe(1);
    expect(t.barriersBySeverity.find((c) => c.key === 'not_stated')?.count).toBe(1);
    expect(t.barriersByCategory.find((c) => c.key === 'ring_fenced_funding')?.count).toBe(0);
    wb.close();
  });
});

describe('what check and totals say about it', () => {
  async function cli(...args: string[]): Promise<string> {
    const out: string[] = [];
    expect(await main(args, (l) => out.push(l), (l) => out.push(l))).toBe(0);
    return out.join('\n');
  }

  it('warns how many lines, agencies, themes and barriers have fields not stated, and which', async () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Somebody', type: 'pct' }]);
    wb.spend.create([
      { agencyId: a!.id, description: 'All unstated', amountPence: 1_000 },
      { agencyId: a!.id, description: 'Mostly stated', amountPence: 2_000, function: 'health', kind: 'revenue', delivery: 'frontline', purpose: 'reaction', source: 'estimate', confidence: 'low' },
    ]);
    wb.themes.create([{ name: 'Offenders' }]);
    wb.barriers.create([{ title: 'A', category: 'data_sharing_it' }]);
    const report = wb.verify();
    expect(report.warnings).toContain('2 spend lines have fields not stated (function 1, revenue or capital 1, frontline or administration 1, funding 2, prevention or reaction 1, how counted 1, confidence 1). State them, or the totals count them as not stated.');
    expect(report.warnings).toContain('1 agency has fields not stated (control 1, tier 1). State them, or the totals count them as not stated.');
    expect(report.warnings).toContain('1 theme has fields not stated (category 1). State them, or the totals count them as not stated.');
    expect(report.warnings).toContain('1 barrier has fields not stated (where it can be resolved 1, severity 1). State them, or the totals count them as not stated.');
    expect(report.warnings).toContain('1 spend line is estimates rather than agency returns.');
    const file = wb.path;
    wb.close();

    const totals = await cli('totals', file);
    expect(totals).toMatch(/Control not stated\s+£30\.00\s+100\.0%/);
    expect(totals).toMatch(/Function not stated\s+£10\.00\s+33\.3%\s+1 line\n/);
    expect(totals).toMatch(/Funding not stated\s+£30\.00\s+100\.0%\s+2 lines/);
    expect(totals).toContain('Note: 2 spend lines have fields not stated (function 1, revenue or capital 1, frontline or administration 1, funding 2, prevention or reaction 1, how counted 1, confidence 1); lines at agencies with fields not stated: control 2; run "totalplace check" to review.');
  });

  it('says nothing of the kind when every field is stated', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Council', type: 'county_council', tier: 'local', control: 'local' }]);
    wb.spend.create([{ agencyId: a!.id, description: 'Care', amountPence: 100, function: 'health', kind: 'revenue', delivery: 'frontline', funding: 'local_income', purpose: 'reaction', source: 'agency_return', confidence: 'high' }]);
    expect(wb.verify().warnings.filter((w) => w.includes('not stated'))).toEqual([]);
    expect(wb.totals().notStated.fields.every((f) => f.pence === 0 && f.lines === 0)).toBe(true);
    wb.close();
  });
});
