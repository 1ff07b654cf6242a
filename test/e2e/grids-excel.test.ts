/**
 * The grids as an Excel user works them (issue 9): the crash that blanked the window, the new-row
 * line, the footer, units when typing, "not stated", paste as people copy from Excel, messages beside
 * the new-row line, years as people write them, wide grids, Excel's keys and the words of empty grids.
 * Each test asserts what the user sees and what the file holds.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../electron/workbook/workbook';
import { formatInUnit } from '../../shared/money';
import type { Harness } from './harness';
import { body, editCell, entry, footer, paste, store } from './grid-helpers';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
let h: Harness | null = null;


async function sample(section: 'Agencies' | 'Spend' | 'Themes' | 'Barriers', size?: { width: number; height: number }): Promise<string> {
  h = await browser.start(size);
  await h.page.getByRole('button', { name: 'Open Sample Pilot' }).click();
  await h.page.getByRole('tab', { name: new RegExp(section) }).click();
  await h.page.locator('.ag-grid-scrolling-container .ag-row').first().waitFor();
  return h.session.workbook().path;
}

/** A new, empty workbook. */
async function fresh(name = 'Wyre pilot'): Promise<string> {
  h = await browser.start();
  h.answerDialog(h.file('count.totalplace'));
  await h.page.getByRole('button', { name: 'New Pilot Workbook…' }).click();
  await h.page.getByLabel('Pilot name').fill(name);
  await h.page.getByLabel('Pilot name').press('Enter');
  await h.page.getByRole('button', { name: 'Add the usual agencies' }).waitFor();
  return h.session.workbook().path;
}




const lineBy = (wb: Workbook, description: string) => wb.spend.page({ filter: { search: description }, limit: 50 }).rows.find((l) => l.description === description);
const allLines = (wb: Workbook) => wb.spend.page({ limit: 1000 }).rows;
const focusedCell = (page: Page) => page.evaluate(() => {
  const cell = document.activeElement?.closest('.ag-cell');
  return cell ? { row: cell.closest('.ag-row')?.getAttribute('row-id') ?? null, col: cell.getAttribute('col-id') } : null;
});

describe('a barrier’s agencies edited in the cell', () => {
  it('saves the change and the window stays whole (it went white: "t.map is not a function")', async () => {
    const file = await sample('Barriers');
    const page = h!.page;
    const barrier = store(file, (wb) => wb.barriers.list()[0]!);
    const extra = store(file, (wb) => wb.agencies.list().find((a) => !barrier.agencyIds.includes(a.id))!);
    await page.locator(body(barrier.id, 'agencyIds')).dblclick();
    await page.locator('.cell-checklist').getByLabel(extra.name).check();
    await page.keyboard.press('Enter');
    await expect.poll(() => store(file, (wb) => wb.barriers.get(barrier.id).agencyIds)).toContain(extra.id);
    await expect.poll(() => page.locator(body(barrier.id, 'agencyIds')).textContent()).toContain(extra.name);
    await expect(page.getByRole('tab', { name: /Barriers/ }).isVisible()).resolves.toBe(true);
    expect(h!.consoleErrors).toEqual([]);
  });

  it('a part that fails to draw says so in words, keeps the workbook open, and reloads', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const line = store(file, (wb) => wb.spend.page({ limit: 1 }).rows[0]!);
    // Break something the grid uses while drawing a message, as a bug would.
    await page.evaluate(() => {
      const w = window as unknown as { __escape: typeof CSS.escape };
      w.__escape = CSS.escape;
      CSS.escape = () => {
        throw new Error('injected fault');
      };
    });
    await editCell(page, body(line.id, 'amountPence'), 'twelve');
    const failed = page.getByRole('alert').filter({ hasText: 'could not be shown' });
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toMatch(/The Spend section could not be shown.*every change you made is saved.*injected fault/s);
    // The rest of the window still works: the panel, the tabs, the status line.
    await expect(page.getByTestId('total-spend').isVisible()).resolves.toBe(true);
    await expect(page.getByText('All changes saved').isVisible()).resolves.toBe(true);
    await page.evaluate(() => {
      CSS.escape = (window as unknown as { __escape: typeof CSS.escape }).__escape;
    });
    await failed.getByRole('button', { name: 'Reload the view' }).click();
    await page.locator(body(line.id, 'amountPence')).waitFor();
    expect(store(file, (wb) => wb.spend.get(line.id).amountPence)).toBe(line.amountPence);
    // React reports the caught fault on the console; that, and only that, was logged.
    expect(h!.consoleErrors.length).toBeGreaterThan(0);
    expect(h!.consoleErrors.every((e) => /injected fault|The above error occurred/.test(e))).toBe(true);
    h!.consoleErrors.length = 0;
  });
});

