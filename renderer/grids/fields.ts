/**
 * What each editable column of each grid holds, and the rules for turning typed or pasted text into
 * a value (and back). Pure: the grids, the clipboard and the unit tests all use it.
 * Amounts are typed and pasted in pounds (`1234.56`, `£1,234.56`, `1.2m`, `(500)`), whatever unit the
 * grid displays, and parsed exactly to pence.
 */
import {
  AGENCY_TIERS, AGENCY_TYPES, BARRIER_CATEGORIES, BARRIER_STATUSES, CONFIDENCES, CONTROLS, DELIVERY, FUNCTIONS, FUNDING_BASES, PURPOSES,
  RESOLUTIONS, SEVERITIES, SOURCES, SPEND_KINDS, THEME_CATEGORIES, type DisplayUnit, type EnumItem,
} from '../../shared/enums';
import { formatInUnit, parsePounds } from '../../shared/money';
import { formatYear, parseYear } from '../../shared/years';

export type Table = 'agency' | 'theme' | 'spend' | 'barrier';

export type FieldKind = 'text' | 'longtext' | 'int' | 'money' | 'year' | 'enum' | 'ref' | 'refs' | 'bool';

export interface FieldSpec {
  key: string;
  header: string;
  kind: FieldKind;
  required?: boolean;
  /** May be empty (null): theme "unallocated", no cost, no cohort size. */
  nullable?: boolean;
  items?: readonly EnumItem[];
  ref?: 'agency' | 'theme';
  width?: number;
  flex?: number;
  /** Column id for sorting in SQL (spend grid), if different from key. */
  sortKey?: string;
}

export interface Names {
  agencies: { id: string; name: string }[];
  themes: { id: string; name: string }[];
}

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export const FIELDS: Record<Table, FieldSpec[]> = {
  agency: [
    { key: 'name', header: 'Agency', kind: 'text', required: true, flex: 2, width: 260 },
    { key: 'type', header: 'Type', kind: 'enum', items: AGENCY_TYPES, required: true, width: 200 },
    { key: 'tier', header: 'Tier', kind: 'enum', items: AGENCY_TIERS, required: true, width: 110 },
    { key: 'control', header: 'Control', kind: 'enum', items: CONTROLS, required: true, width: 200 },
  ],
  theme: [
    { key: 'name', header: 'Theme', kind: 'text', required: true, width: 220 },
    { key: 'category', header: 'Category', kind: 'enum', items: THEME_CATEGORIES, required: true, width: 190 },
    { key: 'description', header: 'Description', kind: 'longtext', flex: 2, width: 260 },
    { key: 'cohortSize', header: 'Cohort size', kind: 'int', nullable: true, width: 120 },
  ],
  spend: [
    { key: 'agencyId', header: 'Agency', kind: 'ref', ref: 'agency', required: true, width: 220, sortKey: 'agency' },
    { key: 'description', header: 'Service', kind: 'text', required: true, flex: 1, width: 240 },
    { key: 'amountPence', header: 'Amount', kind: 'money', required: true, width: 150 },
    { key: 'themeId', header: 'Theme', kind: 'ref', ref: 'theme', nullable: true, width: 170, sortKey: 'theme' },
    { key: 'function', header: 'Function', kind: 'enum', items: FUNCTIONS, width: 200 },
    { key: 'year', header: 'Year', kind: 'year', width: 90 },
    { key: 'passedOn', header: 'Passed on', kind: 'bool', width: 100 },
    { key: 'kind', header: 'Revenue / capital', kind: 'enum', items: SPEND_KINDS, width: 140 },
    { key: 'delivery', header: 'Frontline / admin', kind: 'enum', items: DELIVERY, width: 140 },
    { key: 'funding', header: 'Funding', kind: 'enum', items: FUNDING_BASES, width: 180 },
    { key: 'purpose', header: 'Prevention', kind: 'enum', items: PURPOSES, width: 170 },
    { key: 'source', header: 'Source', kind: 'enum', items: SOURCES, width: 130 },
    { key: 'confidence', header: 'Confidence', kind: 'enum', items: CONFIDENCES, width: 110 },
    { key: 'notes', header: 'Notes', kind: 'longtext', width: 260 },
  ],
  barrier: [
    { key: 'title', header: 'Barrier', kind: 'text', required: true, flex: 2, width: 320 },
    { key: 'category', header: 'Category', kind: 'enum', items: BARRIER_CATEGORIES, width: 230 },
    { key: 'themeId', header: 'Theme', kind: 'ref', ref: 'theme', nullable: true, width: 170 },
    { key: 'agencyIds', header: 'Agencies affected', kind: 'refs', ref: 'agency', width: 240 },
    { key: 'resolution', header: 'Resolved by', kind: 'enum', items: RESOLUTIONS, width: 160 },
    { key: 'owner', header: 'Owner', kind: 'text', width: 170 },
    { key: 'costPence', header: 'Est. cost', kind: 'money', nullable: true, width: 140 },
    { key: 'severity', header: 'Severity', kind: 'enum', items: SEVERITIES, width: 110 },
    { key: 'status', header: 'Status', kind: 'enum', items: BARRIER_STATUSES, width: 120 },
    { key: 'ask', header: 'Ask of government', kind: 'longtext', width: 280 },
    { key: 'offer', header: 'Offer in return', kind: 'longtext', width: 260 },
    { key: 'evidence', header: 'Evidence', kind: 'longtext', width: 280 },
    { key: 'description', header: 'Description', kind: 'longtext', width: 260 },
  ],
};

