/**
 * What each editable column of each grid holds, and the rules for turning typed or pasted text into
 * a value (and back). Pure: the grids, the clipboard and the unit tests all use it.
 * Amounts are typed in the unit the grid shows: in £000, `4,250` is £4,250,000, while an amount with
 * its own mark keeps it (`£4,250`, `4.25m`, `250k`); parsed exactly to pence. Choices are taken by
 * label, key, part of a label or a common synonym (shared/choices.ts); agencies and themes by name.
 * Showing a value never throws, whatever the grid hands over (a value, or an editor's pending text).
 */
import {
  AGENCY_TIERS, AGENCY_TYPES, BARRIER_CATEGORIES, BARRIER_STATUSES, CONFIDENCES, CONTROLS, DELIVERY, FUNCTIONS, FUNDING_BASES, PURPOSES,
  RESOLUTIONS, SEVERITIES, SOURCES, SPEND_KINDS, THEME_CATEGORIES, type DisplayUnit, type EnumItem,
} from '../../shared/enums';
import { choicesText, matchChoice, matchYesNo } from '../../shared/choices';
import { amountText, formatInUnit, parseAmount } from '../../shared/money';
import { nearMatches, type NearMatch } from '../../shared/near';
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

/**
 * A value parsed from text, or why it can't be. A refusal is short ("“Hopsital” is not a Type") and
 * carries what a dialog may show beside it: a list's valid `choices` (labels), or for a name that is
 * not in the workbook, the `unknownName` and the `near` names that might be meant.
 */
export type Parsed =
  | { ok: true; value: unknown }
  | { ok: false; reason: string; choices?: string[]; unknownName?: string; near?: NearMatch[] };

/** Agency names as pasted (any case and spacing) to the id of the agency the user chose for each. */
export type NameAliases = Readonly<Record<string, string>>;

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Each list of names by its normalised name, built once per list (a paste looks up every line). */
const byName = new WeakMap<readonly { id: string; name: string }[], Map<string, string>>();
function idByName(list: readonly { id: string; name: string }[], name: string): string | undefined {
  let m = byName.get(list);
  if (!m) {
    m = new Map();
    for (const x of list) if (!m.has(norm(x.name))) m.set(norm(x.name), x.id);
    byName.set(list, m);
  }
  return m.get(norm(name));
}

function aliasOf(aliases: NameAliases | undefined, name: string): string | undefined {
  if (!aliases) return undefined;
  if (Object.hasOwn(aliases, name)) return aliases[name];
  const n = norm(name);
  for (const [k, id] of Object.entries(aliases)) if (norm(k) === n) return id;
  return undefined;
}

/** The refusal for a name that is not in the workbook, with the names it might be. */
function unknownName(kind: 'agency' | 'theme', name: string, list: readonly { id: string; name: string }[], extra = ''): Parsed {
  const near = nearMatches(name, list);
  const hint = near.length > 0 ? ` Did you mean “${near[0]!.name}”?` : ` Add it first, or check the spelling.${extra}`;
  return { ok: false, reason: `There is no ${kind} called “${name}”.${hint}`, unknownName: name, near };
}

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

/**
 * Parse typed or pasted text into a field's value, with a reason when it can't be. Amounts are read in
 * `unit` (the unit the grid shows; pounds when not given) unless they carry their own £, k, m or bn.
 * `aliases` maps agency names the user has matched to an agency (after a paste asked) to its id.
 */
export function parseField(spec: FieldSpec, input: string, names: Names, unit: DisplayUnit = 'pounds', aliases?: NameAliases): Parsed {
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
      const r = parseAmount(text, unit);
      return r.ok ? { ok: true, value: r.pence } : { ok: false, reason: r.reason };
    }
    case 'year': {
      const r = parseYear(text);
      return r.ok ? { ok: true, value: r.year } : { ok: false, reason: r.reason };
    }
    case 'bool': {
      const yes = norm(text) === 'passed on' ? true : matchYesNo(text);
      return yes === null ? { ok: false, reason: `“${text}” is not Yes or No`, choices: ['Yes', 'No'] } : { ok: true, value: yes };
    }
    case 'enum': {
      const hit = matchChoice(spec.items!, text);
      return hit ? { ok: true, value: hit.key } : { ok: false, reason: `“${text}” is not ${aChoiceOf(spec.header)}`, choices: spec.items!.map((i) => i.label) };
    }
    case 'ref': {
      const list = spec.ref === 'agency' ? names.agencies : names.themes;
      if (spec.ref === 'theme' && norm(text) === 'unallocated') return { ok: true, value: null };
      const id = idByName(list, text) ?? (spec.ref === 'agency' ? aliasOf(aliases, text) : undefined);
      return id !== undefined ? { ok: true, value: id } : unknownName(spec.ref ?? 'agency', text, list);
    }
    case 'refs': {
      const parts = text.split(/[;\n]/).map((p) => p.trim()).filter(Boolean);
      const ids: string[] = [];
      for (const p of parts) {
        const id = idByName(names.agencies, p) ?? aliasOf(aliases, p);
        if (id === undefined) return unknownName('agency', p, names.agencies, ' Separate agencies with semicolons.');
        if (!ids.includes(id)) ids.push(id);
      }
      return { ok: true, value: ids };
    }
  }
}

/** "a Type", "an Owner"; "a choice for Resolved by" where the header is not one word. */
function aChoiceOf(header: string): string {
  if (/\s/.test(header)) return `a choice for ${header}`;
  return `${/^[aeiou]/i.test(header) ? 'an' : 'a'} ${header}`;
}

/** The compact form of a list's choices for a message ("County council, District council, … (21 choices; type a few letters)"). */
export function fieldChoicesText(spec: FieldSpec): string {
  if (spec.kind === 'bool') return 'Yes or No';
  return spec.items ? choicesText(spec.items) : '';
}

