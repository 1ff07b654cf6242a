/**
 * One window's session: the workbook open in it (if any) and the file actions the renderer may ask
 * for. The renderer never names a path: files come from dialogs, recent files (by id), the sample,
 * and — from the main process only — the command line, file association and drops.
 * Never imports `electron`: the main process and the browser test harness both use it, with their
 * own dialogs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbookError, type ErrorInfo } from '../../shared/errors';
import { plainText } from '../../shared/text';
import type { Section } from '../../shared/methods';
import type { AppState } from '../../shared/types';
import { renderReport } from '../../shared/report/render';
import type { ReportOptions } from '../../shared/report/types';
import { reportData } from '../report/data';
import { withPdfInfo } from '../report/pdfInfo';
import { newId } from '../workbook/db';
import { createSampleWorkbook } from '../workbook/sample';
import { Workbook } from '../workbook/workbook';
import type { SettingsStore } from './settings';

export const FILE_EXTENSION = '.totalplace';

/** The file dialogs, answered by Electron's dialogs in the app and by the test in the browser harness. */
export interface Dialogs {
  chooseWorkbookToOpen(): Promise<string | null>;
  choosePdfPath(suggestedName: string): Promise<string | null>;
  chooseNewWorkbookPath(suggestedName: string): Promise<string | null>;
  chooseCopyPath(suggestedName: string): Promise<string | null>;
}

/** Printing: Chromium's PDF engine and the system print dialog (Electron's in the app; a Chromium in tests and the CLI). */
export interface Printer {
  pdf(html: string, pilotName: string): Promise<Buffer>;
  print(html: string, pilotName: string): Promise<void>;
  /** Show a file the app just wrote in the system's file manager. */
  reveal?(file: string): void;
}

export interface SessionHost {
  dialogs: Dialogs;
  printer: Printer;
  settings: SettingsStore;
  /** The app's data folder: snapshots before migration, the sample pilot. */
  dataDir: string;
  appVersion: string;
  platform: string;
  nativeBinding?: string;
  /** If another window has this file open, bring it forward and return true. */
  focusExisting?(file: string, from: Session): boolean;
  /** This window already has a workbook: open `file` in a new window and return true (or false to replace it here). */
  openInNewWindow?(file: string, from: Session): boolean;
  /** The workbook opened or closed: refresh the title, the window's state and the menus. */
  changed?(session: Session): void;
  /** What the window can do changed (selection, undo): refresh the menus only. */
  menuChanged?(session: Session): void;
}

export interface OpenMode {
  readOnly?: boolean;
  ignoreLock?: boolean;
  /** The user chose to finish undoing an unfinished save found beside the file (it opened read-only first). */
  recoverJournal?: boolean;
}

/** Everything the `app.*` methods of the contract need. */
export interface AppActions {
  state(): AppState;
  updateSettings(patch: { author?: string; displayUnits?: AppState['displayUnits'] }): AppState;
  newWorkbook(input: { pilotName: string }): Promise<AppState>;
  open(): Promise<AppState>;
  openRecent(id: string): AppState;
  openSample(): AppState;
  retryOpen(token: string, mode: 'read-only' | 'anyway'): AppState;
  recoverSave(): AppState;
  saveCopy(): Promise<{ fileName: string }>;
  close(): AppState;
  removeRecent(id: string): AppState;
  reportUi(ui: UiReport): null;
  reportPreview(options: ReportOptions): { html: string };
  exportPdf(options: ReportOptions): Promise<{ fileName: string }>;
  printReport(options: ReportOptions): Promise<null>;
}

