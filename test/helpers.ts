/** Temp folders, file hashes and child processes for the store tests: real files, never mocks. */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { ROOT } from './paths';

const made: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'totalplace-test-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  while (made.length) {
    const dir = made.pop()!;
    try {
      fs.chmodSync(dir, 0o755);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export { ROOT };

/** Start `test/store/child.ts` in its own Node process (through tsx), with a line protocol on stdout. */
export function startChild(args: string[]): { child: ChildProcess; waitFor: (text: string) => Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/store/child.ts'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: (s: string) => void; reject: (e: Error) => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code}) before "${w.text}": ${err}`));
    resolve(code);
  }));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      if (out.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(out);
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return {
    child,
    exited,
    waitFor: (text) => (out.includes(text) ? Promise.resolve(out) : new Promise((resolve, reject) => waiters.push({ text, resolve, reject }))),
  };
}

/** The names of files beside a workbook that SQLite would leave if a write were unfinished. */
export function sidecars(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  return fs.readdirSync(dir).filter((f) => f !== base && f.startsWith(base) && /-(wal|shm|journal)$/.test(f));
}
