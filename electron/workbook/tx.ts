/** What a repository gets to read and write with. */
import type { DB } from './db';

export type LoggedTable = 'pilot' | 'agency' | 'theme' | 'spend_line' | 'barrier';
export type LogOp = 'insert' | 'update' | 'delete' | 'bulk_insert';

export interface Tx {
  revision: number;
  at: number;
  authorId: number;
  log(table: LoggedTable, uid: Buffer | null, op: LogOp, oldValue: Record<string, unknown> | null, newValue: Record<string, unknown> | null): void;
}

export interface WriteContext {
  db: DB;
  write<T>(fn: (tx: Tx) => T): T;
}

export interface ChangeEntry {
  seq: number;
  revision: number;
  at: number;
  author: string;
  table: LoggedTable;
  rowId: string | null;
  op: LogOp;
  old: Record<string, unknown> | null;
  new: Record<string, unknown> | null;
}
