/**
 * A workbook file, open. The only place that opens, creates, migrates, copies and closes
 * `.totalplace` files; every read and write of their tables goes through the repositories it holds.
 * Never imports `electron`: the app, the CLI, the tests and the benchmark all use it in plain Node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbookError } from '../../shared/errors';
import { PilotFields } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import type { ChangeEntry, CheckReport, ReadOnlyReason, UndoResult, WorkbookInfo } from '../../shared/types';
import { connect, fromUid, mapError, newId, toUid, type DB } from './db';
import { corrupt, readHeader } from './file-check';
import { checkOpen, checkReadOnly, makeUpdatedCopy, removeUpdatedCopy, snapshotBeforeMigration, writable } from './open-checks';
import { recountSql } from './measures';
import { describeOwner, readLock, releaseLock, writeLock } from './lock';
import { APPLICATION_ID, MIGRATIONS, REQUIRED_TABLES, migrate, type Migration } from './schema';
import { AgencyRepo } from './repos/agencies';
import { BarrierRepo } from './repos/barriers';
import { PilotRepo } from './repos/pilot';
import { SpendRepo } from './repos/spend';
import { ThemeRepo } from './repos/themes';
import { computeMatrix, computeTotals } from './totals';
import { verifyWorkbook } from './verify';
import type { Tx, WriteContext } from './tx';
import { History, type HistoryState } from './history';

const NO_CHANGE = Symbol('no change');

export interface WorkbookOpenOptions {
  /** Who is making changes (from the app's settings); recorded on every row and in the change log. */
  author: string;
  /** Open without changing anything, even if the file could be written. */
  readOnly?: boolean;
  /** Open even though another copy of the app holds the owner record (the user said "open anyway"). */
  ignoreLock?: boolean;
  /** Where a file is copied before it is migrated to a newer format. */
  snapshotDir?: string;
  /** Where an older file opened read-only is copied, updated, to be read (default: the system's temp folder). */
  updatedCopyDir?: string;
  nativeBinding?: string;
  /** Files up to this size get a full integrity check on open; larger ones a check of all but the spend lines. */
  fullCheckLimitBytes?: number;
  /** For tests of the migration machinery only. */
  migrations?: readonly Migration[];
}

export interface WorkbookCreateOptions {
  author: string;
  pilot: Partial<PilotFields> & { name: string };
  /** Replace a file already at the path (the user confirmed it in a save dialog). */
  overwrite?: boolean;
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

const DEFAULT_FULL_CHECK_LIMIT = 64 * 1024 * 1024;

export function defaultDataDir(): string {
  return process.env.TOTALPLACE_HOME ?? path.join(os.homedir(), '.totalplace');
}

function latest(migrations: readonly Migration[]): number {
  return migrations.reduce((v, m) => Math.max(v, m.version), 0);
}

export class Workbook {
  readonly path: string;
  readonly fileName: string;
  readonly readOnly: boolean;
  readonly readOnlyReason: ReadOnlyReason | null;
  readonly pilot: PilotRepo;
  readonly agencies: AgencyRepo;
  readonly themes: ThemeRepo;
  readonly spend: SpendRepo;
  readonly barriers: BarrierRepo;
  private readonly db: DB;
  private readonly authorName: string;
  private authorId: number | null = null;
  private closed = false;
  private readonly holdsLock: boolean;
  private readonly integrity: 'full' | 'partial';
  private readonly snapshot: string | null;
  /** An older file opened read-only: the private, updated copy it is read through, and the file's own format. */
  private readonly updatedCopy: { path: string; fileVersion: number } | null;
  private readonly ctx: WriteContext;
  private currentTx: Tx | null = null;
  private readonly undoHistory: History;

  private constructor(file: string, db: DB, o: { author: string; readOnlyReason: ReadOnlyReason | null; holdsLock: boolean; integrity: 'full' | 'partial'; snapshot: string | null; updatedCopy: { path: string; fileVersion: number } | null }) {
    this.path = file;
    this.fileName = path.basename(file);
    this.db = db;
    this.authorName = o.author;
    this.readOnlyReason = o.readOnlyReason;
    this.readOnly = o.readOnlyReason !== null;
    this.holdsLock = o.holdsLock;
    this.integrity = o.integrity;
    this.snapshot = o.snapshot;
    this.updatedCopy = o.updatedCopy;
    this.ctx = { db, write: (fn) => this.write(fn) };
    this.pilot = new PilotRepo(this.ctx);
    this.spend = new SpendRepo(this.ctx);
    this.agencies = new AgencyRepo(this.ctx, this.spend);
    this.themes = new ThemeRepo(this.ctx);
    this.barriers = new BarrierRepo(this.ctx);
    this.undoHistory = new History(this.db, (fn) => this.write(fn), { pilot: this.pilot, agency: this.agencies, theme: this.themes, spend_line: this.spend, barrier: this.barriers });
  }

