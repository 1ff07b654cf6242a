/** Pasting from Excel and LibreOffice, and copying back: the grid's clipboard rules, without a browser. */
import { describe, expect, it } from 'vitest';
import { parseBlock, planPaste, toHtml, toTsv } from '../../renderer/grids/clipboard';
import { FIELDS, fieldDisplay, fieldText, parseField, type Names } from '../../renderer/grids/fields';

const names: Names = {
  agencies: [{ id: 'a1', name: 'Kent County Council' }, { id: 'a2', name: 'Kent Police' }],
  themes: [{ id: 't1', name: 'Older people' }],
};
const spend = FIELDS.spend;
const col = (key: string) => spend.find((f) => f.key === key)!;

describe('a block copied from Excel', () => {
  it('handles CRLF line endings, a trailing empty line, and quoted cells with tabs and newlines', () => {
    const text = 'Kent Police\t"Patrol\tand response"\t£1,234,567.89\r\nKent County Council\t"Care\r\nhomes"\t(1,500.00)\r\n\r\n';
    expect(parseBlock(text)).toEqual([
      ['Kent Police', 'Patrol\tand response', '£1,234,567.89'],
      ['Kent County Council', 'Care\nhomes', '(1,500.00)'],
    ]);
  });

  it('parses UK money formats exactly', () => {
    for (const [text, pence] of [['£1,234,567.89', 123456789], ['2,000', 200000], ['(1,500.00)', -150000], [' 12 ', 1200], ['1.2m', 120000000]] as const) {
      expect(parseField(col('amountPence'), text, names)).toEqual({ ok: true, value: pence });
    }
  });

  it('plans updates of the rows below the focus and new rows after them', () => {
    const block = parseBlock('Kent Police\tPatrol\t"2,000"\r\nKent County Council\tCare\t£1,234,567.89\r\n');
    const plan = planPaste('spend', block, { rowIds: ['l1'], columns: spend, startsOnNewRow: false }, names);
    expect(plan).toEqual({
      ok: true,
      updates: [{ id: 'l1', agencyId: 'a2', description: 'Patrol', amountPence: 200000 }],
      creates: [{ agencyId: 'a1', description: 'Care', amountPence: 123456789 }],
    });
  });

  it('refuses the whole paste when any cell is bad, naming each cell and why', () => {
    const block = parseBlock('Kent Police\tPatrol\t£12abc\nNobody\tCare\t5\n\t\t7\n');
    const plan = planPaste('spend', block, { rowIds: [], columns: spend, startsOnNewRow: true }, names);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toEqual([
      { row: 1, column: 'Amount', text: '£12abc', reason: expect.stringContaining('is not an amount') },
      { row: 2, column: 'Agency', text: 'Nobody', reason: expect.stringContaining('no agency called “Nobody”') },
      { row: 3, column: 'Agency', text: '', reason: 'Agency is required' },
      { row: 3, column: 'Service', text: '', reason: 'Service is required' },
    ]);
  });

  it('refuses a block wider than the columns to the right of the focus', () => {
    const plan = planPaste('agency', [['a', 'b', 'c', 'd', 'e']], { rowIds: [], columns: FIELDS.agency.slice(2), startsOnNewRow: true }, names);
    expect(plan).toMatchObject({ ok: false, problems: [{ reason: expect.stringContaining('5 columns wide') }] });
  });

  it('takes enumerations by label or key, themes by name or “Unallocated”, and yes/no', () => {
    expect(parseField(col('function'), 'social protection', names)).toEqual({ ok: true, value: 'social_protection' });
    expect(parseField(col('confidence'), 'HIGH', names)).toEqual({ ok: true, value: 'high' });
    expect(parseField(col('themeId'), 'older  people', names)).toEqual({ ok: true, value: 't1' });
    expect(parseField(col('themeId'), 'Unallocated', names)).toEqual({ ok: true, value: null });
    expect(parseField(col('passedOn'), 'yes', names)).toEqual({ ok: true, value: true });
    expect(parseField(col('year'), '2009/10', names)).toEqual({ ok: true, value: 2009 });
    expect(parseField(FIELDS.barrier.find((f) => f.key === 'agencyIds')!, 'Kent Police; kent county council', names)).toEqual({ ok: true, value: ['a2', 'a1'] });
  });
});

describe('copying out', () => {
  it('writes exact pounds that paste back unchanged', () => {
    const row = { agencyId: 'a1', description: 'Care, "homes"', amountPence: -150005 };
    const cells = [fieldText(col('agencyId'), row.agencyId, names), fieldText(col('description'), row.description, names), fieldText(col('amountPence'), row.amountPence, names)];
    expect(cells).toEqual(['Kent County Council', 'Care, "homes"', '-1500.05']);
    const tsv = toTsv([cells]);
    expect(parseBlock(tsv)).toEqual([cells]);
    expect(parseField(col('amountPence'), cells[2]!, names)).toEqual({ ok: true, value: -150005 });
    expect(toHtml([['<b>x</b>']])).toBe('<table><tr><td>&lt;b&gt;x&lt;/b&gt;</td></tr></table>');
  });

  it('shows amounts in the display unit, negatives in brackets', () => {
    expect(fieldDisplay(col('amountPence'), -150_000_000, names, 'millions')).toBe('(1.5)');
    expect(fieldDisplay(col('amountPence'), 123456789, names, 'pounds')).toBe('1,234,567.89');
  });
});
