/**
 * Undo and redo, built on the change log. Each write is one revision; undoing it applies the inverse
 * of its logged changes, in reverse order, as a new revision (so history keeps both). Redo undoes
 * the undo. The stacks belong to the open workbook (this window), like a spreadsheet's.
 */
import type { HistoryState } from '../../shared/types';
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

export type { HistoryState };

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

  undo(): void {
    this.step(this.undoStack, this.redoStack);
  }

  /** Redo is undoing the undo. */
  redo(): void {
    this.step(this.redoStack, this.undoStack);
  }

  /** Invert the newest revision of `from` and put the inverse on `to`; on failure, leave both as they were. */
  private step(from: number[], to: number[]): void {
    const r = from.pop();
    if (r === undefined) return;
    try {
      to.push(this.invert(r));
    } catch (e) {
      from.push(r);
      throw e;
    }
  }

  /** Apply the inverse of revision `r` as one new revision, and return it. */
  private invert(r: number): number {
    const entries = this.db.prepare('SELECT tbl, row_uid, op, old, new FROM change_log WHERE revision = ? ORDER BY seq DESC').all(r) as Entry[];
    this.replaying = true;
    try {
      return this.write((tx) => {
        for (const e of entries) this.inverse(e);
        return tx.revision;
      });
    } finally {
      this.replaying = false;
    }
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
