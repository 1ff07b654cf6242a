/**
 * Looks at a file before SQLite does, reading its 100-byte header with plain file I/O, so that an
 * empty file, a file that is not a database, another application's database, a file from a newer
 * version, or a file cut short by an email gateway is refused with a clear word — and never written to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbookError } from '../../shared/errors';
import { APPLICATION_ID, SCHEMA_VERSION } from './schema';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface HeaderFacts {
  size: number;
  pageSize: number;
  pageCount: number;
  userVersion: number;
  applicationId: number;
  /** 1 = rollback journal, 2 = WAL */
  writeVersion: number;
}

export function readHeader(file: string): HeaderFacts {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookError('not-found', `"${name}" can't be found. It may have been moved, renamed or deleted: check the name and folder, then open it again.`);
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbookError('io', `You do not have permission to read "${name}". Ask whoever manages the folder for access, or copy the file somewhere you can read it.`);
    throw new WorkbookError('io', `"${name}" could not be read (${code ?? 'unknown error'}). Check the drive is connected and try again.`);
  }
  if (stat.isDirectory()) throw new WorkbookError('not-a-workbook', `"${name}" is a folder, not a workbook file. Choose a .totalplace file.`);
  if (stat.size === 0) {
    throw new WorkbookError('empty-file', `"${name}" is empty (0 bytes), so there is nothing to open. If it came by email, ask the sender to attach it again. Nothing was changed.`);
  }
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || !head.subarray(0, 16).equals(MAGIC)) {
    throw new WorkbookError('not-a-workbook', `"${name}" is not a Total Place workbook: it is not a database file at all (perhaps a spreadsheet or a document with the wrong name). Open a .totalplace file, or import a spreadsheet instead. Nothing was changed.`);
  }
  const rawPageSize = head.readUInt16BE(16);
  const facts: HeaderFacts = {
    size: stat.size,
    pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
    pageCount: head.readUInt32BE(28),
    userVersion: head.readUInt32BE(60),
    applicationId: head.readUInt32BE(68),
    writeVersion: head.readUInt8(18),
  };
  if (facts.applicationId !== APPLICATION_ID) {
    throw new WorkbookError('not-a-workbook', `"${name}" is a database made by another program, not a Total Place workbook. Open a .totalplace file made by Total Place Workbook. Nothing was changed.`);
  }
  if (facts.userVersion > SCHEMA_VERSION) {
    throw new WorkbookError('too-new', `"${name}" was made by a newer version of Total Place Workbook (file format ${facts.userVersion}; this version reads up to ${SCHEMA_VERSION}). Install the newer version to open it. Nothing was changed.`, { fileVersion: facts.userVersion, supportedVersion: SCHEMA_VERSION });
  }
  if (facts.userVersion < 1) throw corrupt(name, 'it has no file format version');
  // The page count in the header is valid when the "version-valid-for" number matches the change counter.
  const countValid = head.readUInt32BE(92) === head.readUInt32BE(24) && facts.pageCount > 0;
  if (countValid && stat.size < facts.pageSize * facts.pageCount) {
    throw corrupt(name, `it is shorter than it should be (${stat.size.toLocaleString('en-GB')} of ${(facts.pageSize * facts.pageCount).toLocaleString('en-GB')} bytes), so it was probably cut off while being copied or emailed`);
  }
  return facts;
}

export function corrupt(name: string, why: string): WorkbookError {
  return new WorkbookError('corrupt', `"${name}" is damaged: ${why}. Ask the sender for the file again, or open your own last copy. Nothing was changed.`);
}
