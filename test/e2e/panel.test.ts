/** The totals panel as a user checks it: right to the penny, changing the moment a cell changes, and a way into the lines behind each figure. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/totalplace';
import { Workbook } from '../../electron/workbook/workbook';
import type { Totals } from '../../shared/totals';
import type { Harness } from './harness';
import { body } from './grid-helpers';
import { useBrowser } from './lifecycle';

const browser = useBrowser();
let h: Harness | null = null;


async function openSample(height = 900): Promise<{ page: Page; file: string }> {
  h = await browser.start({ height });
  await h.page.getByRole('button', { name: 'Open Sample Pilot' }).click();
  await h.page.getByTestId('total-spend').waitFor();
  return { page: h.page, file: h.session.workbook().path };
}

/** What `npx totalplace totals --json` says about the file. */
async function cliTotals(file: string): Promise<Totals> {
  const out: string[] = [];
  expect(await main(['totals', file, '--json'], (l) => out.push(l), () => undefined)).toBe(0);
  return JSON.parse(out.join('\n')) as Totals;
}

const pence = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-pence'));
const themePence = async (page: Page, name: string) => Number(await page.locator(`[data-testid="by-theme"] li[data-theme="${name}"] [data-pence]`).getAttribute('data-pence'));

async function editCell(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).dblclick();
  const input = page.locator('.cell-input');
  await input.fill(text);
  await input.press('Enter');
}

/** Click a part of a chart where a user would: ECharts finds what was hit from the mouse position. */
async function clickChart(page: Page, selector: string, where: 'centre' | 'left-edge' = 'centre'): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  const box = (await page.locator(selector).first().boundingBox())!;
  await page.mouse.click(where === 'centre' ? box.x + box.width / 2 : box.x + 4, box.y + box.height / 2);
}

async function choose(page: Page, selector: string, list: string, label: string): Promise<void> {
  await page.locator(selector).dblclick();
  const box = page.getByRole('listbox', { name: list });
  await box.selectOption({ label });
  await box.press('Enter');
}

