/**
 * The `.totalplace` file format: a SQLite database marked with our application id, its schema
 * version in `user_version`, and forward-only migrations — each one transaction that also bumps
 * the version (so a file is always at exactly one version).
 *
 * Enumerations are CHECK constraints generated from each format's frozen copy of the lists in
 * `shared/enums.ts` (format-enums.ts). Small tables store their text keys; spend lines — the table
 * that reaches a million rows — store each key's index in its list, and the file's `enum_label`
 * table says what every code means, so the file explains itself to anyone who opens it with another
 * SQLite tool.
 *
 * Format 1: the first release. Format 2: a field nobody gave is "not stated", a value of its own
 * (every list a record must have a value for gained `not_stated` at its end), and the kept totals
 * hold revenue, frontline and reaction explicitly.
 */
import type Database from 'better-sqlite3';
import type { EnumItem, EnumName } from '../../shared/enums';
import { MAX_PENCE } from '../../shared/money';
import { MAX_YEAR, MIN_YEAR } from '../../shared/years';
import { V1_ENUMS, V2_ENUMS, type EnumLists } from './format-enums';
import { TRIGGER_NAMES, V1_MEASURES, V2_MEASURES, cellTableSql, cellTriggersSql, recountSql } from './measures';

/** "TPLW" — what `PRAGMA application_id` says about every Total Place Workbook file. */
export const APPLICATION_ID = 0x54504c57;