describe('the new-row line', () => {
  it('is saved when the user leaves it, with every choice made along it in that line', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const before = store(file, (wb) => wb.totals().lineCount);
    await page.getByRole('button', { name: 'Add spend line' }).click();
    const agency = page.getByRole('listbox', { name: 'Agency' });
    await agency.selectOption({ label: 'Jobcentre Plus' });
    await agency.press('Enter');
    // Enter moved along the line (not to the total row), so typing goes on in it.
    await expect.poll(() => focusedCell(page)).toEqual({ row: '__new__', col: 'description' });
    await page.keyboard.type('Work Programme (pilot area)');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12.5');
    await page.keyboard.press('Tab');
    // Agency, service and amount are filled in, but the user is still on the line: nothing is saved yet.
    expect(store(file, (wb) => wb.totals().lineCount)).toBe(before);
    await page.keyboard.type('Work');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Soc');
    await page.keyboard.press('Tab');
    expect(store(file, (wb) => wb.totals().lineCount)).toBe(before);
    // Leaving the row saves it.
    await page.locator('.ag-grid-scrolling-container .ag-row[row-index="0"] .ag-cell[col-id="description"]').click();
    await expect.poll(() => store(file, (wb) => wb.totals().lineCount)).toBe(before + 1);
    const line = store(file, (wb) => lineBy(wb, 'Work Programme (pilot area)'))!;
    const work = store(file, (wb) => wb.themes.list().find((t) => t.name === 'Worklessness')!);
    expect(line).toMatchObject({ amountPence: 1_250_000_000, themeId: work.id, function: 'social_protection' });
    // The new-row line is empty again: nothing is carried into the next line.
    await expect(page.locator(entry('themeId')).textContent()).resolves.toBe('');
    await expect(page.locator(entry('function')).textContent()).resolves.toBe('');
  });

  it('Tab past the last cell saves the line and starts the next; Ctrl+Enter saves too', async () => {
    const file = await sample('Themes');
    const page = h!.page;
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.keyboard.type('Mental health');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await page.keyboard.type('4,200');
    await page.keyboard.press('Tab');
    await expect.poll(() => store(file, (wb) => wb.themes.list().find((t) => t.name === 'Mental health')?.cohortSize)).toBe(4200);
    await expect.poll(() => focusedCell(page)).toEqual({ row: '__new__', col: 'name' });
    await page.keyboard.type('Housing');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => store(file, (wb) => wb.themes.list().map((t) => t.name))).toContain('Housing');
  });

  it('never loses what is typed the moment focus arrives (five lines typed with no pause)', async () => {
    const file = await sample('Themes');
    const page = h!.page;
    const last = store(file, (wb) => wb.themes.list().at(-1)!);
    await page.locator(body(last.id, 'name')).click();
    await page.keyboard.press('Enter');
    await page.locator('.cell-input').fill('Worklessness and skills');
    await page.keyboard.press('Enter');
    const names = ['Housing', 'Assets', 'Mental health', 'Families', 'Transport'];
    for (const n of names) {
      await page.keyboard.type(n);
      await page.keyboard.press('Control+Enter');
    }
    await expect.poll(() => store(file, (wb) => wb.themes.list().map((t) => t.name))).toEqual(expect.arrayContaining(['Worklessness and skills', ...names]));
    expect(store(file, (wb) => wb.themes.list().length)).toBe(5 + names.length);
  });

  it('keeps a refused value in the cell for correction, with the message in view', async () => {
    const file = await sample('Agencies');
    const page = h!.page;
    await page.getByRole('button', { name: 'Add agency' }).click();
    const long = 'A'.repeat(300);
    await page.locator('.cell-input').fill(long);
    await page.keyboard.press('Control+Enter');
    const message = page.locator('.cell-message');
    await message.getByText(/too long/).waitFor();
    // In view: inside the window, not cut off below the grid.
    const box = (await message.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    await h!.screenshot('40-refused-name-kept');
    // The 300 characters are back in the cell, ready to be shortened.
    await expect.poll(() => page.locator('.cell-input').inputValue()).toBe(long);
    await page.locator('.cell-input').fill('Wyre Vale District Council');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => store(file, (wb) => wb.agencies.list().map((a) => a.name))).toContain('Wyre Vale District Council');
  });
});