/** The fields a new row must have before it can be saved. */
export function requiredFields(table: Table): FieldSpec[] {
  const req = FIELDS[table].filter((f) => f.required);
  // Enumerations have defaults in the store, so only what has no sensible default must be typed.
  return req.filter((f) => f.kind !== 'enum');
}

/** Parse typed or pasted text into a field's value, with a reason when it can't be. */
export function parseField(spec: FieldSpec, input: string, names: Names): Parsed {
  const text = input.replace(/\r/g, '').trim();
  if (text === '') {
    if (spec.required) return { ok: false, reason: `${spec.header} is required` };
    if (spec.nullable) return { ok: true, value: null };
    if (spec.kind === 'text' || spec.kind === 'longtext') return { ok: true, value: '' };
    if (spec.kind === 'refs') return { ok: true, value: [] };
    return { ok: false, reason: `${spec.header} can't be empty: choose a value` };
  }
  switch (spec.kind) {
    case 'text':
    case 'longtext':
      return { ok: true, value: input.replace(/\r\n?/g, '\n').trim() };
    case 'int': {
      const t = text.replace(/,/g, '');
      if (!/^\d+$/.test(t)) return { ok: false, reason: `“${text}” is not a whole number. Use digits, for example 12,500` };
      const n = Number(t);
      if (!Number.isSafeInteger(n)) return { ok: false, reason: `“${text}” is too large` };
      return { ok: true, value: n };
    }
    case 'money': {
      const r = parsePounds(text);
      return r.ok ? { ok: true, value: r.pence } : { ok: false, reason: r.reason };
    }
    case 'year': {
      const r = parseYear(text);
      return r.ok ? { ok: true, value: r.year } : { ok: false, reason: r.reason };
    }
    case 'bool': {
      const t = norm(text);
      if (['yes', 'y', 'true', '1', 'passed on'].includes(t)) return { ok: true, value: true };
      if (['no', 'n', 'false', '0'].includes(t)) return { ok: true, value: false };
      return { ok: false, reason: `“${text}” is not Yes or No` };
    }
    case 'enum': {
      const t = norm(text);
      const hit = spec.items!.find((i) => norm(i.label) === t || i.key === t || norm(i.key.replace(/_/g, ' ')) === t);
      return hit ? { ok: true, value: hit.key } : { ok: false, reason: `“${text}” is not one of the choices for ${spec.header} (${spec.items!.map((i) => i.label).join(', ')})` };
    }
    case 'ref': {
      const list = spec.ref === 'agency' ? names.agencies : names.themes;
      if (spec.ref === 'theme' && norm(text) === 'unallocated') return { ok: true, value: null };
      const hit = list.find((x) => norm(x.name) === norm(text));
      return hit ? { ok: true, value: hit.id } : { ok: false, reason: `There is no ${spec.ref} called “${text}”. Add it first, or check the spelling` };
    }
    case 'refs': {
      const parts = text.split(/[;\n]/).map((p) => p.trim()).filter(Boolean);
      const ids: string[] = [];
      for (const p of parts) {
        const hit = names.agencies.find((x) => norm(x.name) === norm(p));
        if (!hit) return { ok: false, reason: `There is no agency called “${p}”. Separate agencies with semicolons` };
        ids.push(hit.id);
      }
      return { ok: true, value: ids };
    }
  }
}

/** A value as text to edit or copy: exact (amounts in pounds to the penny), so it pastes back unchanged. */
export function fieldText(spec: FieldSpec, value: unknown, names: Names): string {
  if (value === null || value === undefined) return spec.kind === 'ref' && spec.ref === 'theme' ? 'Unallocated' : '';
  switch (spec.kind) {
    case 'money': {
      const p = value as number;
      const abs = Math.abs(p);
      return `${p < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
    }
    case 'year':
      return formatYear(value as number);
    case 'int':
      return String(value);
    case 'bool':
      return value ? 'Yes' : 'No';
    case 'enum':
      return spec.items!.find((i) => i.key === value)?.label ?? String(value);
    case 'ref':
      return (spec.ref === 'agency' ? names.agencies : names.themes).find((x) => x.id === value)?.name ?? '';
    case 'refs':
      return (value as string[]).map((id) => names.agencies.find((a) => a.id === id)?.name ?? '').filter(Boolean).join('; ');
    default:
      return String(value);
  }
}

/** A value as the grid shows it: amounts in the workbook's unit, negatives in brackets. */
export function fieldDisplay(spec: FieldSpec, value: unknown, names: Names, unit: DisplayUnit): string {
  if (spec.kind === 'money') return value === null || value === undefined ? '' : formatInUnit(value as number, unit);
  if (spec.kind === 'int') return value === null || value === undefined ? '' : (value as number).toLocaleString('en-GB');
  if (spec.kind === 'refs') return fieldText(spec, value, names).replace(/; /g, ', ');
  return fieldText(spec, value, names);
}