describe('the totals panel', () => {
  it('shows exactly what the store and `totalplace totals --json` say', async () => {
    const { page, file } = await openSample(2400);
    const cli = await cliTotals(file);
    expect(await pence(page, 'total-spend')).toBe(cli.totalPence);
    expect(await pence(page, 'local-pence')).toBe(cli.localPence);
    expect(await pence(page, 'central-pence')).toBe(cli.centralPence);
    expect(await pence(page, 'netted-pence')).toBe(cli.nettedPence);
    expect(await pence(page, 'per-head')).toBe(cli.perHeadPence);
    expect(await pence(page, 'barrier-cost-pence')).toBe(cli.barrierCostPence);
    await expect(page.getByTestId('barrier-count').textContent()).resolves.toBe(String(cli.barrierCount));
    await expect(page.getByTestId('line-count').textContent()).resolves.toMatch(new RegExp(`${cli.lineCount}$`));
    for (const t of cli.byTheme) expect(await themePence(page, t.name ?? 'Unallocated'), t.name ?? 'Unallocated').toBe(t.pence);
    await expect(page.getByTestId('total-spend').getAttribute('title')).resolves.toBe('£7,300,000,000.00');
    await page.locator('.panel').screenshot({ path: `${(await import('./harness')).SCREENSHOTS}/30-panel-full.png` });
    await page.getByRole('radio', { name: '£000' }).click();
    await expect.poll(() => page.getByTestId('total-spend').textContent()).toBe('£7,300,000k');
  });

  it('changes by exactly an edit, a move between themes, and a line passed on', async () => {
    const { page, file } = await openSample();
    await page.getByRole('tab', { name: /Spend/ }).click();
    const line = h!.session.workbook().spend.page({ filter: { search: 'Adult social care' } }).rows[0]!;
    const total = await pence(page, 'total-spend');
    await editCell(page, body(line.id, 'amountPence'), `£${(line.amountPence + 123456) / 100}`);
    await expect.poll(() => pence(page, 'total-spend')).toBe(total + 123456);
    // The figures below the headline follow a moment later.
    const themeTotal = (name: string) => h!.session.workbook().totals().byTheme.find((x) => (x.name ?? 'Unallocated') === name)!.pence;
    await expect.poll(() => themePence(page, 'Older people')).toBe(themeTotal('Older people'));
    const older = await themePence(page, 'Older people');
    const unallocated = await themePence(page, 'Unallocated');
    await choose(page, body(line.id, 'themeId'), 'Theme', 'Unallocated');
    await expect.poll(() => themePence(page, 'Older people')).toBe(older - line.amountPence - 123456);
    await expect.poll(() => themePence(page, 'Unallocated')).toBe(unallocated + line.amountPence + 123456);

    await expect.poll(() => pence(page, 'netted-pence')).toBe(h!.session.workbook().totals().nettedPence);
    const netted = await pence(page, 'netted-pence');
    await choose(page, body(line.id, 'passedOn'), 'Passed on', 'Yes');
    await expect.poll(() => pence(page, 'total-spend')).toBe(total + 123456 - (line.amountPence + 123456));
    await expect.poll(() => pence(page, 'netted-pence')).toBe(netted + line.amountPence + 123456);
    const cli = await cliTotals(file);
    expect([await pence(page, 'total-spend'), await pence(page, 'netted-pence')]).toEqual([cli.totalPence, cli.nettedPence]);
  });

  it('counts a new barrier in its category and its cost in the total', async () => {
    const { page } = await openSample(1600);
    await page.getByRole('tab', { name: /Barriers/ }).click();
    const cost = await pence(page, 'barrier-cost-pence');
    const row = page.locator('[data-testid="barriers-by-category"] li[data-category="inspection_regulation"] .num');
    const before = (await row.count()) === 0 ? 0 : Number(await row.textContent());
    await page.getByRole('button', { name: 'Add barrier' }).click();
    await page.locator('.cell-input').fill('Nine inspectorates visit the same services');
    await page.locator('.cell-input').press('Control+Enter');
    await page.getByTestId('barrier-count').filter({ hasText: '7' }).waitFor();
    const barrier = h!.session.workbook().barriers.list().find((b) => b.title.startsWith('Nine inspectorates'))!;
    await choose(page, body(barrier.id, 'category'), 'Category', 'Inspection and regulation');
    await editCell(page, body(barrier.id, 'costPence'), '7m');
    await expect.poll(() => pence(page, 'barrier-cost-pence')).toBe(cost + 700_000_000);
    await expect.poll(() => page.locator('[data-testid="barriers-by-category"] li[data-category="inspection_regulation"] .num').textContent()).toBe(String(before + 1));
  });

  it('a click on a chart shows the lines or barriers behind it', async () => {
    const { page } = await openSample(1800);
    const central = h!.session.workbook().spend.page({ filter: { controls: ['central'] } });
    // The centrally controlled half of the donut (its outer edge: the middle of the ring's box is the hole).
    await clickChart(page, '[data-chart="control"] svg path[fill="#6a3d9a"]', 'left-edge');
    await page.getByRole('tab', { name: /Spend/, selected: true }).waitFor();
    await expect.poll(() => page.locator('#filter-control').inputValue()).toBe('central');
    await page.getByText(`${central.matching} lines matching (gross)`).waitFor();
    await h!.screenshot('31-spend-from-chart');

    await clickChart(page, '[data-chart="barriers"] svg path[fill="#0b5cad"]');
    await page.getByRole('tab', { name: /Barriers/, selected: true }).waitFor();
    await page.getByText('Showing Invest here, benefit there only').waitFor();
    await expect.poll(() => page.locator('.ag-grid-scrolling-container .ag-row').count()).toBe(2);
    await h!.screenshot('32-barriers-from-chart');

    await page.getByRole('button', { name: 'Estimated' }).click();
    await page.getByText('Source: Estimate').waitFor();
    const estimated = h!.session.workbook().spend.page({ filter: { sources: ['estimate'] } });
    await page.getByText(`${estimated.matching} lines matching (gross)`).waitFor();
  });

  it('shows what nobody stated as not stated: a grey part of the donut, and each figure under "How sure is the count"', async () => {
    h = await browser.start({ height: 2000 });
    const file = h.file('pasted.totalplace');
    const wb = Workbook.create(file, { author: 'J. Smith', pilot: { name: 'Pasted pilot' } });
    const [somebody, council] = wb.agencies.create([{ name: 'Somebody' }, { name: 'Council', type: 'county_council', tier: 'local', control: 'local' }]);
    wb.spend.create([
      { agencyId: somebody!.id, description: 'Pasted line', amountPence: 300_000_000 },
      { agencyId: council!.id, description: 'Stated line', amountPence: 100_000_000, function: 'education', kind: 'revenue', delivery: 'frontline', funding: 'local_income', purpose: 'prevention', source: 'agency_return', confidence: 'high' },
    ]);
    wb.close();
    const page = h.page;
    h.answerDialog(file);
    await h.command('open');
    await page.getByTestId('total-spend').waitFor();
    expect(await pence(page, 'local-pence')).toBe(100_000_000);
    expect(await pence(page, 'central-pence')).toBe(0);
    expect(await pence(page, 'control-not-stated-pence')).toBe(300_000_000);
    await expect(page.getByTestId('prevention-reaction').textContent()).resolves.toBe('Prevention / reaction25.0% / 0.0% · not stated 75.0%');
    await expect(page.getByTestId('revenue-capital').textContent()).resolves.toBe('Revenue / capital25.0% / 0.0% · not stated 75.0%');
    await expect(page.getByTestId('not-stated-function').textContent()).resolves.toMatch(/^Function not stated: £3\.0m \(75\.0%; 1 line\)$/);
    await expect(page.getByTestId('not-stated-purpose').textContent()).resolves.toMatch(/^Prevention or reaction not stated: £3\.0m \(75\.0%; 1 line\)$/);
    await expect(page.locator('[data-chart="control"] svg text').allTextContents()).resolves.toContain('Not stated');
    await page.locator('.panel').screenshot({ path: `${(await import('./harness')).SCREENSHOTS}/33-panel-not-stated.png` });

    await page.getByTestId('not-stated-function').getByRole('button', { name: 'Function not stated' }).click();
    await page.getByRole('tab', { name: /Spend/, selected: true }).waitFor();
    await expect.poll(() => page.locator('#filter-function').inputValue()).toBe('not_stated');
    await clickChart(page, '[data-chart="control"] svg path[fill="#8b949e"]', 'left-edge');
    await expect.poll(() => page.locator('#filter-control').inputValue()).toBe('not_stated');
  });
});
