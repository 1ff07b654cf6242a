/**
 * Copy and paste between the grids and Excel or LibreOffice: tab-separated text (and an HTML table)
 * out; a tab-separated block in, parsed with papaparse (quoted cells with tabs and newlines, Windows
 * line endings) and planned against the grid cell by cell with each column's rules — all or nothing.
 *
 * A block is taken as people copy it: a header row is recognised and maps the columns by name (and
 * gives the amounts' unit, "Amount (£000)"); plain amounts are read in a unit the plan knows or asks
 * for; agencies the workbook lacks are gathered once per name, with near matches; and refusals are
 * grouped, each bad value once per column with the rows it is on.
 */
import Papa from 'papaparse';
import type { DisplayUnit } from '../../shared/enums';
import { hasUnitMark, parseAmount } from '../../shared/money';
import type { NearMatch } from '../../shared/near';
import { parseField, requiredFields, type CopyCell, type FieldSpec, type NameAliases, type Names, type Table } from './fields';

/**
 * Text a spreadsheet would take as a formula when pasted: it starts with `=`, `+`, `-` or `@`, or with a
 * tab or a carriage return (which spreadsheets skip before looking) — OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * Where an apostrophe goes: before text that looks like a formula, and before a line break too (a pasted
 * block's carriage returns become line feeds, so a cell starting with one must pair with the same rule).
 */
const APOSTROPHE_BEFORE = /^[=+\-@\t\r\n]/;

/**
 * Text copied as text: one that looks like a formula (or is apostrophes and then such text) gets a leading
 * apostrophe, which Excel and LibreOffice read as "this cell is text" and do not show.
 */
