/** Undo and redo from the change log: exact, one step per change, across every table. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../electron/workbook/workbook';
import { tempDir } from '../helpers';

function fresh() {
  const wb = Workbook.create(path.join(tempDir(), 'h.totalplace'), { author: 'J. Smith', pilot: { name: 'History pilot', population: 1000 } });
  const [a, b] = wb.agencies.create([{ name: 'Council', control: 'local' }, { name: 'PCT', control: 'central' }]);
  const [t] = wb.themes.create([{ name: 'Older people' }]);
  return { wb, a: a!, b: b!, t: t! };
}

/** Everything a user can see, to compare before and after. */
function snapshot(wb: Workbook) {
  const strip = <T extends { updatedAt: number; createdAt: number; author: string }>(r: T) => {
    const { updatedAt: _u, createdAt: _c, author: _a, ...rest } = r;
    return rest;
  };
  return {
    pilot: strip(wb.pilot.get()),
    agencies: wb.agencies.list().map(strip),
    themes: wb.themes.list().map(strip),
    spend: wb.spend.page({ limit: 5000, sort: [{ key: 'description', dir: 'asc' }] }).rows.map(strip),
    barriers: wb.barriers.list().map(strip),
    totals: { ...wb.totals(), revision: 0 },
  };
}

describe('undo and redo', () => {
  it('undoes and redoes an edit exactly', () => {
    const { wb, a } = fresh();
    const [line] = wb.spend.create([{ agencyId: a.id, description: 'Care', amountPence: 1000 }]);
    const before = snapshot(wb);
    wb.spend.update([{ id: line!.id, amountPence: 2500, notes: 'revised' }]);
    const after = snapshot(wb);
    expect(wb.undo()).toMatchObject({ canUndo: true, canRedo: true });
    expect(snapshot(wb)).toEqual(before);
    wb.redo();
    expect(snapshot(wb)).toEqual(after);
    wb.close();
  });

  it('undoes a batch (a paste of new and changed lines) as one step', () => {
    const { wb, a, b } = fresh();
    const [line] = wb.spend.create([{ agencyId: a.id, description: 'Existing', amountPence: 1 }]);
    const before = snapshot(wb);
    wb.spend.batch({ updates: [{ id: line!.id, amountPence: 123456789 }], creates: [{ agencyId: b.id, description: 'Pasted 1', amountPence: 200000 }, { agencyId: b.id, description: 'Pasted 2', amountPence: -150000 }] });
    const after = snapshot(wb);
    expect(after.totals.totalPence).toBe(123456789 + 200000 - 150000);
    wb.undo();
    expect(snapshot(wb)).toEqual(before);
    wb.redo();
    expect(snapshot(wb)).toEqual(after);
    wb.close();
  });

  it('a batch with one bad row saves nothing', () => {
    const { wb, a } = fresh();
    const before = snapshot(wb);
    const rev = wb.info().revision;
    expect(() => wb.spend.batch({ creates: [{ agencyId: a.id, description: 'Fine', amountPence: 1 }, { agencyId: a.id, description: '', amountPence: 2 }] })).toThrow(/description is required \(row 2\)/);
    expect(snapshot(wb)).toEqual(before);
    expect(wb.info().revision).toBe(rev);
    wb.close();
  });

  it('brings back several deleted rows with one undo, with their ids', () => {
    const { wb, a, t } = fresh();
    const lines = wb.spend.create([1, 2, 3].map((i) => ({ agencyId: a.id, description: `Line ${i}`, amountPence: i * 100, themeId: t.id })));
    const before = snapshot(wb);
    wb.spend.delete({ ids: lines.map((l) => l.id) });
    expect(wb.totals().lineCount).toBe(0);
    wb.undo();
    expect(snapshot(wb)).toEqual(before);
    expect(wb.spend.get(lines[1]!.id).description).toBe('Line 2');
    wb.close();
  });

  it('undoes deleting an agency whose lines and barriers were moved', () => {
    const { wb, a, b } = fresh();
    wb.spend.create([{ agencyId: a.id, description: 'Care', amountPence: 500 }]);
    wb.barriers.create([{ title: 'Data', agencyIds: [a.id] }]);
    const before = snapshot(wb);
    wb.agencies.delete({ ids: [a.id], moveTo: b.id });
    wb.undo();
    expect(snapshot(wb)).toEqual(before);
    wb.redo();
    expect(wb.agencies.list().map((x) => x.name)).toEqual(['PCT']);
    wb.close();
  });

  it('undoes pilot details, themes and barriers, and a new edit clears redo', () => {
    const { wb, t } = fresh();
    const before = snapshot(wb);
    wb.pilot.update({ name: 'Renamed', population: 2000 });
    wb.themes.update([{ id: t.id, cohortSize: 50 }]);
    const [bar] = wb.barriers.create([{ title: 'Targets', costPence: 1000 }]);
    wb.barriers.update([{ id: bar!.id, status: 'resolved' }]);
    for (let i = 0; i < 4; i++) wb.undo();
    expect(snapshot(wb)).toEqual(before);
    expect(wb.historyState()).toMatchObject({ canUndo: true, canRedo: true });
    wb.redo();
    expect(wb.pilot.get().name).toBe('Renamed');
    wb.pilot.update({ place: 'Somewhere' });
    expect(wb.historyState().canRedo).toBe(false);
    wb.close();
  });

  it('undoes a bulk import, and redoes it', () => {
    const { wb, a } = fresh();
    const before = snapshot(wb);
    wb.spend.bulkInsert(Array.from({ length: 300 }, (_, i) => ({ agencyId: a.id, description: `Imported ${i}`, amountPence: i })));
    const after = snapshot(wb);
    wb.undo();
    expect(snapshot(wb)).toEqual(before);
    wb.redo();
    expect(snapshot(wb)).toEqual(after);
    wb.close();
  });

  it('a change that changes nothing is not a step and does not move the revision', () => {
    const { wb, a } = fresh();
    const rev = wb.info().revision;
    const state = wb.historyState();
    wb.agencies.update([{ id: a.id, name: 'Council' }]);
    expect(wb.info().revision).toBe(rev);
    expect(wb.historyState()).toEqual(state);
    wb.close();
  });

  it('keeps undo for the window: a reopened workbook starts with nothing to undo', () => {
    const { wb } = fresh();
    wb.close();
    const again = Workbook.open(wb.path, { author: 'J. Smith' });
    expect(again.historyState()).toMatchObject({ canUndo: false, canRedo: false });
    again.close();
  });
});
