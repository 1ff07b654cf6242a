/**
 * The command line over hostile files (made as in test/store/hostile-files.ts): every command refuses
 * them in one line of words on stderr with exit 1 — or, for kept totals that lie, prints the true
 * totals and says so — never repeats a file's own messages, never hangs (a generous 10 s bound: speed
 * belongs to the benchmark), and leaves the file, everything beside it and everything outside unchanged.
 * `print` is run too: a refused file is refused before any browser is started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/totalplace';
import { lockPath } from '../../electron/workbook/lock';
import { Workbook } from '../../electron/workbook/workbook';
import { ROOT, sha256, tempDir } from '../helpers';
import {
  HTML, PHISHING, TRUE_TOTAL, amountsTrigger, endlessTrigger, extraView, genuine, halvedTotals, notStrict, outsideFile, phishingTrigger, walFile,
  stateOf, withHotJournal, withLinkedOwnerRecord, withSuperJournal,
} from '../store/hostile-files';

const LIMIT_MS = 10_000;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const t0 = performance.now();
  const code = await main(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n'), ms: performance.now() - t0 };
}


/** Every reading command refuses `file` with `words`; nothing is written, beside it or as output. */
async function refusedByEveryCommand(file: string, words: RegExp, outside: string[] = []): Promise<void> {
  const folder = stateOf(path.dirname(file));
  const others = outside.map((p) => sha256(p));
  const outDir = tempDir();
  const commands: string[][] = [
    ['info', file], ['check', file], ['totals', file], ['totals', file, '--json'],
    ['report', file, '-o', path.join(outDir, 'submission.html')], ['print', file, '-o', path.join(outDir, 'submission.pdf')],
    ['repair', file],
  ];
  for (const args of commands) {
    const r = await run(...args);
    expect(r.ms, `${args[0]} did not hang`).toBeLessThan(LIMIT_MS);
    expect(r.code, args.join(' ')).toBe(1);
    expect(r.out, `${args[0]} printed nothing from the file`).toBe('');
    expect(r.err.split('\n'), `${args[0]}: one line`).toHaveLength(1);
    expect(r.err).toMatch(/^totalplace: /);
    expect(r.err, args[0]).toMatch(words);
    expect(r.err).not.toMatch(/password|https?:|<img/i);
    expect(stateOf(path.dirname(file)), `${args[0]} left the file and its folder unchanged`).toEqual(folder);
  }
  expect(fs.readdirSync(outDir), 'no report or PDF written').toEqual([]);
  expect(outside.map((p) => sha256(p))).toEqual(others);
}

