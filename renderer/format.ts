/** Money and labels for display, in the workbook's units. */
import { labelOf, type EnumItem } from '../shared/enums';
import { UNIT_SUFFIX, formatInUnit, formatPence } from '../shared/money';
import type { DisplayUnit } from '../shared/enums';

export function money(pence: number | null | undefined, unit: DisplayUnit): string {
  if (pence === null || pence === undefined) return '';
  return formatInUnit(pence, unit);
}

/** The exact figure, for a tooltip beside a rounded one. */
export function exact(pence: number): string {
  return formatPence(pence, { symbol: true });
}

export function unitLabel(unit: DisplayUnit): string {
  return UNIT_SUFFIX[unit];
}

export function label<K extends string>(items: readonly EnumItem<K>[], key: K | null | undefined): string {
  return key ? labelOf(items, key) : '';
}

export function count(n: number): string {
  return n.toLocaleString('en-GB');
}

export function percent(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
