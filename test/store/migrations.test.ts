/**
 * Forward-only migrations, each one transaction with its version bump, each with its own test:
 * build the file at N-1, insert rows, migrate, compare.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GAINED_NOT_STATED, V1_ENUMS, V2_ENUMS } from '../../electron/workbook/format-enums';
import { V1_MEASURES } from '../../electron/workbook/measures';
import { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from '../../electron/workbook/schema';
import { ENUMS, type EnumItem, type EnumName } from '../../shared/enums';
import { WorkbookError } from '../../shared/errors';
import { lockPath } from '../../electron/workbook/lock';
import { Workbook } from '../../electron/workbook/workbook';
import { sha256, tempDir } from '../helpers';
import { formatOneFile } from './format-one';

describe('migration 1: the first workbook format', () => {
  it('turns an empty database into the v1 schema, with every enumeration enforced by the file itself', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 0, MIGRATIONS.slice(0, 1));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['agency', 'author', 'barrier', 'barrier_agency', 'change_log', 'enum_label', 'pilot', 'spend_cell', 'spend_line', 'theme', 'workbook']);
    db.exec("INSERT INTO author (id, name) VALUES (1, 'x')");
    const agency = (type: string) => db.prepare("INSERT INTO agency (uid, name, type, tier, control, created_at, updated_at, author_id) VALUES (randomblob(16), 'A', ?, 'local', 'local', 0, 0, 1)").run(type);
    expect(() => agency('castle')).toThrow(/CHECK constraint/);
    agency('pct');
    const line = (fn: number, amount: unknown) => db.prepare(`INSERT INTO spend_line (uid, agency_id, description, function, year, amount, passed_on, kind, delivery, funding, purpose, source, confidence, created_at, updated_at, author_id)
      VALUES (randomblob(16), 1, 'd', ?, 2008, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)`).run(fn, amount);
    expect(() => line(9, 100)).toThrow(/CHECK constraint/);
    expect(() => line(0, 'a lot')).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare(`INSERT INTO spend_line (uid, agency_id, description, function, year, amount, passed_on, kind, delivery, funding, purpose, source, confidence, created_at, updated_at, author_id)
      VALUES (randomblob(16), 99, 'd', 0, 2008, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)`).run()).toThrow(/FOREIGN KEY/);
    line(8, 100);
    expect(db.prepare('SELECT lines, pence FROM spend_cell').get()).toEqual({ lines: 1, pence: 100 });
    expect(db.prepare("SELECT label FROM enum_label WHERE enum = 'function' AND code = 8").get()).toEqual({ label: 'Social protection' });
    db.close();
  });
});

type Row = Record<string, unknown>;
const schemaOf = (db: Database.Database) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all();
const labelsOf = (db: Database.Database) => db.prepare('SELECT enum, code, key, label FROM enum_label ORDER BY enum, code').all();
const rowsOf = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY ${table === 'barrier_agency' ? 'barrier_id, agency_id' : 'rowid'}`).all() as Row[];
const V1_CELL_COLUMNS = ['agency_id', 'theme_id', 'function', ...V1_MEASURES.map((m) => m.column)];
const cellsOf = (db: Database.Database, columns = V1_CELL_COLUMNS) => db.prepare(`SELECT ${columns.join(', ')} FROM spend_cell WHERE lines + passed_lines > 0 ORDER BY agency_id, theme_id, function`).all();

describe('migration 2: a field nobody gave is "not stated"', () => {
  it('keeps every row and every value, and every total, of a format-1 file', () => {
    const { file, snapshots } = formatOneFile();
    const before = new Database(file, { readonly: true });
    const tables = ['pilot', 'author', 'workbook', 'agency', 'theme', 'spend_line', 'barrier', 'barrier_agency', 'change_log'];
    const rows = Object.fromEntries(tables.map((t) => [t, rowsOf(before, t)]));
    const cells = cellsOf(before);
    before.close();
    expect(rows.barrier_agency).toHaveLength(3);

    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots });
    expect(wb.info().schemaVersion).toBe(2);
    expect(wb.verify()).toMatchObject({ totalsAgree: true, errors: [], integrity: ['ok'] });
    const t = wb.totals();
    // Format 1 had no "not stated": revenue, frontline and reaction were the rest, and still are.
    expect(t.totalPence).toBe(123_456_789 + 60_000_000 + 10_000_000 + 7_000_000 + 3_000_000 - 500_000);
    expect(t.revenuePence).toBe(t.totalPence - t.capitalPence);
    expect(t.frontlinePence).toBe(t.totalPence - t.administrationPence);
    expect(t.reactionPence).toBe(t.totalPence - t.preventionPence);
    expect([t.capitalPence, t.administrationPence, t.preventionPence, t.estimatedPence, t.apportionedPence]).toEqual([60_000_000, 10_000_000, 7_000_000, 10_000_000, 7_000_000]);
    expect(t.localPence + t.centralPence).toBe(t.totalPence);
    expect([t.controlNotStatedPence, t.notStated.lines]).toEqual([0, 0]);
    expect(t.notStated.fields.every((f) => f.pence === 0 && f.lines === 0)).toBe(true);
    expect(t.nettedPence).toBe(40_000_000);
    wb.close();

    const after = new Database(file, { readonly: true });
    for (const table of tables) expect(rowsOf(after, table), table).toEqual(rows[table]);
    expect(cellsOf(after), 'every format-1 total, cell by cell').toEqual(cells);
    after.close();
  });

  it('accepts "not stated" in every list that gained it, and labels the new codes in the file', () => {
    const { file, snapshots } = formatOneFile();
    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots });
    const [agency] = wb.agencies.create([{ name: 'Unknown body' }]);
    const [theme] = wb.themes.create([{ name: 'Worklessness' }]);
    const [line] = wb.spend.create([{ agencyId: agency!.id, description: 'Pasted line', amountPence: 2_500 }]);
    wb.barriers.create([{ title: 'Something in the way' }]);
    expect(wb.agencies.get(agency!.id)).toMatchObject({ type: 'not_stated', tier: 'not_stated', control: 'not_stated' });
    expect(wb.themes.get(theme!.id).category).toBe('not_stated');
    expect(wb.spend.get(line!.id)).toMatchObject({ function: 'not_stated', kind: 'not_stated', confidence: 'not_stated' });
    expect(wb.verify().totalsAgree).toBe(true);
    wb.close();
    const db = new Database(file, { readonly: true });
    const added = db.prepare("SELECT enum, code, label FROM enum_label WHERE key = 'not_stated' ORDER BY enum").all() as { enum: EnumName; code: number; label: string }[];
    expect(added.map((r) => r.enum)).toEqual([...GAINED_NOT_STATED].sort());
    for (const r of added) {
      expect(r.label).toBe('Not stated');
      expect(r.code, r.enum).toBe(V1_ENUMS[r.enum].length);
    }
    expect(db.prepare("SELECT function, kind, delivery, funding, purpose, source, confidence FROM spend_line WHERE description = 'Pasted line'").get()).toEqual({ function: 9, kind: 2, delivery: 2, funding: 5, purpose: 2, source: 3, confidence: 3 });
    db.close();
  });

  it('gives a migrated file exactly the schema and labels of a new one', () => {
    const { file, snapshots } = formatOneFile();
    Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots }).close();
    const fresh = Workbook.create(path.join(tempDir(), 'new.totalplace'), { author: 'J. Smith', pilot: { name: 'New pilot' } });
    const freshFile = fresh.path;
    fresh.close();
    const [a, b] = [new Database(file, { readonly: true }), new Database(freshFile, { readonly: true })];
    expect(schemaOf(a)).toEqual(schemaOf(b));
    expect(labelsOf(a)).toEqual(labelsOf(b));
    expect(a.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    for (const t of (schemaOf(a) as { type: string; name: string; sql: string }[]).filter((x) => x.type === 'table')) expect(t.sql, `${t.name} is STRICT`).toMatch(/STRICT/);
    a.close();
    b.close();
  });

  it('keeps its lists frozen: format 1 is the first release, and the newest format is the live lists', () => {
    expect(V2_ENUMS).toEqual(ENUMS);
    for (const [name, items] of Object.entries(V1_ENUMS) as [EnumName, readonly EnumItem[]][]) {
      expect(ENUMS[name].slice(0, items.length), `${name} keeps format 1's codes`).toEqual(items);
    }
    expect(V1_ENUMS.function).toHaveLength(9);
  });

  it('turns foreign keys back on, and rolls back a migration that leaves a row referring to nothing', () => {
    const { file } = currentFile();
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    const orphaning: Migration = { version: SCHEMA_VERSION + 1, description: 'test: drops an agency its lines still name', up: (d) => d.exec('DELETE FROM agency') };
    expect(() => migrate(db, SCHEMA_VERSION, [orphaning])).toThrow(/spend_line would refer to rows that are not there/);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM agency').get()).toEqual({ n: 2 });
    db.close();
  });
});

/** A made-up next format, to prove the machinery every later migration will use. */
const next: Migration = {
  version: SCHEMA_VERSION + 1,
  description: 'test: agencies get a short name',
  up(db) {
    db.exec("ALTER TABLE agency ADD COLUMN short_name TEXT NOT NULL DEFAULT ''");
    db.exec('UPDATE agency SET short_name = substr(name, 1, 6)');
  },
};
const broken: Migration = {
  version: SCHEMA_VERSION + 1,
  description: 'test: a migration that fails half-way',
  up(db) {
    db.exec('UPDATE agency SET name = upper(name)');
    db.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT');
  },
};

