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
  /** The file change counter: SQLite increases it with every write committed to the file. */
  changeCounter: number;
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
  // A pipe or a device would never end (or never start): only a plain file is read.
  if (!stat.isFile()) throw new WorkbookError('not-a-workbook', `"${name}" is not a file (it is a device, a pipe or a socket), so it can't be a workbook. Choose a .totalplace file. Nothing was changed.`);
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
    throw new WorkbookError('not-a-workbook', `"${name}" is not a Total Place workbook: it is not a database file at all (perhaps a spreadsheet or a document with the wrong name). Open a .totalplace file made by Total Place Workbook, or make a new workbook. Nothing was changed.`);
  }
  const rawPageSize = head.readUInt16BE(16);
  const facts: HeaderFacts = {
    size: stat.size,
    pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
    pageCount: head.readUInt32BE(28),
    userVersion: head.readUInt32BE(60),
    applicationId: head.readUInt32BE(68),
    writeVersion: head.readUInt8(18),
    changeCounter: head.readUInt32BE(24),
  };
  if (facts.applicationId !== APPLICATION_ID) {
    throw new WorkbookError('not-a-workbook', `"${name}" is a database made by another program, not a Total Place workbook. Open a .totalplace file made by Total Place Workbook. Nothing was changed.`);
  }
  if (facts.userVersion > SCHEMA_VERSION) {
    throw new WorkbookError('too-new', `"${name}" was made by a newer version of Total Place Workbook (file format ${facts.userVersion}; this version reads up to ${SCHEMA_VERSION}). Install the newer version to open it. Nothing was changed.`, { fileVersion: facts.userVersion, supportedVersion: SCHEMA_VERSION });
  }
  if (facts.userVersion < 1) throw corrupt(name, 'it has no file format version');
  // Our files keep a rollback journal only while writing; a file set to write-ahead logging would make
  // SQLite create and read sidecar files beside it, and replay changes kept in one.
  if (head.readUInt8(18) !== 1 || head.readUInt8(19) !== 1) {
    throw new WorkbookError('tampered', `"${name}" was changed outside Total Place Workbook: it is set to keep its changes in a separate file (write-ahead logging), which the app never does. It was not opened and nothing was changed. Ask the sender for the file again, or open your own last copy.`);
  }
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

/** The journal magic: the first 8 bytes of a rollback journal, and the mark of a super-journal name at its end. */
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

export interface JournalFacts {
  path: string;
  size: number;
}

/**
 * A rollback journal beside a file (`<file>-journal`) is what SQLite plays back into the file the next
 * time it is opened, and it can name a "super-journal" — any file on the computer — which SQLite then
 * reads and deletes. Our files are never part of a multi-file transaction, so a journal that names one
 * is refused, as is one that is a link or not a plain file, one from a database with another page size,
 * or one that would grow the file when played back. Read with plain file I/O, before SQLite sees it.
 * Returns null when there is no journal.
 */
export function inspectJournal(file: string, header: HeaderFacts): JournalFacts | null {
  const name = path.basename(file);
  const journal = `${file}-journal`;
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(journal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new WorkbookError('io', `The file beside "${name}" that SQLite keeps during a save ("${name}-journal") could not be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}). Check the folder and try again. Nothing was changed.`);
  }
  const refuse = (why: string) => new WorkbookError('tampered', `"${name}" has a "-journal" file beside it that ${why}, which Total Place Workbook never leaves. The file was not opened and nothing was changed. Move "${name}" on its own to another folder and open it there, or ask the sender for the file again.`);
  if (stat.isSymbolicLink()) throw refuse('is a link to somewhere else');
  if (!stat.isFile()) throw refuse('is not a file');
  if (stat.size === 0) return { path: journal, size: 0 };
  const fd = fs.openSync(journal, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const head = Buffer.alloc(28);
    const got = fs.readSync(fd, head, 0, 28, 0);
    if (stat.size >= 16) {
      const tail = Buffer.alloc(16);
      fs.readSync(fd, tail, 0, 16, stat.size - 16);
      if (tail.subarray(8).equals(JOURNAL_MAGIC) && tail.readUInt32BE(0) > 0) throw refuse('names another file for SQLite to read and delete');
    }
    if (got === 28 && head.subarray(0, 8).equals(JOURNAL_MAGIC)) {
      const originalPages = head.readUInt32BE(16);
      const pageSize = head.readUInt32BE(24);
      if (pageSize !== header.pageSize) throw refuse('belongs to another database (its pages are another size)');
      if (originalPages * pageSize > header.size) throw refuse('would make the file larger than it is');
    }
  } finally {
    fs.closeSync(fd);
  }
  return { path: journal, size: stat.size };
}