describe('the footer and the sums', () => {
  it('follow every edit and filter at once, and say what they sum', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    await page.getByRole('radio', { name: '£m' }).click();
    const jcp = store(file, (wb) => wb.agencies.list().find((a) => a.name === 'Jobcentre Plus')!);
    await page.locator('#filter-agency').selectOption({ label: 'Jobcentre Plus' });
    await page.getByText('4 lines matching (gross)').waitFor();
    await expect.poll(() => page.locator(footer('amountPence')).textContent()).toBe('699.0');
    const line = store(file, (wb) => wb.spend.page({ filter: { agencyIds: [jcp.id] }, limit: 1 }).rows[0]!);
    await editCell(page, body(line.id, 'amountPence'), String((line.amountPence + 10_000_000_000) / 100_000_000));
    await expect.poll(() => page.locator(footer('amountPence')).textContent()).toBe('799.0');
    const summary = page.getByTestId('spend-summary');
    await expect(summary.textContent()).resolves.toMatch(/4 lines matching: £799\.0m as listed \(gross\)/);
    await page.locator('#filter-agency').selectOption({ label: 'All agencies' });
    const t = store(file, (wb) => wb.totals());
    const gross = t.totalPence + t.nettedPence;
    await expect.poll(() => page.locator(footer('amountPence')).textContent()).toBe(formatInUnit(gross, 'millions'));
    // The panel's total is net of money passed between agencies; the sums say so, and by how much.
    expect(t.nettedLines).toBeGreaterThan(0);
    await expect(summary.textContent()).resolves.toMatch(/is passed on to another agency in this count/);
    await expect(summary.textContent()).resolves.toContain(`net £${formatInUnit(t.totalPence, 'millions')}m`);
    await expect(page.getByTestId('total-spend').textContent()).resolves.toBe(`£${formatInUnit(t.totalPence, 'millions')}m`);
  });
});