/** What the window says about itself, so menus enable only what can act. */
export interface UiReport {
  section: Section | null;
  canDeleteRow: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

function cancelled(): WorkbookError {
  return new WorkbookError('cancelled', 'Cancelled.');
}

/**
 * A safe file name from a pilot's name: "Kent pilot" -> "Kent pilot.totalplace". No control or
 * bidirectional-override characters (a name from a file could otherwise make a save dialog suggest
 * "…fdp.exe" as "…exe.pdf"), nor any a file system refuses.
 */
export function suggestedFileName(pilotName: string, extension = FILE_EXTENSION): string {
  const base = plainText(pilotName).replace(/[<>:"/\\|?*]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'Pilot workbook';
  return `${base}${extension}`;
}

export function withExtension(file: string): string {
  return file.toLowerCase().endsWith(FILE_EXTENSION) ? file : `${file}${FILE_EXTENSION}`;
}

export class Session implements AppActions {
  private wb: Workbook | null = null;
  private notice: ErrorInfo | null = null;
  private readonly pending = new Map<string, string>();
  ui: UiReport = { section: null, canDeleteRow: false, canUndo: false, canRedo: false };

  constructor(private readonly host: SessionHost) {}

  get current(): Workbook | null {
    return this.wb;
  }

  /** For the registry: the workbook in this window, or a clear error. */
  workbook(): Workbook {
    if (!this.wb || this.wb.isClosed) throw new WorkbookError('no-workbook', 'No workbook is open in this window. Open one from the start screen, or create a new one.');
    return this.wb;
  }

  app(): AppActions {
    return this;
  }

  private author(): string {
    return this.host.settings.get().author ?? os.userInfo().username;
  }

  state(): AppState {
    const s = this.host.settings.get();
    const notice = this.notice;
    this.notice = null;
    return {
      version: this.host.appVersion,
      platform: this.host.platform,
      author: s.author,
      displayUnits: s.displayUnits,
      // Names from files (and their paths) as plain text: the start screen shows them as they are.
      recent: s.recent.map((r) => ({ id: r.id, fileName: plainText(path.basename(r.path)), folder: plainText(path.dirname(r.path)), pilotName: plainText(r.pilotName), openedAt: r.openedAt, missing: !fs.existsSync(r.path) })),
      workbook: this.wb && !this.wb.isClosed ? this.wb.info() : null,
      // A notice can quote a file's name: plain text, line breaks kept.
      notice: notice && { ...notice, message: plainText(notice.message, { newlines: true }) },
    };
  }

  updateSettings(patch: { author?: string; displayUnits?: AppState['displayUnits'] }): AppState {
    this.host.settings.update(patch);
    return this.state();
  }

  /**
   * Open a file named by the main process (a dialog, the command line, a drop, a recent file).
   * Errors are thrown for the caller; `openFromOutside` keeps them as a notice instead.
   */
  openFile(file: string, mode: OpenMode = {}): AppState {
    const resolved = path.resolve(file);
    if (this.wb && !this.wb.isClosed && path.resolve(this.wb.path) === resolved) return this.state();
    if (this.host.focusExisting?.(resolved, this)) return this.state();
    if (this.wb && this.host.openInNewWindow?.(resolved, this)) return this.state();
    let wb: Workbook;
    try {
      wb = Workbook.open(resolved, {
        author: this.author(),
        snapshotDir: path.join(this.host.dataDir, 'snapshots'),
        ...(mode.readOnly ? { readOnly: true } : {}),
        ...(mode.ignoreLock ? { ignoreLock: true } : {}),
        ...(mode.recoverJournal ? { recoverJournal: true } : {}),
        ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}),
      });
    } catch (e) {
      if (e instanceof WorkbookError && e.code === 'locked' && !e.detail?.self) {
        const token = newId();
        this.pending.set(token, resolved);
        throw new WorkbookError(e.code, e.message, { ...e.detail, retryToken: token, fileName: path.basename(resolved) });
      }
      throw e;
    }
    this.replace(wb);
    return this.state();
  }

  /** Open a file the user did not pick in this window (command line, file association, drop): errors become a notice. */
  openFromOutside(file: string): void {
    try {
      this.openFile(file);
    } catch (e) {
      this.notice = e instanceof WorkbookError ? e.toInfo() : { code: 'internal', message: String(e) };
      this.host.changed?.(this);
    }
  }

  private replace(wb: Workbook): void {
    this.wb?.close();
    this.wb = wb;
    this.host.settings.addRecent(wb.path, wb.info().pilotName);
    this.host.changed?.(this);
  }

  async newWorkbook(input: { pilotName: string }): Promise<AppState> {
    const name = input.pilotName.trim();
    if (!name) throw new WorkbookError('validation', 'Give the pilot a name, for example "Kent pilot".');
    const chosen = await this.host.dialogs.chooseNewWorkbookPath(suggestedFileName(name));
    if (!chosen) throw cancelled();
    const file = withExtension(path.resolve(chosen));
    if (this.wb && path.resolve(this.wb.path) === file) {
      throw new WorkbookError('validation', `"${path.basename(file)}" is the workbook open in this window. Choose a different name for the new one.`);
    }
    const wb = Workbook.create(file, {
      author: this.author(),
      overwrite: true, // the save dialog has already asked before replacing a file
      pilot: { name, displayUnits: this.host.settings.get().displayUnits },
      ...(this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}),
    });
    if (this.wb && this.host.openInNewWindow) {
      wb.close();
      if (this.host.openInNewWindow(file, this)) return this.state();
      return this.openFile(file);
    }
    this.replace(wb);
    return this.state();
  }

