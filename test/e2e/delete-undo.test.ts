/** Deleting an agency that has spend lines (move them, or delete them too), and undo and redo saying what they did — over a real file. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { moneyWithUnit } from '../../shared/charts';
import type { Harness } from './harness';
import { body, editCell, store } from './grid-helpers';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
let h: Harness | null = null;

const tick = (id: string) => `.ag-row[row-id="${id}"] input[type="checkbox"]`;

/** Open the sample pilot and go to a section; returns the workbook's file path. */
async function sample(section: 'Agencies' | 'Spend'): Promise<string> {
  h = await browser.start();
  await h.page.getByRole('button', { name: 'Open Sample Pilot' }).click();
  await h.page.getByRole('tab', { name: new RegExp(section) }).click();
  await h.page.locator('.ag-grid-scrolling-container .ag-row').first().waitFor();
  return h.session.workbook().path;
}



/** The message the window shows above the grid. */
const notice = (page: Page) => page.locator('.notice-bar span').first();

const PRISON = 'HMP Birmingham';
const COURTS = 'Her Majesty’s Courts Service (Birmingham)';

/** The prison, its lines (id, description, amount, agency) and the barriers that name it. */
function prisonOf(file: string) {
  return store(file, (wb) => {
    const prison = wb.agencies.list().find((a) => a.name === PRISON)!;
    const courts = wb.agencies.list().find((a) => a.name === COURTS)!;
    const lines = wb.spend.page({ filter: { agencyIds: [prison.id] }, limit: 100 }).rows.map((l) => ({ id: l.id, description: l.description, amountPence: l.amountPence, agencyId: l.agencyId, passedOn: l.passedOn }));
    const barriers = wb.barriers.list().filter((b) => b.agencyIds.includes(prison.id)).map((b) => ({ id: b.id, agencyIds: b.agencyIds }));
    return { prison, courts, lines, barriers, totals: wb.totals() };
  });
}

async function openDelete(page: Page, agencyId: string) {
  await page.locator(tick(agencyId)).check();
  await page.getByRole('button', { name: 'Delete 1' }).click();
  const dialog = page.getByRole('dialog', { name: /“HMP Birmingham” has 2 spend lines and 1 barrier/ });
  await dialog.waitFor();
  return dialog;
}

