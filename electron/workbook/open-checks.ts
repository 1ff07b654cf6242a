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
import { migrate, type Migration } from './schema';

/** Can we write here? A file marked read-only (no write bits) counts as read-only even for an administrator. */
export function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return (fs.statSync(p).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/** Check a file through a read-only connection, so that a damaged file is never written to. */
export function checkReadOnly(file: string, name: string, nativeBinding: string | undefined, want: 'full' | 'partial'): 'full' | 'partial' {
  let db: DB;
  try {
    db = connect(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (e) {
    throw mapError(e, name);
  }
  try {
    return checkOpen(db, name, want);
  } catch (e) {
    throw mapError(e, name);
  } finally {
    db.close();
  }
}

const BIG_TABLES = new Set(['spend_line', 'change_log']);

export function checkOpen(db: DB, name: string, want: 'full' | 'partial'): 'full' | 'partial' {
  const results: string[] = [];
  if (want === 'full') {
    results.push(...(db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check));
  } else {
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name).filter((t) => !BIG_TABLES.has(t));
    for (const t of tables) results.push(...(db.pragma(`quick_check(${JSON.stringify(t)})`) as { quick_check: string }[]).map((r) => r.quick_check));
  }
  const problems = results.filter((r) => r !== 'ok');
  if (problems.length > 0) throw corrupt(name, `its integrity check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (${problems[0]})`);
  return want;
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

/**
 * An older file that must be opened read-only can't be migrated, so it is read through a private,
 * up-to-date copy: `VACUUM INTO` a new folder of its own in `dir` (the original is only read, through
 * `db`), then the same migrations as on open, on the copy. Returns the copy's path; `removeUpdatedCopy`
 * deletes it when the workbook closes. The folder is named for this process, so one left behind by a
 * process that died is removed the next time a copy is made.
 */
export function makeUpdatedCopy(db: DB, file: string, version: number, migrations: readonly Migration[], dir: string, nativeBinding: string | undefined): string {
  const name = path.basename(file);
  removeLeftCopies(dir);
  let folder: string;
  try {
    folder = fs.mkdtempSync(path.join(dir, `${COPY_PREFIX}${process.pid}-`));
  } catch (e) {
    throw new WorkbookError('io', `"${name}" is in an older format and is read-only, so it is read through an updated copy, but the copy couldn't be made in ${dir} (${(e as Error).message}). The file was not changed.`);
  }
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
