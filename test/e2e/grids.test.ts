/** The grids as a spreadsheet user drives them: typing, pasting from Excel, undo, deletes, sorting and filtering — over a real file. */
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../electron/workbook/workbook';
import type { Harness } from './harness';
import { body, editCell, entry, footer, paste, store } from './grid-helpers';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
let h: Harness | null = null;

const tick = (id: string) => `.ag-row[row-id="${id}"] input[type="checkbox"]`;
const firstRow = (col: string) => `.ag-grid-scrolling-container .ag-row[row-index="0"] .ag-cell[col-id="${col}"]`;

/** Open the sample pilot and go to a section; returns the workbook's file path. */
async function sample(section: 'Agencies' | 'Spend' | 'Themes' | 'Barriers'): Promise<string> {
  h = await browser.start();
  await h.page.getByRole('button', { name: 'Open Sample Pilot' }).click();
  await h.page.getByRole('tab', { name: new RegExp(section) }).click();
  await h.page.locator('.ag-grid-scrolling-container .ag-row').first().waitFor();
  return h.session.workbook().path;
}




const lineBy = (wb: Workbook, description: string) => wb.spend.page({ filter: { search: description }, limit: 10 }).rows.find((l) => l.description === description);

describe('typing a spend line', () => {
  it('is saved when the line is finished, and reloads to the penny', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    await page.getByRole('button', { name: 'Add spend line' }).click();
    const list = page.getByRole('listbox', { name: 'Agency' });
    await list.waitFor();
    await list.selectOption({ label: 'Jobcentre Plus' });
    await list.press('Enter');
    await editCell(page, entry('description'), 'Flexible New Deal (pilot area)');
    // Ctrl+Enter before the amount is given: the line says what it still needs, and waits.
    await page.keyboard.press('Control+Enter');
    await page.locator('.cell-message').getByText('is not added yet: fill in Amount').waitFor();
    await page.locator(entry('amountPence')).dblclick();
    await page.locator('.cell-input').fill('£1,234,567.89');
    await page.keyboard.press('Control+Enter');
    await page.getByText('37 lines (gross)').waitFor();
    expect(store(file, (wb) => lineBy(wb, 'Flexible New Deal (pilot area)'))).toMatchObject({ amountPence: 123456789, year: 2008, themeId: null });
    await page.reload();
    await page.getByRole('tab', { name: /Spend/ }).click();
    await page.getByRole('radio', { name: '£', exact: true }).click();
    await page.getByLabel('Search this section').fill('Flexible New Deal');
    const id = store(file, (wb) => lineBy(wb, 'Flexible New Deal (pilot area)')!.id);
    await expect.poll(() => page.locator(body(id, 'amountPence')).textContent()).toBe('1,234,567.89');
    await page.getByText('1 line matching (gross)').waitFor();
  });

  it('refuses an amount that is not money, beside the cell, and saves nothing', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const line = store(file, (wb) => wb.spend.page({ limit: 1 }).rows[0]!);
    await editCell(page, body(line.id, 'amountPence'), '12 quid');
    await page.locator('.cell-message').getByText('is not an amount in £m').waitFor();
    await h!.screenshot('20-invalid-amount');
    expect(store(file, (wb) => wb.spend.get(line.id).amountPence)).toBe(line.amountPence);
    // Delete clears a cell that may be empty, and refuses one that is required.
    await page.locator(body(line.id, 'description')).click();
    await page.keyboard.press('Delete');
    await page.locator('.cell-message').getByText('Service is required').waitFor();
    await page.locator(body(line.id, 'notes')).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => store(file, (wb) => wb.spend.get(line.id).notes)).toBe('');
  });
});

