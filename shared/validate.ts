/** Validation with words: a zod failure becomes a `validation` error that names each field and why. */
import type { z } from 'zod';
import { WorkbookError } from './errors';

export interface FieldProblem {
  /** Where the problem is, e.g. "rows.2.amountPence". */
  path: string;
  message: string;
}

/**
 * `act` says what was refused: a change ('save': "… was not saved"), a read ('read': "… was not
 * understood, so nothing was read"), or a request that may be either ('request': "… was refused").
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'That', act: 'save' | 'read' | 'request' = 'save'): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems: FieldProblem[] = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = problems[0];
  const where = r.error.issues[0]?.path.filter((p) => typeof p === 'number').map((n) => `row ${Number(n) + 1}`).join(', ');
  const refused = { save: 'was not saved', read: 'was not understood, so nothing was read', request: 'was refused' }[act];
  const message = first
    ? `${what} ${refused}: ${first.message}${where ? ` (${where})` : ''}${problems.length > 1 ? `, and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}` : ''}. Correct it and try again.`
    : `${what} ${refused}: it is not valid. Correct it and try again.`;
  return (() => {
    throw new WorkbookError('validation', message, { problems });
  })();
}
