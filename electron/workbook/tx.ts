/** What a repository gets to read and write with. */
import type { LogOp, LoggedTable } from '../../shared/types';
import type { DB } from './db';


export interface Tx {
  revision: number;
  at: number;
  authorId: number;
  log(table: LoggedTable, uid: Buffer | null, op: LogOp, oldValue: Record<string, unknown> | null, newValue: Record<string, unknown> | null): void;
}

/** Putting a deleted row back exactly (undo): its original local row id and creation time. */
export interface Restore {
  rowId: number;
  createdAt: number;
}

export interface WriteContext {
  db: DB;
  write<T>(fn: (tx: Tx) => T): T;
}

