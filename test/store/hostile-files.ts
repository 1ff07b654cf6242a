/**
 * Hostile workbooks, made as an attacker would: a genuine sample file (electron/workbook/sample.ts),
 * then changed with a SQLite tool (better-sqlite3, as the sqlite3 shell or DB Browser would), or with
 * files put beside it. Each maker returns the file, in a folder of its own; nothing here goes through
 * the store's own write path after the sample is made.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSampleWorkbook } from '../../electron/workbook/sample';
import { lockPath } from '../../electron/workbook/lock';
import { sha256, tempDir } from '../helpers';

/** The sample's total and its halved kept totals' (the sample pilot is shaped on Birmingham's £7.3bn). */
export const TRUE_TOTAL = 730_000_000_000;

/** A genuine sample workbook, in a folder of its own. */
export function genuine(name = 'birmingham.totalplace'): string {
  const file = path.join(tempDir(), name);
  createSampleWorkbook(file, 'J. Smith').close();
  return file;
}

/** Change a genuine file with a SQLite tool. */
export function withSql(sql: string, opts: { foreignKeysOff?: boolean; ignoreChecks?: boolean } = {}, name?: string): string {
  const file = genuine(name);
  const db = new Database(file);
  if (opts.foreignKeysOff) db.pragma('foreign_keys = OFF');
  if (opts.ignoreChecks) db.pragma('ignore_check_constraints = ON');
  db.exec(sql);
  db.close();
  return file;
}

/** A trigger of its own that, on the next edit, doubles every other amount and writes into the authors table. */
export const amountsTrigger = () => withSql(`CREATE TRIGGER spend_line_audit AFTER UPDATE ON pilot BEGIN
  UPDATE spend_line SET amount = amount * 2 WHERE id % 2 = 0;
  INSERT INTO author (name) VALUES ('Mallory');
END`);

/** A trigger whose recursive query never ends: the first edit would hang for good. */
export const endlessTrigger = () => withSql(`CREATE TRIGGER pilot_touch AFTER UPDATE ON pilot BEGIN
  SELECT (WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r);
END`);

export const PHISHING = 'Your licence has expired: re-enter your password at https://totalplace-licence.example/login';
/** A trigger that refuses every edit with a phishing message of its own. */
export const phishingTrigger = () => withSql(`CREATE TRIGGER pilot_guard BEFORE UPDATE ON pilot BEGIN
  SELECT RAISE(ABORT, '${PHISHING}');
END`);

export const extraTable = () => withSql('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
export const extraView = () => withSql('CREATE VIEW spend_summary AS SELECT agency_id, sum(amount) AS total FROM spend_line GROUP BY agency_id');
export const extraIndex = () => withSql('CREATE INDEX spend_line_notes ON spend_line (notes)');
/** Query statistics (ANALYZE): they steer SQLite's plans, and the app never gathers them. */
export const analyzed = () => withSql('ANALYZE');

export const HTML = '<img src=x onerror=alert(1)>';
/**
 * Tables rebuilt without STRICT and without their CHECKs (as `CREATE TABLE … AS SELECT` does), holding
 * HTML in numeric fields: the pilot's population, the workbook's revision, a theme's cohort size, an
 * agency's control.
 */
export const notStrict = () => withSql(`
  BEGIN;
  ${['pilot', 'workbook', 'theme', 'agency'].map((t) => `CREATE TABLE ${t}_copy AS SELECT * FROM ${t}; DROP TABLE ${t}; ALTER TABLE ${t}_copy RENAME TO ${t};`).join('\n')}
  UPDATE pilot SET population = '${HTML}';
  UPDATE workbook SET revision = '${HTML}';
  UPDATE theme SET cohort_size = '${HTML}';
  UPDATE agency SET control = '${HTML}' WHERE id = (SELECT min(id) FROM agency);
  COMMIT;`, { foreignKeysOff: true });

/** Kept totals halved behind the lines' back: £3.65bn shown instead of £7.30bn. */
export const halvedTotals = () => withSql('UPDATE spend_cell SET pence = pence / 2');

/** A file set to write-ahead logging. */
export function walFile(): string {
  const file = genuine();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.close();
  return file;
}

/**
 * A received file with a hot journal beside it: a genuine file copied, with its journal, in the middle
 * of a write that renamed the pilot and changed every amount (the cache kept tiny, so the write reaches
 * the file before it commits). `before` runs on the file first (to make the state a rollback restores).
 */
export function withHotJournal(before?: string, during = "UPDATE pilot SET name = 'Changed mid-write'; UPDATE spend_line SET amount = amount + 1;"): string {
  const source = genuine('source.totalplace');
  const db = new Database(source);
  if (before) db.exec(before);
  db.pragma('cache_size = 1');
  db.exec('BEGIN');
  db.exec(during);
  const file = path.join(tempDir(), 'received.totalplace');
  fs.copyFileSync(source, file);
  fs.copyFileSync(`${source}-journal`, `${file}-journal`);
  db.exec('ROLLBACK');
  db.close();
  return file;
}

const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

/**
 * A hot journal that names a "super-journal": `victim`, a file outside. SQLite, rolling the journal
 * back, reads the super-journal as a list of journals and — none of them naming it — deletes it.
 */
export function withSuperJournal(victim: string): string {
  const file = withHotJournal();
  const name = Buffer.from(victim);
  const trailer = Buffer.alloc(4 + name.length + 16);
  trailer.writeUInt32BE(0x40000000 / 4096 + 1, 0);
  name.copy(trailer, 4);
  trailer.writeUInt32BE(name.length, 4 + name.length);
  trailer.writeUInt32BE(name.reduce((s, b) => s + b, 0) >>> 0, 8 + name.length);
  JOURNAL_MAGIC.copy(trailer, 12 + name.length);
  fs.appendFileSync(`${file}-journal`, trailer);
  return file;
}

/** A genuine file whose owner record is a symbolic link to `target`, a file outside. */
export function withLinkedOwnerRecord(target: string): string {
  const file = genuine();
  fs.symlinkSync(target, lockPath(file));
  return file;
}

/** A file whose journal is a symbolic link to `target`. */
export function withLinkedJournal(target: string): string {
  const file = genuine();
  fs.symlinkSync(target, `${file}-journal`);
  return file;
}

/** A file outside the workbook's folder whose bytes must never change. */
export function outsideFile(text = 'Budget notes: nothing here may change.\n'): string {
  const file = path.join(tempDir(), 'outside.txt');
  fs.writeFileSync(file, text);
  return file;
}

/** Every file in a folder with its hash: what "nothing changed" means for a folder. */
export function stateOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    const st = fs.lstatSync(p);
    out[n] = st.isSymbolicLink() ? `link to ${fs.readlinkSync(p)}` : st.isFile() ? sha256(p) : 'other';
  }
  return out;
}