describe('units when typing', () => {
  it('reads a plain number in the unit the column shows, and £ as pounds', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    await page.getByRole('radio', { name: '£000' }).click();
    await page.locator('.ag-header-cell[col-id="amountPence"]').getByText('Amount (£000)').waitFor();
    const [a, b] = store(file, (wb) => wb.spend.page({ limit: 2 }).rows);
    await page.locator(body(a!.id, 'amountPence')).dblclick();
    await expect(page.locator('.cell-unit').textContent()).resolves.toBe('£000');
    await page.locator('.cell-input').fill('4,250');
    await page.locator('.cell-input').press('Enter');
    await expect.poll(() => store(file, (wb) => wb.spend.get(a!.id).amountPence)).toBe(425_000_000);
    await expect.poll(() => page.locator(body(a!.id, 'amountPence')).textContent()).toBe('4,250');
    await editCell(page, body(b!.id, 'amountPence'), '£4,250');
    await expect.poll(() => store(file, (wb) => wb.spend.get(b!.id).amountPence)).toBe(425_000);
    // Opening the cell again shows the exact amount in £000, and saving it unchanged changes nothing.
    await page.locator(body(b!.id, 'amountPence')).dblclick();
    await expect(page.locator('.cell-input').inputValue()).resolves.toBe('4.25');
    await page.keyboard.press('Enter');
    expect(store(file, (wb) => wb.spend.get(b!.id).amountPence)).toBe(425_000);
  });

  it('asks which unit a pasted block of plain numbers is in', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    await paste(page, entry('agencyId'), 'Jobcentre Plus\tPasted in thousands\t1,500\r\n');
    const dialog = page.getByRole('dialog', { name: 'Which unit are these amounts in?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Thousands of pounds (£000)' }).click();
    await expect.poll(() => store(file, (wb) => lineBy(wb, 'Pasted in thousands')?.amountPence)).toBe(150_000_000);
  });
});

describe('nothing saved as a fact nobody stated', () => {
  it('a pasted line and a typed agency are "not stated", in the grid, the file and the panel', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    await paste(page, entry('agencyId'), 'Jobcentre Plus\tFlexible New Deal\t£2,000,000\r\n');
    await expect.poll(() => store(file, (wb) => lineBy(wb, 'Flexible New Deal'))).toMatchObject({
      function: 'not_stated', kind: 'not_stated', delivery: 'not_stated', funding: 'not_stated', purpose: 'not_stated', source: 'not_stated', confidence: 'not_stated',
    });
    const line = store(file, (wb) => lineBy(wb, 'Flexible New Deal')!);
    await page.getByLabel('Search this section').fill('Flexible New Deal');
    await page.getByText('1 line matching (gross)').waitFor();
    await expect.poll(() => page.locator(body(line.id, 'function')).textContent()).toBe('Not stated');
    await expect(page.locator(body(line.id, 'purpose')).getAttribute('class')).resolves.toContain('not-stated');
    await expect(page.locator('.panel').textContent()).resolves.toMatch(/not stated/i);
    await page.getByRole('tab', { name: /Agencies/ }).click();
    await page.getByRole('button', { name: 'Add agency' }).click();
    await page.locator('.cell-input').fill('Wyre Vale District Council');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => store(file, (wb) => wb.agencies.list().find((a) => a.name === 'Wyre Vale District Council'))).toMatchObject({ type: 'not_stated', tier: 'not_stated', control: 'not_stated' });
  });
});

