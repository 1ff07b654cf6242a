/** Low-level helpers shared by the store's parts: ids, SQLite errors, the native module. */
import Database from 'better-sqlite3';
import { parse as parseUuid, stringify as stringifyUuid, v7 as uuidv7 } from 'uuid';
import { WorkbookError } from '../../shared/errors';

export type DB = Database.Database;

/** A new row id. UUIDv7 is ordered by time, so a million new rows append to the id index instead of splitting it. */
export function newId(): string {
  return uuidv7();
}

export function toUid(id: string): Buffer {
  return Buffer.from(parseUuid(id));
}

export function fromUid(uid: Uint8Array): string {
  return stringifyUuid(uid);
}

export interface OpenOptions {
  readonly?: boolean;
  /** Path to a better_sqlite3.node built for this runtime (Electron passes its own build). */
  nativeBinding?: string;
}

export function connect(file: string, opts: OpenOptions): DB {
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: true,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  db.pragma('foreign_keys = ON');
  return db;
}

/** Turn an error from SQLite or the file system into one of our codes, with words. */
export function mapError(e: unknown, name: string): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new WorkbookError('corrupt', `"${name}" is damaged (${err.message ?? 'database disk image is malformed'}). Ask the sender for the file again, or open your own last copy. Nothing was changed.`);
  }
  if (code === 'SQLITE_NOTADB') {
    return new WorkbookError('not-a-workbook', `"${name}" is not a Total Place workbook, or it is encrypted or damaged. Open a .totalplace file made by Total Place Workbook. Nothing was changed.`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new WorkbookError('read-only', `"${name}" can't be changed: it is read-only. Save a copy somewhere you can write, and edit the copy.`);
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY')) {
    return new WorkbookError('locked', `"${name}" is busy: another program is writing to it. Wait a moment and try again.`);
  }
  if (code === 'SQLITE_FULL') {
    return new WorkbookError('io', `The disk holding "${name}" is full, so the change was not saved. Free some space and try again. Your earlier changes are safe.`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new WorkbookError('io', `"${name}" could not be read or written (${err.message ?? code}). Check the drive or network folder is connected and try again. Your earlier changes are safe.`);
  }
  if (code === 'SQLITE_CONSTRAINT' || code.startsWith('SQLITE_CONSTRAINT')) {
    return new WorkbookError('validation', `That change breaks a rule of the workbook (${err.message ?? code}), so it was not saved.`);
  }
  // The file system said no (creating, copying or moving a file): say which, and what to do.
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new WorkbookError('io', `"${name}" can't be written there: you don't have permission to change that folder. Choose a folder of your own, such as Documents.`);
  }
  if (code === 'ENOSPC') {
    return new WorkbookError('io', `There is no space left on the disk for "${name}". Free some space, or choose another drive. Your earlier changes are safe.`);
  }
  if (code === 'ENOENT') {
    return new WorkbookError('io', `The folder for "${name}" is not there any more (a removed USB stick or a disconnected network drive?). Choose another folder.`);
  }
  return new WorkbookError('internal', `Something went wrong inside Total Place Workbook (${err.message ?? String(e)}). Nothing was lost: every earlier change is saved. Please report this.`);
}