export function textForSpreadsheet(text: string): string {
  return APOSTROPHE_BEFORE.test(text.replace(/^'+/, '')) ? `'${text}` : text;
}

/**
 * A pasted cell as its text: the one apostrophe `textForSpreadsheet` put before text that looks like a
 * formula is taken off again, so a copy from the grid pastes back exactly as it was. (Excel and LibreOffice
 * never copy the apostrophe of a cell typed as '=x, so their blocks are read as they are.)
 */
export function textFromSpreadsheet(cell: string): string {
  return /^'+[=+\-@\t\r\n]/.test(cell) ? cell.slice(1) : cell;
}

export function parseBlock(text: string): string[][] {
  const r = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { delimiter: '\t', newline: '\n', quoteChar: '"', skipEmptyLines: false });
  const rows = r.data.map((row) => row.map((c) => textFromSpreadsheet(c ?? '')));
  while (rows.length > 0 && rows.at(-1)!.every((c) => c === '')) rows.pop();
  return rows;
}

/** A cell to copy: text (a plain string is text), or a figure the grid wrote from a number (fields.ts `fieldCopyCell`). */
export type CellOut = string | CopyCell;
const cellOf = (c: CellOut): CopyCell => (typeof c === 'string' ? { text: c, figure: false } : c);

/**
 * Tab-separated text for Excel and LibreOffice. Text that looks like a formula is written with a leading
 * apostrophe (`textForSpreadsheet`), so it pastes as text; a figure (`-£1500.05`) is written as it is, so
 * it pastes as a number. (papaparse's own `escapeFormulae` can't tell the two apart, and its pattern
 * misses a formula followed by a line break, so it is not used.)
 */
export function toTsv(rows: CellOut[][]): string {
  const cells = rows.map((r) => r.map((c) => {
    const cell = cellOf(c);
    return cell.figure ? cell.text : textForSpreadsheet(cell.text);
  }));
  return Papa.unparse(cells, { delimiter: '\t', newline: '\r\n', quotes: false, escapeFormulae: false });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An HTML table, which spreadsheets prefer to the text. A text cell that looks like a formula is marked
 * as text in the way Excel reads HTML (`mso-number-format:"\@"`, the Text format) instead of with an
 * apostrophe, which HTML would show.
 */
export function toHtml(rows: CellOut[][]): string {
  return `<table>${rows.map((r) => `<tr>${r.map((c) => {
    const cell = cellOf(c);
    const asText = !cell.figure && looksLikeFormula(cell.text);
    return `<td${asText ? ' style="mso-number-format:\'\\@\'"' : ''}>${esc(cell.text).replace(/\n/g, '<br>')}</td>`;
  }).join('')}</tr>`).join('')}</table>`;
}

export interface PasteTarget {
  /** The ids of the data rows from the focused row down, in display order (undefined: not loaded). */
  rowIds: (string | undefined)[];
  /** The editable columns from the focused one rightwards, in display order: where a block goes by position. */
  columns: FieldSpec[];
  /** Whether the paste starts on the new-row line (so every row is new). */
  startsOnNewRow: boolean;
  /** Every editable column of the grid, for a header row to name (default: `columns`). */
  allColumns?: FieldSpec[];
}

export interface PasteOptions {
  /** The unit the grid shows amounts in (default pounds). */
  unit?: DisplayUnit;
  /** The unit the user said the block's plain amounts are in, after the plan asked (`needsUnit`). */
  blockUnit?: DisplayUnit;
  /** Agency names as pasted to the id of the agency chosen for each, after the plan asked (`unknownAgencies`). */
  aliases?: NameAliases;
  /** Whether the first row may be a header (default true: recognised when it names the grid's columns). */
  header?: boolean;
}

/**
 * One thing that stops the paste: a value, once per column and text, with every row it is on; or the
 * whole paste (`column` ''). Rows count from 1 as in the copied block (a header row is row 1).
 */
export interface PasteProblem {
  /** The column's header ('' for a problem with the whole paste). */
  column: string;
  text: string;
  /** Short: "“Hopsital” is not a Type". */
  reason: string;
  rows: number[];
  /** The first of `rows` (0 for the whole paste): for callers written when there was one problem per cell. */
  row: number;
  /** The valid choices (labels), when the column is a list: for the dialog to show once. */
  choices?: string[];
}

/** An agency name in the block that the workbook does not have, once however many rows use it. */
export interface UnknownAgency {
  /** As first written in the block (later rows may differ in case and spacing). */
  name: string;
  rows: number[];
  /** Agencies it might mean, best first (shared/near.ts). */
  near: NearMatch[];
}

/** What the paste would do, and what the plan found out about the block. */
interface PlanFacts {
  /** Whether the block's first row was a header, mapping its columns by name. */
  headerUsed: boolean;
  /** Headers of the block that name no column of this grid: their cells are left out. */
  ignoredColumns: string[];
  /** The unit the block's plain amounts were (or would be) read in; null when it has no amounts. */
  blockUnit: DisplayUnit | null;
}

/** The paste can go ahead: `updates` (each with its row's `id`) and `creates`, all or nothing. */
export interface PasteReady extends PlanFacts {
  ok: true;
  updates: Record<string, unknown>[];
  creates: Record<string, unknown>[];
}

/**
 * The paste can't go ahead as it is. In the order a grid deals with them: `needsUnit` — ask which unit
 * the plain amounts are in (`unitSample` holds a few), then plan again with `blockUnit` (nothing else is
 * checked until then); `unknownAgencies` — offer to add each or use a near match, then plan again with
 * `aliases`; `problems` — values to correct (nothing was changed).
 */
export interface PasteRefused extends PlanFacts {
  ok: false;
  needsUnit: boolean;
  unitSample: string[];
  unknownAgencies: UnknownAgency[];
  problems: PasteProblem[];
}

export type PastePlan = PasteReady | PasteRefused;

/** @deprecated One problem per cell, as plans were before they were grouped; use `PasteProblem`. */
export interface CellProblem {
  row: number;
  column: string;
  text: string;
  reason: string;
}

/** A header as compared: lower case, no "*", no unit in brackets or after a £, no punctuation. */
function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\*/g, ' ')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/£\s*'?\s*(000s?|k|m|mn|bn|millions?|thousands?)?\b/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Other names for columns, as headers of returns and ledgers have them, by the field they name. */
const HEADER_SYNONYMS: Record<string, string[]> = {
  agencyId: ['agency name', 'organisation', 'organization', 'body', 'organisation name', 'agency'],
  description: ['service', 'service line', 'description', 'programme', 'service description', 'line'],
  amountPence: ['amount', 'spend', 'net expenditure', 'expenditure', 'total', 'net spend', 'value', 'gross expenditure'],
  year: ['fy', 'financial year', 'year'],
  themeId: ['theme'],
  function: ['function', 'cofog', 'function class'],
  passedOn: ['passed on', 'passed to another agency'],
  costPence: ['cost', 'estimated cost'],
  agencyIds: ['agencies', 'agencies affected'],
};

/** The unit a money column's header gives: "(£000)", "£k", "(£m)", "(£)"; null when it gives none. */
export function unitOfHeader(text: string): DisplayUnit | null {
  const t = text.toLowerCase();
  if (/£\s*'?\s*000|£\s*k\b|\bthousands?\b|\bk£/.test(t)) return 'thousands';
  if (/£\s*(m|mn|million|millions)\b|\bmillions?\b/.test(t)) return 'millions';
  if (/£|\bpounds\b|\bgbp\b/.test(t)) return 'pounds';
  return null;
}

/** The column a header names, among a grid's columns: by header or key first, then by synonym. */
function columnOfHeader(text: string, columns: FieldSpec[]): FieldSpec | undefined {
  const key = headerKey(text);
  if (key === '') return undefined;
  return columns.find((c) => headerKey(c.header) === key || headerKey(c.key) === key || c.key.toLowerCase() === key.replace(/ /g, ''))
    ?? columns.find((c) => (HEADER_SYNONYMS[c.key] ?? []).includes(key));
}

/** Which column each of the block's columns goes to, by a header row when the first row is one. */
function mapColumns(block: string[][], target: PasteTarget, header: boolean): { headerUsed: boolean; map: (FieldSpec | null)[]; ignored: string[]; headerUnit: DisplayUnit | null } {
  const all = target.allColumns ?? target.columns;
  const first = block[0] ?? [];
  const filled = first.filter((c) => c.trim() !== '');
  if (header && block.length >= 2 && filled.length > 0) {
    const hits = filled.filter((c) => columnOfHeader(c, all) !== undefined).length;
    if (hits * 2 >= filled.length) {
      const used = new Set<string>();
      const ignored: string[] = [];
      let headerUnit: DisplayUnit | null = null;
      const map = first.map((c) => {
        const spec = c.trim() === '' ? undefined : columnOfHeader(c, all);
        if (!spec || used.has(spec.key)) {
          if (c.trim() !== '') ignored.push(c.trim());
          return null;
        }
        used.add(spec.key);
        if (spec.kind === 'money') headerUnit ??= unitOfHeader(c);
        return spec;
      });
      return { headerUsed: true, map, ignored, headerUnit };
    }
  }
  const width = Math.max(0, ...block.map((r) => r.length));
  return { headerUsed: false, map: Array.from({ length: width }, (_, c) => target.columns[c] ?? null), ignored: [], headerUnit: null };
}

/**
 * Plan a paste of `block` into a grid at `target`: every cell parsed with its column's rules, all or
 * nothing. See `PasteReady` and `PasteRefused` for what comes back, and `PasteOptions` for what a
 * grid passes when it plans again after asking.
 */
export function planPaste(table: Table, block: string[][], target: PasteTarget, names: Names, opts: PasteOptions = {}): PastePlan {
  const unit = opts.unit ?? 'pounds';
  const { headerUsed, map, ignored, headerUnit } = mapColumns(block, target, opts.header ?? true);
  const start = headerUsed ? 1 : 0;
  const rows = block.slice(start);
  const facts = (blockUnit: DisplayUnit | null): PlanFacts => ({ headerUsed, ignoredColumns: ignored, blockUnit });
  const whole = (reason: string): PasteProblem => ({ column: '', text: '', reason, rows: [], row: 0 });
  const refuse = (f: PlanFacts, more: Partial<PasteRefused>): PasteRefused => ({ ok: false, ...f, needsUnit: false, unitSample: [], unknownAgencies: [], problems: [], ...more });

  if (!headerUsed && map.length > target.columns.length) {
    const width = map.length;
    return refuse(facts(null), { problems: [whole(`The block is ${width} columns wide but there are only ${target.columns.length} columns from here to the right. Paste it further left, or copy its header row with it so the columns are matched by name`)] });
  }

  // Units: marks win; plain amounts are read in the unit the user gave, the header's, or — when the
  // grid shows pounds, or every amount is marked — the grid's; otherwise ask.
  const moneyCols = map.flatMap((spec, c) => (spec?.kind === 'money' ? [c] : []));
  const plain = moneyCols.length === 0 ? [] : rows.flatMap((r) => moneyCols.map((c) => (r[c] ?? '').trim())).filter((t) => {
    if (t === '' || hasUnitMark(t)) return false;
    const p = parseAmount(t, 'pounds');
    return p.ok && p.pence !== 0; // zero is zero in any unit; what can't be read is a problem, not a question
  });
  const readIn: DisplayUnit | null = moneyCols.length === 0 ? null : (opts.blockUnit ?? headerUnit ?? (unit === 'pounds' || plain.length === 0 ? unit : null));
  if (moneyCols.length > 0 && readIn === null) {
    return refuse(facts(null), { needsUnit: true, unitSample: [...new Set(plain)].slice(0, 5) });
  }

  const problems = new Map<string, PasteProblem>();
  const problem = (p: Omit<PasteProblem, 'rows' | 'row'>, row: number) => {
    const k = `${p.column}\u0000${p.text}\u0000${p.reason}`;
    const had = problems.get(k);
    if (had) had.rows.push(row);
    else problems.set(k, { ...p, rows: [row], row });
  };
  const unknown = new Map<string, UnknownAgency>();
  const updates: Record<string, unknown>[] = [];
  const creates: Record<string, unknown>[] = [];
  const existing = target.startsOnNewRow ? [] : target.rowIds;
  const required = requiredFields(table);

  rows.forEach((cells, i) => {
    const row = start + i + 1;
    const values: Record<string, unknown> = {};
    const refused = new Set<string>();
    cells.forEach((text, c) => {
      const spec = map[c];
      if (!spec) return;
      const parsed = parseField(spec, text, names, spec.kind === 'money' ? (readIn ?? unit) : unit, opts.aliases);
      if (parsed.ok) {
        values[spec.key] = parsed.value;
        return;
      }
      refused.add(spec.key);
      if (spec.kind === 'ref' && spec.ref === 'agency' && parsed.unknownName !== undefined) {
        const k = parsed.unknownName.trim().replace(/\s+/g, ' ').toLowerCase();
        const had = unknown.get(k);
        if (had) had.rows.push(row);
        else unknown.set(k, { name: parsed.unknownName, rows: [row], near: parsed.near ?? [] });
        return;
      }
      problem({ column: spec.header, text: text.trim(), reason: parsed.reason, ...(parsed.choices ? { choices: parsed.choices } : {}) }, row);
    });
    if (i < existing.length) {
      const id = existing[i];
      if (id === undefined) problem({ column: '', text: '', reason: 'That row is not loaded yet. Scroll so the rows you are pasting over are on screen, and paste again' }, row);
      else updates.push({ id, ...values });
    } else {
      for (const req of required) {
        if (!(req.key in values) && !refused.has(req.key)) problem({ column: req.header, text: '', reason: `${req.header} is required for a new row` }, row);
      }
      creates.push(values);
    }
  });

  const f = facts(readIn);
  if (problems.size > 0 || unknown.size > 0) return refuse(f, { problems: [...problems.values()], unknownAgencies: [...unknown.values()] });
  return { ok: true, ...f, updates, creates };
}
