/**
 * The checks a file passes before it is used, each through a connection that cannot write to it,
 * the snapshot kept before an older file is migrated, and the updated copy an older file is read
 * through when it must be opened read-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbookError } from '../../shared/errors';
import { connect, mapError, type DB } from './db';
import { corrupt } from './file-check';
import { alive } from './lock';
import { REQUIRED_TABLES, migrate, type Migration } from './schema';
import { checkRules, checkSchema } from './schema-check';
import type { JournalFacts } from './file-check';

/** Can we write here? A file marked read-only (no write bits) counts as read-only even for an administrator. */
export function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return (fs.statSync(p).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/**
 * Check a file through a read-only connection, so that a damaged or changed file is never written
 * to: first its schema, exactly (nothing the app never makes — no trigger, view, table or index of
 * anyone else's — can then run or be read), then its integrity.
 */
export function checkReadOnly(file: string, name: string, nativeBinding: string | undefined, want: 'full' | 'partial', migrations: readonly Migration[], received?: (db: DB) => boolean): 'full' | 'partial' {
  let db: DB;
  try {
    db = connect(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (e) {
    throw mapError(e, name);
  }
  try {
    return checkFile(db, name, want, migrations, nativeBinding, received);
  } catch (e) {
    throw mapError(e, name);
  } finally {
    db.close();
  }
}

/**
 * The schema check, then the integrity check, on an open connection (its format is its own
 * `user_version`). `received`, asked once the schema is known to be ours: is the file one this computer
 * did not leave as it is? Such a file gets SQLite's full `integrity_check`, which also proves every index
 * holds exactly its table's rows (an index that lies would answer some queries — counts, filters, foreign
 * key checks — with rows that are not there); one of our own gets the faster `quick_check`.
 */
export function checkFile(db: DB, name: string, want: 'full' | 'partial', migrations: readonly Migration[], nativeBinding: string | undefined, received?: (db: DB) => boolean): 'full' | 'partial' {
  const version = db.pragma('user_version', { simple: true }) as number;
  checkSchema(db, name, version, migrations, nativeBinding);
  const checked = checkOpen(db, name, want, received?.(db) ?? false);
  checkRules(db, name, version, migrations, nativeBinding, checked === 'full' ? new Set() : BIG_TABLES);
  return checked;
}

const BIG_TABLES = new Set(['spend_line', 'change_log']);

export function checkOpen(db: DB, name: string, want: 'full' | 'partial', deep = false): 'full' | 'partial' {
  const results: string[] = [];
  const check = deep ? 'integrity_check' : 'quick_check';
  const run = (arg: string) => (db.pragma(`${check}${arg}`) as Record<string, string>[]).map((r) => r[check]!);
  if (want === 'full') {
    results.push(...run(''));
  } else {
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name).filter((t) => !BIG_TABLES.has(t));
    for (const t of tables) results.push(...run(`(${JSON.stringify(t)})`));
  }
  const problems = results.filter((r) => r !== 'ok');
  if (problems.length === 0) return want;
  // Rows that break the tables' own rules (a CHECK, NOT NULL, a STRICT column's type) were written with
  // those rules turned off: changed outside the app, not damaged. Only our own table names are repeated.
  const rules = problems.map((p) => /^(?:CHECK constraint failed in|NULL value in|non-\w+ value in) "?(\w+)/.exec(p)?.[1]);
  if (rules.every((t) => t !== undefined && REQUIRED_TABLES.includes(t))) {
    const tables = [...new Set(rules)];
    throw new WorkbookError('tampered', `"${name}" was changed outside Total Place Workbook: its ${tables.join(' and ')} table${tables.length === 1 ? '' : 's'} hold${tables.length === 1 ? 's' : ''} a value the app never saves (${problems.length === 1 ? 'a row breaks' : `${problems.length} rows break`} the table's rules). It was not opened and nothing was changed. Ask the sender for the file again, or open your own last copy.`);
  }
  throw corrupt(name, `its integrity check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}`);
}

export function snapshotBeforeMigration(db: DB, file: string, version: number, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dest = path.join(dir, `${path.basename(file, '.totalplace')} (format ${version}, ${stamp}).totalplace`);
  db.prepare('VACUUM INTO ?').run(dest);
  return dest;
}

/** The folders updated copies are made in: `totalplace-updated-copy-<pid>-<random>`, in the temp folder. */
const COPY_PREFIX = 'totalplace-updated-copy-';

/** A private folder for a copy, named for this process (left-behind folders of dead processes removed first). */
function copyFolder(dir: string, why: string): string {
  removeLeftCopies(dir);
  try {
    return fs.mkdtempSync(path.join(dir, `${COPY_PREFIX}${process.pid}-`));
  } catch (e) {
    throw new WorkbookError('io', `${why}, but the copy couldn't be made in ${dir} (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}). The file was not changed.`);
  }
}

/**
 * An older file that must be opened read-only can't be migrated, so it is read through a private,
 * up-to-date copy: `VACUUM INTO` a new folder of its own in `dir` (the original is only read, through
 * `db`), then the same migrations as on open, on the copy. Returns the copy's path; `removeUpdatedCopy`
 * deletes it when the workbook closes. The folder is named for this process, so one left behind by a
 * process that died is removed the next time a copy is made.
 */
export function makeUpdatedCopy(db: DB, file: string, version: number, migrations: readonly Migration[], dir: string, nativeBinding: string | undefined): string {
  const name = path.basename(file);
  const folder = copyFolder(dir, `"${name}" is in an older format and is read-only, so it is read through an updated copy`);
  const copy = path.join(folder, `${path.basename(file, '.totalplace')} (format ${version}, updated copy to read).totalplace`);
  try {
    try {
      db.prepare('VACUUM INTO ?').run(copy);
    } catch (e) {
      throw new WorkbookError('io', `"${name}" is in an older format and is read-only, so it is read through an updated copy, but the copy couldn't be made in ${dir} (${(e as Error).message}). Free some space there and try again. The file was not changed.`);
    }
    const c = connect(copy, nativeBinding ? { nativeBinding } : {});
    try {
      c.pragma('journal_mode = DELETE');
      migrate(c, version, migrations);
    } catch (e) {
      throw new WorkbookError('internal', `"${name}" could not be updated to this version's format to be read (${(e as Error).message}). The file was not changed. Please report this.`);
    } finally {
      c.close();
    }
  } catch (e) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw e;
  }
  return copy;
}

/**
 * A file with a journal beside it (a save cut off part-way) that is not to be rolled back into the file
 * itself — not last written on this computer, or to be opened read-only — is read through a private
 * copy instead: the file and its journal are copied into a new folder of their own in `dir`, and SQLite
 * plays the journal back into the copy there (the journal was looked at first: it names no other file,
 * and can't make the file larger). The copy is the file as it was before the unfinished save; the file
 * and its journal are only read. Checked by the caller, like any file; deleted on close.
 */
export function makeJournalCopy(file: string, journal: JournalFacts, dir: string, nativeBinding: string | undefined): string {
  const name = path.basename(file);
  const folder = copyFolder(dir, `"${name}" was left half-saved, so it is read through a private copy`);
  const copy = path.join(folder, `${path.basename(file, '.totalplace')} (unfinished save undone, copy to read).totalplace`);
  try {
    const size = fs.statSync(file).size;
    try {
      fs.copyFileSync(file, copy);
      if (journal.size > 0) fs.copyFileSync(journal.path, `${copy}-journal`);
    } catch (e) {
      throw new WorkbookError('io', `"${name}" was left half-saved, so it is read through a private copy, but the copy couldn't be made in ${dir} (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}). Free some space there and try again. The file was not changed.`);
    }
    let c: DB;
    try {
      c = connect(copy, nativeBinding ? { nativeBinding } : {});
    } catch (e) {
      throw mapError(e, name);
    }
    try {
      // The first read plays a hot journal back (into the copy); one SQLite judges not hot is removed.
      c.pragma('user_version', { simple: true });
      if (fs.existsSync(`${copy}-journal`)) {
        c.exec('BEGIN IMMEDIATE');
        fs.rmSync(`${copy}-journal`, { force: true });
        c.exec('COMMIT');
      }
    } catch (e) {
      throw mapError(e, name);
    } finally {
      c.close();
    }
    if (fs.statSync(copy).size > size) {
      throw new WorkbookError('tampered', `"${name}" has a "-journal" file beside it that would make the file larger than it is, which Total Place Workbook never leaves. The file was not opened and nothing was changed. Move "${name}" on its own to another folder and open it there, or ask the sender for the file again.`);
    }
  } catch (e) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw e;
  }
  return copy;
}

export function removeUpdatedCopy(copy: string): void {
  const folder = path.dirname(copy);
  if (!path.basename(folder).startsWith(COPY_PREFIX)) return;
  try {
    fs.rmSync(folder, { recursive: true, force: true });
  } catch {
    // Left for the next copy made to remove.
  }
}

/** Remove updated copies whose process is gone (it died before it could close them). */
function removeLeftCopies(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(COPY_PREFIX));
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(n.slice(COPY_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    try {
      fs.rmSync(path.join(dir, n), { recursive: true, force: true });
    } catch {
      // Someone else's, or already gone.
    }
  }
}
