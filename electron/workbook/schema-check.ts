/**
 * The exact schema check. A workbook holds SQL — its tables' definitions, their CHECKs, indexes and
 * triggers — and SQLite runs whatever SQL a file holds: a trigger someone added with a SQLite tool
 * runs on the app's next edit. So every file, on every open, must hold exactly the schema this
 * version of the app makes for the file's format: each row of `sqlite_schema` (tables, indexes,
 * triggers, views: type, name, table and SQL) is compared with what running the migrations up to
 * that format makes in an empty in-memory database (computed once per format, and kept).
 *
 * SQL is compared token by token: whitespace and comments are not part of what it means, and a
 * plain name means the same quoted or not (SQLite's `ALTER TABLE … RENAME` quotes the names it
 * writes). Everything else — a keyword, a name, a number, a string, STRICT, every CHECK — must be
 * the same. Internal tables SQLite makes on its own (`sqlite_sequence` for AUTOINCREMENT, the
 * `sqlite_stat*` tables of ANALYZE) are allowed only if our own SQL makes them: it makes none.
 */
import Database from 'better-sqlite3';
import { WorkbookError } from '../../shared/errors';
import type { DB } from './db';
import { migrate, type Migration } from './schema';

export interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/**
 * SQLite's keywords, and the words that mean something bare that they don't quoted (TRUE and FALSE
 * are values bare; STRICT and ROWID qualify a table): a quoted one is a name, so it stays quoted.
 */
const KEYWORDS = new Set(`ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY
  CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME
  CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT
  EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF
  IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT
  MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN
  PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING
  RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION
  UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT TRUE FALSE STRICT ROWID _ROWID_ OID`.split(/\s+/));

/** The meaningful parts of a piece of SQL: no whitespace, no comments, plain names unquoted. */
export function sqlTokens(sql: string): string[] {
  const tokens: string[] = [];
  const plain = (word: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(word) && !KEYWORDS.has(word.toUpperCase());
  const ops = ['->>', '->', '||', '<=', '>=', '==', '!=', '<>', '<<', '>>'];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= n) break;
        if (sql[j] === close) {
          // A doubled quote is a quote inside (not for [ ]).
          if (close !== ']' && sql[j + 1] === close) {
            text += close;
            j += 2;
            continue;
          }
          j++;
          break;
        }
        text += sql[j];
        j++;
      }
      // A string literal is kept exactly; a quoted name that is a plain word means that word.
      if (c === "'") tokens.push(`'${text.replaceAll("'", "''")}'`);
      else tokens.push(plain(text) ? text : `"${text.replaceAll('"', '""')}"`);
      i = j;
    } else if (/[A-Za-z0-9_$\u0080-\uFFFF]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$.\u0080-\uFFFF]/.test(sql[j]!)) {
        // A dot joins digits (1.5) but separates names (a.b).
        if (sql[j] === '.' && !/^[0-9]/.test(sql.slice(i, j))) break;
        j++;
      }
      tokens.push(sql.slice(i, j));
      i = j;
    } else {
      const op = ops.find((o) => sql.startsWith(o, i));
      tokens.push(op ?? c);
      i += op ? op.length : 1;
    }
  }
  return tokens;
}

export function normaliseSql(sql: string | null): string | null {
  return sql === null ? null : sqlTokens(sql).join(' ');
}

const cache = new WeakMap<readonly Migration[], Map<number, Map<string, SchemaRow>>>();
const keyOf = (r: { type: string; name: string }) => `${r.type}\u0000${r.name}`;

/** The schema this version makes for file format `version`: every `sqlite_schema` row, keyed by type and name, its SQL normalised. */
export function referenceSchema(version: number, migrations: readonly Migration[], nativeBinding?: string): Map<string, SchemaRow> {
  let perVersion = cache.get(migrations);
  if (!perVersion) {
    perVersion = new Map();
    cache.set(migrations, perVersion);
  }
  const known = perVersion.get(version);
  if (known) return known;
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    migrate(db, 0, migrations.filter((m) => m.version <= version));
    const rows = schemaRows(db);
    const ref = new Map(rows.map((r) => [keyOf(r), r]));
    perVersion.set(version, ref);
    return ref;
  } finally {
    db.close();
  }
}

/** A database's schema rows, SQL normalised. */
export function schemaRows(db: DB): SchemaRow[] {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM main.sqlite_schema').raw().all() as unknown[][];
  return rows.map(([type, name, tbl, sql]) => ({
    type: String(type),
    name: String(name),
    tbl_name: String(tbl),
    sql: sql === null ? null : normaliseSql(String(sql)),
  }));
}

const rulesCache = new WeakMap<readonly Migration[], Map<number, Map<string, string[]>>>();

/**
 * Each table's CHECK rules for file format `version`, taken from the reference schema's own SQL (ours,
 * never the file's). SQLite leaves CHECK constraints out of a table it reads through a read-only
 * connection — it can't be written, so they are never needed — and so its integrity check can't find
 * a row that breaks one (written with `ignore_check_constraints` on). `checkRules` asks for them itself.
 */
