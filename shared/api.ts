/**
 * The API contract between the renderer and the main process, declared once. The preload builds
 * `window.totalPlace` from `METHODS` (one IPC channel per method); the main process registers a
 * handler for every method (the compiler checks none is missing) and validates every input with
 * these schemas; tests drive the same handlers over a second transport.
 */
import { z } from 'zod';
import type { Result } from './errors';
import { METHOD_NAMES, SECTIONS, channelOf, type MethodName } from './methods';
import {
  AgencyBatch, BarrierBatch, SpendBatch, ThemeBatch,
  AgencyCreate, AgencyPatch, BarrierCreate, BarrierPatch, DeleteAgencies, DeleteRows, DeleteThemes, Id, PilotPatch, SpendCreate,
  SpendPatch, SpendQuery, ThemeCreate, ThemePatch,
  type Agency, type Barrier, type Pilot, type SpendLine, type SpendPage, type Theme,
} from './schemas';
import type { Totals } from './totals';
import { REPORT_SECTIONS, type ReportSection } from './report/types';
import type { AppState, ChangeEntry, CheckReport, HistoryState, UndoResult, WorkbookInfo } from './types';

const ReportOptionsSchema = z.object({
  units: z.enum(['pounds', 'thousands', 'millions']),
  sections: z.array(z.enum(REPORT_SECTIONS.map((s) => s.key) as [ReportSection, ...ReportSection[]])).min(1, { error: 'Choose at least one section to print' }),
  wideTables: z.enum(['landscape', 'portrait']),
}).strict();

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const none = z.object({}).strict();
const rows = <S extends z.ZodType>(s: S, max: number) => z.object({ rows: z.array(s).min(1).max(max) }).strict();
const patches = <S extends z.ZodType>(s: S, max: number) => z.object({ patches: z.array(s).min(1).max(max) }).strict();
const byId = z.object({ id: Id }).strict();

export const CONTRACT = {
  'workbook.info': none,
  'workbook.verify': none,
  'workbook.history': z.object({ limit: z.int().min(1).max(1000).default(100) }).strict(),
  'workbook.repairTotals': none,
  'pilot.get': none,
  'pilot.update': PilotPatch.strict(),
  'agency.list': none,
  'agency.create': rows(AgencyCreate, 10_000),
  'agency.update': patches(AgencyPatch, 10_000),
  'agency.usage': byId,
  'agency.delete': DeleteAgencies.strict(),
  'theme.list': none,
  'theme.create': rows(ThemeCreate, 10_000),
  'theme.update': patches(ThemePatch, 10_000),
  'theme.usage': byId,
  'theme.delete': DeleteThemes.strict(),
  'spend.page': SpendQuery,
  'spend.get': byId,
  'spend.create': rows(SpendCreate, 100_000),
  'spend.update': patches(SpendPatch, 100_000),
  'spend.delete': DeleteRows.strict(),
  'barrier.list': none,
  'barrier.create': rows(BarrierCreate, 10_000),
  'barrier.update': patches(BarrierPatch, 10_000),
  'barrier.delete': DeleteRows.strict(),
  'agency.batch': AgencyBatch,
  'theme.batch': ThemeBatch,
  'spend.batch': SpendBatch,
  'barrier.batch': BarrierBatch,
  'history.state': none,
  'history.undo': none,
  'history.redo': none,
  'totals.get': none,
  'app.state': none,
  'settings.update': z.object({ author: z.string().trim().min(1, { error: 'Enter your name' }).max(100).optional(), displayUnits: z.enum(['pounds', 'thousands', 'millions']).optional() }).strict(),
  'app.newWorkbook': z.object({ pilotName: z.string().trim().min(1, { error: 'Give the pilot a name' }).max(200) }).strict(),
  'app.open': none,
  'app.openRecent': byId,
  'app.openSample': none,
  'app.retryOpen': z.object({ token: Id, mode: z.enum(['read-only', 'anyway']) }).strict(),
  'app.recoverSave': none,
  'app.saveCopy': none,
  'app.close': none,
  'app.removeRecent': byId,
  'report.preview': z.object({ options: ReportOptionsSchema }).strict(),
  'report.exportPdf': z.object({ options: ReportOptionsSchema }).strict(),
  'report.print': z.object({ options: ReportOptionsSchema }).strict(),
  'app.reportUi': z.object({ section: z.enum(SECTIONS).nullable(), canDeleteRow: z.boolean(), canUndo: z.boolean(), canRedo: z.boolean() }).strict(),
} as const satisfies Record<MethodName, z.ZodType>;