describe('totalplace over a hostile file', () => {
  it('refuses a file with a trigger of its own (one that changes amounts, one that never ends, one that phishes)', async () => {
    await refusedByEveryCommand(amountsTrigger(), /changed outside Total Place Workbook: it holds a trigger the app never makes\. It was not opened and nothing was changed/);
    await refusedByEveryCommand(endlessTrigger(), /holds a trigger the app never makes/);
    await refusedByEveryCommand(phishingTrigger(), /holds a trigger the app never makes/);
    expect(PHISHING).toMatch(/password/);
  });

  it('refuses an extra view, tables rebuilt without STRICT holding HTML, and a file set to write-ahead logging', async () => {
    await refusedByEveryCommand(extraView(), /holds a view the app never makes/);
    await refusedByEveryCommand(notStrict(), /table is not as the app makes it/);
    await refusedByEveryCommand(walFile(), /write-ahead logging/);
    expect(HTML).toContain('<img');
  });

  it('refuses a journal that names a file outside for SQLite to delete, and that file is untouched', async () => {
    const victim = outsideFile();
    await refusedByEveryCommand(withSuperJournal(victim), /names another file for SQLite to read and delete/, [victim]);
    expect(fs.existsSync(victim)).toBe(true);
  });

  it('halved kept totals: totals, report and info show the true totals and say the kept ones disagree; check fails; repair rebuilds them', async () => {
    const file = halvedTotals();
    const before = sha256(file);
    const totals = await run('totals', file);
    expect(totals.code).toBe(0);
    expect(totals.out).toMatch(/Total public spend\s+£7,300,000,000\.00\s+£7\.30bn/);
    expect(totals.out).not.toContain('£3.65bn');
    expect(totals.out).toMatch(/^Note: birmingham\.totalplace's kept totals do not agree with its spend lines: it was changed outside Total Place Workbook\. The totals here are recounted from the lines\. To fix the file, run "totalplace repair birmingham\.totalplace"/);
    const json = JSON.parse((await run('totals', file, '--json')).out);
    expect(json).toMatchObject({ totalPence: TRUE_TOTAL, totalsStatus: 'disagree' });
    expect((await run('info', file)).out).toMatch(/Totals:\s+the kept totals DO NOT agree with the spend lines/);
    const check = await run('check', file);
    expect(check.code).toBe(1);
    expect(check.out).toContain('Kept totals DO NOT agree with the spend lines');

    // The submission's figures are the true ones: the same cover figure as the genuine sample's.
    const dir = tempDir();
    expect((await run('report', file, '-o', path.join(dir, 'halved.html'))).out).toMatch(/Note: .*kept totals do not agree/);
    await run('report', genuine(), '-o', path.join(dir, 'genuine.html'));
    const cover = (f: string) => /class="cover-figure">.*?class="value">([^<]+)</s.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1];
    expect(cover('halved.html')).toBeDefined();
    expect(cover('halved.html')).toBe(cover('genuine.html'));
    expect(sha256(file), 'reading it changed nothing').toBe(before);

    const repair = await run('repair', file);
    expect(repair).toMatchObject({ code: 0, err: '' });
    expect(repair.out).toMatch(/kept totals were rebuilt from its spend lines \(revision \d+\)\. Total public spend £7\.30bn/);
    expect((await run('check', file)).code).toBe(0);
    expect((await run('repair', file)).out).toMatch(/agree with its spend lines; nothing to repair/);
  });

  it('a hot journal beside a received file: read-only, through a private copy with the unfinished save undone; the file and journal unchanged', async () => {
    const file = withHotJournal();
    const folder = stateOf(path.dirname(file));
    const info = await run('info', file);
    expect(info.code).toBe(0);
    expect(info.out).toMatch(/Pilot:\s+Sample pilot: Birmingham \(illustrative\)/);
    expect(info.out).toMatch(/Half-saved:\s+received\.totalplace was left half-saved \(a "-journal" file is beside it\)\. It was read through a private copy with the unfinished save undone; the file and its journal are untouched\. To undo the unfinished save in the file itself, open it in Total Place Workbook and choose "Undo the unfinished save and edit"\.$/);
    expect(info.out).toMatch(/Opened:\s+read-only\n/);
    const totals = await run('totals', file);
    expect(totals.out).toMatch(/Total public spend\s+£7,300,000,000\.00/);
    expect(totals.out).toContain('Note: received.totalplace was left half-saved (a "-journal" file is beside it). It was read through a private copy with the unfinished save undone; the file and its journal are untouched. To undo the unfinished save in the file itself, open it in Total Place Workbook and choose "Undo the unfinished save and edit".');
    expect((await run('check', file)).out).toContain('was left half-saved');
    const html = path.join(tempDir(), 'submission.html');
    const report = await run('report', file, '-o', html);
    expect(report.code).toBe(0);
    expect(report.out).toMatch(/Note: received\.totalplace was left half-saved/);
    expect(fs.readFileSync(html, 'utf8')).not.toContain('Changed mid-write');
    expect(stateOf(path.dirname(file))).toEqual(folder);
  });

  it('a link as the owner record: reading commands never touch it; repair (which edits) refuses; the file it points to is unchanged', async () => {
    const target = outsideFile();
    const file = withLinkedOwnerRecord(target);
    const folder = stateOf(path.dirname(file));
    for (const cmd of ['info', 'check', 'totals']) expect((await run(cmd, file)).code, cmd).toBe(0);
    const repair = await run('repair', file);
    expect(repair.code).toBe(1);
    expect(repair.err).toMatch(/^totalplace: Beside "birmingham\.totalplace" there is a link named "\.~lock\.birmingham\.totalplace#"/);
    expect(stateOf(path.dirname(file))).toEqual(folder);
    expect(fs.readFileSync(target, 'utf8')).toBe('Budget notes: nothing here may change.\n');
    expect(fs.lstatSync(lockPath(file)).isSymbolicLink()).toBe(true);
  });

  it('prints a file\'s words without control or bidirectional-override characters (and JSON with them escaped)', async () => {
    const file = path.join(tempDir(), 'spoof.totalplace');
    const wb = Workbook.create(file, { author: 'J. Smith', pilot: { name: 'Kent \u001b[31mpilot\u202E exe.fdp\u0007' } });
    wb.agencies.create([{ name: 'Council\u2066 \u001b]0;owned\u0007' }]);
    wb.close();
    const info = await run('info', file);
    expect(info.out).toMatch(/Pilot:\s+Kent \[31mpilot exe\.fdp\n/);
    const totals = await run('totals', file);
    expect(totals.out).toContain('Council ]0;owned');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    for (const r of [info, totals]) expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const json = await run('totals', file, '--json');
    expect(json.out).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json.out).byAgency[0].name).toBe('Council\u2066 \u001b]0;owned\u0007');
  });

  it('as an installed command: one line on stderr, exit 1, the file unchanged', () => {
    const file = phishingTrigger();
    const before = sha256(file);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/bin.mjs'), 'totals', file], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/holds a trigger the app never makes/);
    expect(r.stderr).not.toContain('password');
    expect(sha256(file)).toBe(before);
  });
});
