/** Each column's rules: typed text to a value and back, in the unit the grid shows; never a throw. */
import { describe, expect, it } from 'vitest';
import { FIELDS, fieldChoicesText, fieldDisplay, fieldEditText, fieldText, parseField, type FieldSpec, type Names } from '../../renderer/grids/fields';
import { AGENCY_TYPES } from '../../shared/enums';

const names: Names = {
  agencies: [
    { id: '0b6f4c1e-8a54-4c11-9d39-1a2b3c4d5e6f', name: 'Kent County Council' },
    { id: 'a2', name: 'Kent Police' },
    { id: 'a3', name: 'Wyre Vale District Council' },
  ],
  themes: [{ id: 't1', name: 'Older people' }],
};
const field = (table: keyof typeof FIELDS, key: string): FieldSpec => FIELDS[table].find((f) => f.key === key)!;
const amount = field('spend', 'amountPence');

describe('parseField', () => {
  it.each([
    // The example: 4,250 typed in a column headed "Amount (£000)" is £4,250,000.
    ['4,250', 'thousands', 425_000_000],
    ['4,250', 'pounds', 425_000],
    ['£4,250', 'thousands', 425_000],
    ['4.25m', 'thousands', 425_000_000],
    ['1.23456789', 'millions', 123_456_789],
    ['(1.5)', 'millions', -150_000_000],
  ] as const)('an amount %j in %s is %i pence', (text, unit, pence) => {
    expect(parseField(amount, text, names, unit)).toEqual({ ok: true, value: pence });
  });

  it('reads amounts in pounds when no unit is given', () => {
    expect(parseField(amount, '4,250', names)).toEqual({ ok: true, value: 425_000 });
  });

  it('refuses an amount more precise than a penny, in words', () => {
    expect(parseField(amount, '1.234567891', names, 'millions')).toEqual({ ok: false, reason: expect.stringContaining('more precise than a penny') });
  });

  it.each([
    ['agency', 'type', 'Hospital trust', 'nhs_trust'],
    ['agency', 'type', 'Jobcentre Plus', 'jobcentre_plus_dwp'],
    ['agency', 'type', 'Probation trust', 'probation'],
    ['agency', 'control', 'Local', 'local'],
    ['agency', 'tier', 'Local', 'local'],
    ['spend', 'funding', 'RSG', 'formula_grant'],
    ['spend', 'passedOn', 'Y', true],
    ['spend', 'passedOn', 'N', false],
    ['spend', 'passedOn', 'x', true],
    ['spend', 'passedOn', 'passed on', true],
    ['spend', 'year', '2008/9', 2008],
    ['spend', 'year', '08/09', 2008],
  ] as const)('%s %s: %j is %j', (table, key, text, value) => {
    expect(parseField(field(table, key), text, names)).toEqual({ ok: true, value });
  });

  it('refuses a choice in a few words, with the choices apart', () => {
    expect(parseField(field('agency', 'type'), 'Hopsital', names)).toEqual({ ok: false, reason: '“Hopsital” is not a Type', choices: AGENCY_TYPES.map((i) => i.label) });
    expect(parseField(field('spend', 'kind'), 'Both', names)).toMatchObject({ ok: false, reason: '“Both” is not a choice for Revenue / capital' });
    expect(parseField(field('spend', 'passedOn'), 'maybe', names)).toEqual({ ok: false, reason: '“maybe” is not Yes or No', choices: ['Yes', 'No'] });
  });

  it('takes agencies and themes by exact name (any case or spacing), and says which names are near', () => {
    expect(parseField(field('spend', 'agencyId'), '  kent   POLICE ', names)).toEqual({ ok: true, value: 'a2' });
    const r = parseField(field('spend', 'agencyId'), 'Wyre Vale DC', names);
    expect(r).toEqual({
      ok: false,
      reason: 'There is no agency called “Wyre Vale DC”. Did you mean “Wyre Vale District Council”?',
      unknownName: 'Wyre Vale DC',
      near: [{ id: 'a3', name: 'Wyre Vale District Council', score: 1 }],
    });
    expect(parseField(field('spend', 'agencyId'), 'Nobody', names)).toMatchObject({ ok: false, unknownName: 'Nobody', near: [], reason: expect.stringContaining('Add it first') });
    expect(parseField(field('spend', 'themeId'), 'Older peple', names)).toMatchObject({ ok: false, unknownName: 'Older peple', near: [{ id: 't1' }] });
  });

  it('uses the names the user chose for unknown agencies', () => {
    expect(parseField(field('spend', 'agencyId'), 'wyre vale dc', names, 'pounds', { 'Wyre Vale DC': 'a3' })).toEqual({ ok: true, value: 'a3' });
    expect(parseField(field('barrier', 'agencyIds'), 'Wyre Vale DC; Kent Police', names, 'pounds', { 'Wyre Vale DC': 'a3' })).toEqual({ ok: true, value: ['a3', 'a2'] });
  });

  it('gives the choices of a column compactly for a message', () => {
    expect(fieldChoicesText(field('agency', 'control'))).toBe('Locally controlled, Centrally controlled or Not stated');
    expect(fieldChoicesText(field('agency', 'type'))).toContain('choices; type a few letters');
    expect(fieldChoicesText(field('spend', 'passedOn'))).toBe('Yes or No');
  });
});