function currentFile(): { file: string; snapshots: string } {
  const dir = tempDir();
  const file = path.join(dir, 'lewisham.totalplace');
  const wb = Workbook.create(file, { author: 'J. Smith', pilot: { name: 'Lewisham pilot' } });
  const [a] = wb.agencies.create([{ name: 'Lewisham Council' }, { name: 'Lewisham PCT' }]);
  wb.spend.create([{ agencyId: a!.id, description: 'Housing', amountPence: 42_00 }]);
  wb.close();
  return { file, snapshots: path.join(dir, 'snapshots') };
}

describe('migrating an older file on open', () => {
  it('keeps a snapshot first, then migrates in one transaction, keeping every row', () => {
    const { file, snapshots } = currentFile();
    const wb = Workbook.open(file, { author: 'J. Smith', migrations: [...MIGRATIONS, next], snapshotDir: snapshots });
    expect(wb.info().schemaVersion).toBe(SCHEMA_VERSION + 1);
    expect(wb.agencies.list().map((a) => a.name)).toEqual(['Lewisham Council', 'Lewisham PCT']);
    expect(wb.totals().totalPence).toBe(4200);
    const snapshot = wb.info().snapshot!;
    wb.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT short_name FROM agency ORDER BY id').all()).toEqual([{ short_name: 'Lewish' }, { short_name: 'Lewish' }]);
    db.close();
    expect(path.dirname(snapshot)).toBe(snapshots);
    const snap = new Database(snapshot, { readonly: true });
    expect(snap.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(snap.prepare('SELECT name FROM agency ORDER BY id').all()).toEqual([{ name: 'Lewisham Council' }, { name: 'Lewisham PCT' }]);
    snap.close();
  });

  it('leaves the file at its old version, rows untouched, when a migration fails', () => {
    const { file, snapshots } = currentFile();
    expect(() => Workbook.open(file, { author: 'J. Smith', migrations: [...MIGRATIONS, broken], snapshotDir: snapshots })).toThrow(/could not be updated.*not changed; a copy was kept/);
    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots });
    expect(wb.info().schemaVersion).toBe(SCHEMA_VERSION);
    expect(wb.agencies.list().map((a) => a.name)).toEqual(['Lewisham Council', 'Lewisham PCT']);
    wb.close();
    expect(fs.readdirSync(snapshots)).toHaveLength(1);
  });

  it('reads a read-only file through an updated copy, never migrating the file itself', () => {
    const { file, snapshots } = currentFile();
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    const copies = tempDir();
    const wb = Workbook.open(file, { author: 'J. Smith', migrations: [...MIGRATIONS, next], snapshotDir: snapshots, updatedCopyDir: copies });
    expect(wb.info()).toMatchObject({ schemaVersion: SCHEMA_VERSION, readThroughUpdatedCopy: true, readOnly: true, readOnlyReason: 'file', snapshot: null });
    expect(wb.totals().totalPence).toBe(4200);
    wb.close();
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(copies)).toEqual([]);
    expect(fs.existsSync(snapshots)).toBe(false);
  });

  it('is at the newest version this build knows', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });
});

