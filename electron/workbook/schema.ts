/**
 * The `.totalplace` file format: a SQLite database marked with our application id, its schema
 * version in `user_version`, and forward-only migrations — each one transaction that also bumps
 * the version (so a file is always at exactly one version).
 *
 * Enumerations are CHECK constraints generated from `shared/enums.ts`. Small tables store their
 * text keys; spend lines — the table that reaches a million rows — store each key's index in its
 * list, and the file's `enum_label` table says what every code means, so the file explains itself
 * to anyone who opens it with another SQLite tool.
 */
import type Database from 'better-sqlite3';
import { ENUMS, type EnumItem } from '../../shared/enums';
import { MAX_PENCE } from '../../shared/money';
import { MAX_YEAR, MIN_YEAR } from '../../shared/years';
import { cellTableSql, cellTriggersSql } from './measures';

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

function v1(db: Database.Database): void {
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
  region TEXT CHECK (region IN (${inText(ENUMS.region)})),
  lead_body TEXT NOT NULL DEFAULT '',
  population INTEGER CHECK (population >= 0),
  count_year INTEGER NOT NULL CHECK (count_year BETWEEN ${MIN_YEAR} AND ${MAX_YEAR}),
  display_units TEXT NOT NULL CHECK (display_units IN (${inText(ENUMS.display_unit)})),
  ${meta}
) STRICT`,
    `CREATE TABLE agency (
  id INTEGER PRIMARY KEY,
  ${uid},
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type TEXT NOT NULL CHECK (type IN (${inText(ENUMS.agency_type)})),
  tier TEXT NOT NULL CHECK (tier IN (${inText(ENUMS.agency_tier)})),
  control TEXT NOT NULL CHECK (control IN (${inText(ENUMS.control)})),
  ${meta}
) STRICT`,
    `CREATE TABLE theme (
  id INTEGER PRIMARY KEY CHECK (id > 0),
  ${uid},
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  category TEXT NOT NULL CHECK (category IN (${inText(ENUMS.theme_category)})),
  description TEXT NOT NULL DEFAULT '',
  cohort_size INTEGER CHECK (cohort_size >= 0),
  ${meta}
) STRICT`,
    `CREATE TABLE spend_line (
  id INTEGER PRIMARY KEY,
  ${uid},
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  theme_id INTEGER REFERENCES theme(id), -- NULL: unallocated
  description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  function INTEGER NOT NULL CHECK (function ${inCodes(ENUMS.function)}),
  year INTEGER NOT NULL CHECK (year BETWEEN ${MIN_YEAR} AND ${MAX_YEAR}), -- 2008 means 2008-09
  amount INTEGER NOT NULL CHECK (amount BETWEEN ${-MAX_PENCE} AND ${MAX_PENCE}), -- pence
  passed_on INTEGER NOT NULL CHECK (passed_on IN (0, 1)),
  kind INTEGER NOT NULL CHECK (kind ${inCodes(ENUMS.spend_kind)}),
  delivery INTEGER NOT NULL CHECK (delivery ${inCodes(ENUMS.delivery)}),
  funding INTEGER NOT NULL CHECK (funding ${inCodes(ENUMS.funding_basis)}),
  purpose INTEGER NOT NULL CHECK (purpose ${inCodes(ENUMS.purpose)}),
  source INTEGER NOT NULL CHECK (source ${inCodes(ENUMS.source)}),
  confidence INTEGER NOT NULL CHECK (confidence ${inCodes(ENUMS.confidence)}),
  notes TEXT NOT NULL DEFAULT '',
  ${meta}
) STRICT`,
    `CREATE INDEX spend_line_agency ON spend_line (agency_id)`,
    // No index on theme_id: it would cost ~10 bytes a line, and every use of it is served
    // elsewhere — usage counts come from spend_cell, and a theme's delete is rare.
    `CREATE INDEX spend_line_amount ON spend_line (amount)`,
    `CREATE TABLE barrier (
  id INTEGER PRIMARY KEY,
  ${uid},
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description TEXT NOT NULL DEFAULT '',
  theme_id INTEGER REFERENCES theme(id),
  category TEXT NOT NULL CHECK (category IN (${inText(ENUMS.barrier_category)})),
  resolution TEXT NOT NULL CHECK (resolution IN (${inText(ENUMS.resolution)})),
  owner TEXT NOT NULL DEFAULT '',
  cost_pence INTEGER CHECK (cost_pence BETWEEN ${-MAX_PENCE} AND ${MAX_PENCE}),
  evidence TEXT NOT NULL DEFAULT '',
  ask TEXT NOT NULL DEFAULT '',
  offer TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL CHECK (severity IN (${inText(ENUMS.severity)})),
  status TEXT NOT NULL CHECK (status IN (${inText(ENUMS.barrier_status)})),
  ${meta}
) STRICT`,
    `CREATE INDEX barrier_theme ON barrier (theme_id)`,
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
    cellTableSql(),
    ...cellTriggersSql(),
  ];
  for (const sql of statements) db.exec(sql);
  const label = db.prepare('INSERT INTO enum_label (enum, code, key, label) VALUES (?, ?, ?, ?)');
  for (const [name, items] of Object.entries(ENUMS)) {
    items.forEach((item, code) => label.run(name, code, item.key, item.label));
  }
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, description: 'The first workbook format', up: v1 }];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The tables a workbook at the current version must have. */
export const REQUIRED_TABLES = ['workbook', 'pilot', 'author', 'agency', 'theme', 'spend_line', 'barrier', 'barrier_agency', 'change_log', 'spend_cell', 'enum_label'];

/** Run every migration after `from`, each in its own transaction with its version bump. */
export function migrate(db: Database.Database, from: number, migrations: readonly Migration[] = MIGRATIONS): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
