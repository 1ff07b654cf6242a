/** What undo and redo say they did: the words built from the store's description of a step. */
import { describe, expect, it } from 'vitest';
import type { HistoryStep, StepPart } from '../../shared/types';
import type { Names } from '../../renderer/grids/fields';
import { undoWords } from '../../renderer/workbook/undoWords';

const names: Names = {
  agencies: [{ id: 'a1', name: 'Birmingham City Council' }, { id: 'a2', name: 'Jobcentre Plus' }],
  themes: [{ id: 't1', name: 'Older people' }],
};

const part = (p: Partial<StepPart> & Pick<StepPart, 'table' | 'op'>): StepPart => ({ rows: 1, label: null, changes: [], fields: [], ...p });
const step = (...parts: StepPart[]): HistoryStep => ({ parts });
const edit = (table: StepPart['table'], label: string | null, field: string, old: unknown, now: unknown) =>
  step(part({ table, op: 'update', label, changes: [{ field, old, new: now }], fields: [field] }));

describe('undo and redo in words', () => {
  it('an amount: the grid header, the row, and both values in the workbook’s unit', () => {
    const s = edit('spend_line', 'Adult social care', 'amountPence', 60_400_000_000, 50_400_000_000);
    expect(undoWords('undo', s, names, 'millions')).toBe('Undid: Amount of ‘Adult social care’ £604.0m → £504.0m');
    expect(undoWords('redo', s, names, 'millions')).toBe('Redid: Amount of ‘Adult social care’ £604.0m → £504.0m');
    expect(undoWords('undo', s, names, 'thousands')).toBe('Undid: Amount of ‘Adult social care’ £604,000k → £504,000k');
    expect(undoWords('undo', edit('spend_line', 'Refund', 'amountPence', -150_000, 1234), names, 'pounds')).toBe('Undid: Amount of ‘Refund’ (£1,500.00) → £12.34');
  });

  it('other kinds of value as the grid shows them', () => {
    expect(undoWords('undo', edit('spend_line', 'Care', 'agencyId', 'a1', 'a2'), names, 'millions')).toBe('Undid: Agency of ‘Care’ ‘Birmingham City Council’ → ‘Jobcentre Plus’');
    expect(undoWords('undo', edit('spend_line', 'Care', 'themeId', null, 't1'), names, 'millions')).toBe('Undid: Theme of ‘Care’ Unallocated → ‘Older people’');
    expect(undoWords('undo', edit('spend_line', 'Care', 'year', 2008, 2009), names, 'millions')).toBe('Undid: Year of ‘Care’ 2008-09 → 2009-10');
    expect(undoWords('undo', edit('spend_line', 'Care', 'passedOn', false, true), names, 'millions')).toBe('Undid: Passed on of ‘Care’ No → Yes');
    expect(undoWords('undo', edit('spend_line', 'Care', 'notes', '', 'checked'), names, 'millions')).toBe('Undid: Notes of ‘Care’ blank → ‘checked’');
    expect(undoWords('undo', edit('agency', 'Jobcentre Plus', 'control', 'local', 'central'), names, 'millions')).toMatch(/^Undid: Control of ‘Jobcentre Plus’ \S.* → \S/);
    expect(undoWords('undo', edit('theme', 'Older people', 'cohortSize', null, 12500), names, 'millions')).toBe('Undid: Cohort size of ‘Older people’ blank → 12,500');
    expect(undoWords('undo', edit('barrier', 'Data sharing', 'costPence', null, 25_000_000_00), names, 'millions')).toBe('Undid: Est. cost of ‘Data sharing’ blank → £25.0m');
    expect(undoWords('undo', edit('barrier', 'Data sharing', 'agencyIds', ['a1'], ['a1', 'a2']), names, 'millions'))
      .toBe('Undid: Agencies affected of ‘Data sharing’ ‘Birmingham City Council’ → ‘Birmingham City Council, Jobcentre Plus’');
  });

  it('a rename says the old and new names; the pilot details are named as such', () => {
    expect(undoWords('undo', edit('agency', 'Durham PCT', 'name', 'Durham PCT', 'County Durham PCT'), names, 'millions')).toBe('Undid: Agency ‘Durham PCT’ → ‘County Durham PCT’');
    expect(undoWords('redo', edit('spend_line', 'Care', 'description', 'Care', 'Adult care'), names, 'millions')).toBe('Redid: Service ‘Care’ → ‘Adult care’');
    expect(undoWords('undo', edit('pilot', null, 'place', 'Birmingham', 'Solihull'), names, 'millions')).toBe('Undid: Place in the pilot details ‘Birmingham’ → ‘Solihull’');
    expect(undoWords('undo', edit('pilot', null, 'displayUnits', 'millions', 'thousands'), names, 'millions')).toBe('Undid: Units in the pilot details £m → £000');
    expect(undoWords('undo', step(part({ table: 'pilot', op: 'update', changes: [{ field: 'place', old: '', new: 'X' }, { field: 'population', old: null, new: 1 }], fields: ['place', 'population'] })), names, 'millions'))
      .toBe('Undid: changing Place and Population of the pilot details');
  });

  it('several fields or several rows: short words', () => {
    const fields = (n: number) => ['amountPence', 'notes', 'year', 'kind'].slice(0, n);
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'update', label: 'Care', fields: fields(2) })), names, 'millions')).toBe('Undid: changing Amount and Notes of ‘Care’');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'update', label: 'Care', fields: fields(3) })), names, 'millions')).toBe('Undid: changing Amount, Notes and Year of ‘Care’');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'update', label: 'Care', fields: fields(4) })), names, 'millions')).toBe('Undid: changing ‘Care’');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'update', rows: 4, label: 'Care', fields: ['amountPence'] })), names, 'millions')).toBe('Undid: changing Amount of 4 spend lines');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'insert', rows: 4, label: 'Pasted A' })), names, 'millions')).toBe('Undid: adding 4 spend lines');
    expect(undoWords('redo', step(part({ table: 'spend_line', op: 'delete', rows: 3, label: 'Care' })), names, 'millions')).toBe('Redid: deleting 3 spend lines');
    expect(undoWords('undo', step(part({ table: 'agency', op: 'insert', label: 'Durham Constabulary' })), names, 'millions')).toBe('Undid: adding agency ‘Durham Constabulary’');
    expect(undoWords('undo', step(part({ table: 'barrier', op: 'delete', label: 'Ring-fenced funding' })), names, 'millions')).toBe('Undid: deleting barrier ‘Ring-fenced funding’');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'bulk_insert', rows: 1_000_000 })), names, 'millions')).toBe('Undid: importing 1,000,000 spend lines');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'update', rows: 2, fields: ['amountPence'] }), part({ table: 'spend_line', op: 'insert', rows: 2 })), names, 'millions'))
      .toBe('Undid: changing 2 and adding 2 spend lines');
  });

  it('deleting agencies and themes says what happened to their spend lines', () => {
    const barrier = part({ table: 'barrier', op: 'update', label: 'Data sharing', fields: ['agencyIds'] });
    const prison = part({ table: 'agency', op: 'delete', label: 'HMP Birmingham' });
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'update', rows: 2, fields: ['agencyId'], changes: [{ field: 'agencyId', old: 'a9', new: 'a1' }] }), barrier, prison), names, 'millions'))
      .toBe('Undid: deleting agency ‘HMP Birmingham’ and moving its 2 spend lines');
    expect(undoWords('redo', step(part({ table: 'spend_line', op: 'delete', rows: 2, label: 'Custody' }), barrier, prison), names, 'millions'))
      .toBe('Redid: deleting agency ‘HMP Birmingham’ and its 2 spend lines');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'delete', rows: 5 }), part({ table: 'agency', op: 'delete', rows: 2, label: 'A' })), names, 'millions'))
      .toBe('Undid: deleting 2 agencies and their 5 spend lines');
    expect(undoWords('undo', step(part({ table: 'agency', op: 'delete', label: 'Unused' })), names, 'millions')).toBe('Undid: deleting agency ‘Unused’');
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'update', rows: 3, fields: ['themeId'], changes: [{ field: 'themeId', old: 't1', new: null }] }), part({ table: 'theme', op: 'delete', label: 'Older people' })), names, 'millions'))
      .toBe('Undid: deleting theme ‘Older people’ and leaving its 3 spend lines unallocated');
  });

  it('long labels are cut short; an empty stack says so', () => {
    const long = 'A very long description of a spend line that someone pasted from a return, with every detail';
    expect(undoWords('undo', step(part({ table: 'spend_line', op: 'insert', label: long })), names, 'millions')).toMatch(/^Undid: adding spend line ‘A very long .{30,60}…’$/);
    expect(undoWords('undo', null, names, 'millions')).toBe('There is nothing to undo.');
    expect(undoWords('redo', null, names, 'millions')).toBe('There is nothing to redo.');
  });
});
