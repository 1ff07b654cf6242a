/**
 * The pilot submission, rendered once: workbook data in, a complete HTML document out, with charts as
 * inline SVG (Apache ECharts renders them without a page). The in-app preview, printing, PDF export and
 * the command line all use this, so they cannot disagree. Every piece of text from the workbook is escaped.
 * Print layout: A4, sections on new pages, table headers repeated, rows never split, the wide spend map on
 * landscape pages.
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
import { REPORT_SECTIONS, type ReportData, type ReportOptions, type ReportSection } from './types';

echarts.use([BarChart, PieChart, TreemapChart, AriaComponent, GridComponent, TooltipComponent, SVGRenderer]);

export function esc(s: unknown): string {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function svg(option: object, width: number, height: number, label: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption(option as echarts.EChartsCoreOption);
  const out = chart.renderToSVGString();
  chart.dispose();
  return `<figure class="chart" role="img" aria-label="${esc(label)}">${out}</figure>`;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

export function renderReport(d: ReportData, o: ReportOptions): string {
  const t = d.totals;
  const u = o.units;
  const m = (p: number) => moneyWithUnit(p, u);
  const cell = (p: number) => formatInUnit(p, u);
  /** A table cell in a grid of figures: a dash for nothing, so the figures stand out. */
  const gridCell = (p: number) => (p === 0 ? '–' : formatInUnit(p, u));
  const share = (p: number) => formatShare(p, t.totalPence);
  const unitLabel = UNIT_SUFFIX[u];
  const sections = REPORT_SECTIONS.filter((s) => o.sections.includes(s.key));
  const has = (k: ReportSection) => o.sections.includes(k);
  let n = 0;
  const num = new Map(sections.map((s) => [s.key, ++n]));
  const h2 = (k: ReportSection) => `<h2 id="${k}">${num.get(k)}. ${esc(REPORT_SECTIONS.find((s) => s.key === k)!.label)}</h2>`;
  const agencyName = new Map(d.agencies.map((a) => [a.id, a.name]));
  const p = d.pilot;
  // What nobody stated is printed as such, never as any stated value.
  const notStated = t.notStated.fields.filter((f) => f.lines > 0 || f.pence !== 0);
  const notStatedOf = (key: NotStatedField) => notStated.find((f) => f.key === key);
  const notStatedShare = (key: NotStatedField) => {
    const f = notStatedOf(key);
    return f ? ` · not stated ${share(f.pence)}` : '';
  };
  const notStatedLabel = (key: NotStatedField) => `${NOT_STATED_FIELDS.find((x) => x.key === key)!.label} not stated`;

  const cover = `<section class="cover">
  <p class="kicker">Total Place pilot submission</p>
  <h1>${esc(p.name)}</h1>
  <p class="sub">${esc(p.place || 'Place not recorded')}${p.region ? ` · ${esc(labelOf(REGIONS, p.region))}` : ''} · count of ${esc(formatYear(p.countYear))} spend</p>
  <div class="cover-figure"><span class="label">Total public spend in the place</span><span class="value">${esc(m(t.totalPence))}</span>
  ${t.perHeadPence !== null ? `<span class="label">per head of population</span><span class="value small">${esc(formatPence(t.perHeadPence, { symbol: true }))}</span>` : ''}</div>
  <table class="meta">
    <tr><th>Lead body</th><td>${esc(p.leadBody || '—')}</td></tr>
    <tr><th>Prepared by</th><td>${esc(d.author)}</td></tr>
    <tr><th>Date</th><td>${esc(when(d.generatedAt))}</td></tr>
    <tr><th>Workbook</th><td>${esc(d.fileName)}</td></tr>
    <tr><th>Fingerprint</th><td class="mono">${esc(d.fingerprint.workbookId)} · revision ${d.fingerprint.revision} · ${esc(d.fingerprint.contentHash)}</td></tr>
  </table>
  <p class="note">The fingerprint identifies the workbook file, the revision printed and a hash of every figure in this report: a figure can be traced to the file it came from, and any later change gives a different fingerprint.</p>
</section>`;

  const contents = `<section class="contents"><h2 id="contents">Contents</h2><ol>${sections.map((s) => `<li><a href="#${s.key}">${esc(s.label)}</a>${s.key === 'themes' ? `<ol>${d.themes.map((th) => `<li>${esc(th.name)}</li>`).join('')}</ol>` : ''}</li>`).join('')}</ol>
  <p class="note">Amounts are in ${esc(unitLabel)} unless marked. Negative amounts are shown in brackets. Figures are for ${esc(formatYear(p.countYear))}.</p></section>`;

  const keyFigures = `<table class="figures">
    <tr><th>Total public spend</th><td>${esc(m(t.totalPence))}</td></tr>
    ${t.perHeadPence !== null ? `<tr><th>Per head (population ${t.population!.toLocaleString('en-GB')})</th><td>${esc(formatPence(t.perHeadPence, { symbol: true }))}</td></tr>` : ''}
    <tr><th>Agencies counted</th><td>${t.agencyCount}</td></tr>
    <tr><th>Spend lines</th><td>${t.lineCount.toLocaleString('en-GB')}</td></tr>
    <tr><th>Passed between agencies (netted out, counted once where spent)</th><td>${esc(m(t.nettedPence))} in ${t.nettedLines} line${t.nettedLines === 1 ? '' : 's'}</td></tr>
    <tr><th>Locally controlled</th><td>${esc(m(t.localPence))} (${share(t.localPence)})</td></tr>
    <tr><th>Centrally controlled</th><td>${esc(m(t.centralPence))} (${share(t.centralPence)})</td></tr>
    ${notStatedOf('control') ? `<tr><th>Control not stated</th><td>${esc(m(t.controlNotStatedPence))} (${share(t.controlNotStatedPence)})</td></tr>` : ''}
    <tr><th>Ring-fenced grants</th><td>${esc(m(t.ringFencedPence))} (${share(t.ringFencedPence)})</td></tr>
    <tr><th>Revenue / capital</th><td>${share(t.revenuePence)} / ${share(t.capitalPence)}${notStatedShare('kind')}</td></tr>
    <tr><th>Administration</th><td>${esc(m(t.administrationPence))} (${share(t.administrationPence)})${notStatedShare('delivery')}</td></tr>
    <tr><th>Prevention / reaction</th><td>${share(t.preventionPence)} / ${share(t.reactionPence)}${notStatedShare('purpose')}</td></tr>
    <tr><th>Barriers found</th><td>${t.barrierCount}${t.barriersCosted > 0 ? `, estimated cost ${esc(m(t.barrierCostPence))}` : ''}</td></tr>
  </table>`;

  const summary = !has('summary') ? '' : `<section>${h2('summary')}
  <p class="lede">Across ${t.agencyCount} agencies, the public sector spent ${esc(m(t.totalPence))} in ${esc(p.place || 'the place')} in ${esc(formatYear(p.countYear))}${t.perHeadPence !== null ? `, ${esc(formatPence(t.perHeadPence, { symbol: true }))} for every resident` : ''}. ${share(t.localPence)} of it is decided locally.</p>
  ${keyFigures}
  <h3>Who controls the money</h3>${svg(controlDonut(t, u), 640, 200, 'Locally and centrally controlled spend')}
  <h3>Spend by agency type</h3>${svg(typeBars(t, u), 640, Math.max(100, 24 * t.byAgencyType.length + 20), 'Spend by agency type')}
  <h3>Spend by theme</h3>${svg(themeBars(t, u), 640, Math.max(100, 26 * t.byTheme.length + 20), 'Spend by theme')}
</section>`;

  const fnRows = t.byFunction.filter((f) => f.lines > 0 || f.pence !== 0).sort((a, b) => b.pence - a.pence);
  const byType = [...t.byAgencyType].sort((a, b) => b.pence - a.pence);
  const matrixCell = (agencyId: string, themeId: string | null) => d.matrix.find((x) => x.agencyId === agencyId && x.themeId === themeId)?.pence ?? 0;
  const themeCols: { id: string | null; name: string }[] = [...d.themes.map((th) => ({ id: th.id as string | null, name: th.name })), { id: null, name: 'Unallocated' }];
  const spendMap = !has('spendMap') ? '' : `<section>${h2('spendMap')}
  <h3>Agencies by type</h3>
  <table class="data"><thead><tr><th>Agency type</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share</th><th class="n">Lines</th></tr></thead><tbody>
  ${byType.map((x) => `<tr><td>${esc(labelOf(AGENCY_TYPES, x.key))}</td><td class="n">${esc(cell(x.pence))}</td><td class="n">${share(x.pence)}</td><td class="n">${x.lines.toLocaleString('en-GB')}</td></tr>`).join('')}
  </tbody><tfoot><tr><th>Total</th><td class="n">${esc(cell(t.totalPence))}</td><td class="n">100.0%</td><td class="n">${(t.lineCount - t.nettedLines).toLocaleString('en-GB')}</td></tr></tfoot></table>
  ${svg(agencyTreemap(t, u), 640, 260, 'Agencies within their types, by spend')}
  <h3>By function</h3>
  <table class="data"><thead><tr><th>Function (COFOG)</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share</th></tr></thead><tbody>
  ${fnRows.map((f) => `<tr><td>${esc(f.key === NOT_STATED ? notStatedLabel('function') : labelOf(FUNCTIONS, f.key))}</td><td class="n">${esc(cell(f.pence))}</td><td class="n">${share(f.pence)}</td></tr>`).join('')}
  </tbody></table>
  <h3>Locally and centrally controlled</h3>
  <table class="data"><thead><tr><th>Control</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share</th></tr></thead><tbody>
  <tr><td><span class="sw local"></span>Locally controlled</td><td class="n">${esc(cell(t.localPence))}</td><td class="n">${share(t.localPence)}</td></tr>
  <tr><td><span class="sw central"></span>Centrally controlled</td><td class="n">${esc(cell(t.centralPence))}</td><td class="n">${share(t.centralPence)}</td></tr>
  ${notStatedOf('control') ? `<tr><td><span class="sw not_stated"></span>Control not stated</td><td class="n">${esc(cell(t.controlNotStatedPence))}</td><td class="n">${share(t.controlNotStatedPence)}</td></tr>` : ''}</tbody></table>
  <h3>Passed between agencies</h3>
  <p>Money one agency passes to another in this count (a grant or a recharge) is counted once, where it is spent. ${esc(m(t.nettedPence))} in ${t.nettedLines} line${t.nettedLines === 1 ? ' was' : 's were'} netted out${t.nettedPence > 0 ? ':' : '.'}</p>
  ${t.nettedPence > 0 ? `<table class="data"><thead><tr><th>Passed on by</th><th class="n">Netted out (${esc(unitLabel)})</th></tr></thead><tbody>${t.byAgency.filter((a) => a.passedOnPence !== 0).map((a) => `<tr><td>${esc(a.name)}</td><td class="n">${esc(cell(a.passedOnPence))}</td></tr>`).join('')}</tbody></table>` : ''}
</section>
<section class="${o.wideTables === 'landscape' ? 'wide' : ''}"><h3 id="spend-map-table">Spend by agency and theme (${esc(unitLabel)})</h3>
  <table class="data matrix"><thead><tr><th>Agency</th>${themeCols.map((c) => `<th class="n">${esc(c.name)}</th>`).join('')}<th class="n">Total</th></tr></thead><tbody>
  ${t.byAgency.map((a) => `<tr><td>${esc(a.name)}</td>${themeCols.map((c) => `<td class="n">${esc(gridCell(matrixCell(a.id, c.id)))}</td>`).join('')}<td class="n strong">${esc(cell(a.pence))}</td></tr>`).join('')}
  </tbody><tfoot><tr><th>Total</th>${themeCols.map((c) => `<td class="n">${esc(cell(t.byTheme.find((x) => x.id === c.id)?.pence ?? 0))}</td>`).join('')}<td class="n strong">${esc(cell(t.totalPence))}</td></tr></tfoot></table>
</section>`;

  const barrierRows = (list: typeof d.barriers) => list.map((b) => `<article class="barrier">
    <h4>${esc(b.title)}</h4>
    <p class="tags">${esc(b.category === NOT_STATED ? 'Category not stated' : labelOf(BARRIER_CATEGORIES, b.category))} · ${esc(b.severity === NOT_STATED ? 'severity not stated' : `${labelOf(SEVERITIES, b.severity)} severity`)} · ${esc(labelOf(BARRIER_STATUSES, b.status))}${b.owner ? ` · owner: ${esc(b.owner)}` : ''}${b.costPence !== null ? ` · estimated cost ${esc(m(b.costPence))}` : ''}</p>
    ${b.agencyIds.length ? `<p class="tags">Agencies affected: ${esc(b.agencyIds.map((id) => agencyName.get(id) ?? '').join(', '))}</p>` : ''}
    ${b.description ? `<p>${esc(b.description)}</p>` : ''}
    <dl>${b.evidence ? `<dt>Evidence</dt><dd>${esc(b.evidence)}</dd>` : ''}${b.ask ? `<dt>Ask of government</dt><dd>${esc(b.ask)}</dd>` : ''}${b.offer ? `<dt>Offer in return</dt><dd>${esc(b.offer)}</dd>` : ''}</dl>
  </article>`).join('');

  const themes = !has('themes') ? '' : d.themes.map((th, i) => {
    const tt = t.byTheme.find((x) => x.id === th.id);
    const rows = d.matrix.filter((x) => x.themeId === th.id).sort((a, b) => b.pence - a.pence);
    const bars = d.barriers.filter((b) => b.themeId === th.id);
    return `<section>${i === 0 ? h2('themes') : ''}<h3 class="theme-title" id="theme-${i}">${esc(th.name)}</h3>
    <p class="tags">${esc(th.category === NOT_STATED ? 'Category not stated' : labelOf(THEME_CATEGORIES, th.category))}${th.cohortSize !== null ? ` · cohort of ${th.cohortSize.toLocaleString('en-GB')}` : ''} · ${esc(m(tt?.pence ?? 0))} (${share(tt?.pence ?? 0)} of the place)</p>
    ${th.description ? `<p>${esc(th.description)}</p>` : ''}
    ${rows.length ? `<table class="data"><thead><tr><th>Agency</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share of theme</th></tr></thead><tbody>${rows.map((r) => `<tr><td>${esc(agencyName.get(r.agencyId))}</td><td class="n">${esc(cell(r.pence))}</td><td class="n">${formatShare(r.pence, tt?.pence ?? 0)}</td></tr>`).join('')}</tbody></table>` : '<p class="note">No spend lines in this theme yet.</p>'}
    <h4 class="sub">Barriers in this theme (${bars.length})</h4>${bars.length ? barrierRows(bars) : '<p class="note">None recorded.</p>'}
    </section>`;
  }).join('');

  const barriers = !has('barriers') ? '' : `<section>${h2('barriers')}
  <p>${t.barrierCount} barrier${t.barrierCount === 1 ? '' : 's'} found${t.barriersCosted > 0 ? `, ${t.barriersCosted} with an estimated cost totalling ${esc(m(t.barrierCostPence))}` : ''}. They are grouped by where they can be resolved.</p>
  ${t.barrierCount > 0 ? svg(barrierCategoryBars(t), 640, Math.max(80, 26 * t.barriersByCategory.filter((c) => c.count > 0).length + 20), 'Barriers by category') : ''}
  ${RESOLUTIONS.map((r) => {
    const list = d.barriers.filter((b) => b.resolution === r.key);
    const where = { local: 'Resolved locally', whitehall_guidance: 'Resolved by Whitehall changing guidance', legislation: 'Resolved only by legislation', not_stated: 'Where they can be resolved: not stated' }[r.key];
    return list.length ? `<h3>${esc(where)} (${list.length})</h3>${barrierRows(list)}` : '';
  }).join('')}
</section>`;

  const quality = !has('quality') ? '' : `<section>${h2('quality')}
  <p>Each spend line records how it was counted: from the agency's own return, apportioned from national figures, or estimated.</p>
  <table class="data"><thead><tr><th>How counted</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share</th></tr></thead><tbody>
  ${t.bySource.filter((s) => s.key !== NOT_STATED || s.pence !== 0).map((s) => `<tr><td>${esc(s.key === 'apportioned' ? 'Apportioned from national figures' : labelOf(SOURCES, s.key))}</td><td class="n">${esc(cell(s.pence))}</td><td class="n">${share(s.pence)}</td></tr>`).join('')}
  </tbody></table>
  <table class="data"><thead><tr><th>Confidence</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share</th></tr></thead><tbody>
  ${t.byConfidence.filter((c) => c.key !== NOT_STATED || c.pence !== 0).map((c) => `<tr><td>${esc(labelOf(CONFIDENCES, c.key))}</td><td class="n">${esc(cell(c.pence))}</td><td class="n">${share(c.pence)}</td></tr>`).join('')}
  </tbody></table>
  ${notStated.length > 0 ? `<h3 id="not-stated">Not stated</h3>
  <p>A field nobody gave is counted as not stated, never as any value. ${esc(notStatedSummary(t) ?? '')}.</p>
  <table class="data"><thead><tr><th>Not stated</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share</th><th class="n">Lines</th></tr></thead><tbody>
  ${notStated.map((f) => `<tr><td>${esc(notStatedLabel(f.key))}</td><td class="n">${esc(cell(f.pence))}</td><td class="n">${share(f.pence)}</td><td class="n">${f.lines.toLocaleString('en-GB')}</td></tr>`).join('')}
  </tbody></table>` : ''}
  <ul>
    ${t.lineCount > 0 && notStated.length === 0 ? '<li>Every spend line and agency states each of its fields.</li>' : ''}
    <li>${t.agencyCount === 0 ? 'No agencies have been listed.' : t.agenciesWithoutSpend.length === 0 ? 'Every agency listed has spend lines.' : `No spend has been counted yet for: ${esc(t.agenciesWithoutSpend.map((a) => a.name).join(', '))}. The count is partial.`}</li>
    <li>${t.negativeLines === 0 ? 'No line has a negative amount.' : `${t.negativeLines} line${t.negativeLines === 1 ? ' has' : 's have'} a negative amount (income or recharges), reducing the total.`}</li>
    <li>${t.themeCount === 0 ? 'No themes have been set up.' : t.themesWithoutSpend.length === 0 ? 'Every theme has spend lines.' : `No spend allocated yet to: ${esc(t.themesWithoutSpend.map((x) => x.name).join(', '))}.`}</li>
  </ul>
</section>`;

  const agencies = !has('agencies') ? '' : `<section>${h2('agencies')}
  <table class="data"><thead><tr><th>Agency</th><th>Type</th><th>Tier</th><th>Control</th><th class="n">Spend (${esc(unitLabel)})</th><th class="n">Share</th></tr></thead><tbody>
  ${t.byAgency.map((a) => `<tr><td>${esc(a.name)}</td><td>${esc(labelOf(AGENCY_TYPES, a.type))}</td><td>${esc(labelOf(AGENCY_TIERS, a.tier))}</td><td><span class="sw ${a.control}"></span>${esc(labelOf(CONTROLS, a.control))}</td><td class="n">${esc(cell(a.pence))}</td><td class="n">${share(a.pence)}</td></tr>`).join('')}
  </tbody></table>
</section>`;

  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(p.name)} — Total Place submission</title><style>${CSS}</style></head>
<body>${cover}${contents}${summary}${spendMap}${themes}${barriers}${quality}${agencies}</body></html>`;
}

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
section { break-before: page; }
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
.n { text-align: right !important; white-space: nowrap; }
.strong { font-weight: 700; }
table.matrix { font-size: 7.5pt; }
table.matrix th, table.matrix td { padding: 2pt 4pt; }
.sw { display: inline-block; width: 7pt; height: 7pt; margin-right: 4pt; border-radius: 1pt; }
.sw.local { background: #1d6f52; }
.sw.central { background: #6a3d9a; }
.sw.not_stated { background: #8b949e; }
.chart { margin: 6pt 0 10pt; break-inside: avoid; }
.charts.two { display: flex; gap: 12pt; align-items: flex-start; }
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
