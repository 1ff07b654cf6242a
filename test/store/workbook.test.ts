import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkbookError } from '../../shared/errors';
import type { BarrierFields, SpendFields } from '../../shared/schemas';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../electron/workbook/schema';
import { Workbook } from '../../electron/workbook/workbook';
import { sidecars, tempDir } from '../helpers';

function fresh(name = 'pilot.totalplace'): Workbook {
  return Workbook.create(path.join(tempDir(), name), { author: 'J. Smith', pilot: { name: 'Kent pilot', population: 1_400_000 } });
}

function expectError(fn: () => unknown, code: string, words?: string): WorkbookError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookError);
    const err = e as WorkbookError;
    expect(err.code).toBe(code);
    if (words) expect(err.message).toContain(words);
    return err;
  }
  throw new Error(`expected a ${code} error`);
}

describe('a new workbook file', () => {
  it('is one SQLite file marked as ours, at the current format, with the pilot in it', () => {
    const wb = fresh();
    const file = wb.path;
    wb.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect((db.prepare('SELECT name FROM pilot').get() as { name: string }).name).toBe('Kent pilot');
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[];
    for (const t of tables) expect(t.sql, `${t.name} is STRICT`).toMatch(/STRICT/);
    db.close();
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('will not silently replace an existing file', () => {
    const wb = fresh();
    wb.close();
    expectError(() => Workbook.create(wb.path, { author: 'J. Smith', pilot: { name: 'Again' } }), 'io', 'already exists');
  });
});

describe('reads and writes', () => {
  it('round-trips every field of every table through a close and reopen', () => {
    const wb = fresh();
    const pilot = wb.pilot.update({ name: 'Kent and Medway', place: 'Kent', region: 'south_east', leadBody: 'Kent County Council', population: 1_406_000, countYear: 2008, displayUnits: 'thousands' });
    const [agency, other] = wb.agencies.create([
      { name: 'Kent County Council', type: 'county_council', tier: 'local', control: 'local' },
      { name: 'Kent Police', type: 'police_authority', tier: 'regional', control: 'central' },
    ]);
    const [theme] = wb.themes.create([{ name: 'Older people', category: 'people', description: 'Care for people over 65', cohortSize: 250_000 }]);
    const spendFields: SpendFields = {
      agencyId: agency!.id, description: 'Residential care', function: 'social_protection', themeId: theme!.id, year: 2009, amountPence: 123456789,
      passedOn: true, kind: 'capital', delivery: 'administration', funding: 'ring_fenced_grant', purpose: 'prevention', source: 'apportioned', confidence: 'low', notes: 'From the return of 3 March',
    };
    const [line] = wb.spend.create([spendFields]);
    const barrierFields: BarrierFields = {
      title: 'Inspection burden', description: 'Many inspectorates', themeId: theme!.id, agencyIds: [agency!.id, other!.id], category: 'inspection_regulation',
      resolution: 'legislation', owner: 'Cabinet Office', costPence: 700_000_000, evidence: 'Kent: £7m a year', ask: 'One inspection', offer: 'Shared self-assessment', severity: 'high', status: 'agreed',
    };
    const [barrier] = wb.barriers.create([barrierFields]);
    wb.close();

    const again = Workbook.open(wb.path, { author: 'J. Smith' });
    expect(again.pilot.get()).toEqual(pilot);
    expect(again.agencies.list()).toEqual([agency, other]);
    expect(again.themes.list()).toEqual([theme]);
    expect(again.spend.get(line!.id)).toEqual(line);
    expect(again.spend.get(line!.id)).toMatchObject(spendFields);
    expect(again.barriers.list()).toEqual([barrier]);
    expect(again.barriers.get(barrier!.id)).toMatchObject(barrierFields);
    for (const row of [pilot, agency!, theme!, line!, barrier!]) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.author).toBe('J. Smith');
      expect(row.createdAt).toBeGreaterThan(Date.now() - 60_000);
      expect(row.updatedAt).toBeGreaterThanOrEqual(row.createdAt);
    }
    again.close();
  });

  it('records who changed what, with old and new values, and increases the revision on every write', () => {
    const wb = fresh();
    const r0 = wb.info().revision;
    const [a] = wb.agencies.create([{ name: 'Kent Fire' }]);
    wb.agencies.update([{ id: a!.id, name: 'Kent Fire and Rescue', type: 'fire_rescue' }]);
    expect(wb.info().revision).toBe(r0 + 2);
    const [latest, created] = wb.history(2);
    expect(latest).toMatchObject({ table: 'agency', rowId: a!.id, op: 'update', author: 'J. Smith', old: { name: 'Kent Fire', type: 'not_stated' }, new: { name: 'Kent Fire and Rescue', type: 'fire_rescue' } });
    expect(created).toMatchObject({ op: 'insert', new: { name: 'Kent Fire' } });
    expect(latest!.revision).toBe(r0 + 2);
    wb.close();
  });

  it('keeps money exact: £0.10 + £0.20 is £0.30, and sums pass 2^31 pence', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Council' }]);
    wb.spend.create([
      { agencyId: a!.id, description: 'Ten pence', amountPence: 10 },
      { agencyId: a!.id, description: 'Twenty pence', amountPence: 20 },
    ]);
    expect(wb.totals().totalPence).toBe(30);
    wb.spend.create([
      { agencyId: a!.id, description: 'Big', amountPence: 123456789 },
      { agencyId: a!.id, description: 'Bigger', amountPence: 2 ** 31 + 5 },
      { agencyId: a!.id, description: 'Biggest', amountPence: 8_000_000_000_000 },
    ]);
    expect(wb.totals().totalPence).toBe(30 + 123456789 + 2 ** 31 + 5 + 8_000_000_000_000);
    wb.close();
  });

  it('refuses invalid values with words, and saves nothing', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Council' }]);
    const before = wb.info().revision;
    const err = expectError(() => wb.spend.create([{ agencyId: a!.id, description: 'ok', amountPence: 1 }, { agencyId: a!.id, description: '', amountPence: 1.5 }]), 'validation');
    expect(err.message).toMatch(/required|whole pence/);
    expectError(() => wb.spend.create([{ agencyId: '01a20e29-1d45-75ae-b8a9-927a07dd4130', description: 'Orphan', amountPence: 1 }]), 'validation', 'agency is not in this workbook');
    expectError(() => wb.agencies.update([{ id: a!.id, type: 'castle' as never }]), 'validation');
    expect(wb.info().revision).toBe(before);
    expect(wb.spend.page({}).matching).toBe(0);
    // A refused read says it was not understood, not that something "was not saved".
    const read = expectError(() => wb.spend.page({ limit: -1 }), 'validation');
    expect(read.message).toMatch(/^The spend query was not understood, so nothing was read: /);
    expect(read.message).not.toContain('saved');
    wb.close();
  });

  it('never deletes an agency with spend silently: refuses, or moves its lines and barriers when told where', () => {
    const wb = fresh();
    const [from, to] = wb.agencies.create([{ name: 'Old PCT' }, { name: 'New PCT' }]);
    wb.spend.create([{ agencyId: from!.id, description: 'Acute', amountPence: 500 }, { agencyId: from!.id, description: 'GP', amountPence: 250 }]);
    const [b] = wb.barriers.create([{ title: 'Data sharing', agencyIds: [from!.id] }]);
    const err = expectError(() => wb.agencies.delete({ ids: [from!.id] }), 'in-use', '2 spend lines and 1 barrier');
    expect(err.detail).toMatchObject({ spendLines: 2, barriers: 1 });
    expect(wb.agencies.list()).toHaveLength(2);
    wb.agencies.delete({ ids: [from!.id], moveTo: to!.id });
    expect(wb.agencies.list().map((a) => a.name)).toEqual(['New PCT']);
    expect(wb.spend.page({}).rows.every((l) => l.agencyId === to!.id)).toBe(true);
    expect(wb.barriers.get(b!.id).agencyIds).toEqual([to!.id]);
    expect(wb.totals().byAgency).toEqual([expect.objectContaining({ name: 'New PCT', pence: 750, lines: 2 })]);
    wb.close();
  });

  it('deletes a theme in use only when told to unallocate or move its rows', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Council' }]);
    const [t] = wb.themes.create([{ name: 'Offenders' }]);
    wb.spend.create([{ agencyId: a!.id, description: 'YOT', amountPence: 900, themeId: t!.id }]);
    expectError(() => wb.themes.delete({ ids: [t!.id] }), 'in-use');
    wb.themes.delete({ ids: [t!.id], reassign: 'unallocated' });
    expect(wb.totals().byTheme).toEqual([{ id: null, name: null, pence: 900, lines: 1, barriers: 0 }]);
    wb.close();
  });
});

