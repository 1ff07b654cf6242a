/**
 * The charts of the totals panel and the printed submission, as Apache ECharts options built from
 * the store's totals: pure data, no DOM, so the panel (SVG in the page) and the report (SVG rendered
 * without a page) draw the same charts. Local and central control keep their two colours everywhere
 * (grey where control is not stated); every chart also carries labels, so nothing depends on colour alone.
 *
 * Names come from a file someone else may have written, so every text reaches ECharts as text: names
 * pass through `chartText` (no control or bidirectional characters, no rich-text markup), tooltips are
 * drawn by ECharts itself as text (`renderMode: 'richText'`: never HTML, never `innerHTML`) and kept inside
 * the chart (`confine`), labels and axis labels are drawn as SVG text, and a figure that is not a number
 * is shown as "(not a figure)", never as itself.
 */
import { AGENCY_TYPES, BARRIER_CATEGORIES, NOT_STATED, labelOf, type Control, type DisplayUnit } from './enums';
import { formatInUnit, formatShare } from './money';
import { isFigure, NOT_A_FIGURE } from './report/html';
import { plainText } from './text';
import type { Totals } from './totals';

export const COLOURS = {
  local: '#1d6f52',
  central: '#6a3d9a',
  accent: '#0b5cad',
  unallocated: '#8b949e',
  text: '#1b1f24',
  muted: '#58636e',
  grid: '#e6e9ee',
  series: ['#0b5cad', '#2f7bbf', '#5b97cc', '#86b2d9', '#174a7c', '#3d6a91', '#6c8fae', '#9cb3c9', '#4a5a6a', '#7b8794'],
} as const;

/**
 * A money figure with its unit: £7,300.0m, £7,300,000k, £7,300,000,000.00; negatives in brackets; an
 * amount too small to show in the unit as "< £0.1m" or "< £1k".
 */
export function moneyWithUnit(pence: number, unit: DisplayUnit): string {
  if (!isFigure(pence)) return NOT_A_FIGURE;
  const shown = formatInUnit(Math.abs(pence), unit);
  const less = shown.startsWith('< ');
  const body = less ? shown.slice(2) : shown;
  const text = `${less ? '< ' : ''}${unit === 'millions' ? `£${body}m` : unit === 'thousands' ? `£${body}k` : `£${body}`}`;
  return pence < 0 ? `(${text})` : text;
}

/** A share of a whole, or "(not a figure)" when either is not a number. */
function shareText(part: unknown, whole: unknown): string {
  return isFigure(part) && isFigure(whole) ? formatShare(part, whole) : NOT_A_FIGURE;
}

/** A chart's value: the number, or NaN (drawn as nothing) for anything that is not one. */
const figure = (v: unknown): number => (isFigure(v) ? v : NaN);

/**
 * A name as a chart shows it: one line of plain text (shared/text.ts `plainText`), with ECharts' rich-text
 * markup (`{style|text}`, which a richText tooltip would interpret) broken by a zero-width space, so the
 * name is drawn exactly as written.
 */
export function chartText(name: unknown): string {
  return plainText(String(name ?? '')).replace(/\{(?=[A-Za-z0-9_]+\|)/g, '{\u200B');
}

/**
 * Text in lines of at most `max` characters, broken between words (a word longer than a line is split):
 * a richText tooltip does not wrap by itself, and is cut at the chart's edge.
 */
export function wrapText(text: string, max = 40): string {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line: string[] = [];
    for (const word of para.split(' ')) {
      let w = [...word];
      while (w.length > max) {
        if (line.length > 0) lines.push(line.join(''));
        lines.push(w.slice(0, max).join(''));
        w = w.slice(max);
        line = [];
      }
      if (line.length === 0) line = w;
      else if (line.length + 1 + w.length <= max) line.push(' ', ...w);
      else {
        lines.push(line.join(''));
        line = w;
      }
    }
    lines.push(line.join(''));
  }
  return lines.join('\n');
}

/**
 * Every chart's tooltip: drawn by ECharts as text inside the chart (`renderMode: 'richText'`; ECharts'
 * HTML tooltips are `innerHTML`), kept inside the chart's box (`confine`), long names wrapped.
 */
function tooltip(formatter: (p: { name: string; value: number }) => string, trigger: 'item' | undefined = 'item') {
  return {
    ...(trigger ? { trigger } : {}),
    renderMode: 'richText' as const,
    confine: true,
    textStyle: { fontSize: 12, color: COLOURS.text },
    formatter: (p: { name: string; value: number }) => wrapText(formatter(p)),
  };
}

const font = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Arial, sans-serif', color: COLOURS.text };

