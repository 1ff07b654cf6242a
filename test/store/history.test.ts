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

describe('deleting an agency with its spend lines', () => {
  it('deletes its lines and its barrier links in one change, and one undo brings back all of it', () => {
    const { wb, a, b } = fresh();
    const lines = wb.spend.create([
      { agencyId: a.id, description: 'Care', amountPence: 50_000 },
      { agencyId: a.id, description: 'Grant to PCT', amountPence: 7_000, passedOn: true },
      { agencyId: b.id, description: 'Acute', amountPence: 90_000 },
    ]);
    const [shared, own] = wb.barriers.create([{ title: 'Data sharing', agencyIds: [a.id, b.id] }, { title: 'Targets', agencyIds: [a.id] }]);
    expect(wb.agencies.usage(a.id)).toEqual({ spendLines: 2, pence: 57_000, barriers: 2 });
    const before = snapshot(wb);
    const rev = wb.info().revision;
    expect(() => wb.agencies.delete({ ids: [a.id] })).toThrow(/2 spend lines and 2 barriers.*or delete its spend lines too/);
    expect(() => wb.agencies.delete({ ids: [a.id], moveTo: b.id, lines: 'delete' })).toThrow(/not both/);
    expect(wb.agencies.delete({ ids: [a.id], lines: 'delete' })).toEqual({ deleted: 1, moved: 0, linesDeleted: 2 });
    expect(wb.info().revision).toBe(rev + 1);
    const after = snapshot(wb);
    expect(after.agencies.map((x) => x.name)).toEqual(['PCT']);
    expect(after.spend.map((l) => l.description)).toEqual(['Acute']);
    expect(wb.barriers.get(shared!.id).agencyIds).toEqual([b.id]);
    expect(wb.barriers.get(own!.id).agencyIds).toEqual([]);
    expect(wb.totals()).toMatchObject({ totalPence: 90_000, lineCount: 1 });

    const undone = wb.undo();
    expect(undone).toMatchObject({ canUndo: true, canRedo: true });
    expect(snapshot(wb)).toEqual(before);
    expect(wb.spend.get(lines[1]!.id)).toMatchObject({ description: 'Grant to PCT', amountPence: 7_000, passedOn: true, agencyId: a.id });
    expect(undone.step).toEqual({
      parts: [
        { table: 'spend_line', op: 'delete', rows: 2, label: 'Care', changes: [], fields: [] },
        { table: 'barrier', op: 'update', rows: 2, label: 'Data sharing', changes: [{ field: 'agencyIds', old: [a.id, b.id], new: [b.id] }], fields: ['agencyIds'] },
        { table: 'agency', op: 'delete', rows: 1, label: 'Council', changes: [], fields: [] },
      ],
    });
    // Redo says the same: the change made again, as it was first made.
    expect(wb.redo().step).toEqual(undone.step);
    expect(snapshot(wb)).toEqual(after);
    wb.close();
  });

  it('deletes several agencies and all their lines as one step', () => {
    const { wb, a, b } = fresh();
    const [c] = wb.agencies.create([{ name: 'Police' }]);
    wb.spend.create([{ agencyId: a.id, description: 'Care', amountPence: 1 }, { agencyId: b.id, description: 'Acute', amountPence: 2 }, { agencyId: c!.id, description: 'Patrol', amountPence: 4 }]);
    const before = snapshot(wb);
    expect(wb.agencies.delete({ ids: [a.id, b.id], lines: 'delete' })).toEqual({ deleted: 2, moved: 0, linesDeleted: 2 });
    expect(wb.totals()).toMatchObject({ totalPence: 4, lineCount: 1 });
    const step = wb.undo().step!;
    expect(snapshot(wb)).toEqual(before);
    expect(step.parts.map((p) => [p.table, p.op, p.rows])).toEqual([['spend_line', 'delete', 2], ['agency', 'delete', 2]]);
    wb.close();
  });
});

describe('what undo and redo say they did', () => {
  it('a cell edit: the row, and each field before and after, as stored', () => {
    const { wb, a } = fresh();
    const [line] = wb.spend.create([{ agencyId: a.id, description: 'Care', amountPence: 1000 }]);
    wb.spend.update([{ id: line!.id, amountPence: 2500 }]);
    const step = { parts: [{ table: 'spend_line', op: 'update', rows: 1, label: 'Care', changes: [{ field: 'amountPence', old: 1000, new: 2500 }], fields: ['amountPence'] }] };
    expect(wb.undo()).toEqual({ canUndo: true, canRedo: true, revision: wb.info().revision, step });
    expect(wb.redo().step).toEqual(step);
    wb.close();
  });

  it('nothing to undo or redo: no step, and nothing changes', () => {
    const wb = Workbook.create(path.join(tempDir(), 'e.totalplace'), { author: 'J. Smith', pilot: { name: 'Empty' } });
    const rev = wb.info().revision;
    expect(wb.undo()).toEqual({ canUndo: false, canRedo: false, revision: rev, step: null });
    expect(wb.redo().step).toBeNull();
    expect(wb.info().revision).toBe(rev);
    wb.close();
  });

  it('adding, renaming, moving on delete, pilot details and imports', () => {
    const { wb, a, b } = fresh();
    // fresh() added two agencies, then a theme: undo the theme first.
    expect(wb.undo().step!.parts).toEqual([{ table: 'theme', op: 'insert', rows: 1, label: 'Older people', changes: [], fields: [] }]);
    expect(wb.undo().step!.parts).toEqual([{ table: 'agency', op: 'insert', rows: 2, label: 'Council', changes: [], fields: [] }]);
    wb.redo();
    wb.agencies.update([{ id: a.id, name: 'City Council' }]);
    // The row as it is now, after the undo; the change says what the name was.
    expect(wb.undo().step!.parts[0]).toMatchObject({ label: 'Council', changes: [{ field: 'name', old: 'Council', new: 'City Council' }] });
    wb.spend.create([{ agencyId: a.id, description: 'Care', amountPence: 5 }, { agencyId: a.id, description: 'Housing', amountPence: 6 }]);
    wb.agencies.delete({ ids: [a.id], moveTo: b.id });
    expect(wb.undo().step!.parts.map((p) => [p.table, p.op, p.rows, p.label])).toEqual([['spend_line', 'update', 2, 'Care'], ['agency', 'delete', 1, 'Council']]);
    wb.pilot.update({ place: 'Durham', population: 513_000 });
    expect(wb.undo().step!.parts).toEqual([{ table: 'pilot', op: 'update', rows: 1, label: null, changes: [{ field: 'place', old: '', new: 'Durham' }, { field: 'population', old: 1000, new: 513_000 }], fields: ['place', 'population'] }]);
    wb.spend.bulkInsert(Array.from({ length: 30 }, (_, i) => ({ agencyId: b.id, description: `Imported ${i}`, amountPence: i })));
    expect(wb.undo().step!.parts).toEqual([{ table: 'spend_line', op: 'bulk_insert', rows: 30, label: null, changes: [], fields: [] }]);
    // Made again line by line: 30 lines added.
    expect(wb.redo().step!.parts.map((p) => [p.table, p.op, p.rows])).toEqual([['spend_line', 'insert', 30]]);
    wb.close();
  });
});
