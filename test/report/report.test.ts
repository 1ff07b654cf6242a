/**
 * The printed submission: a real PDF from Chromium's PDF engine (the one Electron prints with), read
 * back with pdftotext and pdfinfo, and checked against `totalplace totals --json`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/totalplace';
import { reportData } from '../../electron/report/data';
import { createSampleWorkbook } from '../../electron/workbook/sample';
import { Workbook } from '../../electron/workbook/workbook';
import { renderReport } from '../../shared/report/render';
import { defaultReportOptions } from '../../shared/report/types';
import type { Totals } from '../../shared/totals';
import { formatPence } from '../../shared/money';
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