describe('paste as people copy from Excel', () => {
  it('uses a header row copied along, its unit, and common names for choices', async () => {
    const file = await sample('Agencies');
    const page = h!.page;
    await paste(page, entry('name'), 'Agency\tType\tControl\r\nSandwell and West Birmingham Hospitals\tHospital trust\tCentral\r\nBirmingham Probation\tProbation trust\tCentral\r\nSolihull JCP\tJobcentre Plus\tCentral\r\n');
    await expect.poll(() => store(file, (wb) => wb.agencies.list().filter((a) => ['Sandwell and West Birmingham Hospitals', 'Birmingham Probation', 'Solihull JCP'].includes(a.name)).map((a) => [a.name, a.type, a.control]))).toEqual([
      ['Sandwell and West Birmingham Hospitals', 'nhs_trust', 'central'],
      ['Birmingham Probation', 'probation', 'central'],
      ['Solihull JCP', 'jobcentre_plus_dwp', 'central'],
    ]);
    expect(store(file, (wb) => wb.agencies.list().some((a) => a.name === 'Agency'))).toBe(false);
    await page.getByRole('tab', { name: /Spend/ }).click();
    await page.locator('.ag-grid-scrolling-container .ag-row').first().waitFor();
    await paste(page, entry('agencyId'), 'Agency\tService\tAmount (£000)\tPassed on\r\nSolihull JCP\tNew Deal for Young People\t2,500\tN\r\n');
    await expect.poll(() => store(file, (wb) => lineBy(wb, 'New Deal for Young People'))).toMatchObject({ amountPence: 250_000_000, passedOn: false });
  });

  it('offers to add an unknown agency, with a near match', async () => {
    const file = await fresh();
    const page = h!.page;
    await page.getByRole('tab', { name: /Agencies/ }).click();
    await paste(page, entry('name'), 'Wyre Vale District Council\r\n');
    await expect.poll(() => store(file, (wb) => wb.agencies.list().length)).toBe(1);
    await page.getByRole('tab', { name: /Spend/ }).click();
    await paste(page, entry('agencyId'), 'Wyre Vale DC\tPlanning\t£120,000\r\nWyre Vale DC\tParks\t£80,000\r\nWyre Forest Health\tCommunity nursing\t£300,000\r\n');
    const dialog = page.getByRole('dialog', { name: '2 agencies are not in this workbook yet' });
    await dialog.waitFor();
    await h!.screenshot('41-unknown-agencies');
    await expect(dialog.getByLabel('Use “Wyre Vale District Council”').isChecked()).resolves.toBe(true);
    await dialog.getByLabel('Add “Wyre Forest Health” as a new agency').check();
    await dialog.getByRole('button', { name: 'Paste the lines' }).click();
    await expect.poll(() => store(file, (wb) => allLines(wb).length)).toBe(3);
    const [council, health] = store(file, (wb) => ['Wyre Vale District Council', 'Wyre Forest Health'].map((n) => wb.agencies.list().find((a) => a.name === n)!));
    expect(store(file, (wb) => allLines(wb).map((l) => [l.description, l.agencyId]).sort())).toEqual([
      ['Community nursing', health!.id], ['Parks', council!.id], ['Planning', council!.id],
    ]);
  });

  it('a refusal lists each bad value once, with the choices once', async () => {
    const file = await sample('Agencies');
    const page = h!.page;
    const revision = store(file, (wb) => wb.info().revision);
    await paste(page, entry('name'), 'One\tHopsital\r\nTwo\tHopsital\r\nThree\tHopsital\r\n');
    const dialog = page.getByRole('alertdialog', { name: 'Nothing was pasted' });
    await dialog.waitFor();
    const text = (await dialog.textContent())!;
    expect(text.match(/Hopsital/g)).toHaveLength(1);
    expect(text).toMatch(/rows 1, 2, 3/);
    expect(text.match(/County council/g)).toHaveLength(1);
    await h!.screenshot('42-paste-refused-grouped');
    expect(store(file, (wb) => wb.info().revision)).toBe(revision);
    await dialog.getByRole('button', { name: 'OK' }).click();
  });
});

describe('years as people write them', () => {
  it('reads 2008/9, 08/09, 2008-9 and 2008 as 2008-09, and flags another year', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const rows = store(file, (wb) => wb.spend.page({ limit: 4 }).rows);
    const written = ['2008/9', '08/09', '2008-9', '2008'];
    for (const [i, w] of written.entries()) {
      await editCell(page, body(rows[i]!.id, 'year'), '2007-08');
      await expect.poll(() => store(file, (wb) => wb.spend.get(rows[i]!.id).year)).toBe(2007);
      await editCell(page, body(rows[i]!.id, 'year'), w);
      await expect.poll(() => store(file, (wb) => wb.spend.get(rows[i]!.id).year)).toBe(2008);
    }
    await editCell(page, body(rows[0]!.id, 'year'), '07/08');
    await expect.poll(() => page.locator(body(rows[0]!.id, 'year')).getAttribute('class')).toContain('flag-year');
    await expect(page.locator(body(rows[1]!.id, 'year')).getAttribute('class')).resolves.not.toContain('flag-year');
    await page.getByRole('tab', { name: 'Pilot' }).click();
    await page.getByLabel('Year counted').fill('09/10');
    await page.getByLabel('Year counted').press('Enter');
    await expect.poll(() => store(file, (wb) => wb.pilot.get().countYear)).toBe(2009);
  });
});

