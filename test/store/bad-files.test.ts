/**
 * Bad files get a clear error that says what to do, and their bytes are never changed
 * (hash before and after, and nothing left beside them).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkbookError, type ErrorCode } from '../../shared/errors';
import { mapError } from '../../electron/workbook/db';
import { lockPath } from '../../electron/workbook/lock';
import { Workbook } from '../../electron/workbook/workbook';
import { sha256, startChild, tempDir } from '../helpers';

function workbookWithLines(dir: string, lines = 300): string {
  const file = path.join(dir, 'good.totalplace');
  const wb = Workbook.create(file, { author: 'J. Smith', pilot: { name: 'Durham pilot' } });
  const [a] = wb.agencies.create([{ name: 'Durham County Council' }]);
  wb.spend.create(Array.from({ length: lines }, (_, i) => ({ agencyId: a!.id, description: `Service line number ${i} with some words`, amountPence: 1000 + i })));
  wb.close();
  return file;
}

function refuse(file: string, code: ErrorCode, words: RegExp): WorkbookError {
  const before = sha256(file);
  const dirBefore = fs.readdirSync(path.dirname(file)).sort();
  let error: unknown;
  try {
    Workbook.open(file, { author: 'J. Smith' }).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WorkbookError);
  const err = error as WorkbookError;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(words);
  expect(err.message).toMatch(/Nothing was changed|open|Install|Ask/);
  expect(sha256(file), 'the file is unchanged').toBe(before);
  expect(fs.readdirSync(path.dirname(file)).sort(), 'nothing is left beside it').toEqual(dirBefore);
  return err;
}

describe('files that are not good workbooks', () => {
  it('an empty file', () => {
    const file = path.join(tempDir(), 'empty.totalplace');
    fs.writeFileSync(file, '');
    refuse(file, 'empty-file', /is empty \(0 bytes\).*attach it again/);
  });

  it('a file that is not SQLite at all', () => {
    const file = path.join(tempDir(), 'spend.totalplace');
    fs.writeFileSync(file, 'Agency,Amount\r\nKent County Council,"£1,234.56"\r\n'.repeat(20));
    refuse(file, 'not-a-workbook', /not a database file at all/);
  });

  it("another application's SQLite file", () => {
    const file = path.join(tempDir(), 'budget.totalplace');
    const db = new Database(file);
    db.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO accounts (name) VALUES (\'Current\')');
    db.close();
    refuse(file, 'not-a-workbook', /made by another program/);
  });

  it('a file cut short (truncated by an email gateway)', () => {
    const file = workbookWithLines(tempDir());
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    refuse(file, 'corrupt', /damaged: it is shorter than it should be/);
  });

  it('a file damaged in the middle', () => {
    const file = workbookWithLines(tempDir());
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over a page holding spend lines (well past the schema and small tables).
    const page = Math.floor(bytes.length / pageSize) - 3;
    bytes.fill(0x5a, page * pageSize, page * pageSize + pageSize);
    fs.writeFileSync(file, bytes);
    refuse(file, 'corrupt', /damaged/);
  });

  it('a file from a newer version', () => {
    const file = workbookWithLines(tempDir(), 3);
    const db = new Database(file);
    db.pragma('user_version = 3');
    db.close();
    const err = refuse(file, 'too-new', /made by a newer version of Total Place Workbook \(file format 3; this version reads up to 2\)\. Install the newer version/);
    expect(err.detail).toEqual({ fileVersion: 3, supportedVersion: 2 });
  });

  it('a file that does not exist', () => {
    expect(() => Workbook.open(path.join(tempDir(), 'gone.totalplace'), { author: 'x' })).toThrow(/can't be found/);
  });
});

describe('a read-only file', () => {
  it('opens read-only, says so, refuses edits with a clear message, and is not changed', () => {
    const file = workbookWithLines(tempDir(), 5);
    fs.chmodSync(file, 0o444);
    const before = sha256(file);
    const wb = Workbook.open(file, { author: 'J. Smith' });
    expect(wb.info()).toMatchObject({ readOnly: true, readOnlyReason: 'file' });
    expect(wb.totals().lineCount).toBe(5);
    expect(() => wb.agencies.create([{ name: 'New' }])).toThrow(/read-only.*Save a copy/);
    expect(fs.existsSync(lockPath(file))).toBe(false);
    wb.close();
    expect(sha256(file)).toBe(before);
  });

  it('opens read-only on request, even when it could be written', () => {
    const file = workbookWithLines(tempDir(), 5);
    const before = sha256(file);
    const wb = Workbook.open(file, { author: 'J. Smith', readOnly: true });
    expect(wb.info().readOnlyReason).toBe('requested');
    expect(() => wb.pilot.update({ name: 'x' })).toThrow(WorkbookError);
    wb.close();
    expect(sha256(file)).toBe(before);
  });
});

describe('a file open in another copy of the app', () => {
  it('is seen from a second process: who, on which computer, since when', async () => {
    const file = workbookWithLines(tempDir(), 5);
    const holder = startChild(['hold', file]);
    await holder.waitFor('opened');
    let err: WorkbookError | undefined;
    try {
      Workbook.open(file, { author: 'J. Smith' });
    } catch (e) {
      err = e as WorkbookError;
    }
    expect(err?.code).toBe('locked');
    expect(err?.message).toMatch(new RegExp(`already open for editing by Second Process on ${os.hostname()} since \\d+ \\w+ \\d{4}`));
    expect(err?.detail).toMatchObject({ owner: { author: 'Second Process', host: os.hostname(), pid: holder.child.pid } });

    // They can still look at it read-only.
    const ro = Workbook.open(file, { author: 'J. Smith', readOnly: true });
    expect(ro.totals().lineCount).toBe(5);
    ro.close();

    holder.child.stdin!.write('close\n');
    await holder.waitFor('closed');
    await holder.exited;
    const wb = Workbook.open(file, { author: 'J. Smith' });
    expect(wb.readOnly).toBe(false);
    wb.close();
  });

  it('recognises a record left by a crash on this computer and opens normally', () => {
    const file = workbookWithLines(tempDir(), 5);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(lockPath(file), JSON.stringify({ author: 'Crashed', host: os.hostname(), pid: Number(dead.stdout), since: new Date().toISOString(), app: 'Total Place Workbook' }));
    const wb = Workbook.open(file, { author: 'J. Smith' });
    expect(wb.readOnly).toBe(false);
    expect(JSON.parse(fs.readFileSync(lockPath(file), 'utf8'))).toMatchObject({ author: 'J. Smith', pid: process.pid });
    wb.close();
    expect(fs.existsSync(lockPath(file))).toBe(false);
  });

  it('names a colleague on another computer, and opens anyway when asked', () => {
    const file = workbookWithLines(tempDir(), 5);
    fs.writeFileSync(lockPath(file), JSON.stringify({ author: 'Priya Shah', host: 'KCC-LAPTOP-042', pid: 4242, since: '2026-11-23T09:30:00.000Z', app: 'Total Place Workbook' }));
    expect(() => Workbook.open(file, { author: 'J. Smith' })).toThrow(/already open for editing by Priya Shah on KCC-LAPTOP-042 since 23 November 2026/);
    const wb = Workbook.open(file, { author: 'J. Smith', ignoreLock: true });
    expect(wb.readOnly).toBe(false);
    wb.close();
  });
});

describe('the disk saying no', () => {
  it.each([
    ['EACCES', /don't have permission to change that folder\. Choose a folder of your own/],
    ['EROFS', /don't have permission/],
    ['ENOSPC', /no space left on the disk.*Your earlier changes are safe/],
    ['ENOENT', /folder .* is not there any more/],
  ])('%s becomes a file error in words, not an internal one', (code, words) => {
    const e = Object.assign(new Error(`${code}: operation failed`), { code });
    const mapped = mapError(e, 'kent.totalplace');
    expect(mapped.code).toBe('io');
    expect(mapped.message).toMatch(words);
  });
});
