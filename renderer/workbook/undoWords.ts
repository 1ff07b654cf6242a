/**
 * What an undo or redo did, in words: "Undid: Amount of ‘Adult social care’ £604.0m → £504.0m",
 * "Redid: deleting agency ‘HMP Birmingham’ and moving its 2 spend lines", "There is nothing to undo.".
 * Pure: built from the store's description of the step (shared/types `HistoryStep`), with the grids'
 * own headers and values as the grids show them, money in the workbook's unit.
 */
import { moneyWithUnit } from '../../shared/charts';
import { DISPLAY_UNITS, REGIONS, type DisplayUnit } from '../../shared/enums';
import type { HistoryStep, LoggedTable, StepPart } from '../../shared/types';
import { FIELDS, fieldDisplay, type FieldSpec, type Names, type Table } from '../grids/fields';

const GRID: Record<Exclude<LoggedTable, 'pilot'>, Table> = { agency: 'agency', theme: 'theme', spend_line: 'spend', barrier: 'barrier' };
const WORD: Record<LoggedTable, [string, string]> = {
  agency: ['agency', 'agencies'], theme: ['theme', 'themes'], spend_line: ['spend line', 'spend lines'], barrier: ['barrier', 'barriers'], pilot: ['the pilot details', 'the pilot details'],
};

/** The pilot details' fields, with the labels of the pilot form. */
const PILOT_FIELDS: FieldSpec[] = [
  { key: 'name', header: 'Pilot name', kind: 'text' },
  { key: 'place', header: 'Place', kind: 'text' },
  { key: 'region', header: 'Region', kind: 'enum', items: REGIONS, nullable: true },
  { key: 'leadBody', header: 'Lead body', kind: 'text' },
  { key: 'population', header: 'Population', kind: 'int', nullable: true },
  { key: 'countYear', header: 'Year counted', kind: 'year' },
  { key: 'displayUnits', header: 'Units', kind: 'enum', items: DISPLAY_UNITS },
];

const LONGEST = 60;
const cut = (s: string) => (s.length > LONGEST ? `${s.slice(0, LONGEST - 1).trimEnd()}…` : s);
const quote = (s: string) => `‘${cut(s.replace(/\s+/g, ' ').trim())}’`;
const plural = (n: number, table: LoggedTable) => `${n.toLocaleString('en-GB')} ${WORD[table][n === 1 ? 0 : 1]}`;

function specOf(table: LoggedTable, field: string): FieldSpec | undefined {
  return (table === 'pilot' ? PILOT_FIELDS : FIELDS[GRID[table]]).find((f) => f.key === field);
}

/** A stored value as the grid shows it; money with its unit, names and text in quotes. */
function shown(spec: FieldSpec | undefined, value: unknown, names: Names, unit: DisplayUnit): string {
  if (!spec) return value === null || value === undefined || value === '' ? 'blank' : String(value);
  if (spec.kind === 'money') return typeof value === 'number' ? moneyWithUnit(value, unit) : 'blank';
  if (spec.kind === 'refs' && Array.isArray(value) && value.length === 0) return 'none';
  if (spec.kind === 'ref' && value === null) return 'Unallocated';
  const text = fieldDisplay(spec, value, names, unit);
  if (text === '') return spec.kind === 'enum' ? 'not set' : spec.kind === 'ref' || spec.kind === 'refs' ? 'an agency no longer in the workbook' : 'blank';
  return spec.kind === 'text' || spec.kind === 'longtext' || spec.kind === 'ref' || spec.kind === 'refs' ? quote(text) : text;
}

/** Who the change was to: “‘Adult social care’”, “the pilot details”, or “1 spend line”. */
function whom(part: StepPart): string {
  if (part.table === 'pilot') return 'the pilot details';
  return part.rows === 1 && part.label !== null ? quote(part.label) : plural(part.rows, part.table);
}

function change(part: StepPart, names: Names, unit: DisplayUnit): string {
  const headers = part.fields.map((f) => specOf(part.table, f)?.header ?? f);
  if (part.rows === 1 && part.changes.length === 1) {
    const c = part.changes[0]!;
    const spec = specOf(part.table, c.field);
    const header = spec?.header ?? c.field;
    const values = `${shown(spec, c.old, names, unit)} → ${shown(spec, c.new, names, unit)}`;
    // A row's own label changed: its old and new names say which row it was.
    const own = part.table !== 'pilot' && (c.field === 'name' || c.field === 'title' || (part.table === 'spend_line' && c.field === 'description'));
    if (own) return `${header} ${values}`;
    return `${header} ${part.table === 'pilot' ? 'in' : 'of'} ${whom(part)} ${values}`;
  }
  const list = headers.length <= 3 ? headers.join(headers.length === 2 ? ' and ' : ', ').replace(/, ([^,]*)$/, ' and $1') : null;
  return list ? `changing ${list} of ${whom(part)}` : `changing ${whom(part)}`;
}

function added(part: StepPart, verb: string): string {
  if (part.table === 'pilot') return `${verb} the pilot details`;
  return part.rows === 1 && part.label !== null ? `${verb} ${WORD[part.table][0]} ${quote(part.label)}` : `${verb} ${plural(part.rows, part.table)}`;
}

function one(part: StepPart, names: Names, unit: DisplayUnit): string {
  switch (part.op) {
    case 'insert':
      return added(part, 'adding');
    case 'delete':
      return added(part, 'deleting');
    case 'bulk_insert':
      return `importing ${plural(part.rows, part.table)}`;
    case 'update':
      return change(part, names, unit);
  }
}

/** Deleting agencies or themes, with what happened to their spend lines. */
function deletingOwner(owner: StepPart, parts: StepPart[]): string {
  const its = owner.rows === 1 ? 'its' : 'their';
  const head = added(owner, 'deleting');
  const gone = parts.find((p) => p.table === 'spend_line' && p.op === 'delete');
  const moved = parts.find((p) => p.table === 'spend_line' && p.op === 'update');
  if (gone) return `${head} and ${its} ${plural(gone.rows, 'spend_line')}`;
  if (moved) {
    const unallocated = owner.table === 'theme' && moved.changes[0]?.new === null;
    return unallocated ? `${head} and leaving ${its} ${plural(moved.rows, 'spend_line')} unallocated` : `${head} and moving ${its} ${plural(moved.rows, 'spend_line')}`;
  }
  return head;
}

/** The words for one step: the whole message the window shows. */
export function undoWords(which: 'undo' | 'redo', step: HistoryStep | null, names: Names, unit: DisplayUnit): string {
  if (!step || step.parts.length === 0) return `There is nothing to ${which}.`;
  return `${which === 'undo' ? 'Undid' : 'Redid'}: ${describeStep(step, names, unit)}`;
}

export function describeStep(step: HistoryStep, names: Names, unit: DisplayUnit): string {
  const parts = step.parts;
  const owner = parts.find((p) => (p.table === 'agency' || p.table === 'theme') && p.op === 'delete');
  if (owner) return deletingOwner(owner, parts);
  if (parts.length === 1) return one(parts[0]!, names, unit);
  // A paste over existing rows and on into new ones: changed and added rows of one table.
  const update = parts.find((p) => p.op === 'update');
  const insert = parts.find((p) => p.op === 'insert');
  if (parts.length === 2 && update && insert && update.table === insert.table) {
    return `changing ${update.rows.toLocaleString('en-GB')} and adding ${plural(insert.rows, insert.table)}`;
  }
  return parts.map((p) => one(p, names, unit)).join(', and ');
}