describe('wide grids and the keys', () => {
  it('keeps the first columns in view, fits columns to contents, and the filters on one line at 1360 px', async () => {
    await sample('Spend', { width: 1360, height: 860 });
    const page = h!.page;
    const pinned = (col: string) => page.locator(`.ag-grid-scrolling-container .ag-row[row-index="0"] .ag-grid-pinned-left-cells .ag-cell[col-id="${col}"]`);
    await expect(pinned('agencyId').isVisible()).resolves.toBe(true);
    await expect(pinned('description').isVisible()).resolves.toBe(true);
    // Go to the last column with End, as in Excel: the grid scrolls right, the agency and service stay.
    await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="amountPence"]').first().click();
    await page.keyboard.press('End');
    await expect.poll(async () => (await focusedCell(page))?.col).toBe('notes');
    await h!.screenshot('43-spend-1360-scrolled-right');
    const notes = (await page.locator('.ag-header-cell[col-id="notes"]').boundingBox())!;
    const agency = (await page.locator('.ag-header-cell[col-id="agencyId"]').boundingBox())!;
    const grid = (await page.locator('.sheet').boundingBox())!;
    expect(notes.x).toBeGreaterThan(agency.x + agency.width);
    expect(notes.x + notes.width).toBeLessThanOrEqual(grid.x + grid.width + 1);
    expect(agency.x).toBeGreaterThanOrEqual(grid.x);
    // Columns fit their contents: the service column is wide enough for "Schools (Dedicated …" to start, and not the 240 px default for all.
    const widths = await page.locator('.ag-header-cell').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('col-id'), Math.round(e.getBoundingClientRect().width)])));
    expect(widths.year).toBeLessThan(130);
    expect(widths.notes).toBeGreaterThan(200);
    const filters = (await page.locator('.filters').boundingBox())!;
    expect(filters.height).toBeLessThan(60);
    await h!.screenshot('43-spend-1360-scrolled-right');
  });

  it('Tab from the toolbar lands on a cell, not on 29 column headers', async () => {
    await sample('Barriers');
    const page = h!.page;
    await page.getByRole('button', { name: 'Add barrier' }).focus();
    const first = store(h!.session.workbook().path, (wb) => wb.barriers.list()[0]!);
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedCell(page)).toEqual({ row: first.id, col: 'title' });
    // Tab goes on along the row, cell by cell, as in Excel.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedCell(page)).toEqual({ row: first.id, col: 'category' });
    // The headers are one ↑ away, and Tab from a header goes back down to the cells.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-header-cell')?.getAttribute('col-id') ?? null)).toBe('title');
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await focusedCell(page))?.row).toBe(first.id);
  });

  it('Alt+Enter and Shift+Enter start a new line in a text cell', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const line = store(file, (wb) => wb.spend.page({ limit: 1 }).rows[0]!);
    await page.locator(body(line.id, 'description')).click();
    for (let i = 0; i < 20 && (await focusedCell(page))?.col !== 'notes'; i++) await page.keyboard.press('Tab');
    expect(await focusedCell(page)).toEqual({ row: line.id, col: 'notes' });
    await page.keyboard.press('F2');
    const box = page.locator('.cell-textarea');
    await box.fill('First line');
    await box.press('Alt+Enter');
    await page.keyboard.type('Second line');
    await box.press('Shift+Enter');
    await page.keyboard.type('Third line');
    await box.press('Enter');
    await expect.poll(() => store(file, (wb) => wb.spend.get(line.id).notes)).toBe('First line\nSecond line\nThird line');
  });
});

