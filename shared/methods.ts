/**
 * The names of every API method, as a plain list: the preload builds the bridge from it without
 * pulling in the schemas. `shared/api.ts` checks at compile time that its contract has exactly
 * these methods.
 */
export const METHOD_NAMES = [
  'workbook.info', 'workbook.verify', 'workbook.history', 'workbook.repairTotals',
  'pilot.get', 'pilot.update',
  'agency.list', 'agency.create', 'agency.update', 'agency.usage', 'agency.delete',
  'theme.list', 'theme.create', 'theme.update', 'theme.usage', 'theme.delete',
  'spend.page', 'spend.get', 'spend.create', 'spend.update', 'spend.delete',
  'barrier.list', 'barrier.create', 'barrier.update', 'barrier.delete',
  'agency.batch', 'theme.batch', 'spend.batch', 'barrier.batch',
  'history.state', 'history.undo', 'history.redo',
  'totals.get',
  'app.state', 'settings.update', 'app.newWorkbook', 'app.open', 'app.openRecent', 'app.openSample', 'app.retryOpen', 'app.recoverSave',
  'app.saveCopy', 'app.close', 'app.removeRecent', 'app.reportUi',
  'report.preview', 'report.exportPdf', 'report.print',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** The IPC channel of a method: one per method, never a generic channel. */
export function channelOf(method: MethodName): string {
  return `totalplace:${method}`;
}

/** Events the main process sends to a window. */
export const EVENT_CHANNELS = {
  command: 'totalplace:event:command',
  stateChanged: 'totalplace:event:state-changed',
} as const;

/** The channel the preload uses to hand over files dropped on the window (paths from the OS, never from page script). */
export const DROP_CHANNEL = 'totalplace:drop';

/** The sections of a workbook window. */
export const SECTIONS = ['pilot', 'agencies', 'spend', 'themes', 'barriers'] as const;
export type Section = (typeof SECTIONS)[number];

/** Commands the menus send to the window; the renderer carries them out with the same API as its buttons. */
export const COMMANDS = [
  'new', 'open', 'openSample', 'saveCopy', 'print', 'exportPdf', 'close', 'undo', 'redo', 'deleteRow', 'find',
  'view:pilot', 'view:agencies', 'view:spend', 'view:themes', 'view:barriers', 'view:panel', 'about', 'guide',
] as const;
export type Command = (typeof COMMANDS)[number] | `openRecent:${string}`;
