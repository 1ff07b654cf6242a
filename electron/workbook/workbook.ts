/**
 * A workbook file, open. The only place that opens, creates, migrates, copies and closes
 * `.totalplace` files; every read and write of their tables goes through the repositories it holds.
 * Never imports `electron`: the app, the CLI, the tests and the benchmark all use it in plain Node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { WorkbookError } from '../../shared/errors';
import { PilotFields } from '../../shared/schemas';
import type { Totals } from '../../shared/totals';
import type { ChangeEntry, CheckReport, ReadOnlyReason, TotalsStatus, UndoResult, WorkbookInfo } from '../../shared/types';
import { Id } from '../../shared/schemas';
import { connect, mapError, newId, toUid, type DB } from './db';
import { corrupt, inspectJournal, readHeader } from './file-check';
import { changedOutside, fromFile, uidOf } from './from-file';
import { checkFile, checkReadOnly, makeJournalCopy, makeUpdatedCopy, removeUpdatedCopy, snapshotBeforeMigration, writable } from './open-checks';
import { CELL_KEY, MEASURES, cellTableSql, measuresOf, recountSql } from './measures';
import { describeOwner, lockPath, readLock, releaseLock, writeLock, type LockOwner, type LockState } from './lock';
import { APPLICATION_ID, MIGRATIONS, REQUIRED_TABLES, migrate, type Migration } from './schema';
import { brokenRules, checkSchema } from './schema-check';
import { WrittenRecord, changeCounterOf, realPath } from './written';
import { AgencyRepo } from './repos/agencies';
import { BarrierRepo } from './repos/barriers';
import { PilotRepo } from './repos/pilot';
import { SpendRepo } from './repos/spend';
import { ThemeRepo } from './repos/themes';
import { computeMatrix, computeTotals } from './totals';
import { keptTotalsAgree, verifyWorkbook } from './verify';
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
  /**
   * This computer's data folder, where the record of the files it wrote is kept (`written/`): default
   * `defaultDataDir()`, the same for the app and the command line.
   */
  dataDir?: string;
  /**
   * The user chose to edit a file left half-saved that was not last written on this computer (it opened
   * read-only, reason 'journal'): roll the unfinished save back in the file itself — once the same
   * rollback, done first in a private copy, has passed every check.
   */
  recoverJournal?: boolean;
}

export interface WorkbookCreateOptions {
  author: string;
  pilot: Partial<PilotFields> & { name: string };
  /** Replace a file already at the path (the user confirmed it in a save dialog). */
  overwrite?: boolean;
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /** As for `open`. */
  dataDir?: string;
}

/** A private copy the workbook is read through: an older file's updated copy, or a half-saved file's copy with the save undone. */
interface PrivateCopy {
  path: string;
  /** The file's own format. */
  fileVersion: number;
  /** The copy has the file's unfinished save undone (a journal was beside it). */
  halfSaved: boolean;
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
  /** A private copy the workbook is read through (an older or half-saved file opened read-only), and the file's own format. */
  private readonly updatedCopy: PrivateCopy | null;
  private readonly ctx: WriteContext;
  private currentTx: Tx | null = null;
  private readonly undoHistory: History;
  private readonly record: WrittenRecord;
  private readonly instanceId: string;
  private status: TotalsStatus;
  private readonly migrations: readonly Migration[];
  private readonly nativeBinding: string | undefined;

