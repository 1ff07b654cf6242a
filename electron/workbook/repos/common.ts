/** Pieces every repository uses: row metadata, id lookups, change records. */
import { WorkbookError } from '../../../shared/errors';
import type { RowMeta } from '../../../shared/schemas';
import { toUid, type DB } from '../db';
import { uidOf } from '../from-file';

export interface MetaRow {
  uid: Buffer;
  created_at: number;
  updated_at: number;
  author: string;
}

/** Select the metadata columns of table alias `x`, with the author's name. */
export const META = 'x.uid, x.created_at, x.updated_at, au.name AS author';
export const AUTHOR_JOIN = 'JOIN author au ON au.id = x.author_id';

/** A row's metadata as read: the caller checks it with the row's schema (an id that is not one is left for the check to refuse). */
export function metaOf(r: MetaRow): RowMeta {
  return { id: uidOf(r.uid) as string, createdAt: r.created_at, updatedAt: r.updated_at, author: r.author };
}

/** The local integer id of a row named by its uuid, or a validation error that says which kind of row is missing. */
export function localId(db: DB, table: 'agency' | 'theme' | 'barrier' | 'spend_line', id: string, what: string): number {
  const r = db.prepare(`SELECT id FROM ${table} WHERE uid = ?`).get(toUid(id)) as { id: number } | undefined;
  if (!r) throw new WorkbookError('validation', `That ${what} is not in this workbook (it may have been deleted). Choose another and try again.`, { missing: id });
  return r.id;
}

/** A memo of uuid -> local id for one write, so a paste of 5,000 lines looks each agency up once. */
export function idResolver(db: DB, table: 'agency' | 'theme', what: string): (id: string) => number {
  const cache = new Map<string, number>();
  return (id) => {
    let n = cache.get(id);
    if (n === undefined) {
      n = localId(db, table, id, what);
      cache.set(id, n);
    }
    return n;
  };
}

/** The fields of `next` that differ from `prev`, as [old, new] pairs for the change log. */
export function diff<T extends Record<string, unknown>>(prev: T, next: T): { old: Partial<T>; new: Partial<T> } | null {
  const o: Partial<T> = {};
  const n: Partial<T> = {};
  let changed = false;
  for (const k of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(prev[k]) !== JSON.stringify(next[k])) {
      o[k] = prev[k];
      n[k] = next[k];
      changed = true;
    }
  }
  return changed ? { old: o, new: n } : null;
}

export function notFound(what: string): WorkbookError {
  return new WorkbookError('not-found', `That ${what} is no longer in this workbook (it may have been deleted). Refresh and try again.`);
}
