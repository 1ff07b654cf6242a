/** Near matches for a name that is not in the workbook: "did you mean …?". */
import { describe, expect, it } from 'vitest';
import { MIN_NEAR_SCORE, nameKey, nearMatches } from '../../shared/near';

const agencies = [
  'Wyre Vale District Council', 'Wyre Forest District Council', 'Kent County Council', 'Kent Police', 'Kent Fire and Rescue Service',
  'Worcestershire Acute Hospitals NHS Trust', 'Worcestershire County Council', 'Worcestershire Primary Care Trust', 'St Helens Council',
  'Hereford & Worcester Fire and Rescue Service', 'West Mercia Constabulary', 'Jobcentre Plus', 'Redditch Borough Council',
  'Department for Work and Pensions', 'The Sandwell Metropolitan Borough Council', 'London Borough of Camden',
].map((name, i) => ({ id: `a${i}`, name }));

const best = (name: string) => nearMatches(name, agencies)[0];

describe('nearMatches', () => {
  it.each([
    // The example.
    ['Wyre Vale DC', 'Wyre Vale District Council'],
    ['wyre vale d.c.', 'Wyre Vale District Council'],
    ['Kent CC', 'Kent County Council'],
    ['Redditch BC', 'Redditch Borough Council'],
    ['Sandwell MBC', 'The Sandwell Metropolitan Borough Council'],
    ['Worcestershire PCT', 'Worcestershire Primary Care Trust'],
    ['West Mercia Constab.', 'West Mercia Constabulary'],
    ['Saint Helens', 'St Helens Council'],
    ['Dept for Work & Pensions', 'Department for Work and Pensions'],
    ['Hereford and Worcester Fire & Rescue Service', 'Hereford & Worcester Fire and Rescue Service'],
  ])('%j is the same name as %j', (typed, name) => {
    expect(best(typed)).toMatchObject({ name, score: 1 });
  });

  it.each([
    ['Kent Polce', 'Kent Police'],
    ['Worcs Acute Hosp NHS Trust', 'Worcestershire Acute Hospitals NHS Trust'],
    ['Jobcentre', 'Jobcentre Plus'],
    ['Wyre Vale', 'Wyre Vale District Council'],
    ['Camden LB', 'London Borough of Camden'],
  ])('%j is nearest to %j', (typed, name) => {
    const m = best(typed);
    expect(m?.name).toBe(name);
    expect(m!.score).toBeGreaterThanOrEqual(MIN_NEAR_SCORE);
    expect(m!.score).toBeLessThan(1);
  });

  it.each(['Nobody', 'Birmingham City Council', 'Sheriff', '', '   ', '&', 'the'])('%j is near nothing', (typed) => {
    expect(nearMatches(typed, agencies)).toEqual([]);
  });

  it('gives the best first, at most max, each with its id and a score', () => {
    const m = nearMatches('Kent', agencies);
    expect(m.map((x) => x.name)).toEqual(['Kent County Council', 'Kent Police', 'Kent Fire and Rescue Service']);
    expect(m[0]).toEqual({ id: 'a2', name: 'Kent County Council', score: expect.any(Number) });
    expect([...m].sort((a, b) => b.score - a.score)).toEqual(m);
    expect(nearMatches('Kent', agencies, 1)).toHaveLength(1);
    expect(nearMatches('Kent', agencies, 0)).toEqual([]);
    expect(nearMatches('Kent', [])).toEqual([]);
  });

  it('does not offer a different body that shares a place name', () => {
    expect(nearMatches('Kent Police', [{ id: 'x', name: 'Kent County Council' }])).toEqual([]);
  });

  it('puts names in one form', () => {
    expect(nameKey('The Wyre Vale D.C.')).toBe('wyre vale district');
    expect(nameKey('Kent Fire & Rescue')).toBe(nameKey('Kent Fire and Rescue'));
    expect(nameKey('St. Helens')).toBe(nameKey('Saint Helens'));
  });
});