describe('paged, sorted and filtered spend lines', () => {
  it('says how much of what matches is passed on to another agency, with and without a filter', () => {
    const wb = fresh();
    const [council, pct] = wb.agencies.create([{ name: 'Council' }, { name: 'PCT' }]);
    wb.spend.create([
      { agencyId: pct!.id, description: 'Grant to the council for care', amountPence: 10_000, passedOn: true },
      { agencyId: council!.id, description: 'Adult social care', amountPence: 90_000 },
      { agencyId: council!.id, description: 'Libraries', amountPence: 7_000 },
    ]);
    expect(wb.spend.page({ limit: 1 })).toMatchObject({ matching: 3, matchingPence: 107_000, matchingPassedLines: 1, matchingPassedPence: 10_000 });
    expect(wb.totals().totalPence).toBe(97_000);
    expect(wb.spend.page({ filter: { agencyIds: [council!.id] } })).toMatchObject({ matching: 2, matchingPence: 97_000, matchingPassedLines: 0, matchingPassedPence: 0 });
    expect(wb.spend.page({ filter: { search: 'care' } })).toMatchObject({ matching: 2, matchingPence: 100_000, matchingPassedLines: 1, matchingPassedPence: 10_000 });
    wb.close();
  });

  it('sorts and filters in SQL and reports the count and sum of what matches', () => {
    const wb = fresh();
    const [council, police] = wb.agencies.create([{ name: 'Council', control: 'local' }, { name: 'Police', control: 'central' }]);
    const [theme] = wb.themes.create([{ name: 'Drugs and alcohol' }]);
    wb.spend.create([
      { agencyId: council!.id, description: 'Schools', amountPence: 5000, function: 'education' },
      { agencyId: council!.id, description: 'Drug treatment', amountPence: 700, themeId: theme!.id, function: 'health', confidence: 'low' },
      { agencyId: police!.id, description: 'Drug enforcement', amountPence: 300, themeId: theme!.id, function: 'public_order_safety' },
      { agencyId: police!.id, description: 'Patrol', amountPence: -100, function: 'public_order_safety' },
    ]);
    const all = wb.spend.page({ sort: [{ key: 'amountPence', dir: 'desc' }] });
    expect(all.rows.map((r) => r.amountPence)).toEqual([5000, 700, 300, -100]);
    expect([all.matching, all.matchingPence]).toEqual([4, 5900]);
    const paged = wb.spend.page({ sort: [{ key: 'amountPence', dir: 'asc' }], offset: 1, limit: 2 });
    expect(paged.rows.map((r) => r.description)).toEqual(['Drug enforcement', 'Drug treatment']);
    expect(wb.spend.page({ filter: { controls: ['central'] } })).toMatchObject({ matching: 2, matchingPence: 200 });
    expect(wb.spend.page({ filter: { themeIds: [null] } })).toMatchObject({ matching: 2, matchingPence: 4900 });
    expect(wb.spend.page({ filter: { themeIds: [theme!.id], agencyIds: [council!.id] } })).toMatchObject({ matching: 1, matchingPence: 700 });
    expect(wb.spend.page({ filter: { functions: ['public_order_safety'], confidences: ['not_stated'] } })).toMatchObject({ matching: 2, matchingPence: 200 });
    expect(wb.spend.page({ filter: { search: 'drug' } }).rows.map((r) => r.description).sort()).toEqual(['Drug enforcement', 'Drug treatment']);
    expect(wb.spend.page({ filter: { search: '100%' } }).matching).toBe(0);
    expect(wb.spend.page({ sort: [{ key: 'agency', dir: 'desc' }, { key: 'description', dir: 'asc' }] }).rows.map((r) => r.description)).toEqual(['Drug enforcement', 'Patrol', 'Drug treatment', 'Schools']);
    wb.close();
  });
});