describe('pasting from Excel', () => {
  // Amounts with a £ sign are pounds whatever the grid shows (plain numbers would be asked about).
  const block = 'Jobcentre Plus\tPasted A\t£1,234,567.89\r\nJobcentre Plus\tPasted B\t"£2,000"\r\nHMP Birmingham\tPasted C\t(£1,500.00)\r\nHMP Birmingham\tPasted D\t £12 \r\n';

  it('adds the lines with exact amounts, and one undo takes the whole paste away', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const before = store(file, (wb) => wb.totals());
    await paste(page, entry('agencyId'), block);
    await page.getByText('40 lines (gross)').waitFor();
    const pasted = store(file, (wb) => ['Pasted A', 'Pasted B', 'Pasted C', 'Pasted D'].map((d) => lineBy(wb, d)?.amountPence));
    expect(pasted).toEqual([123456789, 200000, -150000, 1200]);
    expect(store(file, (wb) => wb.totals().totalPence)).toBe(before.totalPence + 123456789 + 200000 - 150000 + 1200);
    await h!.screenshot('21-after-paste');
    await page.locator(footer('description')).click();
    await page.keyboard.press('Control+z');
    await page.getByText('36 lines (gross)').waitFor();
    expect(store(file, (wb) => wb.totals())).toMatchObject({ totalPence: before.totalPence, lineCount: 36 });
    await page.keyboard.press('Control+y');
    await page.getByText('40 lines (gross)').waitFor();
    expect(store(file, (wb) => lineBy(wb, 'Pasted C')?.amountPence)).toBe(-150000);
  });

  it('pastes over existing lines from the focused cell across columns', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const [first, second] = store(file, (wb) => wb.spend.page({ limit: 2 }).rows);
    await paste(page, body(first!.id, 'description'), 'Renamed one\t"£1,000"\nRenamed two\t(£250.50)\n');
    await expect.poll(() => store(file, (wb) => [wb.spend.get(first!.id), wb.spend.get(second!.id)].map((l) => [l.description, l.amountPence]))).toEqual([['Renamed one', 100000], ['Renamed two', -25050]]);
  });

  it('with one bad cell writes nothing and names the cell', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const revision = store(file, (wb) => wb.info().revision);
    await paste(page, entry('agencyId'), 'Jobcentre Plus\tGood line\t£100\r\nJobcentre Plus\tBad line\t£12abc\r\n');
    const dialog = page.getByRole('alertdialog', { name: 'Nothing was pasted' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Amount \(row 2\): "£12abc" is not an amount/);
    await h!.screenshot('22-paste-refused');
    expect(store(file, (wb) => wb.info().revision)).toBe(revision);
    await dialog.getByRole('button', { name: 'OK' }).click();
  });
});

describe('copying to Excel', () => {
  it('copies the ticked rows as tab-separated text and an HTML table, with exact pounds', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const rows = store(file, (wb) => wb.spend.page({ limit: 2 }).rows);
    for (const r of rows) await page.locator(tick(r.id)).check();
    await page.locator(body(rows[0]!.id, 'description')).click();
    const copied = await page.evaluate(() => {
      const dt = new DataTransfer();
      document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return { text: dt.getData('text/plain'), html: dt.getData('text/html') };
    });
    const lines = copied.text.split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split('\t').slice(0, 3)).toEqual(['Birmingham City Council', rows[0]!.description, '£1080000000.00']);
    expect(copied.html).toMatch(/^<table><tr><td>Birmingham City Council<\/td>/);
  });

  it('Ctrl+Enter goes to the new-row line, ready to type', async () => {
    await sample('Themes');
    const page = h!.page;
    await page.locator('.ag-grid-scrolling-container .ag-row[row-index="0"] .ag-cell[col-id="category"]').click();
    await page.keyboard.press('Control+Enter');
    await page.locator('.cell-input').fill('Mental health');
    await page.locator('.cell-input').press('Control+Enter');
    await expect.poll(() => store(h!.session.workbook().path, (wb) => wb.themes.list().map((t) => t.name))).toContain('Mental health');
  });
});

describe('the keyboard and the layout', () => {
  it('Enter edits a cell, and Enter again on the last row goes on to the new-row line', async () => {
    const file = await sample('Themes');
    const page = h!.page;
    const last = store(file, (wb) => wb.themes.list().at(-1)!);
    await page.locator(body(last.id, 'name')).click();
    await page.keyboard.press('Enter');
    await page.locator('.cell-input').fill('Worklessness and skills');
    await page.keyboard.press('Enter');
    await expect.poll(() => store(file, (wb) => wb.themes.get(last.id).name)).toBe('Worklessness and skills');
    // Focus is now on the new-row line: typing at once starts a new theme, and Ctrl+Enter adds it.
    await page.keyboard.type('Housing');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => store(file, (wb) => wb.themes.list().map((t) => t.name))).toContain('Housing');
    await page.keyboard.press('Escape');
  });

  it('keeps column widths for the workbook', async () => {
    await sample('Spend');
    const page = h!.page;
    const header = page.locator('.ag-header-cell[col-id="description"]');
    const before = (await header.boundingBox())!.width;
    const handle = (await page.locator('.ag-header-cell[col-id="description"] .ag-header-cell-resize').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 120, handle.y + handle.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await header.boundingBox())!.width).toBeGreaterThan(before + 80);
    const widened = (await header.boundingBox())!.width;
    await page.reload();
    await page.getByRole('tab', { name: /Spend/ }).click();
    await page.locator('.ag-grid-scrolling-container .ag-row').first().waitFor();
    await expect.poll(async () => Math.round((await page.locator('.ag-header-cell[col-id="description"]').boundingBox())!.width)).toBe(Math.round(widened));
  });
});