describe('words', () => {
  it('an empty Spend grid says there are no spend lines yet; a small amount is never 0.0', async () => {
    const file = await fresh();
    const page = h!.page;
    await page.getByRole('button', { name: 'Add the usual agencies' }).click();
    await page.getByRole('tab', { name: /Spend/ }).click();
    await page.getByText('No spend lines yet').waitFor();
    await expect(page.getByText('No rows match').count()).resolves.toBe(0);
    await paste(page, entry('agencyId'), 'Jobcentre Plus\tAdviser training\t£25,000\r\n');
    const line = await expect.poll(() => store(file, (wb) => lineBy(wb, 'Adviser training'))).toBeTruthy().then(() => store(file, (wb) => lineBy(wb, 'Adviser training')!));
    await expect.poll(() => page.locator(body(line.id, 'amountPence')).textContent()).toBe('< 0.1');
  });
});

describe('a small count built from scratch, as a pilot lead would', () => {
  it('lands every value where it was typed or pasted, and the sums and the panel agree', async () => {
    const file = await fresh('Wyre pilot');
    const page = h!.page;
    await page.getByRole('button', { name: 'Add the usual agencies' }).click();
    await expect.poll(() => store(file, (wb) => wb.agencies.list().length)).toBe(11);

    // Three themes, typed along the new-row line with Tab.
    await page.getByRole('tab', { name: /Themes/ }).click();
    for (const [name, cohort] of [['Older people', '21,000'], ['Drugs and alcohol', '1,800'], ['Worklessness', '6,400']] as const) {
      await page.getByRole('button', { name: 'Add theme' }).click();
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await page.keyboard.type('Peo');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type(cohort);
      await page.keyboard.press('Tab');
      await expect.poll(() => store(file, (wb) => wb.themes.list().find((t) => t.name === name))).toMatchObject({ category: 'people', cohortSize: Number(cohort.replace(',', '')) });
    }

    // A block pasted from Excel with its header row, in £000.
    await page.getByRole('tab', { name: /Spend/ }).click();
    await paste(page, entry('agencyId'), [
      'Agency\tService\tAmount (£000)\tTheme\tFunction',
      'County or unitary council\tAdult social care\t120,000\tOlder people\tSocial care',
      'Primary care trust\tCommunity health services\t85,500\tOlder people\tHealth',
      'Police authority\tDrug-related crime\t4,200\tDrugs and alcohol\tPolice',
      'Jobcentre Plus\tJobseeker’s Allowance\t31,750\tWorklessness\tBenefits',
    ].join('\r\n'));
    await expect.poll(() => store(file, (wb) => allLines(wb).length)).toBe(4);
    const themes = store(file, (wb) => Object.fromEntries(wb.themes.list().map((t) => [t.name, t.id])));
    const agencies = store(file, (wb) => Object.fromEntries(wb.agencies.list().map((a) => [a.name, a.id])));
    expect(store(file, (wb) => lineBy(wb, 'Adult social care'))).toMatchObject({ agencyId: agencies['County or unitary council'], amountPence: 12_000_000_000, themeId: themes['Older people'], function: 'social_protection', kind: 'not_stated' });
    expect(store(file, (wb) => lineBy(wb, 'Drug-related crime'))).toMatchObject({ amountPence: 420_000_000, function: 'public_order_safety' });

    // A line typed with Tab through every field.
    await page.getByRole('button', { name: 'Add spend line' }).click();
    const steps: [string, 'type' | 'choose'][] = [
      ['District councils', 'choose'], ['Housing benefit administration', 'type'], ['2.3', 'type'], ['Worklessness', 'choose'],
      ['Social protection', 'choose'], ['2008/9', 'type'], ['Yes', 'choose'], ['Revenue', 'choose'], ['Administration', 'choose'],
      ['Formula grant', 'choose'], ['Prevention', 'choose'], ['Estimate', 'choose'], ['Low', 'choose'], ['Paid to the county for joint working', 'type'],
    ];
    for (const [value, how] of steps) {
      if (how === 'choose') {
        const list = page.locator('select.cell-list');
        await list.waitFor();
        await list.selectOption({ label: value });
      } else {
        await expect.poll(() => page.locator('.cell-input, .cell-textarea').count()).toBe(1);
        await page.keyboard.type(value);
      }
      await page.keyboard.press('Tab');
    }
    await expect.poll(() => store(file, (wb) => lineBy(wb, 'Housing benefit administration'))).toMatchObject({
      agencyId: agencies['District councils'], amountPence: 230_000_000, themeId: themes.Worklessness, function: 'social_protection', year: 2008,
      passedOn: true, kind: 'revenue', delivery: 'administration', funding: 'formula_grant', purpose: 'prevention', source: 'estimate', confidence: 'low',
      notes: 'Paid to the county for joint working',
    });
    await page.keyboard.press('Escape');

    // The sums under the grid and the panel agree: gross as listed, net in the panel.
    const t = store(file, (wb) => wb.totals());
    expect(t.totalPence).toBe(12_000_000_000 + 8_550_000_000 + 420_000_000 + 3_175_000_000);
    expect(t.nettedPence).toBe(230_000_000);
    await expect.poll(() => page.locator(footer('amountPence')).textContent()).toBe(formatInUnit(t.totalPence + t.nettedPence, 'millions'));
    await expect.poll(() => page.getByTestId('total-spend').getAttribute('data-pence')).toBe(String(t.totalPence));
    await expect(page.getByTestId('spend-summary').textContent()).resolves.toContain(`net £${formatInUnit(t.totalPence, 'millions')}m`);

    // A barrier, whose agencies are edited in the cell.
    await page.getByRole('tab', { name: /Barriers/ }).click();
    await page.getByRole('button', { name: 'Add barrier' }).click();
    await page.keyboard.type('Separate funding streams for older people’s care');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => store(file, (wb) => wb.barriers.list().length)).toBe(1);
    const barrier = store(file, (wb) => wb.barriers.list()[0]!);
    expect(barrier).toMatchObject({ category: 'not_stated', resolution: 'not_stated', severity: 'not_stated', status: 'identified' });
    await page.locator(body(barrier.id, 'agencyIds')).dblclick();
    await page.locator('.cell-checklist').getByLabel('Primary care trust').check();
    await page.locator('.cell-checklist').getByLabel('County or unitary council').check();
    await page.keyboard.press('Enter');
    await expect.poll(() => store(file, (wb) => wb.barriers.get(barrier.id).agencyIds.sort())).toEqual([agencies['Primary care trust'], agencies['County or unitary council']].sort());
    await expect.poll(() => page.locator(body(barrier.id, 'agencyIds')).textContent()).toMatch(/Primary care trust/);
    await h!.screenshot('44-from-scratch-barriers');

    // The district councils turn out to be counted in the county's return: delete them, moving their line.
    await page.getByRole('tab', { name: /Agencies/ }).click();
    await page.locator(`.ag-row[row-id="${agencies['District councils']}"] input[type="checkbox"]`).check();
    await page.getByRole('button', { name: 'Delete 1' }).click();
    const dialog = page.getByRole('dialog', { name: /“District councils” has 1 spend line/ });
    await dialog.waitFor();
    await dialog.getByLabel('Move them to agency').selectOption({ label: 'County or unitary council' });
    await dialog.getByRole('button', { name: 'Move them and delete' }).click();
    await page.getByText('Deleted 1 agency and moved').waitFor();
    expect(store(file, (wb) => lineBy(wb, 'Housing benefit administration')!.agencyId)).toBe(agencies['County or unitary council']);
    expect(store(file, (wb) => wb.totals())).toMatchObject({ totalPence: t.totalPence, nettedPence: t.nettedPence, agencyCount: 10 });
    await expect.poll(() => page.getByTestId('total-spend').getAttribute('data-pence')).toBe(String(t.totalPence));
  });
});