describe('totals, where the data is', () => {
  it('nets out spend passed between agencies and says how much', () => {
    const wb = fresh();
    const [pct, council] = wb.agencies.create([{ name: 'PCT', control: 'central', type: 'pct' }, { name: 'Council', control: 'local', type: 'county_council' }]);
    wb.spend.create([
      { agencyId: pct!.id, description: 'Grant to council (s256)', amountPence: 40_000, passedOn: true },
      { agencyId: council!.id, description: 'Care funded by the s256 grant', amountPence: 40_000 },
      { agencyId: pct!.id, description: 'Hospital care', amountPence: 100_000, kind: 'revenue', confidence: 'high' },
      { agencyId: council!.id, description: 'New school', amountPence: 60_000, kind: 'capital', funding: 'ring_fenced_grant', source: 'estimate' },
      { agencyId: council!.id, description: 'Finance team', amountPence: 10_000, delivery: 'administration', purpose: 'prevention' },
      { agencyId: council!.id, description: 'Rent income', amountPence: -5_000 },
    ]);
    const t = wb.totals();
    expect(t.totalPence).toBe(205_000);
    expect(t.nettedPence).toBe(40_000);
    expect(t.nettedLines).toBe(1);
    expect(t.lineCount).toBe(6);
    expect(t.negativeLines).toBe(1);
    expect([t.localPence, t.centralPence]).toEqual([105_000, 100_000]);
    // Only "Hospital care" says it is revenue; the lines that do not say are not stated, not revenue.
    expect([t.capitalPence, t.revenuePence]).toEqual([60_000, 100_000]);
    expect(t.notStated.fields.find((f) => f.key === 'kind')).toEqual({ key: 'kind', pence: 45_000, lines: 3 });
    expect([t.administrationPence, t.preventionPence, t.ringFencedPence, t.estimatedPence]).toEqual([10_000, 10_000, 60_000, 60_000]);
    expect(t.perHeadPence).toBe(Math.round(205_000 / 1_400_000));
    expect(t.byAgency.map((a) => [a.name, a.pence, a.passedOnPence])).toEqual([['Council', 105_000, 0], ['PCT', 100_000, 40_000]]);
    expect(t.byAgencyType.find((x) => x.key === 'pct')?.pence).toBe(100_000);
    expect(t.byConfidence.find((x) => x.key === 'high')?.pence).toBe(100_000);
    expect(wb.verify()).toMatchObject({ totalsAgree: true, errors: [] });
    wb.close();
  });

  it('keeps totals right through edits and deletes, and agrees with a full recount', () => {
    const wb = fresh();
    const [a, b] = wb.agencies.create([{ name: 'A' }, { name: 'B', control: 'central' }]);
    const [t1] = wb.themes.create([{ name: 'T1' }]);
    const lines = wb.spend.create(Array.from({ length: 50 }, (_, i) => ({ agencyId: i % 2 ? a!.id : b!.id, description: `L${i}`, amountPence: i * 1000 + 7, themeId: i % 3 ? t1!.id : null })));
    wb.spend.update([{ id: lines[0]!.id, amountPence: 99, agencyId: a!.id, passedOn: true }, { id: lines[1]!.id, themeId: null, function: 'health' }]);
    wb.spend.delete({ ids: [lines[2]!.id, lines[3]!.id] });
    const t = wb.totals();
    const counted = wb.spend.page({ limit: 5000 }).rows.filter((l) => !l.passedOn);
    expect(t.totalPence).toBe(counted.reduce((s, l) => s + l.amountPence, 0));
    expect(t.byTheme.find((x) => x.id === null)?.pence).toBe(counted.filter((l) => l.themeId === null).reduce((s, l) => s + l.amountPence, 0));
    expect(wb.verify().totalsAgree).toBe(true);
    wb.close();
  });

  it('lists what is missing from a partial count, and finds estimated and negative lines', () => {
    const wb = fresh();
    const [a, b] = wb.agencies.create([{ name: 'Counted' }, { name: 'Not yet counted' }]);
    const [t1, t2] = wb.themes.create([{ name: 'With spend' }, { name: 'Without spend' }]);
    wb.spend.create([
      { agencyId: a!.id, description: 'Estimate', amountPence: 700, source: 'estimate', themeId: t1!.id },
      { agencyId: a!.id, description: 'Apportioned', amountPence: 300, source: 'apportioned' },
      { agencyId: a!.id, description: 'Rent income', amountPence: -50 },
    ]);
    const t = wb.totals();
    expect(t.agenciesWithoutSpend).toEqual([{ id: b!.id, name: 'Not yet counted' }]);
    expect(t.themesWithoutSpend).toEqual([{ id: t2!.id, name: 'Without spend' }]);
    expect([t.estimatedPence, t.apportionedPence]).toEqual([700, 300]);
    expect(wb.spend.page({ filter: { sources: ['estimate', 'apportioned'] } })).toMatchObject({ matching: 2, matchingPence: 1000 });
    expect(wb.spend.page({ filter: { negative: true } }).rows.map((r) => r.description)).toEqual(['Rent income']);
    wb.close();
  });

  it('counts barriers by category, resolution, status and severity, with their cost', () => {
    const wb = fresh();
    wb.barriers.create([
      { title: 'A', category: 'data_sharing_it', resolution: 'local', status: 'raised', severity: 'high', costPence: 1000 },
      { title: 'B', category: 'data_sharing_it', resolution: 'legislation', status: 'raised', severity: 'low' },
      { title: 'C', category: 'culture_leadership', resolution: 'local', status: 'resolved', severity: 'low', costPence: 500 },
    ]);
    const t = wb.totals();
    expect([t.barrierCount, t.barrierCostPence, t.barriersCosted]).toEqual([3, 1500, 2]);
    expect(t.barriersByCategory.find((c) => c.key === 'data_sharing_it')).toEqual({ key: 'data_sharing_it', count: 2, costPence: 1000 });
    expect(t.barriersByResolution.find((c) => c.key === 'local')?.count).toBe(2);
    expect(t.barriersByStatus.find((c) => c.key === 'raised')?.count).toBe(2);
    expect(t.barriersBySeverity.find((c) => c.key === 'low')?.count).toBe(2);
    expect(t.costliestBarriers.map((b) => [b.title, b.costPence])).toEqual([['A', 1000], ['C', 500]]);
    wb.close();
  });
});

