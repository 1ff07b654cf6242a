/**
 * A submission made from a file someone else wrote: every value that got past the store's checks is
 * still only text. The report is rendered from data built directly (as if validation had let hostile
 * values through: markup in every text field, strings where numbers belong), parsed with parse5 and
 * checked element by element and attribute by attribute against what the renderer makes from clean
 * data; then printed to PDF by the command line's Chromium (JavaScript off, network refused) and read
 * back with pdftotext, where each hostile string is literal text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportData } from '../../electron/report/data';
import { chromiumArgs, findChromium, pdfWithChromium } from '../../electron/report/chromium';
import { createSampleWorkbook } from '../../electron/workbook/sample';
import { NOT_A_FIGURE } from '../../shared/report/html';
import { REPORT_CSP, renderReport } from '../../shared/report/render';
import { defaultReportOptions, REPORT_SECTIONS, type ReportData, type ReportOptions } from '../../shared/report/types';
import { notAReport } from '../../renderer/trusted-types';
import { tempDir } from '../helpers';

type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['document'];
type Element = DefaultTreeAdapterMap['element'];

/** A local server that counts every request: nothing printed may reach it. */
let server: http.Server;
let port = 0;
const requests: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': req.url?.endsWith('.css') ? 'text/css' : 'text/html' });
    res.end(req.url?.endsWith('.css') ? 'body { background: red }' : '<p>REMOTE FRAME PRINTED</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Markup in a field, different per field so each can be found: an image with a handler, a closing tag, a frame, a style sheet, a script. */
const hostile = (field: string) =>
  `${field}: <img src=x onerror="window.__pwned=1"> <b>bold</b> "><svg onload=alert(1)> ' onmouseover='alert(1) </td></tr></table><iframe src="http://127.0.0.1:${port}/frame-${field}"></iframe><link rel=stylesheet href="http://127.0.0.1:${port}/${field}.css"><script>alert(1)</script> {b|rich} <!-- end`;
/** What a field that should hold a number holds instead. */
const NOT_NUMBER = '<img src=x onerror=alert(1)>NUMBERINFILE';

const children = (n: Node): Node[] => ('childNodes' in n ? (n.childNodes as Node[]) : []);

function walk(n: Node, visit: (el: Element) => void): void {
  if ('tagName' in n) visit(n);
  for (const c of children(n)) walk(c, visit);
}

/** The text of the document outside `<style>` and the charts' SVG: what a reader sees as words. */
function words(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  if ('tagName' in n && (n.tagName === 'style' || n.tagName === 'svg')) return '';
  return children(n).map(words).join(' ');
}

/** Every element, attribute and class the renderer made, with the value of every attribute. */
function shape(html: string): { tags: Set<string>; attrs: Set<string>; classes: Set<string>; values: string[] } {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  const classes = new Set<string>();
  const values: string[] = [];
  walk(parse(html), (el) => {
    tags.add(`${el.namespaceURI.endsWith('svg') ? 'svg:' : ''}${el.tagName}`);
    for (const a of el.attrs) {
      attrs.add(`${el.tagName}@${a.name}`);
      values.push(a.value);
      if (a.name === 'class') for (const c of a.value.split(/\s+/)) if (c && !/^zr\d+-cls-\d+$/.test(c)) classes.add(c);
    }
  });
  return { tags, attrs, classes, values };
}

const OPTIONS: ReportOptions[] = [
  defaultReportOptions('pounds'),
  { ...defaultReportOptions('millions'), wideTables: 'portrait' },
  { units: 'thousands', sections: REPORT_SECTIONS.map((s) => s.key), wideTables: 'landscape' },
];

/** A sample pilot with every text field filled, and a theme with a cohort and a costed barrier. */
function cleanData(): ReportData {
  const dir = tempDir();
  const wb = createSampleWorkbook(path.join(dir, 'clean.totalplace'), 'J. Smith');
  const [agency] = wb.agencies.list();
  const [theme] = wb.themes.create([{ name: 'Clean theme', description: 'A description', cohortSize: 1200, category: 'people' }]);
  wb.spend.create([{ agencyId: agency!.id, themeId: theme!.id, description: 'Line', amountPence: 500_000_00, notes: 'Some notes' }]);
  wb.barriers.create([{ title: 'Clean barrier', description: 'D', evidence: 'E', ask: 'A', offer: 'O', owner: 'Owner', costPence: 10_000_00, themeId: theme!.id, agencyIds: [agency!.id] }]);
  const data = reportData(wb, new Date('2026-03-01T12:00:00Z'));
  wb.close();
  return data;
}

/** The same data with markup in every text field and strings where numbers belong, as a value that got past validation would be. */
function hostileData(clean: ReportData): ReportData {
  const d = structuredClone(clean) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a hostile value is any shape
  const p = d.pilot;
  p.name = hostile('pilot name');
  p.place = hostile('place');
  p.leadBody = hostile('lead body');
  p.population = NOT_NUMBER;
  p.countYear = NOT_NUMBER;
  d.author = hostile('author');
  d.fileName = hostile('file name');
  d.fingerprint.revision = NOT_NUMBER;
  d.fingerprint.workbookId = hostile('workbook id');
  d.fingerprint.contentHash = hostile('hash');
  d.generatedAt = NOT_NUMBER;
  const agencyNames = new Map<string, string>();
  d.agencies.forEach((a: Record<string, unknown>, i: number) => {
    a.name = hostile(`agency ${i}`);
    agencyNames.set(a.id as string, a.name as string);
  });
  d.themes.forEach((th: Record<string, unknown>, i: number) => {
    th.name = hostile(`theme ${i}`);
    th.description = hostile(`theme description ${i}`);
    th.cohortSize = NOT_NUMBER;
  });
  d.barriers.forEach((b: Record<string, unknown>, i: number) => {
    for (const f of ['title', 'description', 'evidence', 'ask', 'offer', 'owner']) b[f] = hostile(`barrier ${f} ${i}`);
    b.costPence = NOT_NUMBER;
  });
  const t = d.totals;
  for (const f of ['population', 'perHeadPence', 'agencyCount', 'lineCount', 'nettedLines', 'barrierCount', 'barriersCosted', 'negativeLines', 'revenuePence', 'ringFencedPence']) t[f] = NOT_NUMBER;
  t.byAgency.forEach((a: Record<string, unknown>, i: number) => {
    a.name = agencyNames.get(a.id as string) ?? hostile(`agency total ${i}`);
    if (i === 0) Object.assign(a, { pence: NOT_NUMBER, lines: NOT_NUMBER, control: `${NOT_NUMBER} control`, type: `${NOT_NUMBER} type` });
    if (i === 1) a.passedOnPence = NOT_NUMBER;
  });
  t.byTheme.forEach((x: Record<string, unknown>, i: number) => {
    if (x.id !== null) x.name = d.themes.find((th: { id: string }) => th.id === x.id)?.name ?? hostile(`theme total ${i}`);
    if (i === 0) x.pence = NOT_NUMBER;
  });
  t.byAgencyType[0].pence = NOT_NUMBER;
  t.byAgencyType[1].lines = NOT_NUMBER;
  t.byFunction[0].pence = NOT_NUMBER;
  t.bySource[0].pence = NOT_NUMBER;
  t.barriersByCategory[0].count = NOT_NUMBER;
  t.agenciesWithoutSpend = [{ id: 'x', name: hostile('agency without spend') }];
  t.themesWithoutSpend = [{ id: 'y', name: hostile('theme without spend') }];
  d.matrix[0].pence = NOT_NUMBER;
  return d as unknown as ReportData;
}

describe('a submission from a hostile file', () => {
  it('contains no element or attribute that came from the data, and every hostile string as literal text', () => {
    const clean = cleanData();
    const allowed = { tags: new Set<string>(), attrs: new Set<string>(), classes: new Set<string>() };
    for (const o of OPTIONS) {
      const s = shape(renderReport(clean, o));
      for (const k of ['tags', 'attrs', 'classes'] as const) s[k].forEach((x) => allowed[k].add(x));
    }
    const bad = hostileData(clean);
    const hostileTexts = [
      bad.pilot.name, bad.pilot.place, bad.pilot.leadBody, bad.author!, bad.fileName,
      ...bad.agencies.map((a) => a.name), ...bad.themes.flatMap((th) => [th.name, th.description]),
      ...bad.barriers.flatMap((b) => [b.title, b.description, b.evidence, b.ask, b.offer, b.owner]),
      bad.totals.agenciesWithoutSpend[0]!.name, bad.totals.themesWithoutSpend[0]!.name,
    ];
    for (const o of OPTIONS) {
      const html = renderReport(bad, o);
      const s = shape(html);
      expect([...s.tags].filter((x) => !allowed.tags.has(x)), 'elements').toEqual([]);
      expect([...s.attrs].filter((x) => !allowed.attrs.has(x)), 'attributes').toEqual([]);
      expect([...s.classes].filter((x) => !allowed.classes.has(x)), 'classes').toEqual([]);
      // No attribute carries anything from the data: the renderer puts the file's words in text only.
      expect(s.values.filter((v) => /onerror|onload|onmouseover|NUMBERINFILE|127\.0\.0\.1|bold/.test(v)), 'attribute values').toEqual([]);
      expect([...s.attrs].filter((a) => /@on/.test(a))).toEqual([]);
      // A "number" that is a string is never printed as itself, even escaped: it is "(not a figure)".
      expect(html.replace(/NUMBERINFILE control|NUMBERINFILE type/g, '')).not.toContain('NUMBERINFILE');
      expect(html).toContain(NOT_A_FIGURE);
      // Only the enumeration fields (text in the file) show such a string, and as text.
      const text = words(parse(html)).replace(/\s+/g, ' ');
      expect(text).toContain(`${NOT_NUMBER} control`);
      for (const h of hostileTexts.filter((x) => !(o.sections.length < 6 && /barrier|theme/.test(x)))) expect(text, h.slice(0, 30)).toContain(h.replace(/\s+/g, ' '));
      expect(html.startsWith(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}">`)).toBe(true);
    }
  });

  it('prints to PDF with each hostile string as literal text, fetching nothing and running nothing', async () => {
    const bad = hostileData(cleanData());
    const pdf = await pdfWithChromium(renderReport(bad, defaultReportOptions('millions')), bad.pilot.name);
    const file = path.join(tempDir(), 'hostile.pdf');
    fs.writeFileSync(file, pdf);
    const flat = (s: string) => s.replace(/\s+/g, '');
    const text = flat(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
    for (const h of [bad.pilot.name, bad.pilot.place, bad.author!, bad.themes[0]!.description, ...bad.barriers.slice(0, 2).flatMap((b) => [b.title, b.evidence, b.ask, b.offer])]) {
      expect(text, h.slice(0, 30)).toContain(flat(h));
    }
    expect(text).toContain(flat(NOT_A_FIGURE));
    expect(text).not.toContain('REMOTEFRAMEPRINTED');
    expect(requests).toEqual([]);
  });

  it("the command line's Chromium runs no script and fetches nothing, even from HTML without the report's CSP", async () => {
    const html = `<!doctype html><html><head><link rel=stylesheet href="http://127.0.0.1:${port}/x.css"></head><body>
      <p>Printed page</p>
      <img src="http://127.0.0.1:${port}/img.png"><iframe src="http://127.0.0.1:${port}/frame"></iframe>
      <script>document.body.append('SCRIPT RAN'); fetch('http://127.0.0.1:${port}/fetch');</script>
      <img src=x onerror="document.body.append('HANDLER RAN')"></body></html>`;
    const file = path.join(tempDir(), 'raw.pdf');
    fs.writeFileSync(file, await pdfWithChromium(html, 'Raw'));
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Printed page');
    expect(text).not.toMatch(/SCRIPT RAN|HANDLER RAN|REMOTE FRAME PRINTED/);
    expect(requests).toEqual([]);
  });

  it("the report's own CSP refuses nothing the report uses: its styles apply and its SVG charts draw", async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: findChromium()!, args: chromiumArgs() });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      // Chromium logs each thing a CSP refuses as an error.
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.setContent(renderReport(cleanData(), defaultReportOptions('millions')), { waitUntil: 'load' });
      const charts = await page.locator('figure.chart svg').evaluateAll((svgs) => svgs.map((svg) => {
        const r = svg.getBoundingClientRect();
        return { width: r.width, height: r.height, parts: svg.querySelectorAll('path').length };
      }));
      expect(charts.length).toBeGreaterThanOrEqual(5);
      for (const c of charts) expect(c.width * c.height * c.parts).toBeGreaterThan(0);
      // The style sheet applied: headings in the report's blue.
      await expect(page.locator('h2').first().evaluate((h) => getComputedStyle(h).color)).resolves.toBe('rgb(11, 61, 115)');
      expect(problems).toEqual([]);
      // And it is in force: markup that slipped in would fetch nothing (here with JavaScript on, as in any browser).
      const slipped = renderReport(cleanData(), defaultReportOptions('millions')).replace('</body>', `<img src="http://127.0.0.1:${port}/probe.png"></body>`);
      await page.setContent(slipped, { waitUntil: 'load' });
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(p).toMatch(/^Loading the image 'http:\/\/127\.0\.0\.1:\d+\/probe\.png' violates the following Content Security Policy directive: "img-src data:"/);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("is what the print preview's Trusted Types policy takes, and a document with an element that loads or runs anything is not", () => {
    const html = renderReport(cleanData(), defaultReportOptions('millions'));
    expect(notAReport(html)).toBeNull();
    expect(notAReport(renderReport(hostileData(cleanData()), defaultReportOptions('pounds')))).toBeNull();
    expect(notAReport('<p>Not a report</p>')).toMatch(/not a submission/);
    for (const slipped of ['<script>alert(1)</script>', '<iframe src="https://evil.example/">', '<object data=x>', '<embed src=x>', '<link rel=stylesheet href=x>', '<base href=x>', '<form action=x>', '<meta http-equiv="refresh" content="0;url=x">']) {
      expect(notAReport(html.replace('</body>', `${slipped}</body>`)), slipped).toMatch(/could load or run/);
    }
  });

  it('keeps Chromium\'s sandbox on, unless running as root, where Chromium cannot start with it', () => {
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(chromiumArgs()).toEqual(chromiumArgs(process.getuid?.() === 0));
  });
});
