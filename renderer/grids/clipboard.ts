/**
 * Copy and paste between the grids and Excel or LibreOffice: tab-separated text (and an HTML table)
 * out; a tab-separated block in, parsed with papaparse (quoted cells with tabs and newlines, Windows
 * line endings) and planned against the grid cell by cell with each column's rules — all or nothing.
 */
import Papa from 'papaparse';
import { parseField, requiredFields, type FieldSpec, type Names, type Table } from './fields';

export function parseBlock(text: string): string[][] {
  const r = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { delimiter: '\t', newline: '\n', quoteChar: '"', skipEmptyLines: false });
  const rows = r.data.map((row) => row.map((c) => c ?? ''));
  while (rows.length > 0 && rows.at(-1)!.every((c) => c === '')) rows.pop();
  return rows;
}

export function toTsv(rows: string[][]): string {
  return Papa.unparse(rows, { delimiter: '\t', newline: '\r\n', quotes: false, escapeFormulae: false });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toHtml(rows: string[][]): string {
  return `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`).join('')}</table>`;
}

export interface PasteTarget {
  /** The ids of the data rows from the focused row down, in display order (undefined: not loaded). */
  rowIds: (string | undefined)[];
  /** The editable columns from the focused one rightwards, in display order. */
  columns: FieldSpec[];
  /** Whether the paste starts on the new-row line (so every row is new). */
  startsOnNewRow: boolean;
}

export interface CellProblem {
  row: number;
  column: string;
  text: string;
  reason: string;
}

export type PastePlan =
  | { ok: true; updates: Record<string, unknown>[]; creates: Record<string, unknown>[] }
  | { ok: false; problems: CellProblem[] };

export function planPaste(table: Table, block: string[][], target: PasteTarget, names: Names): PastePlan {
  const problems: CellProblem[] = [];
  const updates: Record<string, unknown>[] = [];
  const creates: Record<string, unknown>[] = [];
  const width = Math.max(0, ...block.map((r) => r.length));
  if (width > target.columns.length) {
    return { ok: false, problems: [{ row: 1, column: target.columns[0]?.header ?? '', text: '', reason: `The block is ${width} columns wide but there are only ${target.columns.length} columns from here to the right. Paste it further left` }] };
  }
  const existing = target.startsOnNewRow ? [] : target.rowIds;
  block.forEach((cells, i) => {
    const values: Record<string, unknown> = {};
    cells.forEach((text, c) => {
      const spec = target.columns[c]!;
      const parsed = parseField(spec, text, names);
      if (parsed.ok) values[spec.key] = parsed.value;
      else problems.push({ row: i + 1, column: spec.header, text, reason: parsed.reason });
    });
    if (i < existing.length) {
      const id = existing[i];
      if (id === undefined) problems.push({ row: i + 1, column: '', text: '', reason: 'That row is not loaded yet. Scroll so the rows you are pasting over are on screen, and paste again' });
      else updates.push({ id, ...values });
    } else {
      for (const req of requiredFields(table)) {
        if (!(req.key in values) && !problems.some((p) => p.row === i + 1 && p.column === req.header)) {
          problems.push({ row: i + 1, column: req.header, text: '', reason: `${req.header} is required for a new row` });
        }
      }
      creates.push(values);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, updates, creates };
}