  private constructor(file: string, db: DB, o: {
    author: string; readOnlyReason: ReadOnlyReason | null; holdsLock: boolean; integrity: 'full' | 'partial'; snapshot: string | null;
    updatedCopy: PrivateCopy | null; record: WrittenRecord; instanceId: string; totalsStatus: TotalsStatus;
    migrations: readonly Migration[]; nativeBinding: string | undefined;
  }) {
    this.migrations = o.migrations;
    this.nativeBinding = o.nativeBinding;
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
    this.record = o.record;
    this.instanceId = o.instanceId;
    this.status = o.totalsStatus;
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
    if (opts.overwrite && fs.existsSync(file) && !writable(file)) {
      throw new WorkbookError('read-only', `"${name}" is read-only, so it was not replaced. Choose another name, or make the file writable first.`);
    }
    const temp = path.join(path.dirname(file), `.${name}.${process.pid}.creating`);
    const instanceId = newId();
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
          db.prepare('INSERT INTO workbook (singleton, workbook_id, instance_id, revision, created_at) VALUES (1, ?, ?, 0, ?)').run(toUid(newId()), toUid(instanceId), now);
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
    const dataDir = opts.dataDir ?? defaultDataDir();
    new WrittenRecord(dataDir).put(instanceId, { revision: 0, changeCounter: changeCounterOf(file) ?? -1, path: realPath(file), wrote: true });
    return Workbook.open(file, { author: opts.author, dataDir, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}), ...(opts.migrations ? { migrations: opts.migrations } : {}) });
  }

  /**
   * Open a workbook. A file may come from anyone, so nothing in it is trusted: every check that can
   * refuse a file — its header, a journal beside it, its schema (exactly what this version makes for its
   * format), its integrity — runs through a read-only connection (or on a private copy) before anything
   * is written to it, so a refused file's bytes never change, and nothing it holds can run. Its kept
   * totals are trusted only if this computer left the file as it is; otherwise they are recounted.
   */
  static open(file: string, opts: WorkbookOpenOptions): Workbook {
    const name = path.basename(file);
    const migrations = opts.migrations ?? MIGRATIONS;
    const target = latest(migrations);
    const nb = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
    const header = readHeader(file);
    if (header.userVersion > target) {
      throw new WorkbookError('too-new', `"${name}" was made by a newer version of Total Place Workbook (file format ${header.userVersion}; this version reads up to ${target}). Install the newer version to open it. Nothing was changed.`, { fileVersion: header.userVersion, supportedVersion: target });
    }
    const record = new WrittenRecord(opts.dataDir ?? defaultDataDir());

    let readOnlyReason: ReadOnlyReason | null = opts.readOnly ? 'requested' : null;
    if (!readOnlyReason && !writable(file)) readOnlyReason = 'file';
    if (!readOnlyReason && !writable(path.dirname(file))) readOnlyReason = 'folder';

    let lock: LockState = { state: 'free' };
    if (!readOnlyReason) {
      lock = readLock(file);
      if (lock.state === 'unsafe') throw unsafeLock(name, lock.kind);
      if ((lock.state === 'held' || lock.state === 'mine') && !opts.ignoreLock) throw locked(name, lock.owner, lock.state === 'mine');
    }

    const limit = opts.fullCheckLimitBytes ?? DEFAULT_FULL_CHECK_LIMIT;
    let integrity: 'full' | 'partial' = header.size <= limit ? 'full' : 'partial';

    // A journal beside the file means a write was cut off (a crash or power cut), or came with the file.
    // Its rollback is done first in a private copy and checked there. It is rolled back into the file
    // itself only when this computer was writing the file when it stopped (its own owner record, left
    // by the crash, and the record of its last write there), or when the user chose to edit it; else the
    // file opens read-only, through the copy, and says why.
    const journal = inspectJournal(file, header);
    let copy: PrivateCopy | null = null;
    let recoverInPlace = false;
    if (journal) {
      const rolledBack = makeJournalCopy(file, journal, opts.updatedCopyDir ?? os.tmpdir(), opts.nativeBinding);
      try {
        integrity = checkReadOnly(rolledBack, name, opts.nativeBinding, integrity, migrations, () => true);
      } catch (e) {
        removeUpdatedCopy(rolledBack);
        throw e;
      }
      const ours = lock.state === 'stale' && lock.owner.host === os.hostname() && record.wroteAt(file, header.changeCounter);
      if (!readOnlyReason && (ours || opts.recoverJournal)) {
        recoverInPlace = true;
        removeUpdatedCopy(rolledBack);
      } else {
        copy = { path: rolledBack, fileVersion: header.userVersion, halfSaved: true };
        readOnlyReason ??= 'journal';
      }
    } else {
      const received = (db: DB) => {
        const me = readInstance(db);
        return !WrittenRecord.matches(record.get(me.instanceId), me.revision, header.changeCounter);
      };
      integrity = checkReadOnly(file, name, opts.nativeBinding, integrity, migrations, received);
    }

    let db: DB;
    try {
      // A private copy is opened for writing: it may need updating to this version's format.
      db = connect(copy ? copy.path : file, { readonly: !copy && readOnlyReason !== null, ...nb });
    } catch (e) {
      if (copy) removeUpdatedCopy(copy.path);
      throw mapError(e, name);
    }
    let snapshot: string | null = null;
    let holdsLock = false;
    let totalsStatus: TotalsStatus;
    let instanceId: string;
    try {
      if (readOnlyReason === null) {
        // Our files never use WAL: a document that people email must not depend on a sidecar file.
        if (db.pragma('journal_mode', { simple: true }) !== 'delete') db.pragma('journal_mode = DELETE');
        const w = writeLock(file, opts.author, { replace: lock.state !== 'free' });
        if (w === 'unsafe') throw unsafeLock(name, 'link');
        if (w === 'taken') {
          const now = readLock(file);
          throw now.state === 'held' || now.state === 'mine' || now.state === 'stale' ? locked(name, now.owner, false) : unsafeLock(name, 'link');
        }
        if (w === 'written') holdsLock = true;
        else if (recoverInPlace) {
          throw new WorkbookError('read-only', `"${name}" was being saved when its program stopped, and its folder can't be written, so the unfinished save can't be undone. Copy the file and its "-journal" file somewhere you can write, and open the copy.`);
        } else readOnlyReason = 'folder';
      }
      if (recoverInPlace) {
        // Reading rolls back a hot journal (the same rollback as in the private copy, which passed).
        // One SQLite judged not hot (the write was cut off before it touched the file) is left behind:
        // with the write lock held, nobody can need it.
        integrity = checkFile(db, name, integrity, migrations, opts.nativeBinding);
        if (fs.existsSync(`${file}-journal`)) {
          db.exec('BEGIN IMMEDIATE');
          fs.rmSync(`${file}-journal`, { force: true });
          db.exec('COMMIT');
        }
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (copy) copy.fileVersion = version;
      const me = readInstance(db);
      instanceId = me.instanceId;

      // The kept totals: this computer's own, or recounted (with the measures of the file's own format).
      const counter = copy ? null : changeCounterOf(file);
      if (!copy && WrittenRecord.matches(record.get(me.instanceId), me.revision, counter)) totalsStatus = 'written-here';
      else {
        totalsStatus = keptTotalsAgree(db, measuresOf(version)) ? 'recounted-agree' : 'disagree';
        if (!copy && totalsStatus === 'recounted-agree' && counter !== null) record.put(me.instanceId, { revision: me.revision, changeCounter: counter, path: realPath(file), wrote: false });
      }

      if (version < target) {
        if (copy) {
          // A private copy of a half-saved older file: update the copy itself.
          migrate(db, version, migrations);
        } else if (readOnlyReason !== null) {
          // It can't be migrated without writing to it: read it through a private, updated copy
          // instead, which is deleted on close. The file itself is only read.
          copy = { path: makeUpdatedCopy(db, file, version, migrations, opts.updatedCopyDir ?? os.tmpdir(), opts.nativeBinding), fileVersion: version, halfSaved: false };
          db.close();
          db = connect(copy.path, { readonly: true, ...nb });
        } else {
          snapshot = snapshotBeforeMigration(db, file, version, opts.snapshotDir ?? path.join(defaultDataDir(), 'snapshots'));
          try {
            migrate(db, version, migrations);
          } catch (e) {
            throw new WorkbookError('internal', `"${name}" could not be updated to this version's format (${(e as Error).message}). The file was not changed; a copy was kept at ${snapshot}. Please report this.`);
          }
        }
        // Updating the file's format rebuilds its kept totals from the lines (format 2 did): say so if they
        // disagreed. (A private copy's are rebuilt too, but the file's own still disagree: that is what is said.)
        if (!copy && totalsStatus === 'disagree' && keptTotalsAgree(db)) totalsStatus = 'rebuilt';
        // What our own migrations made from a checked file is checked again, all the same.
        checkSchema(db, name, target, migrations, opts.nativeBinding);
      }
      if (copy && !db.readonly) {
        db.close();
        db = connect(copy.path, { readonly: true, ...nb });
      }
      if (holdsLock && (recoverInPlace || version < target) && totalsStatus !== 'disagree') {
        record.put(me.instanceId, { revision: me.revision, changeCounter: changeCounterOf(file) ?? -1, path: realPath(file), wrote: true });
      }
      const missing = REQUIRED_TABLES.filter((t) => !db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t));
      if (missing.length > 0) throw corrupt(name, `parts of the workbook are missing (${missing.join(', ')})`);
      // Kept totals that disagree are not used: the recount, from the lines, is put in front of them.
      if (totalsStatus === 'disagree') showRecount(db);
    } catch (e) {
      if (db.open) db.close();
      if (holdsLock) releaseLock(file);
      if (copy) removeUpdatedCopy(copy.path);
      throw mapError(e, name);
    }
    return new Workbook(file, db, { author: opts.author, readOnlyReason, holdsLock, integrity, snapshot, updatedCopy: copy, record, instanceId, totalsStatus, migrations, nativeBinding: opts.nativeBinding });
  }

  /**
   * Rebuild the kept totals from the spend lines: the repair for a file whose kept totals do not agree
   * with its lines (changed outside the app). A write of its own (the revision increases), never done
   * without being asked. Returns the file's state after it.
   */
  repairTotals(): WorkbookInfo {
    this.assertOpen();
    if (this.readOnly) throw this.readOnlyError();
    const cols = ['agency_id', 'theme_id', 'function', ...MEASURES.map((m) => m.column)];
    try {
      this.db.transaction(() => {
        this.db.exec('DELETE FROM main.spend_cell');
        this.db.exec(`INSERT INTO main.spend_cell (${cols.join(', ')}) ${recountSql()}`);
        this.db.prepare('UPDATE workbook SET revision = revision + 1').run();
      }).immediate();
    } catch (e) {
      throw mapError(e, this.fileName);
    }
    this.db.exec('DROP TABLE IF EXISTS temp.spend_cell');
    if (this.status === 'disagree') this.status = 'rebuilt';
    this.remember();
    return this.info();
  }

  info(): WorkbookInfo {
    this.assertOpen();
    const w = this.db.prepare('SELECT workbook_id, instance_id, copied_from, revision FROM workbook').get() as { workbook_id: unknown; instance_id: unknown; copied_from: unknown; revision: unknown } | undefined;
    if (!w) throw changedOutside('the workbook record', null);
    const ids = fromFile(WorkbookIds, { workbookId: uidOf(w.workbook_id), instanceId: uidOf(w.instance_id), copiedFrom: w.copied_from === null ? null : uidOf(w.copied_from), revision: w.revision }, 'the workbook record');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    return {
      path: this.path,
      fileName: this.fileName,
      ...ids,
      schemaVersion: this.updatedCopy?.fileVersion ?? version,
      readOnly: this.readOnly,
      readOnlyReason: this.readOnlyReason,
      pilotName: this.pilot.get().name,
      author: this.authorName,
      integrity: this.integrity,
      snapshot: this.snapshot,
      readThroughUpdatedCopy: this.updatedCopy !== null && this.updatedCopy.fileVersion < version,
      halfSaved: this.updatedCopy?.halfSaved ?? false,
      totalsStatus: this.status,
    };
  }

  totals(): Totals {
    this.assertOpen();
    return computeTotals(this.db);
  }

  /** Spend by agency and theme, from the kept totals (for a file whose kept totals disagree, from the recount). */
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

  /** Do the file's kept totals agree with a full recount of its spend lines, now? (One scan; `verify` says it too, with the rest.) */
  keptTotalsAgree(): boolean {
    this.assertOpen();
    return keptTotalsAgree(this.db);
  }

  /** A full integrity check plus the workbook's own rules (totals agree with lines, flags such as negative amounts). */
  verify(): CheckReport {
    this.assertOpen();
    return verifyWorkbook(this.db, brokenRules(this.db, this.db.pragma('user_version', { simple: true }) as number, this.migrations, this.nativeBinding));
  }

  /** Recent changes, newest first. */
  history(limit = 100): ChangeEntry[] {
    this.assertOpen();
    const rows = this.db.prepare(`SELECT c.seq, c.revision, c.at, a.name AS author, c.tbl, c.row_uid, c.op, c.old, c.new
      FROM change_log c JOIN author a ON a.id = c.author_id ORDER BY c.seq DESC LIMIT ?`).all(limit) as { seq: number; revision: number; at: number; author: string; tbl: string; row_uid: unknown; op: string; old: unknown; new: unknown }[];
    return rows.map((r) => fromFile(ChangeEntrySchema, {
      seq: r.seq, revision: r.revision, at: r.at, author: r.author, table: r.tbl,
      rowId: r.row_uid === null ? null : uidOf(r.row_uid), op: r.op, old: jsonOf(r.old), new: jsonOf(r.new),
    }, `change ${r.seq}`) as ChangeEntry);
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
    const copyId = newId();
    let revision: number;
    fs.rmSync(temp, { force: true });
    try {
      this.db.prepare('VACUUM INTO ?').run(temp);
      const copy = connect(temp, {});
      try {
        copy.pragma('journal_mode = DELETE');
        const me = this.db.prepare('SELECT instance_id, revision FROM workbook').get() as { instance_id: Buffer; revision: number };
        revision = me.revision;
        copy.transaction(() => {
          copy.prepare('UPDATE workbook SET instance_id = ?, copied_from = ?, copied_at_revision = ?').run(toUid(copyId), me.instance_id, me.revision);
          // Kept totals that disagree with the lines are not copied: the copy's are rebuilt from its lines.
          if (this.status === 'disagree') {
            copy.exec('DELETE FROM spend_cell');
            copy.exec(`INSERT INTO spend_cell (${[...CELL_KEY, ...MEASURES.map((m) => m.column)].join(', ')}) ${recountSql()}`);
          }
        })();
        const check = copy.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new WorkbookError('io', 'The copy did not check out (its integrity check found a problem), so it was not saved. Try again, or save it to another folder.');
      } finally {
        copy.close();
      }
      fs.renameSync(temp, dest);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      throw mapError(e, destName);
    }
    // This computer wrote the copy: its kept totals are its own.
    this.record.put(copyId, { revision, changeCounter: changeCounterOf(dest) ?? -1, path: realPath(dest), wrote: true });
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
    if (this.readOnly) throw this.readOnlyError();
    // A write inside a write (a batch, an undo) joins it: one transaction, one revision, one undo step.
    if (this.currentTx) return fn(this.currentTx);
    if (this.status === 'disagree') {
      // The triggers would go on adding to kept totals that are wrong, under a recount that would not follow.
      throw new WorkbookError('tampered', `"${this.fileName}" was changed outside Total Place Workbook: its kept totals do not agree with its spend lines, so changes can't be saved until they are repaired. Repair the totals (they are rebuilt from the lines), or save a copy, which has them rebuilt, and edit that.`);
    }
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
    this.remember();
    return result as T;
  }

  /** Note that this computer left the file as it is now (after a write of ours has committed). */
  private remember(): void {
    const w = this.db.prepare('SELECT revision FROM workbook').get() as { revision: number };
    this.record.put(this.instanceId, { revision: w.revision, changeCounter: changeCounterOf(this.path) ?? -1, path: realPath(this.path), wrote: true });
  }

  private readOnlyError(): WorkbookError {
    return new WorkbookError('read-only', this.readOnlyReason === 'journal'
      ? `"${this.fileName}" was left half-saved and was not last saved on this computer, so it is open read-only: you are looking at it with the unfinished save undone, in a private copy. To edit it, open it for editing and choose to undo the unfinished save in the file itself, or save a copy and edit that.`
      : this.readOnlyReason === 'locked' || this.readOnlyReason === 'requested'
        ? `"${this.fileName}" is open read-only, so changes can't be saved. Close it and open it again for editing, or save a copy and edit that.`
        : `"${this.fileName}" is read-only (the file or its folder can't be written), so changes can't be saved. Save a copy somewhere you can write, and edit the copy.`);
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

/** The workbook record's ids, as read from the file, checked. */
const WorkbookIds = z.object({ workbookId: Id, instanceId: Id, copiedFrom: Id.nullable(), revision: z.int().min(0) });

/** A change log entry as read from the file, checked (its old and new values are the fields of a row, as JSON objects). */
const ChangeEntrySchema = z.object({
  seq: z.int(), revision: z.int().min(0), at: z.number(), author: z.string(),
  table: z.enum(['pilot', 'agency', 'theme', 'spend_line', 'barrier']), rowId: Id.nullable(),
  op: z.enum(['insert', 'update', 'delete', 'bulk_insert']),
  old: z.record(z.string(), z.unknown()).nullable(), new: z.record(z.string(), z.unknown()).nullable(),
});

/** A change log value: JSON text parsed, or the value as it is when it is not JSON, for the check to refuse. */
function jsonOf(v: unknown): unknown {
  if (v === null || typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return 'not JSON';
  }
}

/** The workbook record's instance id and revision, checked. */
function readInstance(db: DB): { instanceId: string; revision: number } {
  const w = db.prepare('SELECT instance_id, revision FROM main.workbook').get() as { instance_id: unknown; revision: unknown } | undefined;
  if (!w) throw changedOutside('the workbook record', null);
  const r = fromFile(WorkbookIds.pick({ instanceId: true, revision: true }), { instanceId: uidOf(w.instance_id), revision: w.revision }, 'the workbook record');
  return { instanceId: r.instanceId, revision: r.revision };
}

/**
 * Put the recount in front of kept totals that disagree with the lines: a temporary `spend_cell`, which
 * every query of the totals reads instead of the file's (a name without a schema finds `temp` first).
 * The file's own table is untouched (and the connection may be read-only: `temp` is in memory).
 */
function showRecount(db: DB): void {
  db.exec(cellTableSql().replace('CREATE TABLE spend_cell', 'CREATE TEMP TABLE spend_cell'));
  db.exec(`INSERT INTO temp.spend_cell (${[...CELL_KEY, ...MEASURES.map((m) => m.column)].join(', ')}) ${recountSql()}`);
}

function locked(name: string, owner: LockOwner, self: boolean): WorkbookError {
  return new WorkbookError(
    'locked',
    self
      ? `"${name}" is already open in this window's app. Switch to its window to carry on.`
      : `"${name}" is already open for editing by ${describeOwner(owner)}. Open it read-only to look at it, or ask them to close it. If that copy of the app has crashed, choose "Open anyway".`,
    { owner: { ...owner }, self },
  );
}

/** Something other than a plain file where the owner record belongs: it is not read, written or removed, and nothing it points to is touched. */
function unsafeLock(name: string, kind: 'link' | 'not-a-file'): WorkbookError {
  return new WorkbookError('io', `Beside "${name}" there is ${kind === 'link' ? 'a link' : 'something that is not a file'} named "${path.basename(lockPath(name))}", where Total Place Workbook keeps the note of who has the file open. The app never makes one like that, so the file was not opened for editing, and nothing was changed. Remove "${path.basename(lockPath(name))}" from the folder, or open the file read-only.`, { lock: kind });
}
