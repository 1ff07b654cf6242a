/**
 * The printed submission: a real PDF from Chromium's PDF engine (the one Electron prints with), read
 * back with pdftotext and pdfinfo, and checked against `totalplace totals --json`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/totalplace';
import { chromiumArgs, findChromium } from '../../electron/report/chromium';
import { reportData } from '../../electron/report/data';
import { createSampleWorkbook } from '../../electron/workbook/sample';
import { Workbook } from '../../electron/workbook/workbook';
import { renderReport } from '../../shared/report/render';
import { defaultReportOptions } from '../../shared/report/types';
import type { Totals } from '../../shared/totals';
import { formatInUnit, formatPence } from '../../shared/money';
import { FUNCTIONS, labelOf } from '../../shared/enums';
import { tempDir } from '../helpers';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The text of each page of a PDF. */
function pages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

function pageSizes(pdf: string): ('portrait' | 'landscape')[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
}

/** How far down each page its text reaches (0 to 1, the footer left out), and the page's first words. */
function pageFill(pdf: string): { fill: number; starts: string }[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return xml.split('<page ').slice(1).map((pg) => {
    const height = Number(/height="([\d.]+)"/.exec(pg)![1]);
    const words = [...pg.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((w) => ({ top: Number(w[1]), bottom: Number(w[2]), text: w[3]! }))
      .filter((w) => w.top < height - 60);
    return { fill: Math.max(0, ...words.map((w) => w.bottom)) / height, starts: words.slice(0, 6).map((w) => w.text).join(' ') };
  });
}

/** The text of each chart in a report, laid out by Chromium, that reaches outside its chart's box. */
async function chartTextOutside(html: string): Promise<string[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: chromiumArgs() });
  try {
    const page = await browser.newPage({ bypassCSP: true });
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.evaluate(() => [...document.querySelectorAll('figure.chart svg')].flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].flatMap((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5) ? [`${svg.closest('figure')?.getAttribute('aria-label')}: "${t.textContent}" ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)}`] : [];
      });
    }));
  } finally {
    await browser.close();
  }
}

