/**
 * A workbook from someone else: trust nothing in it. Hostile files are made from a genuine sample with
 * a SQLite tool (hostile-files.ts); each is opened for editing and read-only, and must be refused in
 * words (or, for kept totals that lie, show the true totals), its bytes unchanged, nothing outside it
 * touched, and never hang. "Did not hang" is asserted with a generous bound (10 s, against about 2 s
 * allowed and milliseconds seen): speed itself belongs to the benchmark.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkbookError, type ErrorCode } from '../../shared/errors';
import { connect, mapError } from '../../electron/workbook/db';
import { lockPath } from '../../electron/workbook/lock';
import { MIGRATIONS } from '../../electron/workbook/schema';
import { checkSchema, normaliseSql, referenceSchema, sqlTokens } from '../../electron/workbook/schema-check';
import { Workbook } from '../../electron/workbook/workbook';
import { sha256, tempDir } from '../helpers';
import { formatOneFile } from './format-one';
import {
  HTML, PHISHING, TRUE_TOTAL, amountsTrigger, analyzed, endlessTrigger, extraIndex, extraTable, extraView, genuine, halvedTotals, notStrict,
  outsideFile, phishingTrigger, stateOf, walFile, withHotJournal, withLinkedJournal, withLinkedOwnerRecord, withSql, withSuperJournal,
} from './hostile-files';

const LIMIT_MS = 10_000;
const author = 'J. Smith';


function timed<T>(fn: () => T): { value?: T; error?: unknown; ms: number } {
  const t0 = performance.now();
  try {
    const value = fn();
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

/** Open for editing and read-only: refused with `code` and `words`, quickly, the file's folder (and `outside`) unchanged, no private copy left. */
function refusedBoth(file: string, code: ErrorCode, words: RegExp, outside: string[] = []): WorkbookError[] {
  const errors: WorkbookError[] = [];
  for (const readOnly of [false, true]) {
    const folder = stateOf(path.dirname(file));
    const others = outside.map((p) => sha256(p));
    const copies = tempDir();
    const r = timed(() => Workbook.open(file, { author, readOnly, updatedCopyDir: copies }).close());
    expect(r.ms, 'did not hang').toBeLessThan(LIMIT_MS);
    expect(r.error, `refused (${readOnly ? 'read-only' : 'for editing'})`).toBeInstanceOf(WorkbookError);
    const err = r.error as WorkbookError;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(words);
    expect(err.message).toMatch(/nothing was changed|Nothing was changed|not changed/);
    expect(stateOf(path.dirname(file)), 'the file and everything beside it unchanged').toEqual(folder);
    expect(outside.map((p) => sha256(p)), 'nothing outside touched').toEqual(others);
    expect(fs.readdirSync(copies), 'no private copy left behind').toEqual([]);
    errors.push(err);
  }
  return errors;
}

