/**
 * Forward-only migrations, each one transaction with its version bump, each with its own test:
 * build the file at N-1, insert rows, migrate, compare.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from '../../electron/workbook/schema';
import { Workbook } from '../../electron/workbook/workbook';
import { tempDir } from '../helpers';

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

/** A made-up next format, to prove the machinery every later migration will use. */
const v2: Migration = {
  version: 2,
  description: 'test: agencies get a short name',
  up(db) {
    db.exec("ALTER TABLE agency ADD COLUMN short_name TEXT NOT NULL DEFAULT ''");
    db.exec('UPDATE agency SET short_name = substr(name, 1, 6)');
  },
};
const broken: Migration = {
  version: 2,
  description: 'test: a migration that fails half-way',
  up(db) {
    db.exec('UPDATE agency SET name = upper(name)');
    db.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT');
  },
};

function v1File(): { file: string; snapshots: string } {
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
    const { file, snapshots } = v1File();
    const wb = Workbook.open(file, { author: 'J. Smith', migrations: [...MIGRATIONS, v2], snapshotDir: snapshots });
    expect(wb.info().schemaVersion).toBe(2);
    expect(wb.agencies.list().map((a) => a.name)).toEqual(['Lewisham Council', 'Lewisham PCT']);
    expect(wb.totals().totalPence).toBe(4200);
    const snapshot = wb.info().snapshot!;
    wb.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT short_name FROM agency ORDER BY id').all()).toEqual([{ short_name: 'Lewish' }, { short_name: 'Lewish' }]);
    db.close();
    expect(path.dirname(snapshot)).toBe(snapshots);
    const snap = new Database(snapshot, { readonly: true });
    expect(snap.pragma('user_version', { simple: true })).toBe(1);
    expect(snap.prepare('SELECT name FROM agency ORDER BY id').all()).toEqual([{ name: 'Lewisham Council' }, { name: 'Lewisham PCT' }]);
    snap.close();
  });

  it('leaves the file at its old version, rows untouched, when a migration fails', () => {
    const { file, snapshots } = v1File();
    expect(() => Workbook.open(file, { author: 'J. Smith', migrations: [...MIGRATIONS, broken], snapshotDir: snapshots })).toThrow(/could not be updated.*not changed; a copy was kept/);
    const wb = Workbook.open(file, { author: 'J. Smith', snapshotDir: snapshots });
    expect(wb.info().schemaVersion).toBe(1);
    expect(wb.agencies.list().map((a) => a.name)).toEqual(['Lewisham Council', 'Lewisham PCT']);
    wb.close();
    expect(fs.readdirSync(snapshots)).toHaveLength(1);
  });

  it('refuses to migrate a read-only file, and says how to get round it', () => {
    const { file, snapshots } = v1File();
    fs.chmodSync(file, 0o444);
    expect(() => Workbook.open(file, { author: 'J. Smith', migrations: [...MIGRATIONS, v2], snapshotDir: snapshots })).toThrow(/older version.*read-only\. Copy it somewhere you can write/);
  });

  it('is at the newest version this build knows', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });
});
