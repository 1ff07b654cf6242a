/**
 * WCAG 2.2 AA, checked by axe-core on every screen a user meets — first run, start, each section of a
 * workbook with the totals panel, the dialogs, an open cell editor and a message beside a cell — with
 * every rule tagged WCAG 2.0, 2.1 or 2.2 A or AA. A finding is listed with the element it is on.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The findings on the page as it is now, one line each: rule, impact, how many elements, the first. */
async function findings(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), first ${v.nodes[0]!.target.join(' ')}`);
  }, TAGS);
}

async function check(page: Page, screen: string, seen: Record<string, string[]>): Promise<void> {
  seen[screen] = await findings(page);
}

describe('accessibility (WCAG 2.2 AA, axe-core)', () => {
  it('finds nothing on the first run, the start screen and the new-workbook dialog', async () => {
    const h = await browser.start({ author: null });
    const page = h.page;
    const seen: Record<string, string[]> = {};
    await page.getByLabel('Your name').waitFor();
    await check(page, 'first run', seen);
    await page.getByLabel('Your name').fill('Priya Shah');
    await page.getByLabel('Your name').press('Enter');
    await page.getByRole('button', { name: 'Open Sample Pilot' }).waitFor();
    await check(page, 'start', seen);
    await page.getByRole('button', { name: 'New Pilot Workbook…' }).click();
    await page.getByLabel('Pilot name').waitFor();
    await check(page, 'new workbook dialog', seen);
    expect(seen).toEqual({ 'first run': [], start: [], 'new workbook dialog': [] });
  });

  it('finds nothing in each section of a workbook, with the totals panel, an editor, a message and the dialogs', async () => {
    const h = await browser.start();
    const page = h.page;
    const seen: Record<string, string[]> = {};
    await page.getByRole('button', { name: 'Open Sample Pilot' }).click();
    for (const section of ['Pilot', 'Agencies', 'Spend', 'Themes', 'Barriers']) {
      await page.getByRole('tab', { name: new RegExp(section) }).click();
      if (section !== 'Pilot') await page.locator('.ag-grid-scrolling-container .ag-row').first().waitFor();
      await check(page, section, seen);
    }
    // An open list editor, and a message beside a cell.
    await page.getByRole('tab', { name: /Spend/ }).click();
    await page.getByRole('button', { name: 'Add spend line' }).click();
    await page.getByRole('listbox', { name: 'Agency' }).waitFor();
    await check(page, 'list editor', seen);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Escape');
    await page.locator('.ag-grid-scrolling-container .ag-row[row-index="0"] .ag-cell[col-id="amountPence"]').dblclick();
    await page.locator('.cell-input').fill('twelve');
    await page.keyboard.press('Enter');
    await page.locator('.cell-message').waitFor();
    await check(page, 'message beside a cell', seen);
    await page.keyboard.press('Escape');
    // The paste question, the print dialog and the delete dialog.
    await page.locator('.ag-row[row-id="__new__"] .ag-cell[col-id="agencyId"]').click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'Jobcentre Plus\tA line\t1,500\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.getByRole('dialog', { name: 'Which unit are these amounts in?' }).waitFor();
    await check(page, 'unit question', seen);
    await page.getByRole('button', { name: 'Cancel the paste' }).click();
    await page.getByRole('button', { name: 'Print…' }).click();
    await page.getByRole('dialog').first().waitFor();
    await check(page, 'print dialog', seen);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /Agencies/ }).click();
    const prison = h.session.workbook().agencies.list().find((a) => a.name === 'HMP Birmingham')!;
    await page.locator(`.ag-row[row-id="${prison.id}"] input[type="checkbox"]`).check();
    await page.getByRole('button', { name: 'Delete 1' }).click();
    await page.getByRole('dialog', { name: /HMP Birmingham/ }).waitFor();
    await check(page, 'delete dialog', seen);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, []])));
  });
});