describe('a file carrying SQL of its own is refused before anything runs', () => {
  it('a trigger that would double amounts and write into the authors table on the next edit', () => {
    const file = amountsTrigger();
    const [err] = refusedBoth(file, 'tampered', /^"birmingham\.totalplace" was changed outside Total Place Workbook: it holds a trigger the app never makes\. It was not opened and nothing was changed\./);
    expect(err!.detail).toMatchObject({ extra: 1, changed: 0, missing: 0 });
    // The trigger never ran: the amounts and the authors are as they were.
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM author WHERE name = 'Mallory'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('a trigger whose recursive query never ends', () => {
    refusedBoth(endlessTrigger(), 'tampered', /holds a trigger the app never makes/);
  });

  it('a trigger whose RAISE text is a phishing message: the message is never shown', () => {
    for (const err of refusedBoth(phishingTrigger(), 'tampered', /holds a trigger the app never makes/)) {
      expect(err.message).not.toMatch(/password|https?:|licence/i);
    }
  });

  it('an extra table, view or index, and query statistics (ANALYZE)', () => {
    refusedBoth(extraTable(), 'tampered', /holds a table the app never makes/);
    refusedBoth(extraView(), 'tampered', /holds a view the app never makes/);
    refusedBoth(extraIndex(), 'tampered', /holds an index the app never makes/);
    refusedBoth(analyzed(), 'tampered', /holds query statistics \(sqlite_stat\) that the app never gathers/);
  });

  it('tables rebuilt without STRICT and CHECK holding HTML in numeric fields', () => {
    for (const err of refusedBoth(notStrict(), 'tampered', /its (pilot|workbook|theme|agency) table is not as the app makes it \(a column, a type, STRICT or a rule was changed\)/)) {
      expect(err.message).not.toContain('<img');
      expect(err.message).toMatch(/and \d+ other differences/);
    }
  });

  it('a changed column, a CHECK taken out, or a trigger of ours changed', () => {
    refusedBoth(withSql('ALTER TABLE agency ADD COLUMN website TEXT'), 'tampered', /its agency table is not as the app makes it/);
    // A rule taken out by editing the schema directly (as DB Browser's "edit table" can).
    const noCheck = genuine();
    const db = new Database(noCheck);
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (amount BETWEEN', 'CHECK (1 OR amount BETWEEN') WHERE name = 'spend_line'").run();
    db.close();
    refusedBoth(noCheck, 'tampered', /its spend_line table is not as the app makes it/);
    refusedBoth(withSql('DROP TRIGGER spend_line_cell_update'), 'tampered', /the spend_line_cell_update trigger the app makes is missing/);
  });

  it('an index that lies about its table (two indexes\' pages swapped: the schema\'s words are ours, the contents are not) is refused by the full integrity check a received file gets', () => {
    const file = genuine();
    const db = new Database(file);
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    const root = (n: string) => db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(n) as number;
    const [a, b] = [root('spend_line_agency'), root('spend_line_amount')];
    db.prepare('UPDATE sqlite_schema SET rootpage = ? WHERE name = ?').run(b, 'spend_line_agency');
    db.prepare('UPDATE sqlite_schema SET rootpage = ? WHERE name = ?').run(a, 'spend_line_amount');
    db.close();
    const quick = new Database(file, { readonly: true });
    expect(quick.pragma('quick_check', { simple: true }), 'quick_check alone does not see it').toBe('ok');
    quick.close();
    refusedBoth(file, 'corrupt', /is damaged: its integrity check found \d+ problems/);
  });

  it('SQL is compared token by token: a line comment that swallows a column is a change, whitespace is not', () => {
    const ours = referenceSchema(2, MIGRATIONS).get('table\u0000spend_line')!.sql!;
    expect(ours).toContain('theme_id INTEGER REFERENCES theme ( id ) , description TEXT');
    // Collapsing whitespace would let a comment swallow the line after it; tokens don't.
    expect(normaliseSql('CREATE TABLE t (a INTEGER, -- a note\n b TEXT)')).not.toBe(normaliseSql('CREATE TABLE t (a INTEGER, -- a note b TEXT)'));
    // Whitespace, comments and the quotes SQLite's RENAME puts round a plain name don't matter; anything else does.
    expect(normaliseSql('CREATE TABLE "agency" (\n  id INTEGER  PRIMARY KEY -- x\n) STRICT')).toBe(normaliseSql('CREATE TABLE agency (id INTEGER PRIMARY KEY) STRICT'));
    expect(normaliseSql("CREATE TABLE t (a TEXT DEFAULT 'a  b')")).not.toBe(normaliseSql("CREATE TABLE t (a TEXT DEFAULT 'a b')"));
    expect(normaliseSql('CREATE TABLE t (a INTEGER) STRICT')).not.toBe(normaliseSql('CREATE TABLE t (a INTEGER)'));
    expect(normaliseSql('CREATE TABLE t (a INTEGER) STRICT')).not.toBe(normaliseSql('CREATE TABLE t (a INTEGER) strict'));
    expect(sqlTokens('CHECK (x IS "NULL")')).toContain('"NULL"');
    expect(sqlTokens('a <= 1.5 AND b.c')).toEqual(['a', '<=', '1.5', 'AND', 'b', '.', 'c']);
  });

  it('a new file and a format-1 file updated to format 2 both match the reference exactly; so does a format-1 file against format 1', () => {
    const fresh = genuine();
    const { file: older } = formatOneFile();
    const db1 = new Database(older, { readonly: true });
    expect(() => checkSchema(db1, 'kent.totalplace', 1, MIGRATIONS)).not.toThrow();
    expect(() => checkSchema(db1, 'kent.totalplace', 2, MIGRATIONS)).toThrow(/was changed outside/);
    db1.close();
    const migrated = Workbook.open(older, { author, snapshotDir: path.join(tempDir(), 'snapshots') });
    migrated.close();
    for (const f of [fresh, older]) {
      const db = new Database(f, { readonly: true });
      expect(() => checkSchema(db, path.basename(f), 2, MIGRATIONS)).not.toThrow();
      db.close();
    }
    // Computed once per format and kept.
    expect(referenceSchema(2, MIGRATIONS)).toBe(referenceSchema(2, MIGRATIONS));
  });
});

describe('kept totals are proven, not trusted', () => {
  it('halved kept totals: the true totals are shown (recounted from the lines), edits wait for a repair, and the file is unchanged until then', () => {
    const file = halvedTotals();
    for (const readOnly of [true, false]) {
      const before = sha256(file);
      const r = timed(() => Workbook.open(file, { author, readOnly }));
      expect(r.ms).toBeLessThan(LIMIT_MS);
      const wb = r.value!;
      expect(wb.info().totalsStatus).toBe('disagree');
      const t = wb.totals();
      expect(t.totalPence).toBe(TRUE_TOTAL);
      expect(t.byAgency.reduce((s, a) => s + a.pence, 0)).toBe(TRUE_TOTAL);
      expect(wb.matrix().reduce((s, m) => s + m.pence, 0)).toBe(TRUE_TOTAL);
      expect(wb.spend.page({}).matchingPence).toBe(TRUE_TOTAL + t.nettedPence);
      expect(wb.verify()).toMatchObject({ totalsAgree: false, errors: [expect.stringMatching(/kept totals do not match the spend lines.*repair/)] });
      expect(() => wb.pilot.update({ name: 'Changed' })).toThrow(readOnly ? /read-only/ : /kept totals do not agree with its spend lines, so changes can't be saved until they are repaired/);
      if (readOnly) expect(() => wb.repairTotals()).toThrow(/read-only/);
      wb.close();
      expect(sha256(file)).toBe(before);
    }
    // A saved copy has its kept totals rebuilt; the repair is a write of its own, asked for.
    const wb = Workbook.open(file, { author });
    const copy = path.join(tempDir(), 'copy.totalplace');
    wb.saveCopy(copy);
    const revision = wb.info().revision;
    expect(wb.repairTotals()).toMatchObject({ totalsStatus: 'rebuilt', revision: revision + 1 });
    expect(wb.verify().totalsAgree).toBe(true);
    expect(wb.totals().totalPence).toBe(TRUE_TOTAL);
    wb.pilot.update({ name: 'Edited after the repair' });
    wb.close();
    const again = Workbook.open(file, { author, readOnly: true });
    expect(again.info().totalsStatus).toBe('written-here');
    again.close();
    const c = Workbook.open(copy, { author, readOnly: true });
    expect(c.info().totalsStatus).toBe('written-here');
    expect(c.verify().totalsAgree).toBe(true);
    expect(c.totals().totalPence).toBe(TRUE_TOTAL);
    c.close();
  });

  it('a format-1 file: recounted with format 1\'s measures; halved kept totals say so read-only, and are rebuilt by updating the file to format 2', () => {
    const { file, snapshots } = formatOneFile();
    const total = 123_456_789 + 60_000_000 + 10_000_000 + 7_000_000 + 3_000_000 - 500_000;
    const ro = Workbook.open(file, { author, readOnly: true, dataDir: tempDir(), updatedCopyDir: tempDir() });
    expect(ro.info()).toMatchObject({ totalsStatus: 'recounted-agree', readThroughUpdatedCopy: true });
    ro.close();
    const db = new Database(file);
    db.exec('UPDATE spend_cell SET pence = pence / 2');
    db.close();
    const halved = Workbook.open(file, { author, readOnly: true, updatedCopyDir: tempDir() });
    expect(halved.info().totalsStatus).toBe('disagree');
    expect(halved.totals().totalPence).toBe(total);
    halved.close();
    const wb = Workbook.open(file, { author, snapshotDir: snapshots });
    expect(wb.info()).toMatchObject({ totalsStatus: 'rebuilt', schemaVersion: 2 });
    expect(wb.totals().totalPence).toBe(total);
    expect(wb.verify().totalsAgree).toBe(true);
    wb.pilot.update({ name: 'Kent pilot, checked' });
    wb.close();
    const again = Workbook.open(file, { author, readOnly: true });
    expect(again.info().totalsStatus).toBe('written-here');
    again.close();
  });

  it('a file last written on another computer (another data folder) is recounted on open, and its figures agree', () => {
    const file = genuine();
    const elsewhere = tempDir();
    const wb = Workbook.open(file, { author, readOnly: true, dataDir: elsewhere });
    expect(wb.info().totalsStatus).toBe('recounted-agree');
    expect(wb.totals().totalPence).toBe(TRUE_TOTAL);
    wb.close();
    // Once proven here, it is not recounted again while it stays as it is.
    const again = Workbook.open(file, { author, readOnly: true, dataDir: elsewhere });
    expect(again.info().totalsStatus).toBe('written-here');
    again.close();
  });

  it('a file changed by a SQLite tool after this computer last wrote it is recounted (its change counter moved), even with its revision as it was', () => {
    const file = genuine();
    const db = new Database(file);
    db.exec("UPDATE agency SET name = name || ' (renamed)' WHERE id = 1");
    db.close();
    const wb = Workbook.open(file, { author, readOnly: true });
    expect(wb.info().totalsStatus).toBe('recounted-agree');
    wb.close();
  });

  it('the record of what this computer wrote is one small file per workbook instance in the data folder', () => {
    const dataDir = tempDir();
    const file = path.join(tempDir(), 'kent.totalplace');
    const wb = Workbook.create(file, { author, pilot: { name: 'Kent pilot' }, dataDir });
    const [a] = wb.agencies.create([{ name: 'Kent County Council' }]);
    wb.spend.create([{ agencyId: a!.id, description: 'Care', amountPence: 100 }]);
    const { instanceId, revision } = wb.info();
    wb.close();
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, 'written', `${instanceId}.json`), 'utf8'));
    expect(record).toMatchObject({ revision, path: fs.realpathSync(file), wrote: true, changeCounter: expect.any(Number) });
    const again = Workbook.open(file, { author, dataDir });
    expect(again.info().totalsStatus).toBe('written-here');
    again.close();
  });
});

describe('values read from the file are checked, never cast', () => {
  it('a spend line with a code the app does not have (written with CHECKs ignored, in a file too big for a full check on open)', () => {
    const file = withSql('UPDATE spend_line SET function = 99 WHERE id = 3', { ignoreChecks: true });
    const before = sha256(file);
    // A full check on open finds it.
    refusedBoth(file, 'tampered', /its spend_line table holds a value the app never saves/);
    const wb = Workbook.open(file, { author, readOnly: true, fullCheckLimitBytes: 0 });
    expect(() => wb.spend.page({ limit: 100 })).toThrow(/changed outside Total Place Workbook: spend line 3 has a function that is not something the app saves/);
    expect(() => wb.totals()).toThrow(/changed outside Total Place Workbook/);
    wb.close();
    expect(sha256(file)).toBe(before);
  });

  it('an agency with a control the app does not have is refused on open (the small tables are always checked in full)', () => {
    const file = withSql(`UPDATE agency SET control = '${HTML}' WHERE id = 2`, { ignoreChecks: true });
    for (const err of refusedBoth(file, 'tampered', /was changed outside Total Place Workbook: its agency table holds a value the app never saves/)) expect(err.message).not.toContain('<img');
    const wb = timed(() => Workbook.open(file, { author, readOnly: true, fullCheckLimitBytes: 0 }));
    expect((wb.error as WorkbookError).code).toBe('tampered');
  });
});

describe('a journal beside a received file', () => {
  it('is not rolled back into it: the file opens read-only, as it was before the unfinished save, through a private copy, and says why', () => {
    const file = withHotJournal();
    const folder = stateOf(path.dirname(file));
    for (const readOnly of [false, true]) {
      const copies = tempDir();
      const r = timed(() => Workbook.open(file, { author, readOnly, updatedCopyDir: copies }));
      expect(r.ms).toBeLessThan(LIMIT_MS);
      const wb = r.value!;
      expect(wb.info()).toMatchObject({ readOnly: true, readOnlyReason: readOnly ? 'requested' : 'journal', halfSaved: true, readThroughUpdatedCopy: false });
      expect(wb.pilot.get().name).toBe('Sample pilot: Birmingham (illustrative)');
      expect(wb.totals().totalPence).toBe(TRUE_TOTAL);
      if (!readOnly) expect(() => wb.pilot.update({ name: 'x' })).toThrow(/left half-saved and was not last saved on this computer, so it is open read-only/);
      expect(fs.existsSync(lockPath(file))).toBe(false);
      wb.close();
      expect(fs.readdirSync(copies)).toEqual([]);
      expect(stateOf(path.dirname(file)), 'the file and its journal unchanged').toEqual(folder);
    }
    // The user chose to edit it: the unfinished save is undone in the file itself.
    const wb = Workbook.open(file, { author, recoverJournal: true });
    expect(wb.info()).toMatchObject({ readOnly: false, halfSaved: false });
    expect(wb.pilot.get().name).toBe('Sample pilot: Birmingham (illustrative)');
    wb.close();
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
  });

  it('whose rollback would bring back a trigger is refused, the file and journal unchanged', () => {
    const file = withHotJournal(`CREATE TRIGGER pilot_guard BEFORE UPDATE ON pilot BEGIN SELECT RAISE(ABORT, '${PHISHING}'); END;`, 'DROP TRIGGER pilot_guard; UPDATE spend_line SET amount = amount + 1;');
    refusedBoth(file, 'tampered', /holds a trigger the app never makes/);
    expect(() => Workbook.open(file, { author, recoverJournal: true })).toThrow(/holds a trigger/);
  });

  it('that names another file for SQLite to delete (a "super-journal") is refused, and that file is untouched', () => {
    const victim = outsideFile();
    const file = withSuperJournal(victim);
    refusedBoth(file, 'tampered', /has a "-journal" file beside it that names another file for SQLite to read and delete/, [victim]);
    expect(() => Workbook.open(file, { author, recoverJournal: true })).toThrow(/names another file/);
    expect(fs.existsSync(victim)).toBe(true);
    // What it would have done: SQLite itself, opening a copy, deletes the file it names.
    const dir = tempDir();
    const copy = path.join(dir, 'copy.totalplace');
    const decoy = outsideFile('decoy');
    fs.copyFileSync(file, copy);
    fs.writeFileSync(`${copy}-journal`, Buffer.concat([fs.readFileSync(`${file}-journal`).subarray(0, fs.statSync(`${file}-journal`).size - (Buffer.byteLength(victim) + 20)), superTrailer(decoy)]));
    const raw = new Database(copy);
    raw.prepare('SELECT count(*) FROM pilot').get();
    raw.close();
    expect(fs.existsSync(decoy), 'SQLite deleted the super-journal it was given').toBe(false);
  });

  it('that is a link, or is not a file, is refused; what it points to is untouched', () => {
    const target = outsideFile();
    refusedBoth(withLinkedJournal(target), 'tampered', /has a "-journal" file beside it that is a link/, [target]);
    const file = genuine();
    fs.mkdirSync(`${file}-journal`);
    refusedBoth(file, 'tampered', /"-journal" file beside it that is not a file/);
  });
});

/** The super-journal trailer naming `file` (as hostile-files.ts writes it). */
function superTrailer(file: string): Buffer {
  const name = Buffer.from(file);
  const t = Buffer.alloc(4 + name.length + 16);
  t.writeUInt32BE(0x40000000 / 4096 + 1, 0);
  name.copy(t, 4);
  t.writeUInt32BE(name.length, 4 + name.length);
  t.writeUInt32BE(name.reduce((s, b) => s + b, 0) >>> 0, 8 + name.length);
  Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]).copy(t, 12 + name.length);
  return t;
}