describe('undo and redo', () => {
  it('undoes and redoes an edit, and a delete of several lines', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const rows = store(file, (wb) => wb.spend.page({ limit: 3 }).rows);
    await editCell(page, body(rows[0]!.id, 'amountPence'), '£999');
    await expect.poll(() => store(file, (wb) => wb.spend.get(rows[0]!.id).amountPence)).toBe(99900);
    await page.locator(body(rows[1]!.id, 'year')).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => store(file, (wb) => wb.spend.get(rows[0]!.id).amountPence)).toBe(rows[0]!.amountPence);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => store(file, (wb) => wb.spend.get(rows[0]!.id).amountPence)).toBe(99900);

    for (const r of rows) await page.locator(tick(r.id)).check();
    await page.getByRole('button', { name: 'Delete 3' }).click();
    await page.getByText('Deleted 3 spend lines').waitFor();
    expect(store(file, (wb) => wb.totals().lineCount)).toBe(33);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('36 lines (gross)').waitFor();
    expect(store(file, (wb) => rows.map((r) => wb.spend.get(r.id).description))).toEqual(rows.map((r) => r.description));
  });

  it('covers the pilot details too', async () => {
    const file = await sample('Agencies');
    const page = h!.page;
    await page.getByRole('tab', { name: 'Pilot' }).click();
    await page.getByLabel('Place', { exact: true }).fill('Birmingham and Solihull');
    await page.getByLabel('Place', { exact: true }).press('Enter');
    await page.getByText(/^Saved at/).waitFor();
    await expect.poll(() => store(file, (wb) => wb.pilot.get().place)).toBe('Birmingham and Solihull');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await h!.command('undo');
    await expect.poll(() => store(file, (wb) => wb.pilot.get().place)).toBe('Birmingham');
    await expect.poll(() => page.getByLabel('Place', { exact: true }).inputValue()).toBe('Birmingham');
  });
});