export interface Migration {
  /** The schema version this migration produces. */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

const inText = (items: readonly EnumItem[]) => items.map((i) => `'${i.key}'`).join(', ');
const inCodes = (items: readonly EnumItem[]) => `BETWEEN 0 AND ${items.length - 1}`;
const meta = `created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES author(id)`;
const uid = `uid BLOB NOT NULL UNIQUE CHECK (length(uid) = 16)`;

/**
 * The tables whose CHECK constraints list enumerations, as made from a format's lists: each one's
 * CREATE TABLE (under `name`, so a migration can build the new table beside the old) and its indexes.
 */
const agencySql = (E: EnumLists, name = 'agency') => [
  `CREATE TABLE ${name} (
  id INTEGER PRIMARY KEY,
  ${uid},
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type TEXT NOT NULL CHECK (type IN (${inText(E.agency_type)})),
  tier TEXT NOT NULL CHECK (tier IN (${inText(E.agency_tier)})),
  control TEXT NOT NULL CHECK (control IN (${inText(E.control)})),
  ${meta}
) STRICT`,
];

const themeSql = (E: EnumLists, name = 'theme') => [
  `CREATE TABLE ${name} (
  id INTEGER PRIMARY KEY CHECK (id > 0),
  ${uid},
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  category TEXT NOT NULL CHECK (category IN (${inText(E.theme_category)})),
  description TEXT NOT NULL DEFAULT '',
  cohort_size INTEGER CHECK (cohort_size >= 0),
  ${meta}
) STRICT`,
];

const spendLineSql = (E: EnumLists, name = 'spend_line') => [
  `CREATE TABLE ${name} (
  id INTEGER PRIMARY KEY,
  ${uid},
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  theme_id INTEGER REFERENCES theme(id), -- NULL: unallocated
  description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  function INTEGER NOT NULL CHECK (function ${inCodes(E.function)}),
  year INTEGER NOT NULL CHECK (year BETWEEN ${MIN_YEAR} AND ${MAX_YEAR}), -- 2008 means 2008-09
  amount INTEGER NOT NULL CHECK (amount BETWEEN ${-MAX_PENCE} AND ${MAX_PENCE}), -- pence
  passed_on INTEGER NOT NULL CHECK (passed_on IN (0, 1)),
  kind INTEGER NOT NULL CHECK (kind ${inCodes(E.spend_kind)}),
  delivery INTEGER NOT NULL CHECK (delivery ${inCodes(E.delivery)}),
  funding INTEGER NOT NULL CHECK (funding ${inCodes(E.funding_basis)}),
  purpose INTEGER NOT NULL CHECK (purpose ${inCodes(E.purpose)}),
  source INTEGER NOT NULL CHECK (source ${inCodes(E.source)}),
  confidence INTEGER NOT NULL CHECK (confidence ${inCodes(E.confidence)}),
  notes TEXT NOT NULL DEFAULT '',
  ${meta}
) STRICT`,
];
const SPEND_LINE_INDEXES = [
  `CREATE INDEX spend_line_agency ON spend_line (agency_id)`,
  // No index on theme_id: it would cost ~10 bytes a line, and every use of it is served
  // elsewhere — usage counts come from spend_cell, and a theme's delete is rare.
  `CREATE INDEX spend_line_amount ON spend_line (amount)`,
];

const barrierSql = (E: EnumLists, name = 'barrier') => [
  `CREATE TABLE ${name} (
  id INTEGER PRIMARY KEY,
  ${uid},
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description TEXT NOT NULL DEFAULT '',
  theme_id INTEGER REFERENCES theme(id),
  category TEXT NOT NULL CHECK (category IN (${inText(E.barrier_category)})),
  resolution TEXT NOT NULL CHECK (resolution IN (${inText(E.resolution)})),
  owner TEXT NOT NULL DEFAULT '',
  cost_pence INTEGER CHECK (cost_pence BETWEEN ${-MAX_PENCE} AND ${MAX_PENCE}),
  evidence TEXT NOT NULL DEFAULT '',
  ask TEXT NOT NULL DEFAULT '',
  offer TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL CHECK (severity IN (${inText(E.severity)})),
  status TEXT NOT NULL CHECK (status IN (${inText(E.barrier_status)})),
  ${meta}
) STRICT`,
];
const BARRIER_INDEXES = [`CREATE INDEX barrier_theme ON barrier (theme_id)`];

/** Write the `enum_label` rows of `lists` from code `from(name)` on. */
function labelRows(db: Database.Database, lists: EnumLists, from: (name: EnumName) => number = () => 0): void {
  const label = db.prepare('INSERT INTO enum_label (enum, code, key, label) VALUES (?, ?, ?, ?)');
  for (const [name, items] of Object.entries(lists) as [EnumName, readonly EnumItem[]][]) {
    items.forEach((item, code) => {
      if (code >= from(name)) label.run(name, code, item.key, item.label);
    });
  }
}

function v1(db: Database.Database): void {
  const E = V1_ENUMS;
  const statements = [
    `CREATE TABLE enum_label (
  enum TEXT NOT NULL,
  code INTEGER NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (enum, code)
) STRICT, WITHOUT ROWID`,
    `CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT`,
    `CREATE TABLE workbook (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  workbook_id BLOB NOT NULL CHECK (length(workbook_id) = 16), -- kept by every copy
  instance_id BLOB NOT NULL CHECK (length(instance_id) = 16), -- new in every copy
  revision INTEGER NOT NULL CHECK (revision >= 0),             -- increased by every write
  created_at INTEGER NOT NULL,
  copied_from BLOB CHECK (copied_from IS NULL OR length(copied_from) = 16),
  copied_at_revision INTEGER
) STRICT`,
    `CREATE TABLE pilot (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  ${uid},
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  place TEXT NOT NULL DEFAULT '',
  region TEXT CHECK (region IN (${inText(E.region)})),
  lead_body TEXT NOT NULL DEFAULT '',
  population INTEGER CHECK (population >= 0),
  count_year INTEGER NOT NULL CHECK (count_year BETWEEN ${MIN_YEAR} AND ${MAX_YEAR}),
  display_units TEXT NOT NULL CHECK (display_units IN (${inText(E.display_unit)})),
  ${meta}
) STRICT`,
    ...agencySql(E),
    ...themeSql(E),
    ...spendLineSql(E),
    ...SPEND_LINE_INDEXES,
    ...barrierSql(E),
    ...BARRIER_INDEXES,
    `CREATE TABLE barrier_agency (
  barrier_id INTEGER NOT NULL REFERENCES barrier(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  PRIMARY KEY (barrier_id, agency_id)
) STRICT, WITHOUT ROWID`,
    `CREATE INDEX barrier_agency_agency ON barrier_agency (agency_id)`,
    `CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  revision INTEGER NOT NULL,      -- one revision = one write = one undo step
  at INTEGER NOT NULL,            -- ms since 1970
  author_id INTEGER NOT NULL REFERENCES author(id),
  tbl TEXT NOT NULL CHECK (tbl IN ('pilot', 'agency', 'theme', 'spend_line', 'barrier')),
  row_uid BLOB,                   -- NULL for a bulk insert
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'bulk_insert')),
  old TEXT CHECK (old IS NULL OR json_valid(old)),   -- the row's fields before (update, delete)
  new TEXT CHECK (new IS NULL OR json_valid(new))    -- after (insert, update); a bulk insert's id range
) STRICT`,
    `CREATE INDEX change_log_revision ON change_log (revision)`,
    cellTableSql(V1_MEASURES),
    ...cellTriggersSql(V1_MEASURES),
  ];
  for (const sql of statements) db.exec(sql);
  labelRows(db, E);
}

/**
 * Format 2: "not stated". The four tables whose CHECK constraints list enumerations are rebuilt to
 * admit `not_stated` (SQLite's table rebuild: new table beside the old, copy every row as it is, drop
 * the old, rename the new; `migrate` turns foreign keys off around it and checks them before commit),
 * with their indexes; the kept totals are rebuilt with their new columns and refilled from a recount;
 * `enum_label` gains the new codes. No row's value changes: a value given before is still given.
 */
function v2(db: Database.Database): void {
  const E = V2_ENUMS;
  // The triggers keep spend_cell, which is rebuilt below; a rename re-reads every trigger, so they go first.
  for (const t of TRIGGER_NAMES) db.exec(`DROP TRIGGER ${t}`);
  const rebuild = (table: string, make: (lists: EnumLists, name: string) => string[]) => {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
    for (const sql of make(E, `new_${table}`)) db.exec(sql);
    db.exec(`INSERT INTO new_${table} (${columns}) SELECT ${columns} FROM ${table}`);
    db.exec(`DROP TABLE ${table}`);
    db.exec(`ALTER TABLE new_${table} RENAME TO ${table}`);
  };
  rebuild('agency', agencySql);
  rebuild('theme', themeSql);
  rebuild('spend_line', spendLineSql);
  rebuild('barrier', barrierSql);
  for (const sql of [...SPEND_LINE_INDEXES, ...BARRIER_INDEXES]) db.exec(sql);
  db.exec('DROP TABLE spend_cell');
  db.exec(cellTableSql(V2_MEASURES));
  db.exec(`INSERT INTO spend_cell (agency_id, theme_id, function, ${V2_MEASURES.map((m) => m.column).join(', ')}) ${recountSql(V2_MEASURES)}`);
  for (const sql of cellTriggersSql(V2_MEASURES)) db.exec(sql);
  labelRows(db, E, (name) => V1_ENUMS[name].length);
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'The first workbook format', up: v1 },
  { version: 2, description: 'A field nobody gave is "not stated", a value of its own', up: v2 },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The tables a workbook at the current version must have. */
export const REQUIRED_TABLES = ['workbook', 'pilot', 'author', 'agency', 'theme', 'spend_line', 'barrier', 'barrier_agency', 'change_log', 'spend_cell', 'enum_label'];

/**
 * Run every migration after `from`, each in its own transaction with its version bump. Foreign keys
 * are off while they run (a table rebuild drops a table others refer to; with them on, the drop would
 * delete the rows that refer to it — barrier_agency's cascade) and are checked before each commit, so
 * a migration that left a row referring to nothing is rolled back. The pragma only takes effect
 * outside a transaction, so it is set here, around them.
 */
export function migrate(db: Database.Database, from: number, migrations: readonly Migration[] = MIGRATIONS): void {
  if (db.inTransaction) throw new Error('migrate() must run outside a transaction');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations) {
      if (m.version <= from) continue;
      db.transaction(() => {
        m.up(db);
        const broken = db.pragma('foreign_key_check') as { table: string }[];
        if (broken.length > 0) throw new Error(`${broken.length} row(s) in ${[...new Set(broken.map((b) => b.table))].join(', ')} would refer to rows that are not there`);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
