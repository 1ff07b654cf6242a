/**
 * The one place that turns an error code into words for a pilot lead: a short title, the message
 * from the main process (which says what happened to which file), and what to do next.
 */
import type { ErrorCode, ErrorInfo } from '../../shared/errors';
import { ApiError } from './bridge';

const TITLES: Record<ErrorCode, string> = {
  validation: 'That was not saved',
  'not-found': 'Not found',
  'empty-file': 'This file is empty',
  'not-a-workbook': 'This is not a Total Place workbook',
  'too-new': 'This file needs a newer version',
  corrupt: 'This file is damaged',
  tampered: 'This file was changed outside Total Place Workbook',
  locked: 'Someone else has this file open',
  'read-only': 'This workbook is read-only',
  'in-use': 'This is still in use',
  io: 'The file could not be saved or read',
  cancelled: 'Cancelled',
  'no-workbook': 'No workbook is open',
  forbidden: 'Not allowed',
  internal: 'Something went wrong',
};

/** What to do next, when the message itself does not already say. */
const NEXT: Partial<Record<ErrorCode, string>> = {
  internal: 'Your earlier changes are saved. If it happens again, note what you were doing and report it.',
  forbidden: 'Close the window and open the workbook again.',
};

export interface Explained {
  code: ErrorCode;
  title: string;
  message: string;
  next: string | null;
  detail: Record<string, unknown> | undefined;
}

export function explain(error: unknown): Explained {
  const info: ErrorInfo = error instanceof ApiError ? error.info : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
  const code = (info.code in TITLES ? info.code : 'internal') as ErrorCode;
  return { code, title: TITLES[code], message: info.message, next: NEXT[code] ?? null, detail: info.detail };
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'cancelled';
}
