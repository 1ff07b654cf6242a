/**
 * The closed set of error codes. Services throw `WorkbookError`; the IPC layer sends
 * `{ code, message }`; the renderer turns a code into words with a next step.
 */
export const ERROR_CODES = [
  'validation', // the input is not acceptable; nothing was saved
  'not-found', // the row or file is not there
  'empty-file', // a zero-byte file
  'not-a-workbook', // not SQLite, or another application's SQLite file
  'too-new', // made by a newer version of the app
  'corrupt', // damaged or truncated
  'tampered', // changed outside the app: a part or a value the app never makes
  'locked', // open in another copy of the app
  'read-only', // opened read-only; edits refused
  'in-use', // the row is used elsewhere (a delete needs a decision)
  'io', // the disk said no
  'cancelled', // the user cancelled
  'no-workbook', // no workbook is open in this window
  'forbidden', // the caller may not do this
  'internal', // a bug
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Structured facts the UI may use (lock owner, the fields that failed, …). Plain JSON only. */
  detail?: Record<string, unknown>;
}

export class WorkbookError extends Error {
  readonly code: ErrorCode;
  readonly detail: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'WorkbookError';
    this.code = code;
    this.detail = detail;
  }
  toInfo(): ErrorInfo {
    return this.detail === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, detail: this.detail };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