/** What a format-1 file's totals are once it is migrated for editing: the read-only view must show the same. */
function totalsOfMigrated(file: string) {
  const dir = tempDir();
  const copy = path.join(dir, 'migrated.totalplace');
  fs.copyFileSync(file, copy);
  fs.chmodSync(copy, 0o644);
  const wb = Workbook.open(copy, { author: 'J. Smith', snapshotDir: path.join(dir, 'snapshots') });
  const t = wb.totals();
  wb.close();
  return t;
}

const userVersion = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('an older file that must be opened read-only', () => {
  it('is read through a private, updated copy: right totals, the file unchanged, the copy gone on close', () => {
    const { file, snapshots } = formatOneFile();
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    const copies = tempDir();
    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots, updatedCopyDir: copies });
    // schemaVersion is the file's own format: the file is still format 1, and says so.
    expect(wb.info()).toMatchObject({
      path: file, fileName: 'kent.totalplace', pilotName: 'Kent pilot', schemaVersion: 1, readThroughUpdatedCopy: true,
      readOnly: true, readOnlyReason: 'file', snapshot: null, integrity: 'full',
    });
    expect(wb.path).toBe(file);
    const t = wb.totals();
    expect(t.totalPence).toBe(123_456_789 + 60_000_000 + 10_000_000 + 7_000_000 + 3_000_000 - 500_000);
    expect(t.nettedPence).toBe(40_000_000);
    expect([t.capitalPence, t.administrationPence, t.preventionPence, t.estimatedPence, t.apportionedPence]).toEqual([60_000_000, 10_000_000, 7_000_000, 10_000_000, 7_000_000]);
    expect(t.localPence + t.centralPence).toBe(t.totalPence);
    expect(t.notStated.lines).toBe(0);
    expect(t).toEqual(totalsOfMigrated(file));
    expect(wb.verify()).toMatchObject({ totalsAgree: true, errors: [], integrity: ['ok'] });
    expect(wb.agencies.list().map((a) => a.name)).toEqual(['Kent County Council', 'Kent PCT', 'Kent Police']);

    // The copy is private, clearly named, in its own folder in the given temp folder.
    const [folder, ...others] = fs.readdirSync(copies);
    expect(others).toEqual([]);
    expect(folder).toMatch(new RegExp(`^totalplace-updated-copy-${process.pid}-`));
    expect(fs.readdirSync(path.join(copies, folder!))).toEqual(['kent (format 1, updated copy to read).totalplace']);

    expect(() => wb.agencies.create([{ name: 'New' }])).toThrow(/read-only.*Save a copy/);
    expect(() => wb.pilot.update({ name: 'Changed' })).toThrow(WorkbookError);
    expect(fs.existsSync(lockPath(file))).toBe(false);
    wb.close();

    expect(sha256(file)).toBe(before);
    expect(userVersion(file)).toBe(1);
    expect(fs.readdirSync(copies)).toEqual([]);
    expect(fs.existsSync(snapshots), 'no snapshot: nothing was migrated').toBe(false);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['kent.totalplace']);
  });

  it('does the same when read-only is asked for, and the file can still be updated for editing later', () => {
    const { file, snapshots } = formatOneFile();
    const before = sha256(file);
    const copies = tempDir();
    const ro = Workbook.open(file, { author: 'J. Smith', readOnly: true, snapshotDir: snapshots, updatedCopyDir: copies });
    expect(ro.info()).toMatchObject({ readOnly: true, readOnlyReason: 'requested', readThroughUpdatedCopy: true, schemaVersion: 1 });
    const t = ro.totals();
    // Two read-only views at once each have their own copy.
    const second = Workbook.open(file, { author: 'Jane', readOnly: true, updatedCopyDir: copies });
    expect(fs.readdirSync(copies)).toHaveLength(2);
    second.close();
    expect(fs.readdirSync(copies)).toHaveLength(1);
    expect(ro.totals()).toEqual(t);
    ro.close();
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(copies)).toEqual([]);

    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots });
    expect(wb.info()).toMatchObject({ readOnly: false, readThroughUpdatedCopy: false, schemaVersion: SCHEMA_VERSION });
    expect(wb.totals()).toEqual(t);
    wb.close();
  });

  it('saves a copy from the updated copy: a format-2 file that knows its original, the original unchanged', () => {
    const { file, snapshots } = formatOneFile();
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    const copies = tempDir();
    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots, updatedCopyDir: copies });
    const info = wb.info();
    expect(() => wb.saveCopy(file)).toThrow(/is the workbook that is open/);
    const dest = path.join(tempDir(), 'kent copy.totalplace');
    wb.saveCopy(dest);
    const t = wb.totals();
    wb.close();
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(copies)).toEqual([]);

    const copy = Workbook.open(dest, { author: 'Jane', snapshotDir: snapshots });
    expect(copy.info()).toMatchObject({ schemaVersion: SCHEMA_VERSION, readOnly: false, readThroughUpdatedCopy: false, snapshot: null, workbookId: info.workbookId, copiedFrom: info.instanceId, revision: info.revision });
    expect(copy.totals()).toEqual(t);
    copy.agencies.create([{ name: 'Added in the copy' }]);
    copy.close();
    expect(sha256(file)).toBe(before);
  });

  it('reads a read-only file with a cut-off write (a journal beside it) through a private copy with the save undone, never touching the file or its journal', () => {
    const { file, snapshots } = formatOneFile();
    fs.writeFileSync(`${file}-journal`, 'not empty');
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    const journalBefore = sha256(`${file}-journal`);
    const copies = tempDir();
    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots, updatedCopyDir: copies });
    expect(wb.info()).toMatchObject({ readOnly: true, readOnlyReason: 'file', halfSaved: true, readThroughUpdatedCopy: true, schemaVersion: 1 });
    expect(wb.totals().totalPence).toBe(123_456_789 + 60_000_000 + 10_000_000 + 7_000_000 + 3_000_000 - 500_000);
    expect(fs.readdirSync(copies)).toHaveLength(1);
    wb.close();
    expect(sha256(file)).toBe(before);
    expect(sha256(`${file}-journal`)).toBe(journalBefore);
    expect(fs.readdirSync(copies)).toEqual([]);
    expect(fs.existsSync(snapshots)).toBe(false);
  });

  it('leaves the file unchanged and no copy behind when the copy cannot be updated', () => {
    const { file, snapshots } = currentFile();
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    const copies = tempDir();
    expect(() => Workbook.open(file, { author: 'J. Smith', migrations: [...MIGRATIONS, broken], snapshotDir: snapshots, updatedCopyDir: copies }))
      .toThrow(/could not be updated to this version's format to be read \(no such table: no_such_table\)\. The file was not changed/);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(copies)).toEqual([]);
  });

  it('removes copies left behind by a process that died, and only those', () => {
    const { file } = formatOneFile();
    const copies = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const left = path.join(copies, `totalplace-updated-copy-${dead}-abc123`);
    const live = path.join(copies, `totalplace-updated-copy-${process.ppid}-def456`);
    const unrelated = path.join(copies, 'someone-elses-file');
    for (const d of [left, live, unrelated]) fs.mkdirSync(d);
    const wb = Workbook.open(file, { author: 'J. Smith', readOnly: true, updatedCopyDir: copies });
    expect(fs.existsSync(left)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(unrelated)).toBe(true);
    wb.close();
    expect(fs.readdirSync(copies).sort()).toEqual([path.basename(unrelated), path.basename(live)].sort());
  });
});