describe('saving', () => {
  it('leaves no -wal, -shm or -journal file beside the workbook after writes, and nothing at all after close', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Council' }]);
    for (let i = 0; i < 20; i++) wb.spend.create([{ agencyId: a!.id, description: `Line ${i}`, amountPence: i }]);
    expect(sidecars(wb.path)).toEqual([]);
    wb.close();
    expect(fs.readdirSync(path.dirname(wb.path))).toEqual([path.basename(wb.path)]);
  });

  it('saves a checked copy that keeps the workbook id, knows its original, and opens on its own', () => {
    const wb = fresh();
    const [a] = wb.agencies.create([{ name: 'Council' }]);
    wb.spend.create([{ agencyId: a!.id, description: 'Care', amountPence: 12345 }]);
    const copyPath = path.join(path.dirname(wb.path), 'copy for Jane.totalplace');
    wb.saveCopy(copyPath);
    const original = wb.info();
    expectError(() => wb.saveCopy(wb.path), 'validation', 'is the workbook that is open');
    wb.close();
    const copy = Workbook.open(copyPath, { author: 'Jane' });
    const info = copy.info();
    expect(info.workbookId).toBe(original.workbookId);
    expect(info.instanceId).not.toBe(original.instanceId);
    expect(info.copiedFrom).toBe(original.instanceId);
    expect(copy.totals().totalPence).toBe(12345);
    copy.close();
    expect(fs.readdirSync(path.dirname(wb.path)).sort()).toEqual(['copy for Jane.totalplace', 'pilot.totalplace']);
  });
});