export interface ChartDatum {
  /** What a click on this part of the chart selects. */
  key: string;
  name: string;
  value: number;
}

/**
 * Locally vs centrally controlled spend: a donut with its labels, and a grey third part for spend at
 * agencies whose control is not stated, when there is any.
 */
export function controlDonut(t: Totals, unit: DisplayUnit) {
  const data = [
    { key: 'local', name: 'Locally controlled', short: 'Locally', value: figure(t.localPence), itemStyle: { color: COLOURS.local } },
    { key: 'central', name: 'Centrally controlled', short: 'Centrally', value: figure(t.centralPence), itemStyle: { color: COLOURS.central } },
    ...(t.controlNotStatedPence !== 0 ? [{ key: NOT_STATED, name: 'Control not stated', short: 'Not stated', value: figure(t.controlNotStatedPence), itemStyle: { color: COLOURS.unallocated } }] : []),
  ];
  return {
    aria: { enabled: true, label: { description: `${data.map((d, i) => `${i === 0 ? d.name : d.name.toLowerCase()} ${shareText(d.value, t.totalPence)}`).join(', ')} of ${moneyWithUnit(t.totalPence, unit)}.` } },
    textStyle: font,
    animation: false,
    tooltip: tooltip((p) => `${chartText(p.name)}: ${moneyWithUnit(p.value, unit)} (${shareText(p.value, t.totalPence)})`),
    series: [{
      type: 'pie', radius: ['48%', '72%'], center: ['50%', '50%'], avoidLabelOverlap: true,
      label: { show: true, formatter: (p: { name: string; value: number }) => `${data.find((d) => d.name === p.name)?.short ?? chartText(p.name)}\n${shareText(p.value, t.totalPence)}`, fontSize: 11, lineHeight: 15, color: COLOURS.text },
      labelLine: { length: 6, length2: 6 },
      data: isFigure(t.totalPence) && t.totalPence > 0 ? data : [],
    }],
  };
}

/** The bars' category labels: 11px, a line at most this many characters (longer names wrap between words). */
const LABEL_SIZE = 11;
const LABEL_LINE = 28;

/**
 * How wide a line of label text may be drawn, in pixels, estimated generously: ECharts measures text
 * without the page's font when it renders the report's SVG, and a wide font (DejaVu Sans) then draws
 * labels wider than it measured, past the chart's left edge. Room for this estimate keeps them inside.
 */