describe('fieldText and fieldDisplay never throw, whatever the grid hands them', () => {
  const odd: unknown[] = [undefined, null, '', 'Kent Police', 'Kent County Council; Kent Police', 42, -1, 1.5, NaN, true, false, [], ['a2', 7, null], { x: 1 }];
  const specs = Object.values(FIELDS).flat();
  it.each(specs.map((s) => [s.header, s] as const))('%s', (_h, spec) => {
    for (const v of odd) {
      for (const unit of ['pounds', 'thousands', 'millions'] as const) {
        expect(typeof fieldText(spec, v, names, unit)).toBe('string');
        expect(typeof fieldDisplay(spec, v, names, unit)).toBe('string');
        expect(typeof fieldEditText(spec, v, names, unit)).toBe('string');
      }
    }
  });

  it('shows an editor’s pending text as what it would save, or as itself', () => {
    // AG Grid with readOnlyEdit shows the pending text in the cell a moment: this used to blank the window.
    expect(fieldText(field('barrier', 'agencyIds'), 'kent police; Kent County Council', names)).toBe('Kent Police; Kent County Council');
    expect(fieldDisplay(field('barrier', 'agencyIds'), 'Kent Police; Nobody', names, 'pounds')).toBe('Kent Police, Nobody');
    expect(fieldDisplay(amount, '4,250', names, 'thousands')).toBe('4,250');
    expect(fieldDisplay(amount, '4.25m', names, 'thousands')).toBe('4,250');
    expect(fieldDisplay(amount, 'lots', names, 'thousands')).toBe('lots');
    expect(fieldText(amount, '4,250', names, 'thousands')).toBe('4250000.00');
    expect(fieldDisplay(field('agency', 'type'), 'Hospital trust', names, 'pounds')).toBe('NHS trust');
    expect(fieldDisplay(field('agency', 'type'), 'Hopsital', names, 'pounds')).toBe('Hopsital');
    expect(fieldDisplay(field('spend', 'passedOn'), 'Y', names, 'pounds')).toBe('Yes');
    expect(fieldDisplay(field('spend', 'year'), '2008/9', names, 'pounds')).toBe('2008-09');
    expect(fieldDisplay(field('spend', 'agencyId'), 'kent police', names, 'pounds')).toBe('Kent Police');
    expect(fieldDisplay(field('spend', 'agencyId'), 'Nobody', names, 'pounds')).toBe('Nobody');
  });

  it('shows values as before', () => {
    expect(fieldDisplay(field('barrier', 'agencyIds'), ['a2', '0b6f4c1e-8a54-4c11-9d39-1a2b3c4d5e6f'], names, 'pounds')).toBe('Kent Police, Kent County Council');
    expect(fieldText(field('spend', 'agencyId'), '0b6f4c1e-8a54-4c11-9d39-1a2b3c4d5e6f', names)).toBe('Kent County Council');
    // An id no longer in the workbook is shown as nothing, not as an id.
    expect(fieldText(field('spend', 'agencyId'), 'ffffffff-8a54-4c11-9d39-1a2b3c4d5e6f', names)).toBe('');
    expect(fieldText(field('spend', 'themeId'), null, names)).toBe('Unallocated');
    expect(fieldDisplay(field('theme', 'cohortSize'), 12500, names, 'pounds')).toBe('12,500');
    expect(fieldDisplay(amount, 1, names, 'millions')).toBe('< 0.1');
    expect(fieldDisplay(amount, 425_000_000, names, 'thousands')).toBe('4,250');
  });
});

describe('fieldEditText: what an editor opened on a value starts with', () => {
  it.each([
    [425_000_000, 'thousands', '4250'],
    [123_456_789, 'thousands', '1234.56789'],
    [123_456_789, 'millions', '1.23456789'],
    [123_456_789, 'pounds', '1234567.89'],
    [-150_000_000, 'millions', '-1.5'],
  ] as const)('an amount of %i pence in %s starts as %j, which saves the same amount', (pence, unit, text) => {
    expect(fieldEditText(amount, pence, names, unit)).toBe(text);
    expect(parseField(amount, text, names, unit)).toEqual({ ok: true, value: pence });
  });

  it('starts anything else as fieldText', () => {
    expect(fieldEditText(field('spend', 'year'), 2008, names, 'millions')).toBe('2008-09');
    expect(fieldEditText(field('agency', 'type'), 'nhs_trust', names, 'millions')).toBe('NHS trust');
    expect(fieldEditText(amount, null, names, 'millions')).toBe('');
  });
});