export type Method = keyof typeof CONTRACT;
// The contract has exactly the methods of the plain list the preload uses.
export const METHODS_MATCH: Exact<Method, MethodName> = true;

/**
 * A batch write answers with the rows it made and changed, and the workbook's totals and undo state
 * after it — so a grid edit needs one round trip to the main process, not three.
 */
export interface BatchResult<R> {
  created: R[];
  updated: R[];
  totals: Totals;
  history: HistoryState;
}

/** What each method answers with. */
export interface Outputs {
  'workbook.info': WorkbookInfo;
  'workbook.verify': CheckReport;
  'workbook.history': ChangeEntry[];
  /** Rebuild kept totals that disagree with the spend lines (`totalsStatus: 'disagree'`): a write, asked for; the file's state after it. */
  'workbook.repairTotals': WorkbookInfo;
  'pilot.get': Pilot;
  'pilot.update': Pilot;
  'agency.list': Agency[];
  'agency.create': Agency[];
  'agency.update': Agency[];
  'agency.usage': { spendLines: number; pence: number; barriers: number };
  'agency.delete': { deleted: number; moved: number; linesDeleted: number };
  'theme.list': Theme[];
  'theme.create': Theme[];
  'theme.update': Theme[];
  'theme.usage': { spendLines: number; barriers: number };
  'theme.delete': { deleted: number; moved: number };
  'spend.page': SpendPage;
  'spend.get': SpendLine;
  'spend.create': SpendLine[];
  'spend.update': SpendLine[];
  'spend.delete': { deleted: number };
  'barrier.list': Barrier[];
  'barrier.create': Barrier[];
  'barrier.update': Barrier[];
  'barrier.delete': { deleted: number };
  'agency.batch': BatchResult<Agency>;
  'theme.batch': BatchResult<Theme>;
  'spend.batch': BatchResult<SpendLine>;
  'barrier.batch': BatchResult<Barrier>;
  'history.state': HistoryState;
  'history.undo': UndoResult;
  'history.redo': UndoResult;
  'totals.get': Totals;
  'app.state': AppState;
  'settings.update': AppState;
  'app.newWorkbook': AppState;
  'app.open': AppState;
  'app.openRecent': AppState;
  'app.openSample': AppState;
  'app.retryOpen': AppState;
  /** The open workbook was read-only because of an unfinished save beside it: finish undoing that save in the file, and open it for editing. */
  'app.recoverSave': AppState;
  'app.saveCopy': { fileName: string };
  'app.close': AppState;
  'app.removeRecent': AppState;
  'app.reportUi': null;
  'report.preview': { html: string };
  'report.exportPdf': { fileName: string };
  'report.print': null;
}

// Every method has an output type, and every output type a method (checked by the compiler).
export const CONTRACT_COMPLETE: Exact<Method, keyof Outputs> = true;

/** The runtime list of methods, for the preload and the registry. */
export const METHODS: readonly Method[] = METHOD_NAMES;

export type Input<M extends Method> = z.input<(typeof CONTRACT)[M]>;
export type ParsedInput<M extends Method> = z.output<(typeof CONTRACT)[M]>;

/** What the renderer sees: one async function per method, answering with a result envelope. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Result<Outputs[M]>> };

export { channelOf };

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(CONTRACT, name);
}