describe('deleting an agency that has spend lines', () => {
  it('chooses nothing for the user, shows lines and money for both choices, deletes its lines too, and one undo brings all of it back', async () => {
    const file = await sample('Agencies');
    const page = h!.page;
    const before = prisonOf(file);
    expect(before.lines).toHaveLength(2);
    expect(before.barriers).toHaveLength(1);
    const money = moneyWithUnit(before.lines.reduce((s, l) => s + l.amountPence, 0), 'millions');
    expect(money).toBe('£80.0m');

    const dialog = await openDelete(page, before.prison.id);
    // No agency chosen for them, no choice made, and nothing to press yet.
    await expect.poll(() => dialog.getByLabel('Move them to agency').inputValue()).toBe('');
    expect(await dialog.getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Move them and delete' }).isDisabled()).toBe(true);
    // Both choices say how many lines and how much money; the barrier is not forgotten.
    await dialog.getByRole('radio', { name: `Move its 2 spend lines (${money}) and 1 barrier to another agency` }).waitFor();
    await dialog.getByRole('radio', { name: `Delete its 2 spend lines (${money}) as well` }).waitFor();
    await dialog.getByText('Its 1 barrier stays, but no longer names it.').waitFor();
    await h!.screenshot('30-delete-agency-choices');

    await dialog.getByRole('radio', { name: /as well/ }).check();
    await dialog.getByRole('button', { name: 'Delete it and its spend lines' }).click();
    await expect.poll(() => notice(page).textContent()).toBe('Deleted 1 agency and its 2 spend lines. Undo with Ctrl+Z.');
    const gone = store(file, (wb) => ({
      agency: wb.agencies.list().some((a) => a.id === before.prison.id),
      lines: before.lines.filter((l) => wb.spend.page({ filter: { search: l.description }, limit: 50 }).rows.some((r) => r.id === l.id)).length,
      barrier: wb.barriers.get(before.barriers[0]!.id).agencyIds,
      totals: wb.totals(),
    }));
    expect(gone.agency).toBe(false);
    expect(gone.lines).toBe(0);
    expect(gone.barrier).toEqual(before.barriers[0]!.agencyIds.filter((id) => id !== before.prison.id));
    const counted = before.lines.filter((l) => !l.passedOn).reduce((s, l) => s + l.amountPence, 0);
    expect(gone.totals.totalPence).toBe(before.totals.totalPence - counted);
    expect(gone.totals.lineCount).toBe(before.totals.lineCount - 2);
    await expect.poll(() => page.getByRole('tab', { name: /Spend/ }).textContent()).toBe(`Spend${before.totals.lineCount - 2}`);
    await expect.poll(() => page.locator(body(before.prison.id, 'name')).count()).toBe(0);

    // One Ctrl+Z: the agency, every line (same ids and amounts) and the barrier's link.
    await page.locator(body(before.courts.id, 'name')).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => notice(page).textContent()).toBe('Undid: deleting agency ‘HMP Birmingham’ and its 2 spend lines');
    const back = prisonOf(file);
    expect(back.prison).toMatchObject({ id: before.prison.id, name: PRISON, type: before.prison.type, control: before.prison.control });
    expect(back.lines).toEqual(before.lines);
    expect(back.barriers).toEqual(before.barriers);
    expect({ ...back.totals, revision: 0 }).toEqual({ ...before.totals, revision: 0 });
    await page.locator(body(before.prison.id, 'name')).waitFor();
    await expect.poll(() => page.getByRole('tab', { name: /Spend/ }).textContent()).toBe(`Spend${before.totals.lineCount}`);
  });

  it('moves its lines to the agency the user picks, and undo says so', async () => {
    const file = await sample('Agencies');
    const page = h!.page;
    const before = prisonOf(file);
    const dialog = await openDelete(page, before.prison.id);
    expect(await dialog.getByRole('button', { name: 'Move them and delete' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Move them to agency').selectOption({ label: COURTS });
    // Picking an agency is choosing to move.
    expect(await dialog.getByRole('radio', { name: /^Move its 2 spend lines/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Move them and delete' }).click();
    await page.getByText('Deleted 1 agency and moved').waitFor();
    const moved = store(file, (wb) => ({
      agencies: wb.agencies.list().map((a) => a.id),
      lines: before.lines.map((l) => wb.spend.get(l.id).agencyId),
      barrier: wb.barriers.get(before.barriers[0]!.id).agencyIds,
      totals: wb.totals(),
    }));
    expect(moved.agencies).not.toContain(before.prison.id);
    expect(moved.lines).toEqual([before.courts.id, before.courts.id]);
    expect(moved.barrier).toContain(before.courts.id);
    expect(moved.barrier).not.toContain(before.prison.id);
    expect(moved.totals.totalPence).toBe(before.totals.totalPence);

    // The Edit menu's Undo says the same as Ctrl+Z would.
    await h!.command('undo');
    await expect.poll(() => notice(page).textContent()).toBe('Undid: deleting agency ‘HMP Birmingham’ and moving its 2 spend lines');
    const back = prisonOf(file);
    expect(back.lines).toEqual(before.lines);
    expect(back.barriers).toEqual(before.barriers);
  });
});

describe('undo and redo say what they did', () => {
  it('an amount edit: the field, the line and both amounts in the unit shown', async () => {
    const file = await sample('Spend');
    const page = h!.page;
    const line = store(file, (wb) => wb.spend.page({ filter: { search: 'Adult social care' }, limit: 5 }).rows[0]!);
    const next = line.amountPence === 50_400_000_000 ? 60_400_000_000 : 50_400_000_000;
    await editCell(page, body(line.id, 'amountPence'), `£${(next / 100).toLocaleString('en-GB')}`);
    await expect.poll(() => store(file, (wb) => wb.spend.get(line.id).amountPence)).toBe(next);
    const words = `Amount of ‘${line.description}’ ${moneyWithUnit(line.amountPence, 'millions')} → ${moneyWithUnit(next, 'millions')}`;
    expect(words).toMatch(/£[\d,]+\.\dm → £[\d,]+\.\dm$/);

    await page.locator(body(line.id, 'year')).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => notice(page).textContent()).toBe(`Undid: ${words}`);
    expect(store(file, (wb) => wb.spend.get(line.id).amountPence)).toBe(line.amountPence);
    await page.keyboard.press('Control+y');
    await expect.poll(() => notice(page).textContent()).toBe(`Redid: ${words}`);
    expect(store(file, (wb) => wb.spend.get(line.id).amountPence)).toBe(next);
  });

  it('on a new workbook, Ctrl+Z and the Edit menu say there is nothing to undo', async () => {
    h = await browser.start();
    const page = h.page;
    h.answerDialog(h.file('new.totalplace'));
    await page.getByRole('button', { name: 'New Pilot Workbook…' }).click();
    await page.getByLabel('Pilot name').fill('Durham pilot');
    await page.getByLabel('Pilot name').press('Enter');
    await page.getByRole('button', { name: 'Add the usual agencies' }).waitFor();
    const file = h.session.workbook().path;
    const revision = store(file, (wb) => wb.info().revision);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => notice(page).textContent()).toBe('There is nothing to undo.');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await h.command('undo');
    await expect.poll(() => notice(page).textContent()).toBe('There is nothing to undo.');
    await page.keyboard.press('Control+y');
    await expect.poll(() => notice(page).textContent()).toBe('There is nothing to redo.');
    expect(store(file, (wb) => wb.info().revision)).toBe(revision);

    // The first change, then its undo, by name.
    await page.getByRole('button', { name: 'Add the usual agencies' }).click();
    await expect.poll(() => store(file, (wb) => wb.agencies.list().length)).toBe(11);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => notice(page).textContent()).toBe('Undid: adding 11 agencies');
    expect(store(file, (wb) => wb.agencies.list().length)).toBe(0);
  });
});
