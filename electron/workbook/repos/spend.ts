/**
 * Spend lines: one amount spent in the place by one agency in one year. The table that reaches a
 * million rows, so pages, sorts, filters and sums are all done in SQL and enumerations are stored
 * as small codes (see schema.ts).
 */
import { z } from 'zod';
import { CONFIDENCES, DELIVERY, FUNCTIONS, FUNDING_BASES, NOT_STATED, PURPOSES, SOURCES, SPEND_KINDS, type EnumItem } from '../../../shared/enums';
import { SpendBatch, SpendCreate, SpendFields, SpendLine, SpendPatch, SpendQuery, DeleteRows, type SpendPage } from '../../../shared/schemas';
import { parseOrThrow } from '../../../shared/validate';
import { newId, toUid } from '../db';
import { fromFile, uidOf } from '../from-file';
import type { Restore, WriteContext } from '../tx';
import { AUTHOR_JOIN, META, diff, idResolver, notFound, type MetaRow } from './common';

const CODED = {
  function: FUNCTIONS, kind: SPEND_KINDS, delivery: DELIVERY, funding: FUNDING_BASES, purpose: PURPOSES, source: SOURCES, confidence: CONFIDENCES,
} as const;
type Coded = keyof typeof CODED;

const codeMaps = Object.fromEntries(Object.entries(CODED).map(([k, list]) => [k, new Map((list as readonly EnumItem[]).map((item, i) => [item.key, i]))])) as Record<Coded, Map<string, number>>;
const code = (field: Coded, key: string): number => codeMaps[field].get(key)!;
/** A stored code's key; a code that is not one (out of range, or not a number) is passed on as it is, for the check to refuse. */
const keyOf = (field: Coded, c: number): string => (typeof c === 'number' ? (CODED[field] as readonly EnumItem[])[c]?.key : undefined) ?? (c as unknown as string);

interface SpendRow extends MetaRow {
  n: number; description: string; function: number; year: number; amount: number; passed_on: number; kind: number; delivery: number;
  funding: number; purpose: number; source: number; confidence: number; notes: string; agency_uid: Buffer; theme_uid: Buffer | null;
}

const SELECT = `SELECT x.id AS n, x.description, x.function, x.year, x.amount, x.passed_on, x.kind, x.delivery, x.funding, x.purpose,
  x.source, x.confidence, x.notes, a.uid AS agency_uid, t.uid AS theme_uid, ${META}
FROM spend_line x JOIN agency a ON a.id = x.agency_id LEFT JOIN theme t ON t.id = x.theme_id ${AUTHOR_JOIN}`;

/** A line's fields as read (the caller checks them): a value that does not convert is passed on as it is, for the check to refuse. */
function fieldsOf(r: SpendRow): SpendFields {
  return {
    agencyId: uidOf(r.agency_uid) as string, description: r.description, function: keyOf('function', r.function) as SpendFields['function'],
    themeId: r.theme_uid === null ? null : (uidOf(r.theme_uid) as string), year: r.year, amountPence: r.amount,
    passedOn: r.passed_on === 1 ? true : r.passed_on === 0 ? false : (r.passed_on as unknown as boolean),
    kind: keyOf('kind', r.kind) as SpendFields['kind'], delivery: keyOf('delivery', r.delivery) as SpendFields['delivery'],
    funding: keyOf('funding', r.funding) as SpendFields['funding'], purpose: keyOf('purpose', r.purpose) as SpendFields['purpose'],
    source: keyOf('source', r.source) as SpendFields['source'], confidence: keyOf('confidence', r.confidence) as SpendFields['confidence'], notes: r.notes,
  };
}

/** A spend line as read from the file, checked: one changed outside the app is refused in words, never cast. */
function toLine(r: SpendRow): SpendLine {
  return fromFile(SpendLine, { ...fieldsOf(r), id: uidOf(r.uid), createdAt: r.created_at, updatedAt: r.updated_at, author: r.author }, `spend line ${r.n}`);
}

const SORT_SQL: Record<z.infer<typeof SpendQuery>['sort'][number]['key'], string> = {
  agency: 'a.name COLLATE NOCASE', description: 'x.description COLLATE NOCASE', function: 'x.function', theme: 't.name COLLATE NOCASE',
  year: 'x.year', amountPence: 'x.amount', passedOn: 'x.passed_on', kind: 'x.kind', delivery: 'x.delivery', funding: 'x.funding', purpose: 'x.purpose',
  confidence: 'x.confidence', source: 'x.source', notes: 'x.notes COLLATE NOCASE', updatedAt: 'x.updated_at',
};

const COLUMNS = 'agency_id, theme_id, description, function, year, amount, passed_on, kind, delivery, funding, purpose, source, confidence, notes';

