/** Shapes the store returns about the file itself, shared with the renderer through the API. */
import { plainText } from './text';

/**
 * Why a workbook is open read-only. 'journal': it was left half-saved (a "-journal" file beside it) and
 * was not last written on this computer, so the unfinished save was not rolled back into it: it is
 * read, with that save undone, through a private copy (see `halfSaved`); opening it for editing with
 * `recoverJournal` finishes undoing the save in the file itself.
 */
export type ReadOnlyReason = 'requested' | 'file' | 'folder' | 'locked' | 'journal';

/**
 * How far the totals shown can be trusted (the kept per-cell sums, `spend_cell`, are only trusted
 * where this computer kept them):
 * - 'written-here': the file is exactly as this computer last left it: its kept totals are the ones it kept;
 * - 'recounted-agree': last written elsewhere (another computer, another copy of the app, a SQLite tool):
 *   its kept totals were recounted from its spend lines on open, and agree;
 * - 'disagree': they were recounted and do not agree — the file was changed outside the app. The totals
 *   shown (`totals()`, the report) are the recount, from the lines; edits are refused until the kept totals
 *   are repaired (`repairTotals()`), and a saved copy has them rebuilt;
 * - 'rebuilt': they did not agree, and were rebuilt from the lines (by `repairTotals()`, or by updating
 *   an older file's format, which rebuilds them).
 */
export type TotalsStatus = 'written-here' | 'recounted-agree' | 'disagree' | 'rebuilt';

/** What to tell the user about the totals' status, in words (null: nothing worth saying). */
export function totalsStatusWords(status: TotalsStatus): string | null {
  switch (status) {
    case 'written-here':
      return null;
    case 'recounted-agree':
      return 'This file was last saved somewhere else, so its totals were recounted from its spend lines when it was opened. They agree.';
    case 'disagree':
      return 'This file’s kept totals do not agree with its spend lines: it was changed outside Total Place Workbook. The totals shown are recounted from the lines. Repair the totals to edit it, or save a copy, which has them rebuilt.';
    case 'rebuilt':
      return 'This file’s kept totals did not agree with its spend lines (it was changed outside Total Place Workbook), so they were rebuilt from the lines.';
  }
}

export interface WorkbookInfo {
  path: string;
  fileName: string;
  workbookId: string;
  instanceId: string;
  copiedFrom: string | null;
  revision: number;
  /** The file's format. An older file opened read-only keeps its own (see readThroughUpdatedCopy). */
  schemaVersion: number;
  readOnly: boolean;
  readOnlyReason: ReadOnlyReason | null;
  pilotName: string;
  author: string;
  /** 'full': the whole file was checked on open; 'partial': all but the spend lines (run verify). */
  integrity: 'full' | 'partial';
  /** Where the file was copied before it was migrated, if it was. */
  snapshot: string | null;
  /**
   * An older file opened read-only can't be updated, so it was read through a private copy updated to
   * this version's format (deleted on close); the file itself is unchanged, still at `schemaVersion`.
   */
  readThroughUpdatedCopy: boolean;
  /**
   * The file has a "-journal" beside it (a save cut off part-way) that was not rolled back into it: what
   * is shown is the file with that save undone, read-only, through a private copy; the file and its
   * journal are unchanged.
   */
  halfSaved: boolean;
  /** How far the totals can be trusted; see `TotalsStatus` and `totalsStatusWords`. */
  totalsStatus: TotalsStatus;
}

export interface CheckReport {
  integrity: string[];
  totalsAgree: boolean;
  /** Problems that make the file wrong. */
  errors: string[];
  /** Things a pilot lead should look at, but that are allowed. */
  warnings: string[];
  counts: { agencies: number; themes: number; spendLines: number; barriers: number; changes: number };
}

export type LoggedTable = 'pilot' | 'agency' | 'theme' | 'spend_line' | 'barrier';
export type LogOp = 'insert' | 'update' | 'delete' | 'bulk_insert';

export interface ChangeEntry {
  seq: number;
  revision: number;
  at: number;
  author: string;
  table: LoggedTable;
  rowId: string | null;
  op: LogOp;
  old: Record<string, unknown> | null;
  new: Record<string, unknown> | null;
}

export interface RecentFileView {
  id: string;
  fileName: string;
  folder: string;
  pilotName: string;
  openedAt: number;
  /** The file is no longer where it was. */
  missing: boolean;
}

export interface AppState {
  version: string;
  platform: string;
  /** The name recorded on changes; null until the user gives it (asked on first run). */
  author: string | null;
  /** The units new workbooks start with. */
  displayUnits: 'pounds' | 'thousands' | 'millions';
  recent: RecentFileView[];
  /** The workbook open in this window, if any. */
  workbook: WorkbookInfo | null;
  /** An error from opening a file this window did not ask for (command line, file association, drop), shown once. */
  notice: { code: string; message: string; detail?: Record<string, unknown> } | null;
}

/**
 * The window title: `<pilot name> — <file name> — Total Place Workbook`, with "(read-only)" when so. The
 * names come from the file (and its name from whoever sent it): one line of plain text, without control or
 * bidirectional-override characters, so a name can't disguise the title (shared/text.ts `plainText`).
 */
export function windowTitle(info: Pick<WorkbookInfo, 'pilotName' | 'fileName' | 'readOnly'> | null): string {
  if (!info) return 'Total Place Workbook';
  return `${plainText(info.pilotName)} — ${plainText(info.fileName)}${info.readOnly ? ' (read-only)' : ''} — Total Place Workbook`;
}

/** What undo and redo can do in this window. */
export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** The workbook's revision after the last change. */
  revision: number;
}

/** Rows of one table that one change touched in one way (added, changed, deleted, imported). */
export interface StepPart {
  table: LoggedTable;
  op: LogOp;
  /** How many rows (for an import, how many lines it added). */
  rows: number;
  /** The first row's own label: an agency's or theme's name, a spend line's description, a barrier's title; null for the pilot details and an import. */
  label: string | null;
  /** For a change: the first row's changed fields, with their values before and after, as stored (pence, keys, ids). */
  changes: { field: string; old: unknown; new: unknown }[];
  /** For a change: every field changed in any of the rows. */
  fields: string[];
}

/** What an undo or redo step took back or made again, described as the change was first made (from the change log). */
export interface HistoryStep {
  /** In the order the change first touched them: deleting an agency and its lines is its lines' part, its barriers' part, then its own. */
  parts: StepPart[];
}

/** The answer to undo and redo: the undo state after it, and the step taken (null: there was nothing to undo or redo). */
export interface UndoResult extends HistoryState {
  step: HistoryStep | null;
}
