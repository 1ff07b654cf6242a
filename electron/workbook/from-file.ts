/**
 * Every value read from a file is checked before it leaves the store — for the window, the report or
 * the command line — against the same zod schemas that check what is written (shared/schemas.ts). A
 * file made by the app always passes; one changed outside it (a value of the wrong kind, a choice the
 * app does not have, a number out of range) is refused in words that say which row and which field,
 * never cast into something that looks right.
 */
import type { z } from 'zod';
import { WorkbookError } from '../../shared/errors';
import { fromUid } from './db';

/** Field names as a person says them. */
const WORDS: Record<string, string> = {
  amountPence: 'amount', costPence: 'cost', cohortSize: 'cohort size', countYear: 'count year', displayUnits: 'units',
  leadBody: 'lead body', passedOn: 'passed on', agencyId: 'agency', themeId: 'theme', agencyIds: 'agencies',
  createdAt: 'time it was made', updatedAt: 'time it was changed', id: 'id', kind: 'revenue or capital', delivery: 'frontline or administration',
  purpose: 'prevention or reaction', source: 'how it was counted',
};
const words = (field: string) => WORDS[field] ?? field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/_/g, ' ');

/** A refusal of a value read from the file: `where` names the row ("agency 3", "the pilot's details"), `field` the field. */
export function changedOutside(where: string, field: string | null): WorkbookError {
  return new WorkbookError(
    'tampered',
    `This workbook was changed outside Total Place Workbook: ${where}${field ? ` has a ${words(field)} that` : ''} is not something the app saves, so it can't be shown. Nothing was changed. Ask the sender for the file again, or open your own last copy.`,
    { where, field },
  );
}

/** `value` checked against `schema`; a value the schema refuses is the file's fault, said in words. */
export function fromFile<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const field = r.error.issues[0]?.path[0];
  throw changedOutside(where, field === undefined ? null : String(field));
}

/**
 * A row id (16 bytes) as a UUID, or the raw value as it is when it is not one — so that the schema's
 * id check refuses it in words, rather than the conversion failing with a program error.
 */
export function uidOf(v: unknown): string | unknown {
  if (!(v instanceof Uint8Array) || v.length !== 16) return v;
  try {
    return fromUid(v);
  } catch {
    return `not an id (${v.length} bytes)`;
  }
}

/** A whole number of pence (or a count) from a sum: a number, and exact; null counts as 0. */
export function exactFromFile(n: unknown, where: string): number {
  if (n === null || n === undefined) return 0;
  const v = typeof n === 'bigint' ? Number(n) : n;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw changedOutside(where, null);
  if (!Number.isSafeInteger(v)) throw new WorkbookError('internal', `A total is beyond exact arithmetic (${where}). Nothing was changed. Please report this.`);
  return v;
}