describe('the owner record', () => {
  it('a symbolic link in its place is refused for editing, and the file it points to is never touched', () => {
    const target = outsideFile();
    const file = withLinkedOwnerRecord(target);
    const folder = stateOf(path.dirname(file));
    const r = timed(() => Workbook.open(file, { author }));
    expect(r.error).toBeInstanceOf(WorkbookError);
    expect((r.error as WorkbookError).code).toBe('io');
    expect((r.error as WorkbookError).message).toMatch(/there is a link named "\.~lock\.birmingham\.totalplace#".*The app never makes one like that, so the file was not opened for editing, and nothing was changed/);
    expect(() => Workbook.open(file, { author, ignoreLock: true })).toThrow(/link named/);
    expect(stateOf(path.dirname(file))).toEqual(folder);
    expect(fs.readFileSync(target, 'utf8')).toBe('Budget notes: nothing here may change.\n');
    // Read-only never reads or writes the owner record: it opens, and touches nothing.
    const ro = Workbook.open(file, { author, readOnly: true });
    expect(ro.totals().totalPence).toBe(TRUE_TOTAL);
    ro.close();
    expect(stateOf(path.dirname(file))).toEqual(folder);
    expect(fs.readFileSync(target, 'utf8')).toBe('Budget notes: nothing here may change.\n');
  });

  it('a link to a file that does not exist yet is not created through', () => {
    const target = path.join(tempDir(), 'would-be-created.txt');
    const file = withLinkedOwnerRecord(target);
    expect(() => Workbook.open(file, { author })).toThrow(/link named/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('a folder or a pipe in its place is refused without waiting on it', () => {
    const file = genuine();
    fs.mkdirSync(lockPath(file));
    expect(() => Workbook.open(file, { author })).toThrow(/something that is not a file named/);
    if (process.platform !== 'win32') {
      const piped = genuine();
      execFileSync('mkfifo', [lockPath(piped)]);
      const r = timed(() => Workbook.open(piped, { author }));
      expect(r.ms).toBeLessThan(LIMIT_MS);
      expect((r.error as Error).message).toMatch(/something that is not a file named/);
    }
  });

  it('is created exclusively: a record made by another copy at the same moment is not overwritten', async () => {
    const { writeLock } = await import('../../electron/workbook/lock');
    const file = genuine();
    fs.writeFileSync(lockPath(file), JSON.stringify({ author: 'Priya', host: 'KCC-LAPTOP-042', pid: 1, since: '', app: 'Total Place Workbook' }));
    expect(writeLock(file, author)).toBe('taken');
    expect(JSON.parse(fs.readFileSync(lockPath(file), 'utf8')).author).toBe('Priya');
  });
});

describe('other files that are not what they seem', () => {
  it('a file set to write-ahead logging is refused, and no sidecar is made beside it', () => {
    refusedBoth(walFile(), 'tampered', /set to keep its changes in a separate file \(write-ahead logging\)/);
  });

  it('a pipe named like a workbook is refused without waiting on it', () => {
    if (process.platform === 'win32') return;
    const file = path.join(tempDir(), 'pipe.totalplace');
    execFileSync('mkfifo', [file]);
    const r = timed(() => Workbook.open(file, { author }));
    expect(r.ms).toBeLessThan(LIMIT_MS);
    expect((r.error as WorkbookError).code).toBe('not-a-workbook');
    expect((r.error as WorkbookError).message).toMatch(/is not a file \(it is a device, a pipe or a socket\)/);
  });
});

describe('every connection is hardened', () => {
  it('trusted_schema off, cell_size_check on, foreign keys on, defensive mode on, no extensions', () => {
    const file = genuine();
    for (const readonly of [false, true]) {
      const db = connect(file, { readonly });
      expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
      expect(db.pragma('cell_size_check', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => db.prepare("SELECT load_extension('/tmp/x.so')").get()).toThrow(/not authorized/);
      db.close();
    }
    // Defensive: the schema table can't be written, even with writable_schema.
    const db = connect(file, {});
    db.pragma('writable_schema = ON');
    expect(() => db.prepare("UPDATE sqlite_schema SET sql = sql WHERE name = 'pilot'").run()).toThrow(/may not be modified/);
    db.close();
  });

  it('a message from a trigger (RAISE) or from SQLite is never shown as it is', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (x INTEGER); CREATE TRIGGER g BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, '${PHISHING}'); END;`);
    let raised: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (1)').run();
    } catch (e) {
      raised = e;
    }
    db.close();
    expect((raised as { code: string }).code).toBe('SQLITE_CONSTRAINT_TRIGGER');
    const mapped = mapError(raised, 'kent.totalplace');
    expect(mapped.code).toBe('tampered');
    expect(mapped.message).toMatch(/refused that change with a rule that Total Place Workbook never makes.*The change was not saved/);
    expect(mapped.message).not.toMatch(/password|https|licence/i);
    const cases: [string, RegExp][] = [
      ['SQLITE_CONSTRAINT_CHECK', /breaks a rule of the workbook \(a value is outside what that field allows\)/],
      ['SQLITE_CORRUPT', /is damaged \(SQLite found a page or record it can't read\)/],
      ['SQLITE_ERROR', /Something went wrong inside Total Place Workbook \(SQLITE_ERROR\)/],
      ['SQLITE_IOERR_READ', /could not be read or written \(SQLITE_IOERR_READ\)/],
    ];
    for (const [code, words] of cases) {
      const m = mapError(Object.assign(new Error(`malformed database schema (${PHISHING})`), { code }), 'kent.totalplace');
      expect(m.message).toMatch(words);
      expect(m.message).not.toContain('password');
    }
    // A program error is said by its kind, its message made plain.
    expect(mapError(new TypeError('bad \u202Egnp.exe'), 'k').message).toMatch(/\(TypeError: bad gnp\.exe\)/);
  });
});

describe('a file made by the app opens as before', () => {
  it('the genuine sample opens for editing and read-only, and its first edit saves', () => {
    const file = genuine();
    const wb = Workbook.open(file, { author });
    expect(wb.info()).toMatchObject({ readOnly: false, totalsStatus: 'written-here', halfSaved: false });
    wb.pilot.update({ name: 'Birmingham pilot' });
    expect(wb.totals().totalPence).toBe(TRUE_TOTAL);
    wb.close();
    expect(os.hostname()).toBeTruthy();
    expect(HTML).toContain('<img');
  });
});
