/** Print Submission and Export as PDF in the app, as a user does it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
let h: Harness | null = null;

describe('printing the submission', () => {
  it('previews, exports a PDF in the chosen units, and prints', async () => {
    h = await browser.start({ width: 1400, height: 950 });
    const page = h.page;
    await page.getByRole('button', { name: 'Open Sample Pilot' }).click();
    await page.getByTestId('total-spend').waitFor();
    await h.command('exportPdf');
    const dialog = page.getByRole('dialog', { name: 'Export the pilot submission as PDF' });
    await dialog.waitFor();
    await expect.poll(() => page.locator('.report-preview').evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('Total Place pilot submission');
    await h.screenshot('40-print-preview');
    await dialog.getByLabel('£000').check();
    await dialog.getByLabel('Appendix: agencies').uncheck();
    await expect.poll(() => page.locator('.report-preview').evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('£7,300,000k');
    const pdf = h.file('board paper');
    h.answerDialog(pdf);
    await dialog.getByRole('button', { name: 'Export as PDF…' }).click();
    await page.getByText('Exported the submission as “board paper.pdf”').waitFor();
    expect(h.revealed).toEqual([`${pdf}.pdf`]);
    const text = execFileSync('pdftotext', ['-layout', `${pdf}.pdf`, '-'], { encoding: 'utf8' });
    expect(text).toContain('£7,300,000k');
    expect(text).not.toContain('Appendix: agencies');
    expect(fs.statSync(`${pdf}.pdf`).size).toBeGreaterThan(10_000);

    await h.command('print');
    const printDialog = page.getByRole('dialog', { name: 'Print the pilot submission' });
    await printDialog.getByRole('button', { name: 'Print…' }).click();
    await page.getByText('Sent the submission to the printer.').waitFor();
    expect(h.printed).toHaveLength(1);
    expect(h.printed[0]).toContain('Sample pilot: Birmingham (illustrative)');
  });

  it('needs at least one section', async () => {
    h = await browser.start();
    await h.page.getByRole('button', { name: 'Open Sample Pilot' }).click();
    await h.page.getByTestId('total-spend').waitFor();
    await h.command('print');
    const dialog = h.page.getByRole('dialog', { name: 'Print the pilot submission' });
    for (const label of ['Summary of the count', 'The spend map', 'Themes', 'Barriers register', 'How the count was made', 'Appendix: agencies']) await dialog.getByLabel(label).uncheck();
    await dialog.getByRole('button', { name: 'Print…' }).click();
    await dialog.getByText('Choose at least one section to print.').waitFor();
    expect(h.printed).toEqual([]);
  });
});
