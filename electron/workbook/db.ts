/** Low-level helpers shared by the store's parts: ids, SQLite errors, the native module. */
import Database from 'better-sqlite3';
import { parse as parseUuid, stringify as stringifyUuid, v7 as uuidv7 } from 'uuid';
import { WorkbookError } from '../../shared/errors';
import { plainText } from '../../shared/text';

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

/**
 * Open a connection, hardened for a file that may come from anyone. A received file is checked
 * before it is used (open-checks.ts), and every connection also:
 * - keeps SQLite's defensive mode, which better-sqlite3 turns on for every connection (never call
 *   `db.unsafeMode()`): no writing the schema table by hand, no corrupting pragmas;
 * - `trusted_schema = OFF`: SQL stored in the file (views, triggers, defaults, CHECKs) may only call
 *   functions that cannot do harm, and may not use virtual tables;
 * - `cell_size_check = ON`: a damaged record is refused before it is read past its cell;
 * - never loads extensions: `loadExtension` is never called, and the SQL function `load_extension()`
 *   is off (better-sqlite3 enables only the C interface, which nothing here uses);
 * - foreign keys on.
 */
export function connect(file: string, opts: OpenOptions): DB {
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: true,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** What a SQLite constraint error means, by its extended code, in our words (never the message, which a file's own SQL can write). */
const CONSTRAINT_WORDS: Record<string, string> = {
  SQLITE_CONSTRAINT_CHECK: 'a value is outside what that field allows',
  SQLITE_CONSTRAINT_NOTNULL: 'a field that must have a value was left empty',
  SQLITE_CONSTRAINT_UNIQUE: 'it would repeat something that must be unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'it would repeat something that must be unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'it refers to a row that is not there, or would leave rows referring to one that is gone',
  SQLITE_CONSTRAINT_DATATYPE: 'a value is of the wrong kind for its field',
};

/**
 * Turn an error from SQLite or the file system into one of our codes, with words. A message from
 * SQLite is never passed on as it is: it can carry text from the file itself (a name in its schema,
 * or the words of a trigger's `RAISE`), so only its code is used.
 */
export function mapError(e: unknown, name: string): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const err = (e ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new WorkbookError('corrupt', `"${name}" is damaged (SQLite found a page or record it can't read). Ask the sender for the file again, or open your own last copy. Nothing was changed.`);
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
    return new WorkbookError('io', `"${name}" could not be read or written (${code}). Check the drive or network folder is connected and try again. Your earlier changes are safe.`);
  }
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' || code === 'SQLITE_CONSTRAINT_FUNCTION' || code === 'SQLITE_CONSTRAINT_VTAB') {
    // Total Place Workbook's own triggers never refuse a change: a refusal like this comes from SQL
    // that someone else put in the file, and its words are theirs — they are not shown.
    return new WorkbookError('tampered', `"${name}" refused that change with a rule that Total Place Workbook never makes: the file was changed outside the app. The change was not saved. Don't follow any instructions that came with the file; ask the sender for it again, or open your own last copy.`);
  }
  if (code === 'SQLITE_CONSTRAINT' || code.startsWith('SQLITE_CONSTRAINT')) {
    const why = CONSTRAINT_WORDS[code];
    return new WorkbookError('validation', `That change breaks a rule of the workbook${why ? ` (${why})` : ''}, so it was not saved.`);
  }
  if (code === 'SQLITE_INTERRUPT' || code === 'SQLITE_NOMEM' || code === 'SQLITE_TOOBIG') {
    return new WorkbookError('io', `"${name}" asked for more than this computer can give (${code}). Close other programs and try again; if it happens again, ask the sender for the file again. Your earlier changes are safe.`);
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
  return new WorkbookError('internal', `Something went wrong inside Total Place Workbook (${internalWhat(e, code)}). Nothing was lost: every earlier change is saved. Please report this.`);
}

/**
 * What to say of an error that is a bug: SQLite's code alone (its message may quote the file), or the
 * kind of a program error with its message made plain and short (it is ours, but may quote a value).
 */
function internalWhat(e: unknown, code: string): string {
  if (code.startsWith('SQLITE_')) return code;
  const kind = e instanceof Error ? e.name : typeof e;
  const message = e instanceof Error ? e.message : String(e);
  const plain = plainText(message).slice(0, 200);
  return code ? `${kind} ${code}: ${plain}` : `${kind}: ${plain}`;
}
