/**
 * The checks a file passes before it is used, each through a connection that cannot write to it,
 * and the snapshot kept before an older file is migrated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connect, mapError, type DB } from './db';
import { corrupt } from './file-check';

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
