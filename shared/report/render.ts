/**
 * The pilot submission, rendered once: workbook data in, a complete HTML document out, with charts as
 * inline SVG (Apache ECharts renders them without a page). The in-app preview, printing, PDF export and
 * the command line all use this, so they cannot disagree. Every value from the workbook goes through the
 * `html` template tag (./html.ts), which escapes it as text; figures are formatted from numbers only (a
 * "number" that is not one prints as "(not a figure)", never as itself); and the document carries its
 * own CSP, so nothing in it is fetched or run wherever it is opened.
 * Print layout: A4; the cover, the contents and the major parts on new pages, smaller sections following on;
 * short tables kept whole, long ones split between rows with their headers repeated; the wide spend map
 * on landscape pages.
 */
import { BarChart, PieChart, TreemapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { agencyTreemap, barrierCategoryBars, controlDonut, moneyWithUnit, themeBars, typeBars } from '../charts';
import {
  AGENCY_TIERS, AGENCY_TYPES, BARRIER_CATEGORIES, BARRIER_STATUSES, CONFIDENCES, CONTROLS, FUNCTIONS, NOT_STATED, REGIONS, RESOLUTIONS, SEVERITIES, SOURCES,
  THEME_CATEGORIES, labelOf,
} from '../enums';
import { NOT_STATED_FIELDS, notStatedSummary, type NotStatedField } from '../totals';
import { formatInUnit, formatPence, formatShare, UNIT_SUFFIX } from '../money';
import { formatYear } from '../years';
import { escapeHtml, html, isFigure, NOT_A_FIGURE, rawMarkup, type Markup } from './html';
import { REPORT_SECTIONS, reportTitle, type ReportData, type ReportOptions, type ReportSection } from './types';

echarts.use([BarChart, PieChart, TreemapChart, AriaComponent, GridComponent, TooltipComponent, SVGRenderer]);

/**
 * The report's own Content Security Policy, carried in the document: nothing is fetched (no script, no
 * frame, no font, no remote image) wherever the HTML is opened — a browser, the print window, Chromium
 * printing a PDF. Inline styles (the report's style sheet and the charts' SVG) and data: images only.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Text escaped for HTML (kept for callers; the renderer itself writes through the `html` tag). */
export const esc = escapeHtml;

function svg(option: object, width: number, height: number, label: string): Markup {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption(option as echarts.EChartsCoreOption);
  // zrender escapes every text it draws; the attributes it writes are its own (geometry, colours).
  const out = chart.renderToSVGString();
  chart.dispose();
  return html`<figure class="chart" role="img" aria-label="${label}">${rawMarkup(out)}</figure>`;
}

const when = (iso: unknown) => {
  const d = new Date(typeof iso === 'string' || isFigure(iso) ? iso : NaN);
  return Number.isNaN(d.getTime()) ? NOT_A_FIGURE : d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
};

/** A figure formatted from a number, or NOT_A_FIGURE: a value that is not a number is never printed as itself. */
const fig = (v: unknown, f: (n: number) => string): string => (isFigure(v) ? f(v) : NOT_A_FIGURE);
/** A count, grouped: 1,234. */
const int = (v: unknown): string => fig(v, (n) => n.toLocaleString('en-GB'));
const year = (v: unknown): string => fig(v, formatYear);
const shareOf = (part: unknown, whole: unknown): string => (isFigure(part) && isFigure(whole) ? formatShare(part, whole) : NOT_A_FIGURE);
/** The swatch class of who controls an agency's spend: one of the renderer's own classes, never the file's text. */
const controlClass = (c: unknown): string => (c === 'local' || c === 'central' || c === 'not_stated' ? c : '');
/** A list from the data, or none (a value that is not a list is not iterated). */
const list = <T,>(v: readonly T[] | undefined | null): readonly T[] => (Array.isArray(v) ? v : []);

export function renderReport(d: ReportData, o: ReportOptions): string {
  const t = d.totals;
  const u = o.units;
  const m = (p: unknown) => fig(p, (n) => moneyWithUnit(n, u));
  const cell = (p: unknown) => fig(p, (n) => formatInUnit(n, u));
  /** A table cell in a grid of figures: a dash for nothing, so the figures stand out. */
  const gridCell = (p: unknown) => (p === 0 ? '–' : cell(p));
  const share = (p: unknown) => shareOf(p, t.totalPence);
  const perHead = () => fig(t.perHeadPence, (n) => formatPence(n, { symbol: true }));
  const unitLabel = UNIT_SUFFIX[u];
  const sections = REPORT_SECTIONS.filter((s) => o.sections.includes(s.key));
  const has = (k: ReportSection) => o.sections.includes(k);
  let n = 0;
  const num = new Map(sections.map((s) => [s.key, ++n]));
  const h2 = (k: ReportSection) => html`<h2 id="${k}">${int(num.get(k))}. ${REPORT_SECTIONS.find((s) => s.key === k)!.label}</h2>`;
  const agencyName = new Map(list(d.agencies).map((a) => [a.id, a.name]));
  const p = d.pilot;
  // What nobody stated is printed as such, never as any stated value.
  const notStated = list(t.notStated?.fields).filter((f) => f.lines > 0 || f.pence !== 0);
  const notStatedOf = (key: NotStatedField) => notStated.find((f) => f.key === key);
  const notStatedShare = (key: NotStatedField) => {
    const f = notStatedOf(key);
    return f ? ` · not stated ${share(f.pence)}` : '';
  };
  const notStatedLabel = (key: NotStatedField) => `${NOT_STATED_FIELDS.find((x) => x.key === key)?.label ?? key} not stated`;
  const lines = (v: unknown, one: string, many: string) => `${int(v)} ${v === 1 ? one : many}`;

  const cover = html`<section class="cover">
  <p class="kicker">Total Place pilot submission</p>
  <h1>${p.name}</h1>
  <p class="sub">${p.place || 'Place not recorded'}${p.region ? ` · ${labelOf(REGIONS, p.region)}` : ''} · count of ${year(p.countYear)} spend</p>
  <div class="cover-figure"><span class="label">Total public spend in the place</span><span class="value">${m(t.totalPence)}</span>
  ${t.perHeadPence !== null && html`<span class="label">per head of population</span><span class="value small">${perHead()}</span>`}</div>
  <table class="meta">
    <tr><th>Lead body</th><td>${p.leadBody || '—'}</td></tr>
    ${typeof d.author === 'string' && d.author.trim() !== '' && html`<tr><th>Prepared by</th><td>${d.author}</td></tr>`}
    <tr><th>Date</th><td>${when(d.generatedAt)}</td></tr>
    <tr><th>Workbook</th><td>${d.fileName}</td></tr>
    <tr><th>Fingerprint</th><td class="mono">${d.fingerprint.workbookId} · revision ${int(d.fingerprint.revision)} · ${d.fingerprint.contentHash}</td></tr>
  </table>
  <p class="note">The fingerprint identifies the workbook file, the revision printed and a hash of every figure in this report: a figure can be traced to the file it came from, and any later change gives a different fingerprint.</p>
</section>`;

  const contents = html`<section class="contents"><h2 id="contents">Contents</h2><ol>${sections.map((s) => html`<li><a href="#${s.key}">${s.label}</a>${s.key === 'themes' && html`<ol>${list(d.themes).map((th) => html`<li>${th.name}</li>`)}</ol>`}</li>`)}</ol>
  <p class="note">Amounts are in ${unitLabel} unless marked. Negative amounts are shown in brackets. Each figure is rounded on its own, so a column may not add exactly to its total. Figures are for ${year(p.countYear)}.</p></section>`;

  const keyFigures = html`<table class="figures">
    <tr><th>Total public spend</th><td>${m(t.totalPence)}</td></tr>
    ${t.perHeadPence !== null && html`<tr><th>Per head (population ${int(t.population)})</th><td>${perHead()}</td></tr>`}
    <tr><th>Agencies counted</th><td>${int(t.agencyCount)}</td></tr>
    <tr><th>Spend lines</th><td>${int(t.lineCount)}</td></tr>
    <tr><th>Passed between agencies (netted out, counted once where spent)</th><td>${m(t.nettedPence)} in ${lines(t.nettedLines, 'line', 'lines')}</td></tr>
    <tr><th>Locally controlled</th><td>${m(t.localPence)} (${share(t.localPence)})</td></tr>
    <tr><th>Centrally controlled</th><td>${m(t.centralPence)} (${share(t.centralPence)})</td></tr>
    ${notStatedOf('control') && html`<tr><th>Control not stated</th><td>${m(t.controlNotStatedPence)} (${share(t.controlNotStatedPence)})</td></tr>`}
    <tr><th>Ring-fenced grants</th><td>${m(t.ringFencedPence)} (${share(t.ringFencedPence)})</td></tr>
    <tr><th>Revenue / capital</th><td>${share(t.revenuePence)} / ${share(t.capitalPence)}${notStatedShare('kind')}</td></tr>
    <tr><th>Administration</th><td>${m(t.administrationPence)} (${share(t.administrationPence)})${notStatedShare('delivery')}</td></tr>
    <tr><th>Prevention / reaction</th><td>${share(t.preventionPence)} / ${share(t.reactionPence)}${notStatedShare('purpose')}</td></tr>
    <tr><th>Barriers found</th><td>${int(t.barrierCount)}${t.barriersCosted > 0 && `, estimated cost ${m(t.barrierCostPence)}`}</td></tr>
  </table>`;

  // An empty count says so, rather than "– of it is decided locally" and three empty charts.
  const counted = t.lineCount > 0;
  const summary = has('summary') && html`<section>${h2('summary')}
  ${counted ? html`<p class="lede">Across ${int(t.agencyCount)} agencies, the public sector spent ${m(t.totalPence)} in ${p.place || 'the place'} in ${year(p.countYear)}${t.perHeadPence !== null && `, ${perHead()} for every resident`}. ${share(t.localPence)} of it is decided locally.</p>`
    : html`<p class="lede">No spend is counted yet: this workbook has ${t.agencyCount === 0 ? 'no agencies' : lines(t.agencyCount, 'agency', 'agencies')} and no spend lines. The figures below are all nil until spend lines are added.</p>`}
  ${keyFigures}
  ${counted && html`<h3>Who controls the money</h3>${svg(controlDonut(t, u), 640, 200, 'Locally and centrally controlled spend')}
  <h3>Spend by agency type</h3>${svg(typeBars(t, u), 640, Math.max(100, 28 * list(t.byAgencyType).filter((x) => x.lines > 0 || x.pence !== 0).length + 20), 'Spend by agency type')}
  <h3>Spend by theme</h3>${svg(themeBars(t, u), 640, Math.max(100, 28 * list(t.byTheme).length + 20), 'Spend by theme')}`}
</section>`;

  const byPence = (a: { pence: unknown }, b: { pence: unknown }) => (isFigure(b.pence) ? b.pence : 0) - (isFigure(a.pence) ? a.pence : 0);
  const fnRows = list(t.byFunction).filter((f) => f.lines > 0 || f.pence !== 0).sort(byPence);
  const byType = [...list(t.byAgencyType)].sort(byPence);
  // The treemap's key: every agency it draws (its tiles are too small to name them all), by type as the tiles are grouped.
  const treemapKey = [...new Set(list(t.byAgency).map((a) => a.type))]
    .map((type) => ({ type, agencies: list(t.byAgency).filter((a) => a.type === type && isFigure(a.pence) && a.pence > 0).sort(byPence) }))
    .filter((g) => g.agencies.length > 0)
    .sort((a, b) => b.agencies.reduce((x, y) => x + y.pence, 0) - a.agencies.reduce((x, y) => x + y.pence, 0));
  /** A short table is kept whole on one page (its heading, rows and total together); a long one breaks between rows. */
  const keep = (rows: number) => (rows <= KEEP_WHOLE_ROWS ? 'data keep' : 'data');
  const matrixCell = (agencyId: string, themeId: string | null) => list(d.matrix).find((x) => x.agencyId === agencyId && x.themeId === themeId)?.pence ?? 0;
  const themeCols: { id: string | null; name: string }[] = [...list(d.themes).map((th) => ({ id: th.id as string | null, name: th.name })), { id: null, name: 'Unallocated' }];
  const spendMap = has('spendMap') && html`<section>${h2('spendMap')}
  <h3>Agencies by type</h3>
  <table class="${keep(byType.length)}"><thead><tr><th>Agency type</th><th class="n">Spend (${unitLabel})</th><th class="n">Share</th><th class="n">Lines</th></tr></thead><tbody>
  ${byType.map((x) => html`<tr><td>${labelOf(AGENCY_TYPES, x.key)}</td><td class="n">${cell(x.pence)}</td><td class="n">${share(x.pence)}</td><td class="n">${int(x.lines)}</td></tr>`)}
  </tbody><tfoot><tr><th>Total</th><td class="n">${cell(t.totalPence)}</td><td class="n">100.0%</td><td class="n">${fig(t.lineCount, (all) => fig(t.nettedLines, (netted) => (all - netted).toLocaleString('en-GB')))}</td></tr></tfoot></table>
  ${isFigure(t.nettedLines) && t.nettedLines > 0 && html`<p class="note">Lines: ${fig(t.lineCount, (all) => fig(t.nettedLines, (netted) => (all - netted).toLocaleString('en-GB')))} of the ${lines(t.lineCount, 'spend line', 'spend lines')} in the summary. The other ${lines(t.nettedLines, 'line passes', 'lines pass')} ${m(t.nettedPence)} to another agency in this count; netted out, that money is counted once, where it is spent, and not again here (see “Passed between agencies”).</p>`}
  ${treemapKey.length > 0 && html`<div class="charts two">${svg(agencyTreemap(t, u), 400, 300, 'Agencies within their types, by spend')}
  <div class="key"><p class="note">Each tile is an agency, sized by its spend and grouped by type; its colour is who controls the spend: <span class="sw local"></span>locally, <span class="sw central"></span>centrally${notStatedOf('control') && html`, <span class="sw not_stated"></span>not stated`}.</p>${treemapKey.map((g) => html`<p class="key-type">${labelOf(AGENCY_TYPES, g.type)}</p><ul>${g.agencies.map((a) => html`<li><span class="sw ${controlClass(a.control)}"></span>${a.name} <span class="amount">${m(a.pence)}</span></li>`)}</ul>`)}</div></div>`}
  <h3>By function</h3>
  <table class="${keep(fnRows.length)}"><thead><tr><th>Function (COFOG)</th><th class="n">Spend (${unitLabel})</th><th class="n">Share</th></tr></thead><tbody>
  ${fnRows.map((f) => html`<tr><td>${f.key === NOT_STATED ? notStatedLabel('function') : labelOf(FUNCTIONS, f.key)}</td><td class="n">${cell(f.pence)}</td><td class="n">${share(f.pence)}</td></tr>`)}
  </tbody><tfoot><tr><th>Total</th><td class="n">${cell(t.totalPence)}</td><td class="n">${t.lineCount > 0 ? '100.0%' : '–'}</td></tr></tfoot></table>
  <h3>Locally and centrally controlled</h3>
  <table class="${keep(3)}"><thead><tr><th>Control</th><th class="n">Spend (${unitLabel})</th><th class="n">Share</th></tr></thead><tbody>
  <tr><td><span class="sw local"></span>Locally controlled</td><td class="n">${cell(t.localPence)}</td><td class="n">${share(t.localPence)}</td></tr>
  <tr><td><span class="sw central"></span>Centrally controlled</td><td class="n">${cell(t.centralPence)}</td><td class="n">${share(t.centralPence)}</td></tr>
  ${notStatedOf('control') && html`<tr><td><span class="sw not_stated"></span>Control not stated</td><td class="n">${cell(t.controlNotStatedPence)}</td><td class="n">${share(t.controlNotStatedPence)}</td></tr>`}</tbody></table>
  <h3>Passed between agencies</h3>
  <p>Money one agency passes to another in this count (a grant or a recharge) is counted once, where it is spent. ${m(t.nettedPence)} in ${lines(t.nettedLines, 'line was', 'lines were')} netted out${t.nettedPence > 0 ? ':' : '.'}</p>
  ${t.nettedPence > 0 && html`<table class="${keep(list(t.byAgency).length)}"><thead><tr><th>Passed on by</th><th class="n">Netted out (${unitLabel})</th></tr></thead><tbody>${list(t.byAgency).filter((a) => a.passedOnPence !== 0).map((a) => html`<tr><td>${a.name}</td><td class="n">${cell(a.passedOnPence)}</td></tr>`)}</tbody></table>`}
</section>
<section class="${o.wideTables === 'landscape' ? 'wide' : ''}"><h3 id="spend-map-table">Spend by agency and theme (${unitLabel})</h3>
  <table class="data matrix"><thead><tr><th>Agency</th>${themeCols.map((c) => html`<th class="n">${c.name}</th>`)}<th class="n">Total</th></tr></thead><tbody>
  ${list(t.byAgency).map((a) => html`<tr><td>${a.name}</td>${themeCols.map((c) => html`<td class="n">${gridCell(matrixCell(a.id, c.id))}</td>`)}<td class="n strong">${cell(a.pence)}</td></tr>`)}
  </tbody><tfoot><tr><th>Total</th>${themeCols.map((c) => html`<td class="n">${cell(list(t.byTheme).find((x) => x.id === c.id)?.pence ?? 0)}</td>`)}<td class="n strong">${cell(t.totalPence)}</td></tr></tfoot></table>
</section>`;

  const barrierRows = (bs: readonly ReportData['barriers'][number][]) => bs.map((b) => html`<article class="barrier">
    <h4>${b.title}</h4>
    <p class="tags">${b.category === NOT_STATED ? 'Category not stated' : labelOf(BARRIER_CATEGORIES, b.category)} · ${b.severity === NOT_STATED ? 'severity not stated' : `${labelOf(SEVERITIES, b.severity)} severity`} · ${labelOf(BARRIER_STATUSES, b.status)}${b.owner && ` · owner: ${b.owner}`}${b.costPence !== null && ` · estimated cost ${m(b.costPence)}`}</p>
    ${list(b.agencyIds).length > 0 && html`<p class="tags">Agencies affected: ${list(b.agencyIds).map((id) => agencyName.get(id) ?? '').join(', ')}</p>`}
    ${b.description && html`<p>${b.description}</p>`}
    <dl>${b.evidence && html`<dt>Evidence</dt><dd>${b.evidence}</dd>`}${b.ask && html`<dt>Ask of government</dt><dd>${b.ask}</dd>`}${b.offer && html`<dt>Offer in return</dt><dd>${b.offer}</dd>`}</dl>
  </article>`);

  const themes = has('themes') && list(d.themes).map((th, i) => {
    const tt = list(t.byTheme).find((x) => x.id === th.id);
    const rows = list(d.matrix).filter((x) => x.themeId === th.id).sort(byPence);
    const bars = list(d.barriers).filter((b) => b.themeId === th.id);
    return html`<section class="${i === 0 ? '' : 'flow'}">${i === 0 && h2('themes')}<h3 class="theme-title" id="theme-${String(i)}">${th.name}</h3>
    <p class="tags">${th.category === NOT_STATED ? 'Category not stated' : labelOf(THEME_CATEGORIES, th.category)}${th.cohortSize !== null && ` · cohort of ${int(th.cohortSize)}`} · ${m(tt?.pence ?? 0)} (${share(tt?.pence ?? 0)} of the place)</p>
    ${th.description && html`<p>${th.description}</p>`}
    ${rows.length > 0 ? html`<table class="${keep(rows.length)}"><thead><tr><th>Agency</th><th class="n">Spend (${unitLabel})</th><th class="n">Share of theme</th></tr></thead><tbody>${rows.map((r) => html`<tr><td>${agencyName.get(r.agencyId)}</td><td class="n">${cell(r.pence)}</td><td class="n">${shareOf(r.pence, tt?.pence ?? 0)}</td></tr>`)}</tbody></table>` : html`<p class="note">No spend lines in this theme yet.</p>`}
    <h4 class="sub">Barriers in this theme (${int(bars.length)})</h4>${bars.length > 0 ? barrierRows(bars) : html`<p class="note">None recorded.</p>`}
    </section>`;
  });

  const barriers = has('barriers') && html`<section>${h2('barriers')}
  <p>${lines(t.barrierCount, 'barrier', 'barriers')} found${t.barriersCosted > 0 && `, ${int(t.barriersCosted)} with an estimated cost totalling ${m(t.barrierCostPence)}`}. They are grouped by where they can be resolved.</p>
  ${t.barrierCount > 0 && svg(barrierCategoryBars(t), 640, Math.max(80, 28 * list(t.barriersByCategory).filter((c) => c.count > 0).length + 20), 'Barriers by category')}
  ${RESOLUTIONS.map((r) => {
    const these = list(d.barriers).filter((b) => b.resolution === r.key);
    const where = { local: 'Resolved locally', whitehall_guidance: 'Resolved by Whitehall changing guidance', legislation: 'Resolved only by legislation', not_stated: 'Where they can be resolved: not stated' }[r.key];
    return these.length > 0 && html`<h3>${where} (${int(these.length)})</h3>${barrierRows(these)}`;
  })}
</section>`;

  const quality = has('quality') && html`<section class="flow">${h2('quality')}
  <p>Each spend line records how it was counted: from the agency's own return, apportioned from national figures, or estimated.</p>
  <table class="${keep(list(t.bySource).length)}"><thead><tr><th>How counted</th><th class="n">Spend (${unitLabel})</th><th class="n">Share</th></tr></thead><tbody>
  ${list(t.bySource).filter((s) => s.key !== NOT_STATED || s.pence !== 0).map((s) => html`<tr><td>${s.key === 'apportioned' ? 'Apportioned from national figures' : labelOf(SOURCES, s.key)}</td><td class="n">${cell(s.pence)}</td><td class="n">${share(s.pence)}</td></tr>`)}
  </tbody></table>
  <table class="${keep(list(t.byConfidence).length)}"><thead><tr><th>Confidence</th><th class="n">Spend (${unitLabel})</th><th class="n">Share</th></tr></thead><tbody>
  ${list(t.byConfidence).filter((c) => c.key !== NOT_STATED || c.pence !== 0).map((c) => html`<tr><td>${labelOf(CONFIDENCES, c.key)}</td><td class="n">${cell(c.pence)}</td><td class="n">${share(c.pence)}</td></tr>`)}
  </tbody></table>
  ${notStated.length > 0 && html`<h3 id="not-stated">Not stated</h3>
  <p>A field nobody gave is counted as not stated, never as any value. ${notStatedSummary(t) ?? ''}.</p>
  <table class="${keep(notStated.length)}"><thead><tr><th>Not stated</th><th class="n">Spend (${unitLabel})</th><th class="n">Share</th><th class="n">Lines</th></tr></thead><tbody>
  ${notStated.map((f) => html`<tr><td>${notStatedLabel(f.key)}</td><td class="n">${cell(f.pence)}</td><td class="n">${share(f.pence)}</td><td class="n">${int(f.lines)}</td></tr>`)}
  </tbody></table>`}
  <ul>
    ${t.lineCount > 0 && notStated.length === 0 && html`<li>Every spend line and agency states each of its fields.</li>`}
    <li>${t.agencyCount === 0 ? 'No agencies have been listed.' : list(t.agenciesWithoutSpend).length === 0 ? 'Every agency listed has spend lines.' : `No spend has been counted yet for: ${list(t.agenciesWithoutSpend).map((a) => a.name).join(', ')}. The count is partial.`}</li>
    <li>${t.negativeLines === 0 ? 'No line has a negative amount.' : `${lines(t.negativeLines, 'line has', 'lines have')} a negative amount (income or recharges), reducing the total.`}</li>
    <li>${t.themeCount === 0 ? 'No themes have been set up.' : list(t.themesWithoutSpend).length === 0 ? 'Every theme has spend lines.' : `No spend allocated yet to: ${list(t.themesWithoutSpend).map((x) => x.name).join(', ')}.`}</li>
  </ul>
</section>`;

  const agencies = has('agencies') && html`<section class="flow">${h2('agencies')}
  <table class="${keep(list(t.byAgency).length)}"><thead><tr><th>Agency</th><th>Type</th><th>Tier</th><th>Control</th><th class="n">Spend (${unitLabel})</th><th class="n">Share</th></tr></thead><tbody>
  ${list(t.byAgency).map((a) => html`<tr><td>${a.name}</td><td>${labelOf(AGENCY_TYPES, a.type)}</td><td>${labelOf(AGENCY_TIERS, a.tier)}</td><td><span class="sw ${controlClass(a.control)}"></span>${labelOf(CONTROLS, a.control)}</td><td class="n">${cell(a.pence)}</td><td class="n">${share(a.pence)}</td></tr>`)}
  </tbody></table>
</section>`;

  return `<!doctype html>${html`<html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><title>${reportTitle(String(p.name ?? ''))}</title><style>${rawMarkup(CSS)}</style></head>
<body>${cover}${contents}${summary}${spendMap}${themes}${barriers}${quality}${agencies}</body></html>`}`;
}

/** Tables of at most this many rows are never split across pages. */
const KEEP_WHOLE_ROWS = 24;

const CSS = `
@page { size: A4 portrait; margin: 18mm 16mm 20mm 16mm; }
@page wide { size: A4 landscape; margin: 14mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 10pt; color: #1b1f24; line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1 { font-size: 28pt; margin: 0 0 6pt; color: #0b3d73; }
h2 { font-size: 17pt; color: #0b3d73; margin: 0 0 10pt; padding-bottom: 4pt; border-bottom: 2pt solid #0b5cad; }
h3 { font-size: 12.5pt; margin: 14pt 0 6pt; color: #1b1f24; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 0 0 3pt; break-after: avoid; }
h4.sub { margin-top: 12pt; color: #58636e; text-transform: uppercase; font-size: 9pt; letter-spacing: .04em; }
p { margin: 0 0 6pt; }
/* The cover, the contents and each major part start a page; a smaller section (a theme after the first,
   how the count was made, the appendix) follows on, its heading kept with what comes after it. */
section { break-before: page; }
section.flow { break-before: auto; margin-top: 22pt; }
section.flow h2, .theme-title, .theme-title + p.tags { break-after: avoid; }
section ul { break-inside: avoid; }
section.cover { break-before: auto; padding-top: 40mm; }
section.wide { page: wide; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: #0b5cad; font-weight: 700; font-size: 10pt; }
.sub { font-size: 13pt; color: #58636e; }
.cover-figure { margin: 24pt 0; padding: 14pt 16pt; border-left: 5pt solid #0b5cad; background: #f1f5fa; display: grid; grid-template-columns: auto 1fr; column-gap: 14pt; row-gap: 4pt; align-items: baseline; }
.cover-figure .label { color: #58636e; }
.cover-figure .value { font-size: 26pt; font-weight: 700; color: #0b3d73; }
.cover-figure .value.small { font-size: 14pt; }
table.meta { border-collapse: collapse; margin-top: 18pt; }
table.meta th { text-align: left; color: #58636e; font-weight: 400; padding: 3pt 14pt 3pt 0; vertical-align: top; }
table.meta td { padding: 3pt 0; }
.mono { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; }
.note { color: #58636e; font-size: 8.5pt; }
.lede { font-size: 11.5pt; }
.contents ol { font-size: 12pt; line-height: 1.9; }
.contents ol ol { font-size: 10pt; line-height: 1.5; }
.contents a { color: #0b5cad; text-decoration: none; }
table.figures, table.data { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-variant-numeric: tabular-nums; }
table.figures th { text-align: left; font-weight: 400; color: #3b4650; padding: 3pt 8pt 3pt 0; border-bottom: .5pt solid #d8dde3; }
table.figures td { text-align: right; font-weight: 700; padding: 3pt 0; border-bottom: .5pt solid #d8dde3; white-space: nowrap; }
table.data thead { display: table-header-group; }
table.data tfoot { display: table-row-group; }
table.data th, table.data td { padding: 3pt 6pt; border-bottom: .5pt solid #d8dde3; text-align: left; vertical-align: top; }
table.data thead th { background: #e8eef5; border-bottom: 1pt solid #0b5cad; font-size: 8.5pt; }
table.data tfoot th, table.data tfoot td { font-weight: 700; border-top: 1pt solid #1b1f24; }
tr { break-inside: avoid; }
table.keep { break-inside: avoid; }
/* A long table's total stays with its last row, never alone at the top of a page. */
table.data tbody tr:last-child, table.data tfoot tr { break-before: avoid; }
.n { text-align: right !important; white-space: nowrap; }
.strong { font-weight: 700; }
table.matrix { font-size: 7.5pt; }
table.matrix th, table.matrix td { padding: 2pt 4pt; }
.sw { display: inline-block; width: 7pt; height: 7pt; margin-right: 4pt; border-radius: 1pt; }
.sw.local { background: #1d6f52; }
.sw.central { background: #6a3d9a; }
.sw.not_stated { background: #8b949e; }
.chart { margin: 6pt 0 10pt; break-inside: avoid; }
.charts.two { display: flex; gap: 12pt; align-items: flex-start; break-inside: avoid; margin: 6pt 0 10pt; }
.charts.two .chart { margin: 0; flex: none; }
.key { flex: 1; font-size: 8pt; line-height: 1.3; }
.key .note { margin-bottom: 4pt; }
.key .key-type { color: #58636e; font-size: 7.5pt; text-transform: uppercase; letter-spacing: .04em; margin: 5pt 0 1pt; }
.key ul { list-style: none; margin: 0; padding: 0; }
.key li { margin: 0 0 1pt; }
.key .amount { color: #58636e; white-space: nowrap; }
.theme-title { font-size: 15pt; color: #0b3d73; margin-top: 0; }
.tags { color: #58636e; font-size: 8.5pt; }
article.barrier { border-left: 3pt solid #0b5cad; padding: 4pt 0 4pt 8pt; margin: 0 0 8pt; break-inside: avoid; }
article.barrier dl { margin: 3pt 0 0; display: grid; grid-template-columns: 28mm 1fr; gap: 2pt 8pt; }
article.barrier dt { color: #58636e; font-size: 8.5pt; }
article.barrier dd { margin: 0; }
@media screen {
  html { background: #e9ecf0; }
  body { max-width: 210mm; margin: 0 auto; }
  section { background: #fff; margin: 12px 0; padding: 16mm; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  section.wide { max-width: none; }
}
`;