/** A uuid, as agency and theme ids are: never shown to a person. */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nameOf(list: readonly { id: string; name: string }[], idOrName: string): string {
  const byId = list.find((x) => x.id === idOrName);
  if (byId) return byId.name;
  const id = idByName(list, idOrName);
  if (id !== undefined) return list.find((x) => x.id === id)!.name;
  return ID.test(idOrName) ? '' : idOrName;
}

/**
 * A value as text to edit or copy: exact (amounts in pounds to the penny, without a £ sign), so it
 * pastes back unchanged. Total: it never throws. Given text where a value is expected (an editor's
 * pending text, which AG Grid shows in the cell for a moment), it shows what the text would save
 * (parsed with `names` and `unit`), or the text itself when that can't be parsed.
 */
export function fieldText(spec: FieldSpec, value: unknown, names: Names, unit: DisplayUnit = 'pounds'): string {
  if (value === null || value === undefined) return spec.kind === 'ref' && spec.ref === 'theme' ? 'Unallocated' : '';
  switch (spec.kind) {
    case 'money': {
      if (typeof value === 'number' && Number.isFinite(value)) return amountText(Math.trunc(value), 'pounds');
      if (typeof value !== 'string') return '';
      const r = parseAmount(value, unit);
      return r.ok ? amountText(r.pence, 'pounds') : value;
    }
    case 'year': {
      if (typeof value === 'number' && Number.isFinite(value)) return formatYear(value);
      const r = parseYear(String(value));
      return r.ok ? formatYear(r.year) : String(value);
    }
    case 'int':
      return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    case 'bool': {
      if (typeof value === 'string') {
        const yes = matchYesNo(value);
        return yes === null ? value : yes ? 'Yes' : 'No';
      }
      return value ? 'Yes' : 'No';
    }
    case 'enum': {
      const items = spec.items ?? [];
      const text = String(value);
      return items.find((i) => i.key === text)?.label ?? matchChoice(items, text)?.label ?? text;
    }
    case 'ref': {
      if (typeof value !== 'string') return '';
      if (spec.ref === 'theme' && norm(value) === 'unallocated') return 'Unallocated';
      return nameOf(spec.ref === 'agency' ? names.agencies : names.themes, value);
    }
    case 'refs': {
      const parts = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : typeof value === 'string' ? value.split(/[;\n]/).map((p) => p.trim()) : [];
      return parts.map((p) => nameOf(names.agencies, p)).filter(Boolean).join('; ');
    }
    default:
      return typeof value === 'string' ? value : typeof value === 'object' ? '' : String(value);
  }
}

/**
 * What a cell's editor starts from when opened with F2, Enter or a double-click: an amount exactly, in
 * the unit the column shows and without separators (£4,250,000 in £000 is "4250"), so saving it
 * unchanged keeps the amount to the penny; anything else as `fieldText`.
 */
export function fieldEditText(spec: FieldSpec, value: unknown, names: Names, unit: DisplayUnit): string {
  if (spec.kind === 'money') {
    if (typeof value === 'number' && Number.isFinite(value)) return amountText(Math.trunc(value), unit);
    return typeof value === 'string' ? value : '';
  }
  return fieldText(spec, value, names, unit);
}

/**
 * A value as copied to the clipboard: as `fieldText`, but an amount in exact pounds with a £ sign
 * ("£1080000000.00", "-£1500.05"), so it pastes back the same into a grid shown in any unit, and
 * Excel reads it as currency.
 */
export function fieldCopyText(spec: FieldSpec, value: unknown, names: Names): string {
  if (spec.kind === 'money' && typeof value === 'number' && Number.isFinite(value)) {
    const pounds = amountText(Math.abs(Math.trunc(value)), 'pounds');
    return `${value < 0 ? '-' : ''}£${pounds}`;
  }
  return fieldText(spec, value, names);
}

/**
 * A cell as copied to Excel or LibreOffice: its text (`fieldCopyText`), and whether it is a figure the
 * grid wrote from a number — an amount (`-£1500.05`), a count or a year — which a spreadsheet must get as
 * a number. Anything else is text from the workbook, which the clipboard writes so that a spreadsheet
 * never takes it as a formula (renderer/grids/clipboard.ts `toTsv`, `toHtml`).
 */
export interface CopyCell {
  text: string;
  figure: boolean;
}

export function fieldCopyCell(spec: FieldSpec, value: unknown, names: Names): CopyCell {
  const figure = (spec.kind === 'money' || spec.kind === 'int' || spec.kind === 'year') && typeof value === 'number' && Number.isFinite(value);
  return { text: fieldCopyText(spec, value, names), figure };
}

/**
 * A value as the grid shows it: amounts in the workbook's unit, negatives in brackets. Total, like
 * `fieldText`: text where a value is expected is shown as what it would save, or as itself.
 */
export function fieldDisplay(spec: FieldSpec, value: unknown, names: Names, unit: DisplayUnit): string {
  if (value === null || value === undefined) return spec.kind === 'money' || spec.kind === 'int' ? '' : fieldText(spec, value, names, unit);
  if (spec.kind === 'money') {
    if (typeof value === 'number' && Number.isFinite(value)) return formatInUnit(Math.trunc(value), unit);
    if (typeof value !== 'string') return '';
    const r = parseAmount(value, unit);
    return r.ok ? formatInUnit(r.pence, unit) : value;
  }
  if (spec.kind === 'int') return typeof value === 'number' ? value.toLocaleString('en-GB') : String(value);
  if (spec.kind === 'refs') return fieldText(spec, value, names, unit).replace(/; /g, ', ');
  return fieldText(spec, value, names, unit);
}