export function labelWidth(text: string, size = LABEL_SIZE): number {
  return [...text].reduce((w, c) => w + (/[mwMW@%]/.test(c) ? 1 : /[A-Z0-9&]/.test(c) ? 0.78 : /[ijl.,:;'!| ]/.test(c) ? 0.4 : 0.64), 0) * size;
}

/**
 * A bar chart's category axis: every label whole (wrapped between words, never cut), and the grid's
 * left margin wide enough for the widest line, so no label runs off the chart's edge.
 */
function categoryAxis(names: string[]) {
  const lines = names.flatMap((n) => wrapText(n, LABEL_LINE).split('\n'));
  const left = Math.ceil(Math.max(40, ...lines.map((l) => labelWidth(l)))) + 16;
  return {
    left,
    yAxis: {
      type: 'category' as const, inverse: true, data: names, axisTick: { show: false }, axisLine: { show: false },
      axisLabel: { fontSize: LABEL_SIZE, lineHeight: 13, color: COLOURS.text, margin: 8, overflow: 'none' as const, formatter: (v: string) => wrapText(v, LABEL_LINE) },
    },
  };
}

/** Horizontal bars, largest first, each labelled with its amount. */
function bars(items: ChartDatum[], unit: DisplayUnit, colour: (d: ChartDatum, i: number) => string, label: string) {
  const sorted = [...items].sort((a, b) => (isFigure(b.value) ? b.value : 0) - (isFigure(a.value) ? a.value : 0));
  const axis = categoryAxis(sorted.map((d) => d.name));
  return {
    aria: { enabled: true, label: { description: `${label}: ${sorted.map((d) => `${d.name} ${moneyWithUnit(d.value, unit)}`).join('; ')}.` } },
    textStyle: font,
    animation: false,
    grid: { left: axis.left, right: 70, top: 4, bottom: 4 },
    tooltip: tooltip((p) => `${chartText(p.name)}: ${moneyWithUnit(p.value, unit)}`),
    xAxis: { type: 'value', show: false },
    yAxis: axis.yAxis,
    series: [{
      type: 'bar', barMaxWidth: 14,
      data: sorted.map((d, i) => ({ value: d.value, name: d.name, key: d.key, itemStyle: { color: colour(d, i) } })),
      label: { show: true, position: 'right', fontSize: 11, color: COLOURS.muted, formatter: (p: { value: number }) => moneyWithUnit(p.value, unit) },
    }],
  };
}

export function agencyTypeData(t: Totals): ChartDatum[] {
  return t.byAgencyType.filter((x) => x.lines > 0 || x.pence !== 0).map((x) => ({ key: x.key, name: chartText(labelOf(AGENCY_TYPES, x.key)), value: figure(x.pence) }));
}

export function typeBars(t: Totals, unit: DisplayUnit) {
  return bars(agencyTypeData(t), unit, (_d, i) => COLOURS.series[i % COLOURS.series.length]!, 'Spend by agency type');
}

export function themeData(t: Totals): ChartDatum[] {
  return t.byTheme.map((x) => ({ key: x.id ?? 'unallocated', name: chartText(x.name ?? 'Unallocated'), value: figure(x.pence) }));
}

export function themeBars(t: Totals, unit: DisplayUnit) {
  return bars(themeData(t), unit, (d) => (d.key === 'unallocated' ? COLOURS.unallocated : COLOURS.accent), 'Spend by theme');
}

export function barrierCategoryData(t: Totals): ChartDatum[] {
  return t.barriersByCategory.filter((c) => c.count > 0).map((c) => ({ key: c.key, name: chartText(labelOf(BARRIER_CATEGORIES, c.key)), value: figure(c.count) }));
}

export function barrierCategoryBars(t: Totals) {
  const data = barrierCategoryData(t).sort((a, b) => (isFigure(b.value) ? b.value : 0) - (isFigure(a.value) ? a.value : 0));
  const axis = categoryAxis(data.map((d) => d.name));
  return {
    aria: { enabled: true, label: { description: `Barriers by category: ${data.map((d) => `${d.name} ${isFigure(d.value) ? d.value : NOT_A_FIGURE}`).join('; ')}.` } },
    textStyle: font,
    animation: false,
    grid: { left: axis.left, right: 28, top: 4, bottom: 4 },
    tooltip: tooltip((p) => `${chartText(p.name)}: ${isFigure(p.value) ? p.value.toLocaleString('en-GB') : NOT_A_FIGURE} barrier${p.value === 1 ? '' : 's'}`),
    xAxis: { type: 'value', show: false, minInterval: 1 },
    yAxis: axis.yAxis,
    series: [{ type: 'bar', barMaxWidth: 14, data: data.map((d) => ({ value: d.value, name: d.name, key: d.key, itemStyle: { color: COLOURS.accent } })), label: { show: true, position: 'right', fontSize: 11, color: COLOURS.muted } }],
  };
}

/** The colour of who controls an agency's spend: grey when that is not stated. */
export function controlColour(control: Control): string {
  return control === 'local' ? COLOURS.local : control === 'central' ? COLOURS.central : COLOURS.unallocated;
}

/** Agencies within their types, sized by spend, coloured by who controls them (grey: not stated). */
export function agencyTreemap(t: Totals, unit: DisplayUnit) {
  const types = [...new Set(t.byAgency.map((a) => a.type))];
  const children = types.map((type) => ({
    name: chartText(labelOf(AGENCY_TYPES, type)),
    key: `type:${type}`,
    children: t.byAgency.filter((a) => a.type === type && isFigure(a.pence) && a.pence > 0).map((a) => ({ name: chartText(a.name), key: a.id, value: a.pence, itemStyle: { color: controlColour(a.control) } })),
  })).filter((g) => g.children.length > 0);
  return {
    aria: { enabled: true, label: { description: `Agencies within their types, by spend: ${t.byAgency.filter((a) => isFigure(a.pence) && a.pence > 0).map((a) => `${chartText(a.name)} ${moneyWithUnit(a.pence, unit)}`).join('; ')}.` } },
    textStyle: font,
    animation: false,
    tooltip: tooltip((p) => `${p.name ? chartText(p.name) : 'All agencies'}: ${moneyWithUnit(p.value, unit)} (${shareText(p.value, t.totalPence)})`, undefined),
    series: [{
      type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, top: 0, left: 0, right: 0, bottom: 0,
      label: { show: true, fontSize: 10, color: '#ffffff', overflow: 'truncate', formatter: (p: { name: string }) => chartText(p.name) },
      upperLabel: { show: false },
      levels: [{ itemStyle: { borderColor: '#ffffff', borderWidth: 2, gapWidth: 2 } }, { itemStyle: { borderColor: '#ffffff', borderWidth: 1, gapWidth: 1 } }],
      data: children,
    }],
  };
}
