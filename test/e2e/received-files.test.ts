/**
 * Workbooks from someone else, opened in the window as a user would (File → Open…): a file changed
 * outside the app is refused in words; one whose kept totals were forged shows the true totals and
 * offers to repair them; one that came with an unfinished save beside it opens read-only, as it was,
 * and offers to undo that save. The file's bytes change only when the user chooses.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../electron/workbook/workbook';
import { PHISHING, TRUE_TOTAL, halvedTotals, phishingTrigger, withHotJournal } from '../store/hostile-files';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function openThroughDialog(file: string) {
  const h = await browser.start();
  h.answerDialog(file);
  await h.page.getByRole('button', { name: 'Open…' }).click();
  return h;
}

describe('a received workbook', () => {
  it('changed outside the app (a trigger of its own) is refused in our words, and not changed', async () => {
    const file = phishingTrigger();
    const before = hash(file);
    const h = await openThroughDialog(file);
    const banner = h.page.getByRole('alert').filter({ hasText: 'changed outside Total Place Workbook' });
    await banner.waitFor();
    const text = (await banner.textContent())!;
    expect(text).toMatch(/trigger/);
    expect(text).not.toContain(PHISHING);
    expect(text).not.toContain('https://');
    await h.screenshot('50-received-tampered');
    expect(hash(file)).toBe(before);
    await expect(h.page.getByRole('button', { name: 'Open Sample Pilot' }).isVisible()).resolves.toBe(true);
  });

  it('with forged kept totals shows the true totals, says so, and repairs them only when asked', async () => {
    const file = halvedTotals();
    const before = hash(file);
    const h = await openThroughDialog(file);
    const page = h.page;
    const status = page.getByTestId('totals-status');
    await status.getByText(/kept totals do not agree with its spend lines/).waitFor();
    await expect.poll(() => page.getByTestId('total-spend').getAttribute('data-pence')).toBe(String(TRUE_TOTAL));
    await h.screenshot('51-received-forged-totals');
    expect(hash(file)).toBe(before);
    await status.getByRole('button', { name: 'Repair the totals' }).click();
    await page.getByText('The totals were rebuilt from the spend lines').waitFor();
    const wb = Workbook.open(file, { author: 'test', readOnly: true });
    try {
      expect(wb.verify().totalsAgree).toBe(true);
      expect(wb.totals().totalPence).toBe(TRUE_TOTAL);
    } finally {
      wb.close();
    }
  });

  it('with an unfinished save beside it opens read-only, as it was, and undoes that save only when asked', async () => {
    const file = withHotJournal();
    const before = hash(file);
    const h = await openThroughDialog(file);
    const page = h.page;
    const bar = page.locator('.readonly-bar').filter({ hasText: 'unfinished save' });
    await bar.waitFor();
    await expect(page.getByText('Read-only: nothing can be changed').isVisible()).resolves.toBe(true);
    // As it was before the unfinished save: not "Changed mid-write".
    await expect(page.title()).resolves.not.toContain('Changed mid-write');
    expect(hash(file)).toBe(before);
    expect(fs.existsSync(`${file}-journal`)).toBe(true);
    await h.screenshot('52-received-half-saved');
    await bar.getByRole('button', { name: 'Undo the unfinished save and edit' }).click();
    await page.getByText('All changes saved').waitFor();
    await expect(page.locator('.readonly-bar').count()).resolves.toBe(0);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    expect(h.session.workbook().info().readOnly).toBe(false);
    expect(h.session.workbook().pilot.get().name).not.toBe('Changed mid-write');
  });
});