  /** Undo this window's last change (exactly, from the change log), as a new change; with what it took back (null: nothing to undo). */
  undo(): UndoResult {
    this.assertOpen();
    const step = this.undoHistory.undo();
    return { ...this.undoHistory.state(), step };
  }

  /** Redo the last undone change; with what it made again (null: nothing to redo). */
  redo(): UndoResult {
    this.assertOpen();
    const step = this.undoHistory.redo();
    return { ...this.undoHistory.state(), step };
  }

  historyState(): HistoryState {
    return this.undoHistory.state();
  }

  /** Make a new workbook file. It is built under a temporary name and renamed into place, so a crash leaves no half-made file. */
  static create(file: string, opts: WorkbookCreateOptions): Workbook {
    const name = path.basename(file);
    const fields = PilotFields.parse({ place: '', region: null, leadBody: '', population: null, countYear: 2008, displayUnits: 'millions', ...opts.pilot });
    if (fs.existsSync(file) && !opts.overwrite) {
      throw new WorkbookError('io', `"${name}" already exists. Choose another name, or confirm that you want to replace it.`);
    }
    const temp = path.join(path.dirname(file), `.${name}.${process.pid}.creating`);
    fs.rmSync(temp, { force: true });
    try {
      fs.writeFileSync(temp, '');
      const db = connect(temp, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
      try {
        db.pragma('journal_mode = DELETE');
        db.pragma(`application_id = ${APPLICATION_ID}`);
        migrate(db, 0, opts.migrations ?? MIGRATIONS);
        const now = Date.now();
        db.transaction(() => {
          const authorId = Number(db.prepare('INSERT INTO author (name) VALUES (?)').run(opts.author).lastInsertRowid);
          db.prepare('INSERT INTO workbook (singleton, workbook_id, instance_id, revision, created_at) VALUES (1, ?, ?, 0, ?)').run(toUid(newId()), toUid(newId()), now);
          db.prepare(`INSERT INTO pilot (singleton, uid, name, place, region, lead_body, population, count_year, display_units, created_at, updated_at, author_id)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(toUid(newId()), fields.name, fields.place, fields.region, fields.leadBody, fields.population, fields.countYear, fields.displayUnits, now, now, authorId);
        })();
      } finally {
        db.close();
      }
      fs.renameSync(temp, file);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      throw mapError(e, name);
    }
    return Workbook.open(file, { author: opts.author, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}), ...(opts.migrations ? { migrations: opts.migrations } : {}) });
  }

  /**
   * Open a workbook. Every check that can refuse a file runs before anything is written to it,
   * so a bad file's bytes are never changed.
   */
  static open(file: string, opts: WorkbookOpenOptions): Workbook {
    const name = path.basename(file);
    const migrations = opts.migrations ?? MIGRATIONS;
    const target = latest(migrations);
    const header = readHeader(file);
    if (header.userVersion > target) {
      throw new WorkbookError('too-new', `"${name}" was made by a newer version of Total Place Workbook (file format ${header.userVersion}; this version reads up to ${target}). Install the newer version to open it. Nothing was changed.`, { fileVersion: header.userVersion, supportedVersion: target });
    }

    let readOnlyReason: ReadOnlyReason | null = opts.readOnly ? 'requested' : null;
    if (!readOnlyReason && !writable(file)) readOnlyReason = 'file';
    if (!readOnlyReason && !writable(path.dirname(file))) readOnlyReason = 'folder';

    if (!readOnlyReason) {
      const lock = readLock(file);
      if ((lock.state === 'held' || lock.state === 'mine') && !opts.ignoreLock) {
        const who = describeOwner(lock.owner);
        throw new WorkbookError(
          'locked',
          lock.state === 'mine'
            ? `"${name}" is already open in this window's app. Switch to its window to carry on.`
            : `"${name}" is already open for editing by ${who}. Open it read-only to look at it, or ask them to close it. If that copy of the app has crashed, choose "Open anyway".`,
          { owner: { ...lock.owner }, self: lock.state === 'mine' },
        );
      }
    }

    // A journal beside the file means a write was cut off (a crash or power cut): SQLite rolls it
    // back to the last committed state when the file is next opened for writing.
    const hotJournal = fs.existsSync(`${file}-journal`);
    if (hotJournal && readOnlyReason) {
      throw new WorkbookError('read-only', `"${name}" was being saved when its program stopped, and it is read-only, so the unfinished save can't be undone. Copy the file and its "-journal" file somewhere you can write, and open the copy.`);
    }

    const limit = opts.fullCheckLimitBytes ?? DEFAULT_FULL_CHECK_LIMIT;
    let integrity: 'full' | 'partial' = header.size <= limit ? 'full' : 'partial';
    if (!hotJournal) integrity = checkReadOnly(file, name, opts.nativeBinding, integrity);

    let db: DB;
    try {
      db = connect(file, { readonly: readOnlyReason !== null, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    } catch (e) {
      throw mapError(e, name);
    }
    let snapshot: string | null = null;
    let updatedCopy: { path: string; fileVersion: number } | null = null;
    let holdsLock = false;
    try {
      if (readOnlyReason === null) {
        // Our files never use WAL: a document that people email must not depend on a sidecar file.
        if (db.pragma('journal_mode', { simple: true }) !== 'delete') db.pragma('journal_mode = DELETE');
        if (!writeLock(file, opts.author)) readOnlyReason = 'folder';
        else holdsLock = true;
      }
      if (hotJournal) {
        // Reading rolls back a hot journal. One SQLite judged not hot (the write was cut off before
        // it touched the file) is left behind: with the write lock held, nobody can need it.
        integrity = checkOpen(db, name, integrity);
        if (fs.existsSync(`${file}-journal`)) {
          db.exec('BEGIN IMMEDIATE');
          fs.rmSync(`${file}-journal`, { force: true });
          db.exec('COMMIT');
        }
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version < target) {
        if (readOnlyReason !== null) {
          // It can't be migrated without writing to it: read it through a private, updated copy
          // instead, which is deleted on close. The file itself is only read.
          const copy = makeUpdatedCopy(db, file, version, migrations, opts.updatedCopyDir ?? os.tmpdir(), opts.nativeBinding);
          updatedCopy = { path: copy, fileVersion: version };
          db.close();
          db = connect(copy, { readonly: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
        } else {
          snapshot = snapshotBeforeMigration(db, file, version, opts.snapshotDir ?? path.join(defaultDataDir(), 'snapshots'));
          try {
            migrate(db, version, migrations);
          } catch (e) {
            throw new WorkbookError('internal', `"${name}" could not be updated to this version's format (${(e as Error).message}). The file was not changed; a copy was kept at ${snapshot}. Please report this.`);
          }
        }
      }
      const missing = REQUIRED_TABLES.filter((t) => !db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t));
      if (missing.length > 0) throw corrupt(name, `parts of the workbook are missing (${missing.join(', ')})`);
      if (db.prepare('SELECT count(*) AS n FROM workbook').get() === undefined) throw corrupt(name, 'it has no workbook record');
    } catch (e) {
      if (db.open) db.close();
      if (holdsLock) releaseLock(file);
      if (updatedCopy) removeUpdatedCopy(updatedCopy.path);
      throw mapError(e, name);
    }
    return new Workbook(file, db, { author: opts.author, readOnlyReason, holdsLock, integrity, snapshot, updatedCopy });
  }

  info(): WorkbookInfo {
    this.assertOpen();
    const w = this.db.prepare('SELECT workbook_id, instance_id, copied_from, revision FROM workbook').get() as { workbook_id: Buffer; instance_id: Buffer; copied_from: Buffer | null; revision: number };
    const pilot = this.db.prepare('SELECT name FROM pilot').get() as { name: string } | undefined;
    return {
      path: this.path,
      fileName: this.fileName,
      workbookId: fromUid(w.workbook_id),
      instanceId: fromUid(w.instance_id),
      copiedFrom: w.copied_from ? fromUid(w.copied_from) : null,
      revision: w.revision,
      schemaVersion: this.updatedCopy?.fileVersion ?? (this.db.pragma('user_version', { simple: true }) as number),
      readOnly: this.readOnly,
      readOnlyReason: this.readOnlyReason,
      pilotName: pilot?.name ?? '',
      author: this.authorName,
      integrity: this.integrity,
      snapshot: this.snapshot,
      readThroughUpdatedCopy: this.updatedCopy !== null,
    };
  }

  totals(): Totals {
    this.assertOpen();
    return computeTotals(this.db);
  }

  /** Spend by agency and theme, from the kept totals. */
  matrix(): { agencyId: string; themeId: string | null; pence: number }[] {
    this.assertOpen();
    return computeMatrix(this.db);
  }

  /**
   * Recompute the kept per-cell totals from every spend line (one scan, done by SQLite). `verify`
   * compares the kept cells with this; the benchmark times it against the sqlite3 command-line tool.
   */
  recount(): Record<string, number>[] {
    this.assertOpen();
    return this.db.prepare(recountSql()).all() as Record<string, number>[];
  }

  /** A full integrity check plus the workbook's own rules (totals agree with lines, flags such as negative amounts). */
  verify(): CheckReport {
    this.assertOpen();
    return verifyWorkbook(this.db);
  }

  /** Recent changes, newest first. */
  history(limit = 100): ChangeEntry[] {
    this.assertOpen();
    const rows = this.db.prepare(`SELECT c.seq, c.revision, c.at, a.name AS author, c.tbl, c.row_uid, c.op, c.old, c.new
      FROM change_log c JOIN author a ON a.id = c.author_id ORDER BY c.seq DESC LIMIT ?`).all(limit) as { seq: number; revision: number; at: number; author: string; tbl: string; row_uid: Buffer | null; op: string; old: string | null; new: string | null }[];
    return rows.map((r) => ({
      seq: r.seq, revision: r.revision, at: r.at, author: r.author, table: r.tbl as ChangeEntry['table'],
      rowId: r.row_uid ? fromUid(r.row_uid) : null, op: r.op as ChangeEntry['op'],
      old: r.old ? (JSON.parse(r.old) as Record<string, unknown>) : null, new: r.new ? (JSON.parse(r.new) as Record<string, unknown>) : null,
    }));
  }

  /**
   * Save a copy (for email, or a backup): `VACUUM INTO` a temporary file, which gives a compact,
   * consistent file with no sidecars; mark it as a copy of this file; check it; then move it into place.
   * The copy keeps the workbook id, so it knows its original, and gets its own instance id.
   */
  saveCopy(dest: string): void {
    this.assertOpen();
    const destName = path.basename(dest);
    if (path.resolve(dest) === path.resolve(this.path)) {
      throw new WorkbookError('validation', `"${destName}" is the workbook that is open. Choose a different name or folder for the copy.`);
    }
    const temp = path.join(path.dirname(dest), `.${destName}.${process.pid}.copying`);
    fs.rmSync(temp, { force: true });
    try {
      this.db.prepare('VACUUM INTO ?').run(temp);
      const copy = connect(temp, {});
      try {
        copy.pragma('journal_mode = DELETE');
        const me = this.db.prepare('SELECT instance_id, revision FROM workbook').get() as { instance_id: Buffer; revision: number };
        copy.prepare('UPDATE workbook SET instance_id = ?, copied_from = ?, copied_at_revision = ?').run(toUid(newId()), me.instance_id, me.revision);
        const check = copy.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new WorkbookError('io', `The copy did not check out (${String(check)}), so it was not saved. Try again, or save it to another folder.`);
      } finally {
        copy.close();
      }
      fs.renameSync(temp, dest);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      throw mapError(e, destName);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    if (this.holdsLock) releaseLock(this.path);
    if (this.updatedCopy) removeUpdatedCopy(this.updatedCopy.path);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Every change goes through here: one transaction, saved when it commits, that increases the
   * workbook's revision and records who changed what in the change log.
   */
  private write<T>(fn: (tx: Tx) => T): T {
    this.assertOpen();
    if (this.readOnly) {
      throw new WorkbookError('read-only', this.readOnlyReason === 'locked' || this.readOnlyReason === 'requested'
        ? `"${this.fileName}" is open read-only, so changes can't be saved. Close it and open it again for editing, or save a copy and edit that.`
        : `"${this.fileName}" is read-only (the file or its folder can't be written), so changes can't be saved. Save a copy somewhere you can write, and edit the copy.`);
    }
    // A write inside a write (a batch, an undo) joins it: one transaction, one revision, one undo step.
    if (this.currentTx) return fn(this.currentTx);
    let result: T | undefined;
    let revision = 0;
    let logged = 0;
    try {
      this.db.transaction(() => {
        revision = (this.db.prepare('UPDATE workbook SET revision = revision + 1 RETURNING revision').get() as { revision: number }).revision;
        const authorId = this.ensureAuthor();
        const at = Date.now();
        const logStmt = this.db.prepare('INSERT INTO change_log (revision, at, author_id, tbl, row_uid, op, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
        const tx: Tx = {
          revision,
          at,
          authorId,
          log: (table, uid, op, oldValue, newValue) => {
            logged++;
            logStmt.run(revision, at, authorId, table, uid, op, oldValue === null ? null : JSON.stringify(oldValue), newValue === null ? null : JSON.stringify(newValue));
          },
        };
        this.currentTx = tx;
        try {
          result = fn(tx);
        } finally {
          this.currentTx = null;
        }
        // Nothing changed: leave the revision where it was.
        if (logged === 0) throw NO_CHANGE;
      }).immediate();
    } catch (e) {
      if (e === NO_CHANGE) return result as T;
      throw mapError(e, this.fileName);
    }
    this.undoHistory.recorded(revision);
    return result as T;
  }

  private ensureAuthor(): number {
    if (this.authorId !== null) return this.authorId;
    this.db.prepare('INSERT INTO author (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(this.authorName);
    this.authorId = (this.db.prepare('SELECT id FROM author WHERE name = ?').get(this.authorName) as { id: number }).id;
    return this.authorId;
  }

  private assertOpen(): void {
    if (this.closed) throw new WorkbookError('no-workbook', 'This workbook has been closed. Open it again to carry on.');
  }
}
