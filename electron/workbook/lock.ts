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
  | { state: 'held'; owner: LockOwner };

export function readLock(file: string): LockState {
  let text: string;
  try {
    text = fs.readFileSync(lockPath(file), 'utf8');
  } catch {
    return { state: 'free' };
  }
  let owner: LockOwner;
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    owner = {
      author: typeof o.author === 'string' ? o.author : 'someone',
      host: typeof o.host === 'string' ? o.host : 'another computer',
      pid: typeof o.pid === 'number' ? o.pid : 0,
      since: typeof o.since === 'string' ? o.since : '',
      app: typeof o.app === 'string' ? o.app : 'Total Place Workbook',
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

/** Write our owner record. Returns false when the folder cannot be written (the file then opens read-only). */
export function writeLock(file: string, author: string, app = 'Total Place Workbook'): boolean {
  const owner: LockOwner = { author, host: os.hostname(), pid: process.pid, since: new Date().toISOString(), app };
  try {
    fs.writeFileSync(lockPath(file), JSON.stringify(owner), { encoding: 'utf8' });
    return true;
  } catch {
    return false;
  }
}

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
