/**
 * What this computer knows about the workbooks it wrote: for each file instance (the workbook's
 * instance id), the revision and the SQLite file change counter it last left the file at, where, and
 * whether it wrote it or only proved its kept totals. Kept in the data folder (`$TOTALPLACE_HOME`, else
 * `~/.totalplace` — the app and the command line use the same one), one small file per instance in
 * `written/`, each replaced whole (written beside, then renamed), so two copies of the app never lose
 * each other's records.
 *
 * It answers two questions about a file being opened:
 * - are its kept totals (`spend_cell`) ones this computer kept? Only if the file is exactly as this
 *   computer last left it (same instance, revision and change counter); otherwise they are recounted;
 * - was this computer writing it when it stopped? A journal beside a file is only rolled back into
 *   it without asking when this computer last wrote that file, at that path.
 *
 * Nothing here is needed for a file to open: an unreadable or unwritable record only means a recount.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface WrittenEntry {
  /** The workbook's revision this computer last left the file at. */
  revision: number;
  /** The file's SQLite change counter then (bytes 24–27 of its header). */
  changeCounter: number;
  /** The file's real path then. */
  path: string;
  /** This computer wrote the file (false: it only opened it and proved its kept totals). */
  wrote: boolean;
  /** ISO time. */
  at: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** The change counter in a file's header, read with plain file I/O (call only when no transaction is open on it). */
export function changeCounterOf(file: string): number | null {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const b = Buffer.alloc(4);
      return fs.readSync(fd, b, 0, 4, 24) === 4 ? b.readUInt32BE(0) : null;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

export class WrittenRecord {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'written');
  }

  private fileOf(instanceId: string): string | null {
    return UUID.test(instanceId) ? path.join(this.dir, `${instanceId}.json`) : null;
  }

  get(instanceId: string): WrittenEntry | null {
    const f = this.fileOf(instanceId);
    if (!f) return null;
    try {
      return parseEntry(fs.readFileSync(f, 'utf8'));
    } catch {
      return null;
    }
  }

  put(instanceId: string, entry: Omit<WrittenEntry, 'at'>): void {
    const f = this.fileOf(instanceId);
    if (!f) return;
    const temp = `${f}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(temp, JSON.stringify({ ...entry, at: new Date().toISOString() }));
      fs.renameSync(temp, f);
    } catch {
      // Not kept: the file's totals are recounted the next time it is opened. Nothing is lost.
      fs.rmSync(temp, { force: true });
    }
  }

  /** Is `entry` this file as it is now: same revision, same change counter? */
  static matches(entry: WrittenEntry | null, revision: number, changeCounter: number | null): boolean {
    return entry !== null && changeCounter !== null && entry.revision === revision && entry.changeCounter === changeCounter;
  }

  /**
   * Did this computer last write the file at `file`, leaving its change counter at `counter` or one
   * before it (a write cut off part-way may have reached the header)? Looked up by path: a file with a
   * journal beside it can't be read to learn its instance id before the journal is dealt with.
   */
  wroteAt(file: string, counter: number): boolean {
    const where = realPath(file);
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return false;
    }
    for (const n of names) {
      let e: WrittenEntry | null;
      try {
        e = parseEntry(fs.readFileSync(path.join(this.dir, n), 'utf8'));
      } catch {
        continue;
      }
      if (e && e.wrote && e.path === where && (counter === e.changeCounter || counter === ((e.changeCounter + 1) >>> 0))) return true;
    }
    return false;
  }
}

function parseEntry(text: string): WrittenEntry | null {
  const o = JSON.parse(text) as Partial<WrittenEntry>;
  if (typeof o.revision !== 'number' || typeof o.changeCounter !== 'number' || typeof o.path !== 'string' || typeof o.wrote !== 'boolean') return null;
  return { revision: o.revision, changeCounter: o.changeCounter, path: o.path, wrote: o.wrote, at: typeof o.at === 'string' ? o.at : '' };
}