export function tableRules(version: number, migrations: readonly Migration[], nativeBinding?: string): Map<string, string[]> {
  let perVersion = rulesCache.get(migrations);
  if (!perVersion) {
    perVersion = new Map();
    rulesCache.set(migrations, perVersion);
  }
  const known = perVersion.get(version);
  if (known) return known;
  const rules = new Map<string, string[]>();
  for (const r of referenceSchema(version, migrations, nativeBinding).values()) {
    if (r.type !== 'table' || r.sql === null) continue;
    const tokens = sqlTokens(r.sql);
    const checks: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.toUpperCase() !== 'CHECK' || tokens[i + 1] !== '(') continue;
      let depth = 0;
      let j = i + 1;
      for (; j < tokens.length; j++) {
        if (tokens[j] === '(') depth++;
        else if (tokens[j] === ')' && --depth === 0) break;
      }
      checks.push(tokens.slice(i + 2, j).join(' '));
      i = j;
    }
    if (checks.length > 0) rules.set(r.name, checks);
  }
  perVersion.set(version, rules);
  return rules;
}

/**
 * Rows that break a table's CHECK rules, by table (only tables with any). `skip`: tables not to scan
 * (the big ones, when a file is too big for a full check on open).
 */
export function brokenRules(db: DB, version: number, migrations: readonly Migration[], nativeBinding?: string, skip: ReadonlySet<string> = new Set()): Map<string, number> {
  const broken = new Map<string, number>();
  for (const [table, checks] of tableRules(version, migrations, nativeBinding)) {
    if (skip.has(table)) continue;
    const n = db.prepare(`SELECT count(*) FROM main."${table}" WHERE ${checks.map((c) => `NOT (${c})`).join(' OR ')}`).pluck().get() as number;
    if (n > 0) broken.set(table, n);
  }
  return broken;
}

/** Refuse a file with rows that break its tables' CHECK rules: they were written with the rules turned off, outside the app. */
export function checkRules(db: DB, name: string, version: number, migrations: readonly Migration[], nativeBinding?: string, skip?: ReadonlySet<string>): void {
  const broken = brokenRules(db, version, migrations, nativeBinding, skip);
  if (broken.size === 0) return;
  const tables = [...broken.keys()];
  const rows = [...broken.values()].reduce((a, b) => a + b, 0);
  throw new WorkbookError('tampered', `"${name}" was changed outside Total Place Workbook: its ${tables.join(' and ')} table${tables.length === 1 ? '' : 's'} hold${tables.length === 1 ? 's' : ''} a value the app never saves (${rows === 1 ? 'a row breaks' : `${rows.toLocaleString('en-GB')} rows break`} the table's rules). It was not opened and nothing was changed. Ask the sender for the file again, or open your own last copy.`);
}

const KIND: Record<string, string> = { table: 'a table', index: 'an index', trigger: 'a trigger', view: 'a view' };
/** What is most worth saying first: something that runs or shows data, then a table, then the rest. */
const EXTRA_ORDER = ['trigger', 'view', 'table', 'index'];

/**
 * Refuse a file whose schema is not exactly what this version makes for its format (`tampered`,
 * with what was found, in words). Names a file chose are never repeated: only the kinds of what it
 * added, and the names of our own parts it changed or left out.
 */
export function checkSchema(db: DB, name: string, version: number, migrations: readonly Migration[], nativeBinding?: string): void {
  const ref = referenceSchema(version, migrations, nativeBinding);
  const found = schemaRows(db);
  const extra: SchemaRow[] = [];
  const changed: SchemaRow[] = [];
  const seen = new Set<string>();
  for (const r of found) {
    const k = keyOf(r);
    const mine = ref.get(k);
    if (!mine || seen.has(k)) {
      extra.push(r);
      continue;
    }
    seen.add(k);
    if (mine.tbl_name !== r.tbl_name || mine.sql !== r.sql) changed.push(mine);
  }
  const missing = [...ref.values()].filter((r) => !seen.has(keyOf(r)));
  const problems: string[] = [];
  extra.sort((a, b) => rank(a.type) - rank(b.type));
  for (const r of extra) {
    if (r.name.startsWith('sqlite_stat')) problems.push('it holds query statistics (sqlite_stat) that the app never gathers');
    else if (r.name === 'sqlite_sequence') problems.push('it holds a counter table (sqlite_sequence) the app never makes');
    else problems.push(`it holds ${KIND[r.type] ?? 'a part'} the app never makes`);
  }
  for (const r of changed) {
    problems.push(r.type === 'table'
      ? `its ${r.name} table is not as the app makes it (a column, a type, STRICT or a rule was changed)`
      : `its ${r.name} ${r.type} is not as the app makes it`);
  }
  for (const r of missing) problems.push(`the ${r.name} ${r.type === 'index' && r.name.startsWith('sqlite_autoindex') ? 'index' : r.type} the app makes is missing`);
  if (problems.length === 0) return;
  const more = problems.length - 1;
  throw new WorkbookError(
    'tampered',
    `"${name}" was changed outside Total Place Workbook: ${problems[0]}${more > 0 ? `, and ${more} other difference${more === 1 ? '' : 's'}` : ''}. It was not opened and nothing was changed. Ask the sender for the file again, or open your own last copy.`,
    { extra: extra.length, changed: changed.length, missing: missing.length },
  );
}

function rank(type: string): number {
  const i = EXTRA_ORDER.indexOf(type);
  return i < 0 ? EXTRA_ORDER.length : i;
}
