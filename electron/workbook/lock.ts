/**
 * The owner record: while a workbook is open for editing, a small lock file beside it says who has
 * it, on which computer, and since when — as Office (`~$name`) and LibreOffice (`.~lock.name#`) do.
 * A second copy of the app reads it and says so instead of opening the file twice. A record left
 * behind by a crash on this computer is recognised (its process is gone) and replaced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockOwner {
  author: string;
  host: string;
  pid: number;
  /** ISO time the file was opened. */
  since: string;
  app: string;
}

export function lockPath(file: string): string {
  return path.join(path.dirname(file), `.~lock.${path.basename(file)}#`);
}

/** Is a process of this computer still running? (One of another user's is.) */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type LockState =
  | { state: 'free' }
  | { state: 'stale'; owner: LockOwner }
  | { state: 'mine'; owner: LockOwner }
  | { state: 'held'; owner: LockOwner }
  /** Something other than a plain file is where the owner record belongs (a link, a folder, a pipe): never read, written or removed. */
  | { state: 'unsafe'; kind: 'link' | 'not-a-file' };

/** An owner record is a few hundred bytes; anything much larger was not written by the app. */
const MAX_RECORD = 64 * 1024;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Read the owner record without following a link or waiting on a pipe: `lstat` first, then open it with O_NOFOLLOW. */
export function readLock(file: string): LockState {
  const p = lockPath(file);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(p);
  } catch {
    return { state: 'free' };
  }
  if (stat.isSymbolicLink()) return { state: 'unsafe', kind: 'link' };
  if (!stat.isFile()) return { state: 'unsafe', kind: 'not-a-file' };
  let text: string;
  try {
    const fd = fs.openSync(p, fs.constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return { state: 'unsafe', kind: 'not-a-file' };
      const buf = Buffer.alloc(Math.min(st.size, MAX_RECORD));
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      text = buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    // ELOOP: it became a link between lstat and open.
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return { state: 'unsafe', kind: 'link' };
    return { state: 'free' };
  }
  let owner: LockOwner;
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    owner = {
      author: typeof o.author === 'string' ? o.author.slice(0, 200) : 'someone',
      host: typeof o.host === 'string' ? o.host.slice(0, 200) : 'another computer',
      pid: typeof o.pid === 'number' && Number.isSafeInteger(o.pid) ? o.pid : 0,
      since: typeof o.since === 'string' ? o.since.slice(0, 40) : '',
      app: typeof o.app === 'string' ? o.app.slice(0, 100) : 'Total Place Workbook',
    };
  } catch {
    // An unreadable record cannot name anyone; treat it as left behind.
    return { state: 'stale', owner: { author: 'unknown', host: 'unknown', pid: 0, since: '', app: '' } };
  }
  if (owner.host === os.hostname()) {
    if (owner.pid === process.pid) return { state: 'mine', owner };
    if (owner.pid <= 0 || !alive(owner.pid)) return { state: 'stale', owner };
  }
  return { state: 'held', owner };
}

export type WriteLockResult = 'written' | 'taken' | 'unwritable' | 'unsafe';

/**
 * Write our owner record, created exclusively (O_CREAT | O_EXCL, never following a link). A record
 * already there is replaced only when `replace` says so (one left by a crash, or "open anyway"), and
 * only if it is a plain file: it is removed (the name, never what a link points to) and created anew.
 * 'taken': another copy of the app made one first; 'unwritable': the folder can't be written (the
 * file then opens read-only); 'unsafe': something other than a plain file is in its place.
 */
export function writeLock(file: string, author: string, opts: { replace?: boolean; app?: string } = {}): WriteLockResult {
  const p = lockPath(file);
  const owner: LockOwner = { author, host: os.hostname(), pid: process.pid, since: new Date().toISOString(), app: opts.app ?? 'Total Place Workbook' };
  try {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink() || !stat.isFile()) return 'unsafe';
    if (!opts.replace) return 'taken';
    fs.unlinkSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'unwritable' : 'taken';
  }
  let fd: number;
  try {
    fd = fs.openSync(p, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY | NOFOLLOW, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'taken';
    if (code === 'ELOOP') return 'unsafe';
    return 'unwritable';
  }
  try {
    fs.writeSync(fd, JSON.stringify(owner));
  } catch {
    fs.closeSync(fd);
    fs.rmSync(p, { force: true });
    return 'unwritable';
  }
  fs.closeSync(fd);
  return 'written';
}

/** Remove our owner record: only if it is ours, and a plain file (unlinking removes the name, never a link's target). */
export function releaseLock(file: string): void {
  const state = readLock(file);
  if (state.state === 'mine') fs.rmSync(lockPath(file), { force: true });
}

export function describeOwner(owner: LockOwner): string {
  const since = owner.since ? new Date(owner.since) : null;
  const when = since && !Number.isNaN(since.getTime())
    ? since.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    : 'an unknown time';
  return `${owner.author} on ${owner.host} since ${when}`;
}