  async open(): Promise<AppState> {
    const chosen = await this.host.dialogs.chooseWorkbookToOpen();
    if (!chosen) throw cancelled();
    return this.openFile(chosen);
  }

  openRecent(id: string): AppState {
    const entry = this.host.settings.recentById(id);
    if (!entry) throw new WorkbookError('not-found', 'That file is no longer in the recent list. Use Open… to find it.');
    return this.openFile(entry.path);
  }

  openSample(): AppState {
    const file = path.join(this.host.dataDir, `Sample pilot (illustrative)${FILE_EXTENSION}`);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(this.host.dataDir, { recursive: true });
      createSampleWorkbook(file, this.author(), this.host.nativeBinding ? { nativeBinding: this.host.nativeBinding } : {}).close();
    }
    return this.openFile(file);
  }

  retryOpen(token: string, mode: 'read-only' | 'anyway'): AppState {
    const file = this.pending.get(token);
    if (!file) throw new WorkbookError('not-found', 'That file is no longer waiting to be opened. Open it again.');
    this.pending.delete(token);
    return this.openFile(file, mode === 'read-only' ? { readOnly: true } : { ignoreLock: true });
  }

  /**
   * The workbook in this window opened read-only because an unfinished save was found beside it (a
   * "-journal" that came with the file, or one this computer did not leave). The user has chosen to open it
   * for editing: the save is undone in the file itself (it was already undone, and checked, in a private copy).
   */
  recoverSave(): AppState {
    const wb = this.workbook();
    const info = wb.info();
    if (info.readOnlyReason !== 'journal') {
      throw new WorkbookError('validation', 'This workbook has no unfinished save to recover. Nothing was changed.');
    }
    const file = wb.path;
    wb.close();
    this.wb = null;
    return this.openFile(file, { recoverJournal: true });
  }

  async saveCopy(): Promise<{ fileName: string }> {
    const wb = this.workbook();
    const chosen = await this.host.dialogs.chooseCopyPath(suggestedFileName(`${path.basename(wb.fileName, FILE_EXTENSION)} (copy)`));
    if (!chosen) throw cancelled();
    const file = withExtension(path.resolve(chosen));
    wb.saveCopy(file);
    return { fileName: path.basename(file) };
  }

  close(): AppState {
    this.wb?.close();
    this.wb = null;
    this.host.changed?.(this);
    return this.state();
  }

  /** What the submission prints: "Prepared by" is the app's author setting, if one was chosen (never the login name). */
  private reportData() {
    return reportData(this.workbook(), new Date(), this.host.settings.get().author);
  }

  /** The submission as HTML: the same renderer prints it and exports it. */
  reportPreview(options: ReportOptions): { html: string } {
    return { html: renderReport(this.reportData(), options) };
  }

  async exportPdf(options: ReportOptions): Promise<{ fileName: string }> {
    const wb = this.workbook();
    const data = this.reportData();
    const chosen = await this.host.dialogs.choosePdfPath(suggestedFileName(`${path.basename(wb.fileName, FILE_EXTENSION)} submission`, '.pdf'));
    if (!chosen) throw cancelled();
    const file = chosen.toLowerCase().endsWith('.pdf') ? path.resolve(chosen) : `${path.resolve(chosen)}.pdf`;
    const pdf = await withPdfInfo(await this.host.printer.pdf(renderReport(data, options), data.pilot.name), { pilotName: data.pilot.name, author: data.author, appVersion: this.host.appVersion });
    try {
      fs.writeFileSync(file, pdf);
    } catch (e) {
      throw new WorkbookError('io', `The PDF could not be saved to "${path.basename(file)}" (${(e as NodeJS.ErrnoException).code ?? 'error'}). Choose another folder, or close the file if it is open in another program.`);
    }
    this.host.printer.reveal?.(file);
    return { fileName: path.basename(file) };
  }

  async printReport(options: ReportOptions): Promise<null> {
    const data = this.reportData();
    await this.host.printer.print(renderReport(data, options), data.pilot.name);
    return null;
  }

  reportUi(ui: UiReport): null {
    this.ui = ui;
    this.host.menuChanged?.(this);
    return null;
  }

  removeRecent(id: string): AppState {
    this.host.settings.removeRecent(id);
    return this.state();
  }

  /** The window is closing: close the workbook (its owner record goes with it). */
  dispose(): void {
    this.wb?.close();
    this.wb = null;
  }
}
