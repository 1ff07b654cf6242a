/** What the grid browser tests share: cell selectors, the store read through a second connection, paste and edit as a user does. */
import type { Page } from 'playwright-core';
import { Workbook } from '../../electron/workbook/workbook';

/** A body cell of a row (the new-row line is `__new__`, the sums row `__total__`). */
export const body = (id: string, col: string) => `.ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`;
export const entry = (col: string) => body('__new__', col);
export const footer = (col: string) => body('__total__', col);

/** What the store says, read through a second, read-only connection to the same file. */
export function store<T>(file: string, read: (wb: Workbook) => T): T {
  const wb = Workbook.open(file, { author: 'test', readOnly: true });
  try {
    return read(wb);
  } finally {
    wb.close();
  }
}

/** Paste text at a cell, as Ctrl+V with a block copied from Excel does. */
export async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Double-click a cell, type over it and press Enter. */
export async function editCell(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).dblclick();
  const input = page.locator('.cell-input, .cell-textarea');
  await input.fill(text);
  await input.press('Enter');
}