describe('agencies and themes in use', () => {
  it('deleting an agency with spend asks where its lines go, and moves them', async () => {
    const file = await sample('Agencies');
    const page = h!.page;
    const [prison, courts] = store(file, (wb) => ['HMP Birmingham', 'Her Majesty’s Courts Service (Birmingham)'].map((n) => wb.agencies.list().find((a) => a.name === n)!));
    await page.locator(tick(prison!.id)).check();
    await page.getByRole('button', { name: 'Delete 1' }).click();
    const dialog = page.getByRole('dialog', { name: /“HMP Birmingham” has 2 spend lines and 1 barrier/ });
    await dialog.waitFor();
    await h!.screenshot('23-delete-agency-in-use');
    await dialog.getByLabel('Move them to agency').selectOption({ label: courts!.name });
    await dialog.getByRole('button', { name: 'Move them and delete' }).click();
    await page.getByText('Deleted 1 agency and moved').waitFor();
    expect(store(file, (wb) => wb.agencies.list().some((a) => a.id === prison!.id))).toBe(false);
    expect(store(file, (wb) => wb.totals().byAgency.find((a) => a.id === courts!.id)!.pence)).toBe(35 * 100_000_000 + 80 * 100_000_000);
    // The grid's computed spend column follows the new totals.
    await expect.poll(() => page.locator(body(courts!.id, 'computed:Spend (£m)')).textContent()).toBe('115.0');
  });

  it('cancelling the delete changes nothing', async () => {
    const file = await sample('Themes');
    const page = h!.page;
    const theme = store(file, (wb) => wb.themes.list()[0]!);
    await page.locator(tick(theme.id)).check();
    await page.getByRole('button', { name: 'Delete 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(store(file, (wb) => wb.themes.list().length)).toBe(5);
  });

  it('new agencies come from the usual list or by typing, and a name can be edited in place', async () => {
    h = await browser.start();
    const page = h.page;
    h.answerDialog(h.file('new.totalplace'));
    await page.getByRole('button', { name: 'New Pilot Workbook…' }).click();
    await page.getByLabel('Pilot name').fill('Durham pilot');
    await page.getByLabel('Pilot name').press('Enter');
    await page.getByRole('button', { name: 'Add the usual agencies' }).click();
    const file = h.session.workbook().path;
    await expect.poll(() => store(file, (wb) => wb.agencies.list().length)).toBe(11);
    const pct = store(file, (wb) => wb.agencies.list().find((a) => a.name === 'Primary care trust')!);
    await page.locator(body(pct.id, 'name')).waitFor();
    await editCell(page, body(pct.id, 'name'), 'County Durham PCT');
    await page.getByRole('button', { name: 'Add agency' }).click();
    await page.locator('.cell-input').fill('Durham Constabulary');
    await page.locator('.cell-input').press('Control+Enter');
    await expect.poll(() => store(file, (wb) => wb.agencies.list().map((a) => a.name))).toEqual(expect.arrayContaining(['County Durham PCT', 'Durham Constabulary']));
    await h.screenshot('24-agencies-new-workbook');
  });
});

describe('finding lines', () => {
  it('filters and sorts in the store, and the pinned sum matches the store’s figure', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const jcp = store(file, (wb) => wb.agencies.list().find((a) => a.name === 'Jobcentre Plus')!);
    await page.locator('#filter-agency').selectOption({ label: 'Jobcentre Plus' });
    await page.getByText('4 lines matching (gross)').waitFor();
    const expected = store(file, (wb) => wb.spend.page({ filter: { agencyIds: [jcp.id] } }));
    await page.getByRole('radio', { name: '£', exact: true }).click();
    await expect.poll(() => page.locator(footer('amountPence')).textContent()).toBe('699,000,000.00');
    expect(expected.matchingPence).toBe(69_900_000_000);
    await page.locator('#filter-confidence').selectOption({ label: 'Low' });
    await page.getByText('1 line matching (gross)').waitFor();
    await page.locator('#filter-agency').selectOption({ label: 'All agencies' });
    await page.locator('#filter-confidence').selectOption({ label: 'Any confidence' });
    await page.locator('#filter-theme').selectOption({ label: 'Unallocated' });
    const unallocated = store(file, (wb) => wb.spend.page({ filter: { themeIds: [null] } }));
    await page.getByText(`${unallocated.matching} lines matching (gross)`).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('36 lines (gross)').waitFor();
    await page.locator('.ag-header-cell[col-id="amountPence"] .ag-header-cell-label').click();
    await page.locator('.ag-header-cell[col-id="amountPence"] .ag-header-cell-label').click();
    const top = store(file, (wb) => wb.spend.page({ limit: 1, sort: [{ key: 'amountPence', dir: 'desc' }] }).rows[0]!);
    await expect.poll(async () => page.locator(firstRow('description')).textContent()).toBe(top.description);
    await h!.screenshot('25-spend-sorted');
  });
});

describe('the other grids', () => {
  it('themes and barriers are edited in place, with lists to choose from', async () => {
    const file = await sample('Barriers');
    const page = h!.page;
    const barrier = store(file, (wb) => wb.barriers.list()[2]!);
    await page.locator(body(barrier.id, 'status')).dblclick();
    const list = page.getByRole('listbox', { name: 'Status' });
    await list.selectOption({ label: 'Agreed' });
    await list.press('Enter');
    await expect.poll(() => store(file, (wb) => wb.barriers.get(barrier.id).status)).toBe('agreed');
    await editCell(page, body(barrier.id, 'costPence'), '3.7m');
    await expect.poll(() => store(file, (wb) => wb.barriers.get(barrier.id).costPence)).toBe(370_000_000);
    await h!.screenshot('26-barriers');
    await page.getByRole('tab', { name: /Themes/ }).click();
    const theme = store(file, (wb) => wb.themes.list()[0]!);
    await editCell(page, body(theme.id, 'cohortSize'), '9,500');
    await expect.poll(() => store(file, (wb) => wb.themes.get(theme.id).cohortSize)).toBe(9500);
    await h!.screenshot('27-themes');
  });
});