export class SpendRepo {
  constructor(private readonly ctx: WriteContext) {}

  /** A page of lines, sorted and filtered in SQL, with how many lines match the filter and their sum. */
  page(input: unknown): SpendPage {
    const q = parseOrThrow(SpendQuery, input ?? {}, 'The spend query', 'read');
    const db = this.ctx.db;
    const where: string[] = [];
    const params: unknown[] = [];
    const f = q.filter;
    if (f.agencyIds) {
      where.push(`x.agency_id IN (SELECT id FROM agency WHERE uid IN (${f.agencyIds.map(() => '?').join(', ') || 'NULL'}))`);
      params.push(...f.agencyIds.map(toUid));
    }
    if (f.themeIds) {
      const ids = f.themeIds.filter((t): t is string => t !== null);
      const parts = [`x.theme_id IN (SELECT id FROM theme WHERE uid IN (${ids.map(() => '?').join(', ') || 'NULL'}))`];
      if (f.themeIds.includes(null)) parts.push('x.theme_id IS NULL');
      where.push(`(${parts.join(' OR ')})`);
      params.push(...ids.map(toUid));
    }
    if (f.functions) where.push(`x.function IN (${f.functions.map((k) => code('function', k)).join(', ') || 'NULL'})`);
    if (f.confidences) where.push(`x.confidence IN (${f.confidences.map((k) => code('confidence', k)).join(', ') || 'NULL'})`);
    if (f.sources) where.push(`x.source IN (${f.sources.map((k) => code('source', k)).join(', ') || 'NULL'})`);
    if (f.negative) where.push('x.amount < 0');
    if (f.controls) {
      where.push(`a.control IN (${f.controls.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...f.controls);
    }
    if (f.search && f.search.trim() !== '') {
      const like = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`(x.description LIKE ? ESCAPE '\\' OR x.notes LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\')`);
      params.push(like, like, like);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = [...q.sort.map((s) => `${SORT_SQL[s.key]} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`), 'x.id'].join(', ');
    const rows = (db.prepare(`${SELECT} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as SpendRow[]).map(toLine);
    // The count and sums of what the filter shows: gross (every line as listed), and how much of it is
    // passed on to another agency in this count (which the totals net out, so it is counted once).
    let sums: Omit<SpendPage, 'rows'> = { matching: null, matchingPence: null, matchingPassedLines: null, matchingPassedPence: null };
    if (!q.withCount) {
      // the grid already has the count for this filter
    } else if (where.length === 0) {
      const r = db.prepare(`SELECT coalesce(sum(lines + passed_lines), 0) AS n, coalesce(sum(pence + passed_pence), 0) AS p,
        coalesce(sum(passed_lines), 0) AS pn, coalesce(sum(passed_pence), 0) AS pp FROM spend_cell`).get() as { n: number; p: number; pn: number; pp: number };
      sums = { matching: r.n, matchingPence: r.p, matchingPassedLines: r.pn, matchingPassedPence: r.pp };
    } else {
      const r = db.prepare(`SELECT count(*) AS n, coalesce(sum(x.amount), 0) AS p, coalesce(sum(x.passed_on), 0) AS pn, coalesce(sum(x.passed_on * x.amount), 0) AS pp
        FROM spend_line x JOIN agency a ON a.id = x.agency_id ${whereSql}`).get(...params) as { n: number; p: number; pn: number; pp: number };
      sums = { matching: r.n, matchingPence: r.p, matchingPassedLines: r.pn, matchingPassedPence: r.pp };
    }
    return { rows, ...sums };
  }

  get(id: string): SpendLine {
    const r = this.ctx.db.prepare(`${SELECT} WHERE x.uid = ?`).get(toUid(id)) as SpendRow | undefined;
    if (!r) throw notFound('spend line');
    return toLine(r);
  }

  /** What a new line is saved with for each field not given: "not stated", never a guess. */
  private defaults(): Omit<SpendFields, 'agencyId' | 'description' | 'amountPence'> {
    const year = (this.ctx.db.prepare('SELECT count_year FROM pilot').get() as { count_year: number }).count_year;
    return {
      function: NOT_STATED, themeId: null, year, passedOn: false, kind: NOT_STATED, delivery: NOT_STATED,
      funding: NOT_STATED, purpose: NOT_STATED, source: NOT_STATED, confidence: NOT_STATED, notes: '',
    };
  }

  create(input: unknown, restore?: Restore): SpendLine[] {
    const rows = parseOrThrow(z.array(SpendCreate).min(1).max(100_000), input, 'The new spend line');
    return this.ctx.write((tx) => {
      const ids = this.insert(rows, tx.at, tx.authorId, (uid, f) => tx.log('spend_line', uid, 'insert', null, f), restore);
      return ids.map((id) => this.get(id));
    });
  }

  /**
   * Insert many lines as one change (an import, or the benchmark's million): the change log holds one
   * entry with the range of rows added, not a copy of every line.
   */
  bulkInsert(input: unknown): { inserted: number } {
    const rows = parseOrThrow(z.array(SpendCreate).min(1).max(2_000_000), input, 'The imported spend lines');
    return this.ctx.write((tx) => {
      const first = (this.ctx.db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM spend_line').get() as { n: number }).n;
      this.insert(rows, tx.at, tx.authorId, null);
      tx.log('spend_line', null, 'bulk_insert', null, { count: rows.length, firstRow: first, lastRow: first + rows.length - 1 });
      return { inserted: rows.length };
    });
  }

  private insert(rows: z.infer<typeof SpendCreate>[], at: number, authorId: number, log: ((uid: Buffer, f: SpendFields) => void) | null, restore?: Restore): string[] {
    const db = this.ctx.db;
    const defaults = this.defaults();
    const agency = idResolver(db, 'agency', 'agency');
    const theme = idResolver(db, 'theme', 'theme');
    const ins = db.prepare(`INSERT INTO spend_line (id, uid, ${COLUMNS}, created_at, updated_at, author_id) VALUES (?, ?, ${COLUMNS.split(',').map(() => '?').join(', ')}, ?, ?, ?)`);
    const ids: string[] = [];
    rows.forEach((row, i) => {
      const f = parseOrThrow(SpendFields, { ...defaults, ...row }, rows.length > 1 ? `Spend line ${i + 1}` : 'The spend line');
      const id = row.id ?? newId();
      const uid = toUid(id);
      ins.run(restore?.rowId ?? null, uid, ...this.values(f, agency, theme), restore?.createdAt ?? at, at, authorId);
      log?.(uid, f);
      ids.push(id);
    });
    return ids;
  }

  private values(f: SpendFields, agency: (id: string) => number, theme: (id: string) => number): unknown[] {
    return [
      agency(f.agencyId), f.themeId === null ? null : theme(f.themeId), f.description, code('function', f.function), f.year, f.amountPence,
      f.passedOn ? 1 : 0, code('kind', f.kind), code('delivery', f.delivery), code('funding', f.funding), code('purpose', f.purpose),
      code('source', f.source), code('confidence', f.confidence), f.notes,
    ];
  }

  /** Changes and new rows as one write (a paste, a duplicate): all saved, or none. */
  batch(input: unknown): { created: SpendLine[]; updated: SpendLine[] } {
    const req = parseOrThrow(SpendBatch, input, 'The change');
    return this.ctx.write(() => ({
      updated: req.updates.length > 0 ? this.update(req.updates) : [],
      created: req.creates.length > 0 ? this.create(req.creates) : [],
    }));
  }

  update(input: unknown): SpendLine[] {
    const patches = parseOrThrow(z.array(SpendPatch).min(1).max(100_000), input, 'The spend line');
    return this.ctx.write((tx) => {
      const db = this.ctx.db;
      const agency = idResolver(db, 'agency', 'agency');
      const theme = idResolver(db, 'theme', 'theme');
      const upd = db.prepare(`UPDATE spend_line SET ${COLUMNS.split(', ').map((c) => `${c} = ?`).join(', ')}, updated_at = ?, author_id = ? WHERE uid = ?`);
      return patches.map((p, i) => {
        const prev = this.get(p.id);
        const before = fieldsOfLine(prev);
        const next = parseOrThrow(SpendFields, { ...before, ...p }, patches.length > 1 ? `Spend line ${i + 1}` : 'The spend line');
        const d = diff<Record<string, unknown>>(before, next);
        if (!d) return prev;
        upd.run(...this.values(next, agency, theme), tx.at, tx.authorId, toUid(p.id));
        tx.log('spend_line', toUid(p.id), 'update', d.old, d.new);
        return this.get(p.id);
      });
    });
  }

  delete(input: unknown): { deleted: number } {
    const req = parseOrThrow(DeleteRows, input, 'The delete');
    return this.ctx.write((tx) => {
      const del = this.ctx.db.prepare('DELETE FROM spend_line WHERE uid = ? RETURNING id');
      for (const id of req.ids) {
        const prev = this.get(id);
        const { id: n } = del.get(toUid(id)) as { id: number };
        tx.log('spend_line', toUid(id), 'delete', { ...fieldsOfLine(prev), createdAt: prev.createdAt, rowId: n }, null);
      }
      return { deleted: req.ids.length };
    });
  }
}

function fieldsOfLine(l: SpendLine): SpendFields {
  const { id: _id, createdAt: _c, updatedAt: _u, author: _a, ...fields } = l;
  return fields;
}
