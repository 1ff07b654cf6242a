/**
 * The handler registry: one handler for every method of the shared contract (the `Handlers` type
 * makes a missing one a compile error), every input validated, every answer enveloped as
 * `{ ok: true, value }` or `{ ok: false, error: { code, message } }` — because a thrown error loses
 * all but its message across Electron's IPC. Never imports `electron`: the main process and the
 * browser test harness both call `dispatch`.
 */
import { CONTRACT, isMethod, type Method, type Outputs, type ParsedInput } from '../../shared/api';
import { WorkbookError, type Result } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validate';
import type { AppActions } from '../services/session';
import type { Workbook } from '../workbook/workbook';

export interface HandlerContext {
  /** The workbook open in the calling window; throws `no-workbook` when there is none. */
  workbook(): Workbook;
  /** The calling window's file actions (dialogs, recent files, settings). */
  app(): AppActions;
}

export type Handlers = { [M in Method]: (ctx: HandlerContext, input: ParsedInput<M>) => Outputs[M] | Promise<Outputs[M]> };

export const handlers: Handlers = {
  'workbook.info': (c) => c.workbook().info(),
  'workbook.verify': (c) => c.workbook().verify(),
  'workbook.history': (c, i) => c.workbook().history(i.limit),
  'workbook.repairTotals': (c) => c.workbook().repairTotals(),
  'pilot.get': (c) => c.workbook().pilot.get(),
  'pilot.update': (c, i) => c.workbook().pilot.update(i),
  'agency.list': (c) => c.workbook().agencies.list(),
  'agency.create': (c, i) => c.workbook().agencies.create(i.rows),
  'agency.update': (c, i) => c.workbook().agencies.update(i.patches),
  'agency.usage': (c, i) => c.workbook().agencies.usage(i.id),
  'agency.delete': (c, i) => c.workbook().agencies.delete(i),
  'theme.list': (c) => c.workbook().themes.list(),
  'theme.create': (c, i) => c.workbook().themes.create(i.rows),
  'theme.update': (c, i) => c.workbook().themes.update(i.patches),
  'theme.usage': (c, i) => c.workbook().themes.usage(i.id),
  'theme.delete': (c, i) => c.workbook().themes.delete(i),
  'spend.page': (c, i) => c.workbook().spend.page(i),
  'spend.get': (c, i) => c.workbook().spend.get(i.id),
  'spend.create': (c, i) => c.workbook().spend.create(i.rows),
  'spend.update': (c, i) => c.workbook().spend.update(i.patches),
  'spend.delete': (c, i) => c.workbook().spend.delete(i),
  'barrier.list': (c) => c.workbook().barriers.list(),
  'barrier.create': (c, i) => c.workbook().barriers.create(i.rows),
  'barrier.update': (c, i) => c.workbook().barriers.update(i.patches),
  'barrier.delete': (c, i) => c.workbook().barriers.delete(i),
  'agency.batch': (c, i) => afterWrite(c.workbook(), c.workbook().agencies.batch(i)),
  'theme.batch': (c, i) => afterWrite(c.workbook(), c.workbook().themes.batch(i)),
  'spend.batch': (c, i) => afterWrite(c.workbook(), c.workbook().spend.batch(i)),
  'barrier.batch': (c, i) => afterWrite(c.workbook(), c.workbook().barriers.batch(i)),
  'history.state': (c) => c.workbook().historyState(),
  'history.undo': (c) => c.workbook().undo(),
  'history.redo': (c) => c.workbook().redo(),
  'totals.get': (c) => c.workbook().totals(),
  'app.state': (c) => c.app().state(),
  'settings.update': (c, i) => c.app().updateSettings(i),
  'app.newWorkbook': (c, i) => c.app().newWorkbook(i),
  'app.open': (c) => c.app().open(),
  'app.openRecent': (c, i) => c.app().openRecent(i.id),
  'app.openSample': (c) => c.app().openSample(),
  'app.retryOpen': (c, i) => c.app().retryOpen(i.token, i.mode),
  'app.recoverSave': (c) => c.app().recoverSave(),
  'app.saveCopy': (c) => c.app().saveCopy(),
  'app.close': (c) => c.app().close(),
  'app.removeRecent': (c, i) => c.app().removeRecent(i.id),
  'app.reportUi': (c, i) => c.app().reportUi(i),
  'report.preview': (c, i) => c.app().reportPreview(i.options),
  'report.exportPdf': (c, i) => c.app().exportPdf(i.options),
  'report.print': (c, i) => c.app().printReport(i.options),
};

/** A batch's rows with the workbook's totals and undo state after it. */
function afterWrite<R>(wb: Workbook, rows: { created: R[]; updated: R[] }) {
  return { ...rows, totals: wb.totals(), history: wb.historyState() };
}

/** Log hook for errors that are bugs rather than a user's mistake (the app writes them to its log). */
export type InternalErrorSink = (method: string, error: unknown) => void;

/** Call a method by name with an untrusted input; never throws. */
export async function dispatch(method: unknown, input: unknown, ctx: HandlerContext, onInternal?: InternalErrorSink): Promise<Result<unknown>> {
  try {
    if (!isMethod(method)) throw new WorkbookError('forbidden', 'The app asked for something it may not do. Please report this.');
    const parsed = parseOrThrow(CONTRACT[method], input ?? {}, 'That request', 'request');
    const handler = handlers[method] as (ctx: HandlerContext, input: unknown) => unknown;
    return { ok: true, value: await handler(ctx, parsed) };
  } catch (e) {
    if (e instanceof WorkbookError) return { ok: false, error: e.toInfo() };
    onInternal?.(String(method), e);
    // The raw message stays in the log: it may carry a file's own words (a trigger's text) or SQLite's.
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Total Place Workbook. Nothing was lost: every earlier change is saved. If it happens again, note what you were doing and report it.' } };
  }
}

/** A context over one workbook and no file actions (for the CLI and tests of the data methods). */
export function contextFor(get: () => Workbook | null): HandlerContext {
  return {
    workbook() {
      const wb = get();
      if (!wb || wb.isClosed) throw new WorkbookError('no-workbook', 'No workbook is open in this window. Open one from the start screen, or create a new one.');
      return wb;
    },
    app() {
      throw new WorkbookError('forbidden', 'File actions are not available here.');
    },
  };
}