describe('the pilot submission PDF', () => {
  it('carries exactly the figures of `totalplace totals --json`, on numbered A4 pages with the spend map landscape', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sample.totalplace');
    createSampleWorkbook(file, 'J. Smith').close();
    const pdf = path.join(dir, 'submission.pdf');
    expect(await cli('print', file, '-o', pdf, '--units', 'pounds')).toMatchObject({ code: 0 });
    const totals = JSON.parse((await cli('totals', file, '--json')).out) as Totals;
    const text = pages(pdf);
    const all = text.join('\n');
    expect(all).toContain(formatPence(totals.totalPence, { symbol: true }));
    // Each agency's total follows its whole name in the appendix (read in reading order; a long name wraps within its cell).
    const raw = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const appendix = raw.slice(raw.lastIndexOf('Appendix: agencies'));
    const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const a of totals.byAgency) expect(appendix, a.name).toMatch(new RegExp(`${re(a.name)} [^0-9]{0,120}${re(formatPence(a.pence))} `));
    const wb = Workbook.open(file, { author: 'x', readOnly: true });
    for (const b of wb.barriers.list()) expect(all.replace(/\s+/g, ' '), b.title).toContain(b.title.replace(/\s+/g, ' '));
    wb.close();
    text.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain(`Page ${i + 1} of ${text.length}`);
      expect(p, `page ${i + 1}`).toContain('Sample pilot: Birmingham (illustrative) — Total Place submission');
    });
    const sizes = pageSizes(pdf);
    expect(sizes).toHaveLength(text.length);
    const landscape = sizes.flatMap((s, i) => (s === 'landscape' ? [i] : []));
    expect(landscape).toHaveLength(1);
    expect(text[landscape[0]!]).toContain('Spend by agency and theme');
    expect(text.length).toBeGreaterThanOrEqual(12);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  });

  it('says in its PDF properties what it is, who prepared it and what made it, never a login name nobody chose', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sample.totalplace');
    createSampleWorkbook(file, 'root').close();
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
    const info = (pdf: string) => Object.fromEntries(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).split('\n').map((l) => /^([A-Za-z]+):\s+(.*)$/.exec(l)).filter((m) => m).map((m) => [m![1], m![2]]));
    const named = path.join(dir, 'named.pdf');
    expect(await cli('print', file, '-o', named, '--author', 'J. Smith')).toMatchObject({ code: 0 });
    expect(info(named)).toMatchObject({ Title: 'Sample pilot: Birmingham (illustrative) — Total Place pilot submission', Author: 'J. Smith', Creator: `Total Place Workbook ${version}`, Tagged: 'yes' });
    expect(pages(named)[0]).toMatch(/Prepared by\s+J\. Smith/);
    vi.stubEnv('TOTALPLACE_AUTHOR', 'A. Jones');
    try {
      const fromEnv = path.join(dir, 'env.pdf');
      expect((await cli('print', file, '-o', fromEnv)).code).toBe(0);
      expect(info(fromEnv).Author).toBe('A. Jones');
      expect(pages(fromEnv)[0]).toMatch(/Prepared by\s+A\. Jones/);
      vi.stubEnv('TOTALPLACE_AUTHOR', undefined);
      const nobody = path.join(dir, 'nobody.pdf');
      expect((await cli('print', file, '-o', nobody)).code).toBe(0);
      expect(info(nobody).Author).toBeUndefined();
      expect(info(nobody).Creator).toBe(`Total Place Workbook ${version}`);
      expect(pages(nobody)[0]).not.toMatch(/Prepared by|root/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('says of an empty workbook that no spend is counted yet', () => {
    const dir = tempDir();
    const text = (wb: Workbook) => {
      const out = renderReport(reportData(wb), defaultReportOptions('millions'));
      wb.close();
      return out.slice(out.indexOf('id="summary"'), out.indexOf('</section>', out.indexOf('id="summary"'))).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    const empty = text(Workbook.create(path.join(dir, 'e.totalplace'), { author: 'x', pilot: { name: 'Empty pilot' } }));
    expect(empty).toContain('No spend is counted yet: this workbook has no agencies and no spend lines.');
    expect(empty).not.toMatch(/– of it|decided locally|Across 0 agencies/);
    const wb = Workbook.create(path.join(dir, 'a.totalplace'), { author: 'x', pilot: { name: 'Listed pilot' } });
    wb.agencies.create([{ name: 'Council' }, { name: 'Police' }]);
    expect(text(wb)).toContain('No spend is counted yet: this workbook has 2 agencies and no spend lines.');
  });

  it('totals "By function" and keeps the table whole with its heading on one page', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sample.totalplace');
    createSampleWorkbook(file, 'x').close();
    const pdf = path.join(dir, 'submission.pdf');
    expect((await cli('print', file, '-o', pdf, '--units', 'millions')).code).toBe(0);
    const totals = JSON.parse((await cli('totals', file, '--json')).out) as Totals;
    const text = pages(pdf);
    const at = text.findIndex((p) => p.includes('By function'));
    expect(at).toBeGreaterThanOrEqual(0);
    const table = text[at]!.slice(text[at]!.indexOf('By function'));
    const rows = totals.byFunction.filter((f) => f.lines > 0 || f.pence !== 0);
    expect(rows.length).toBeGreaterThan(5);
    // Every row is on the heading's page (none orphaned on the next), and so is the total.
    for (const f of rows) expect(table, f.key).toContain(labelOf(FUNCTIONS, f.key));
    expect(rows.reduce((sum, f) => sum + f.pence, 0)).toBe(totals.totalPence);
    expect(table).toMatch(new RegExp(`Total\\s+${formatInUnit(totals.totalPence, 'millions').replace('.', '\\.')}\\s+100\\.0%`));
  });

  it('starts a new page only for a major part, so no page is left more than half empty before a minor one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sample.totalplace');
    createSampleWorkbook(file, 'x').close();
    const pdf = path.join(dir, 'submission.pdf');
    expect((await cli('print', file, '-o', pdf)).code).toBe(0);
    const fill = pageFill(pdf);
    // A page may end early only as the cover, the contents, the last page, or before a major part (or the landscape table).
    const major = /^(Contents|\d+\. (Summary of the count|The spend map|Themes|Barriers register)|Spend by agency and theme)/;
    const halfEmpty = fill.flatMap((f, i) => (f.fill < 0.5 && i > 1 && i < fill.length - 1 && !major.test(fill[i + 1]!.starts) ? [`page ${i + 1} (${Math.round(f.fill * 100)}% full, next: ${fill[i + 1]!.starts})`] : []));
    expect(halfEmpty).toEqual([]);
    // The themes flow one after another.
    const text = pages(pdf);
    const themePage = (name: string) => text.findIndex((p) => new RegExp(`^\\s*${name}\\s*$`, 'm').test(p) && p.includes('cohort of'));
    expect(themePage('Children and early years')).toBeGreaterThan(0);
    expect(themePage('Offenders')).toBeLessThanOrEqual(themePage('Children and early years') + 1);
    expect(text.length).toBeLessThan(16);
  });

  it('draws every bar chart label whole and inside its chart', async () => {
    const dir = tempDir();
    const wb = createSampleWorkbook(path.join(dir, 's.totalplace'), 'x');
    // A name longer than any the sample has, and one of wide capitals.
    wb.themes.create([{ name: 'Families with multiple and complex needs across the whole city region' }, { name: 'MMMMMMMMMMMMMMMMMMMMMMMMMM WWW' }]);
    const html = renderReport(reportData(wb), defaultReportOptions('millions'));
    wb.close();
    expect(await chartTextOutside(html)).toEqual([]);
    // No label is cut short with an ellipsis.
    const barCharts = html.split('<figure').filter((f) => /aria-label="(Spend by agency type|Spend by theme|Barriers by category)"/.test(f)).join('');
    expect(barCharts).toContain('Barriers by category');
    const labels = [...barCharts.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels.filter((l) => /…|\.\.\.$/.test(l!))).toEqual([]);
    for (const name of ['Metropolitan borough council', 'Ring-fenced and fragmented', 'Performance targets and data', 'Families with multiple and', 'city region']) expect(labels.some((l) => l!.includes(name)), name).toBe(true);
  });

  it('names every agency in the treemap, beside it on the same page', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sample.totalplace');
    createSampleWorkbook(file, 'x').close();
    const pdf = path.join(dir, 'submission.pdf');
    expect((await cli('print', file, '-o', pdf)).code).toBe(0);
    const totals = JSON.parse((await cli('totals', file, '--json')).out) as Totals;
    const flat = (x: string) => x.replace(/\s+/g, ' ');
    const raw = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f');
    const page = raw.find((p) => p.includes('Each tile is an agency'));
    expect(page).toBeDefined();
    const key = flat(page!.slice(page!.indexOf('Each tile is an agency'), page!.indexOf('By function') < 0 ? undefined : page!.indexOf('By function')));
    const drawn = totals.byAgency.filter((a) => a.pence > 0);
    expect(drawn.length).toBe(11);
    for (const a of drawn) expect(key, a.name).toContain(flat(a.name));
  });

  it('reconciles the agency-type table\'s lines with the summary\'s, saying why they differ', () => {
    const dir = tempDir();
    const wb = createSampleWorkbook(path.join(dir, 's.totalplace'), 'x');
    const t = wb.totals();
    const out = renderReport(reportData(wb), defaultReportOptions('millions'));
    wb.close();
    const text = (from: string, to: string) => out.slice(out.indexOf(from), out.indexOf(to, out.indexOf(from))).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(t.nettedLines).toBeGreaterThan(0);
    expect(text('<table class="figures">', '</table>')).toContain(`Spend lines ${t.lineCount}`);
    const types = text('Agencies by type', 'By function');
    const counted = t.byAgencyType.reduce((n, x) => n + x.lines, 0);
    expect(counted).toBe(t.lineCount - t.nettedLines);
    expect(types).toMatch(new RegExp(`Total [\\d,.]+ 100\\.0% ${counted} `));
    expect(types).toContain(`Lines: ${counted} of the ${t.lineCount} spend lines in the summary. The other ${t.nettedLines} line passes £40.0m to another agency`);
  });

  it('splits a long table between rows, repeating its header on every page', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'long.totalplace');
    const wb = Workbook.create(file, { author: 'x', pilot: { name: 'Long pilot' } });
    const agencies = wb.agencies.create(Array.from({ length: 160 }, (_, i) => ({ name: `Agency number ${String(i + 1).padStart(3, '0')}`, type: 'other' as const })));
    wb.spend.create(agencies.map((a, i) => ({ agencyId: a.id, description: 'Service', amountPence: (i + 1) * 100_000 })));
    wb.close();
    const pdf = path.join(dir, 'long.pdf');
    expect((await cli('print', file, '-o', pdf)).code).toBe(0);
    const appendix = pages(pdf).filter((p) => /Agency number \d{3}/.test(p) && /\bTier\b/.test(p) && /Control/.test(p));
    expect(appendix.length).toBeGreaterThan(1);
    for (const p of appendix) expect(p).toMatch(/Agency\s+Type\s+Tier\s+Control\s+Spend/);
    // Every agency's row is whole on one page: its name and its share on the same line.
    const rows = appendix.flatMap((p) => p.split('\n').filter((l) => /Agency number \d{3}\s+Other/.test(l)));
    expect(rows).toHaveLength(160);
    for (const r of rows) expect(r).toMatch(/%\s*$/);
  });

  it('prints a name that looks like HTML as text', () => {
    const dir = tempDir();
    const wb = Workbook.create(path.join(dir, 'h.totalplace'), { author: '<b>me</b>', pilot: { name: '<img src=x onerror=alert(1)> pilot' } });
    wb.agencies.create([{ name: '<script>alert(1)</script>' }]);
    wb.barriers.create([{ title: 'A "quoted" <i>barrier</i>', ask: '</td></tr></table><h1>x' }]);
    const html = renderReport(reportData(wb), defaultReportOptions('pounds'));
    wb.close();
    expect(html).not.toMatch(/<img src=x|<script>alert|<i>barrier|<\/table><h1>x|<b>me/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; pilot');
    expect(html).not.toMatch(/<script/);
  });

  it('prints what nobody stated as not stated, never as reaction, revenue or local control', () => {
    const dir = tempDir();
    const wb = Workbook.create(path.join(dir, 'n.totalplace'), { author: 'x', pilot: { name: 'Pasted pilot' } });
    const [somebody, council] = wb.agencies.create([{ name: 'Somebody' }, { name: 'Council', type: 'county_council', tier: 'local', control: 'local' }]);
    wb.spend.create([
      { agencyId: somebody!.id, description: 'Pasted line', amountPence: 300_000 },
      { agencyId: council!.id, description: 'Another pasted line', amountPence: 100_000 },
    ]);
    wb.barriers.create([{ title: 'Unsorted barrier' }]);
    const html = renderReport(reportData(wb), defaultReportOptions('pounds'));
    wb.close();
    const text = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from))).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const figures = text('<table class="figures">', '</table>');
    expect(figures).toContain('Prevention / reaction 0.0% / 0.0% · not stated 100.0%');
    expect(figures).toContain('Revenue / capital 0.0% / 0.0% · not stated 100.0%');
    expect(figures).toContain('Control not stated £3,000.00 (75.0%)');
    expect(figures).toContain('Locally controlled £1,000.00 (25.0%)');
    expect(html).not.toMatch(/0\.0% \/ 100\.0%/);
    expect(html).not.toContain('General public services');
    const quality = text('id="quality"', '</section>');
    expect(quality).toContain('Not stated');
    expect(quality).toContain('2 spend lines have fields not stated (function 2, revenue or capital 2, frontline or administration 2, funding 2, prevention or reaction 2, how counted 2, confidence 2)');
    expect(quality).toMatch(/Function not stated 4,000\.00 100\.0% 2/);
    expect(quality).toMatch(/Control not stated 3,000\.00 75\.0% 1/);
    expect(quality).toMatch(/How counted Spend \(£\) Share Agency return 0\.00 0\.0% Apportioned from national figures 0\.00 0\.0% Estimate 0\.00 0\.0% Not stated 4,000\.00 100\.0%/);
    expect(text('id="spendMap"', '</section>')).toMatch(/Function not stated 4,000\.00 100\.0%.*Control not stated 3,000\.00 75\.0%/);
    expect(text('id="barriers"', '</section>')).toContain('Where they can be resolved: not stated (1)');
    expect(text('id="barriers"', '</section>')).toContain('Category not stated · severity not stated · Identified');
    // The donut's third, grey part is labelled, so nothing depends on its colour.
    expect(html).toMatch(/<path[^>]*fill="#8b949e"/);
    expect(html).toContain('Not stated');
  });

  it('has a fingerprint that changes when the workbook changes', () => {
    const dir = tempDir();
    const wb = createSampleWorkbook(path.join(dir, 's.totalplace'), 'x');
    const before = reportData(wb).fingerprint;
    expect(reportData(wb).fingerprint).toEqual(before);
    const line = wb.spend.page({ limit: 1 }).rows[0]!;
    wb.spend.update([{ id: line.id, amountPence: line.amountPence + 1 }]);
    const after = reportData(wb).fingerprint;
    expect(after.workbookId).toBe(before.workbookId);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.contentHash).not.toBe(before.contentHash);
    const html = renderReport(reportData(wb), defaultReportOptions('millions'));
    expect(html).toContain(`revision ${after.revision} · ${after.contentHash}`);
    wb.close();
  });

  it('writes a self-contained HTML file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 's.totalplace');
    createSampleWorkbook(file, 'x').close();
    const out = path.join(dir, 'submission.html');
    expect((await cli('report', file, '-o', out)).code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(link|script)\b|src="http|href="http|url\(http/);
    expect(html).toContain('<svg');
    expect((await cli('report', file)).err).toMatch(/-o/);
  });
});
