/** Shapes the store returns about the file itself, shared with the renderer through the API. */
export type ReadOnlyReason = 'requested' | 'file' | 'folder' | 'locked';

export interface WorkbookInfo {
  path: string;
  fileName: string;
  workbookId: string;
  instanceId: string;
  copiedFrom: string | null;
  revision: number;
  schemaVersion: number;
  readOnly: boolean;
  readOnlyReason: ReadOnlyReason | null;
  pilotName: string;
  author: string;
  /** 'full': the whole file was checked on open; 'partial': all but the spend lines (run verify). */
  integrity: 'full' | 'partial';
  /** Where the file was copied before it was migrated, if it was. */
  snapshot: string | null;
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
