/**
 * Undo and redo, built on the change log. Each write is one revision; undoing it applies the inverse
 * of its logged changes, in reverse order, as a new revision (so history keeps both). Redo undoes
 * the undo. The stacks belong to the open workbook (this window), like a spreadsheet's.
 */
import type { HistoryState, HistoryStep, StepPart } from '../../shared/types';
import { fromUid, type DB } from './db';
import type { Restore, Tx } from './tx';

interface Entry {
  tbl: 'pilot' | 'agency' | 'theme' | 'spend_line' | 'barrier';
  row_uid: Buffer | null;
  op: 'insert' | 'update' | 'delete' | 'bulk_insert';
  old: string | null;
  new: string | null;
}

type Rows = { create(rows: unknown, restore?: Restore): unknown; update(patches: unknown): unknown; delete(req: unknown): unknown };

export interface HistoryRepos {
  pilot: { update(patch: unknown): unknown };
  agency: Rows;
  theme: Rows;
  spend_line: Rows;
  barrier: Rows;
}

export type { HistoryState, HistoryStep };

/** The column that labels a row of each table, and its field in the change log. */
const LABELS = { agency: ['name', 'name'], theme: ['name', 'name'], spend_line: ['description', 'description'], barrier: ['title', 'title'] } as const;

/** An entry turned round: what undoing it did, as a change of its own. */
const flip = (e: Entry): Entry => ({ ...e, op: e.op === 'insert' ? 'delete' : e.op === 'delete' ? 'insert' : e.op, old: e.new, new: e.old });

const META_KEYS = new Set(['createdAt', 'rowId']);
const fields = (json: string | null): Record<string, unknown> => {
  const o = json ? (JSON.parse(json) as Record<string, unknown>) : {};
  for (const k of META_KEYS) delete o[k];
  return o;
};

export class History {
  private undoStack: number[] = [];
  private redoStack: number[] = [];
  private replaying = false;

  constructor(
    private readonly db: DB,
    private readonly write: <T>(fn: (tx: Tx) => T) => T,
    private readonly repos: HistoryRepos,
  ) {}

  /** A write committed as `revision`. */
  recorded(revision: number): void {
    if (this.replaying) return;
    this.undoStack.push(revision);
    this.redoStack = [];
  }

  state(): HistoryState {
    const revision = (this.db.prepare('SELECT revision FROM workbook').get() as { revision: number }).revision;
    return { canUndo: this.undoStack.length > 0, canRedo: this.redoStack.length > 0, revision };
  }

  /** Undo the last change; what it took back, or null when there was nothing to undo. */
  undo(): HistoryStep | null {
    return this.step(this.undoStack, this.redoStack, false);
  }

  /** Redo is undoing the undo. What it made again, or null when there was nothing to redo. */
  redo(): HistoryStep | null {
    return this.step(this.redoStack, this.undoStack, true);
  }

  /** Invert the newest revision of `from` and put the inverse on `to`; on failure, leave both as they were. */
  private step(from: number[], to: number[], redo: boolean): HistoryStep | null {
    const r = from.pop();
    if (r === undefined) return null;
    let entries: Entry[];
    try {
      const done = this.invert(r);
      to.push(done.revision);
      entries = done.entries;
    } catch (e) {
      from.push(r);
      throw e;
    }
    // An undo takes back revision r: its entries, in the order they were made. A redo takes back an
    // undo, whose entries, each turned round, are the first change made again, in its order.
    return this.describe(redo ? entries.map(flip) : entries.reverse());
  }

  /** Apply the inverse of revision `r` as one new revision; the new revision, and r's entries (newest first). */
  private invert(r: number): { revision: number; entries: Entry[] } {
    const entries = this.db.prepare('SELECT tbl, row_uid, op, old, new FROM change_log WHERE revision = ? ORDER BY seq DESC').all(r) as Entry[];
    this.replaying = true;
    try {
      const revision = this.write((tx) => {
        for (const e of entries) this.inverse(e);
        return tx.revision;
      });
      return { revision, entries };
    } finally {
      this.replaying = false;
    }
  }

  /** A change as parts (one table, one kind of change each), with the first row's label and changed values. */
  private describe(entries: Entry[]): HistoryStep {
    const parts = new Map<string, StepPart & { seen: Set<string> }>();
    for (const e of entries) {
      const key = `${e.tbl} ${e.op}`;
      let part = parts.get(key);
      if (!part) {
        const before = fields(e.old);
        const after = fields(e.new);
        const changes = e.op === 'update' ? Object.keys(after).map((field) => ({ field, old: before[field] ?? null, new: after[field] })) : [];
        part = { table: e.tbl, op: e.op, rows: 0, label: this.label(e, before, after), changes, fields: [], seen: new Set() };
        parts.set(key, part);
      }
      part.rows += e.op === 'bulk_insert' ? (fields(e.new).count as number) : 1;
      if (e.op === 'update') {
        for (const f of Object.keys(fields(e.new))) {
          if (!part.seen.has(f)) {
            part.seen.add(f);
            part.fields.push(f);
          }
        }
      }
    }
    return { parts: [...parts.values()].map(({ seen: _seen, ...p }) => p) };
  }

  /** A row's own label: from the change for a row added or deleted; as it is now for a row changed (or as logged, if it has gone). */
  private label(e: Entry, before: Record<string, unknown>, after: Record<string, unknown>): string | null {
    if (e.tbl === 'pilot' || e.op === 'bulk_insert') return null;
    const [column, field] = LABELS[e.tbl];
    if (e.op === 'update' && e.row_uid) {
      const row = this.db.prepare(`SELECT ${column} AS label FROM ${e.tbl} WHERE uid = ?`).get(e.row_uid) as { label: string } | undefined;
      if (row) return row.label;
    }
    const v = after[field] ?? before[field];
    return typeof v === 'string' ? v : null;
  }

  private inverse(e: Entry): void {
    const id = e.row_uid ? fromUid(e.row_uid) : null;
    if (e.tbl === 'pilot') {
      if (e.op === 'update') this.repos.pilot.update(fields(e.old));
      return;
    }
    const repo = this.repos[e.tbl];
    switch (e.op) {
      case 'insert':
        this.deleteRows(e.tbl, [id!]);
        return;
      case 'delete': {
        const old = JSON.parse(e.old ?? '{}') as { createdAt?: number; rowId?: number };
        repo.create([{ ...fields(e.old), id }], typeof old.rowId === 'number' && typeof old.createdAt === 'number' ? { rowId: old.rowId, createdAt: old.createdAt } : undefined);
        return;
      }
      case 'update':
        repo.update([{ ...fields(e.old), id }]);
        return;
      case 'bulk_insert': {
        const range = JSON.parse(e.new ?? '{}') as { firstRow: number; lastRow: number };
        const uids = (this.db.prepare('SELECT uid FROM spend_line WHERE id BETWEEN ? AND ?').all(range.firstRow, range.lastRow) as { uid: Buffer }[]).map((u) => fromUid(u.uid));
        for (let i = 0; i < uids.length; i += 50_000) this.deleteRows('spend_line', uids.slice(i, i + 50_000));
        return;
      }
    }
  }

  private deleteRows(table: Exclude<Entry['tbl'], 'pilot'>, ids: string[]): void {
    if (ids.length > 0) this.repos[table].delete({ ids });
  }
}
