/**
 * The charts of the totals panel and the printed submission, as Apache ECharts options built from
 * the store's totals: pure data, no DOM, so the panel (SVG in the page) and the report (SVG rendered
 * without a page) draw the same charts. Local and central control keep their two colours everywhere
 * (grey where control is not stated); every chart also carries labels, so nothing depends on colour alone.
 */
import { AGENCY_TYPES, BARRIER_CATEGORIES, NOT_STATED, labelOf, type Control, type DisplayUnit } from './enums';
import { formatInUnit, formatShare } from './money';
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
  const shown = formatInUnit(Math.abs(pence), unit);
  const less = shown.startsWith('< ');
  const body = less ? shown.slice(2) : shown;
  const text = `${less ? '< ' : ''}${unit === 'millions' ? `£${body}m` : unit === 'thousands' ? `£${body}k` : `£${body}`}`;
  return pence < 0 ? `(${text})` : text;
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
    { key: 'local', name: 'Locally controlled', short: 'Locally', value: t.localPence, itemStyle: { color: COLOURS.local } },
    { key: 'central', name: 'Centrally controlled', short: 'Centrally', value: t.centralPence, itemStyle: { color: COLOURS.central } },
    ...(t.controlNotStatedPence !== 0 ? [{ key: NOT_STATED, name: 'Control not stated', short: 'Not stated', value: t.controlNotStatedPence, itemStyle: { color: COLOURS.unallocated } }] : []),
  ];
  return {
    aria: { enabled: true, label: { description: `${data.map((d, i) => `${i === 0 ? d.name : d.name.toLowerCase()} ${formatShare(d.value, t.totalPence)}`).join(', ')} of ${moneyWithUnit(t.totalPence, unit)}.` } },
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${moneyWithUnit(p.value, unit)} (${formatShare(p.value, t.totalPence)})` },
    series: [{
      type: 'pie', radius: ['48%', '72%'], center: ['50%', '50%'], avoidLabelOverlap: true,
      label: { show: true, formatter: (p: { name: string; value: number }) => `${data.find((d) => d.name === p.name)?.short ?? p.name}\n${formatShare(p.value, t.totalPence)}`, fontSize: 11, lineHeight: 15, color: COLOURS.text },
      labelLine: { length: 6, length2: 6 },
      data: t.totalPence > 0 ? data : [],
    }],
  };
}

/** Horizontal bars, largest first, each labelled with its amount. */
function bars(items: ChartDatum[], unit: DisplayUnit, colour: (d: ChartDatum, i: number) => string, label: string) {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  return {
    aria: { enabled: true, label: { description: `${label}: ${sorted.map((d) => `${d.name} ${moneyWithUnit(d.value, unit)}`).join('; ')}.` } },
    textStyle: font,
    animation: false,
    grid: { left: 158, right: 70, top: 4, bottom: 4 },
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${moneyWithUnit(p.value, unit)}` },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', inverse: true, data: sorted.map((d) => d.name), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { fontSize: 11, color: COLOURS.text, width: 140, overflow: 'truncate' } },
    series: [{
      type: 'bar', barMaxWidth: 14,
      data: sorted.map((d, i) => ({ value: d.value, name: d.name, key: d.key, itemStyle: { color: colour(d, i) } })),
      label: { show: true, position: 'right', fontSize: 11, color: COLOURS.muted, formatter: (p: { value: number }) => moneyWithUnit(p.value, unit) },
    }],
  };
}

export function agencyTypeData(t: Totals): ChartDatum[] {
  return t.byAgencyType.filter((x) => x.lines > 0 || x.pence !== 0).map((x) => ({ key: x.key, name: labelOf(AGENCY_TYPES, x.key), value: x.pence }));
}

export function typeBars(t: Totals, unit: DisplayUnit) {
  return bars(agencyTypeData(t), unit, (_d, i) => COLOURS.series[i % COLOURS.series.length]!, 'Spend by agency type');
}

export function themeData(t: Totals): ChartDatum[] {
  return t.byTheme.map((x) => ({ key: x.id ?? 'unallocated', name: x.name ?? 'Unallocated', value: x.pence }));
}

export function themeBars(t: Totals, unit: DisplayUnit) {
  return bars(themeData(t), unit, (d) => (d.key === 'unallocated' ? COLOURS.unallocated : COLOURS.accent), 'Spend by theme');
}

export function barrierCategoryData(t: Totals): ChartDatum[] {
  return t.barriersByCategory.filter((c) => c.count > 0).map((c) => ({ key: c.key, name: labelOf(BARRIER_CATEGORIES, c.key), value: c.count }));
}

export function barrierCategoryBars(t: Totals) {
  const data = barrierCategoryData(t).sort((a, b) => b.value - a.value);
  return {
    aria: { enabled: true, label: { description: `Barriers by category: ${data.map((d) => `${d.name} ${d.value}`).join('; ')}.` } },
    textStyle: font,
    animation: false,
    grid: { left: 162, right: 28, top: 4, bottom: 4 },
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${p.value} barrier${p.value === 1 ? '' : 's'}` },
    xAxis: { type: 'value', show: false, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { fontSize: 11, color: COLOURS.text, width: 150, overflow: 'truncate' } },
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
    name: labelOf(AGENCY_TYPES, type),
    key: `type:${type}`,
    children: t.byAgency.filter((a) => a.type === type && a.pence > 0).map((a) => ({ name: a.name, key: a.id, value: a.pence, itemStyle: { color: controlColour(a.control) } })),
  })).filter((g) => g.children.length > 0);
  return {
    aria: { enabled: true, label: { description: `Agencies within their types, by spend: ${t.byAgency.filter((a) => a.pence > 0).map((a) => `${a.name} ${moneyWithUnit(a.pence, unit)}`).join('; ')}.` } },
    textStyle: font,
    animation: false,
    tooltip: { formatter: (p: { name: string; value: number }) => `${p.name}: ${moneyWithUnit(p.value, unit)} (${formatShare(p.value, t.totalPence)})` },
    series: [{
      type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, top: 0, left: 0, right: 0, bottom: 0,
      label: { show: true, fontSize: 10, color: '#ffffff', overflow: 'truncate', formatter: (p: { name: string }) => p.name },
      upperLabel: { show: false },
      levels: [{ itemStyle: { borderColor: '#ffffff', borderWidth: 2, gapWidth: 2 } }, { itemStyle: { borderColor: '#ffffff', borderWidth: 1, gapWidth: 1 } }],
      data: children,
    }],
  };
}
