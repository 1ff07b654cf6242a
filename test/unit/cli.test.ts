/** The `totalplace` command, as a user runs it. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/totalplace';
import { ROOT, sha256, tempDir } from '../helpers';
import { formatOneFile } from '../store/format-one';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('totalplace', () => {
  it('demo then totals prints the sample pilot in pounds', async () => {
    const file = path.join(tempDir(), 'd.totalplace');
    expect(await run('demo', file)).toMatchObject({ code: 0, out: expect.stringContaining('sample pilot (illustrative data)') });
    const r = await run('totals', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Total public spend\s+£7,300,000,000\.00\s+£7\.30bn/);
    expect(r.out).toMatch(/Birmingham City Council\s+£3,600,000,000\.00/);
    expect(r.out).toMatch(/Jobcentre Plus\s+£699,000,000\.00/);
    expect(r.out).toMatch(/Netted out as passed between agencies\s+£40,000,000\.00/);
    expect(r.out).toMatch(/Unallocated\s+£/);
  });

  it('totals --json has the agreed fields, unallocated spend as a null theme', async () => {
    const file = path.join(tempDir(), 'd.totalplace');
    await run('demo', file);
    const r = await run('totals', file, '--json');
    const t = JSON.parse(r.out);
    expect(t.totalPence).toBe(730_000_000_000);
    expect(t.localPence + t.centralPence).toBe(t.totalPence);
    expect(t.barrierCount).toBe(6);
    expect(t.byAgency[0]).toMatchObject({ name: 'Birmingham City Council', pence: 360_000_000_000 });
    expect(t.byTheme).toContainEqual(expect.objectContaining({ name: null }));
    expect(t.byTheme.reduce((s: number, x: { pence: number }) => s + x.pence, 0)).toBe(t.totalPence);
  });

  it('new, info and check', async () => {
    const file = path.join(tempDir(), 'kent.totalplace');
    expect((await run('new', file, '--name', 'Kent pilot')).code).toBe(0);
    expect((await run('info', file)).out).toMatch(/Pilot:\s+Kent pilot[\s\S]*Count year:\s+2008-09/);
    const check = await run('check', file);
    expect(check.code).toBe(0);
    expect(check.out).toContain('Integrity: ok');
  });

  it('reads a file in an older format (format 1) through an updated copy, and leaves it unchanged', async () => {
    const { file } = formatOneFile();
    const before = sha256(file);
    const ourCopies = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`totalplace-updated-copy-${process.pid}-`));

    const totals = await run('totals', file);
    expect(totals).toMatchObject({ code: 0, err: '' });
    expect(totals.out).toMatch(/Total public spend\s+£2,029,567\.89/);
    expect(totals.out).toMatch(/Netted out as passed between agencies\s+£400,000\.00/);
    const json = JSON.parse((await run('totals', file, '--json')).out);
    expect(json.totalPence).toBe(202_956_789);

    const check = await run('check', file);
    expect(check).toMatchObject({ code: 0, err: '' });
    expect(check.out).toContain('kent.totalplace is in file format 1, older than this version\'s 2; it was read through an updated copy and is unchanged.');
    expect(check.out).toContain('Integrity: ok. Kept totals agree with the spend lines.');

    expect((await run('info', file)).out).toMatch(/File:\s+.*kent\.totalplace\n[\s\S]*File format:\s+1 \(older than this version's 2: read through an updated copy; the file is unchanged\)\nOpened:\s+read-only/);
    const html = path.join(tempDir(), 'submission.html');
    expect((await run('report', file, '-o', html)).code).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toContain('Kent pilot');

    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['kent.totalplace']);
    expect(ourCopies()).toEqual([]);
  });

  it('fails with one clear line on stderr and a non-zero exit', async () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.totalplace');
    fs.writeFileSync(empty, '');
    const cases: [string[], RegExp][] = [
      [['totals', empty], /is empty \(0 bytes\)/],
      [['info', path.join(dir, 'missing.totalplace')], /can't be found/],
      [['new', path.join(dir, 'x.totalplace')], /--name/],
      [['frobnicate', 'x'], /is not a command/],
      [[], /Say what to do/],
    ];
    for (const [args, words] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err.split('\n')[0]).toMatch(words);
      expect(r.err.split('\n')[0]).toMatch(/^totalplace: /);
    }
  });

  it('runs as an installed command (npx totalplace)', () => {
    const file = path.join(tempDir(), 'd.totalplace');
    const demo = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/bin.mjs'), 'demo', file], { encoding: 'utf8' });
    expect(demo.status).toBe(0);
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/bin.mjs'), 'totals', path.join(ROOT, 'package.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('not a database file at all');
    // It suggests only what this version can do: there is no import yet.
    expect(bad.stderr).toContain('Open a .totalplace file made by Total Place Workbook, or make a new workbook. Nothing was changed.');
    expect(bad.stderr).not.toMatch(/import/i);
  });
});

const BIN = path.join(ROOT, 'electron/cli/bin.mjs');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function spawnCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
}

/** Every byte of a folder's files, to prove a refused command changed nothing. */
function folderState(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((n) => [n, fs.statSync(path.join(dir, n)).isFile() ? sha256(path.join(dir, n)) : 'folder']));
}

describe('totalplace, as a new user meets it', () => {
  it('--version prints the version; --help lists every command with what it does and an example', () => {
    const v = spawnCli(['--version']);
    expect(v).toMatchObject({ status: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
    const help = spawnCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    for (const [command, words, example] of [
      ['new', 'make a new, empty pilot workbook', 'totalplace new kent.totalplace --name "Kent pilot"'],
      ['demo', 'make the sample pilot', 'totalplace demo sample.totalplace'],
      ['info', 'say what a workbook file is', 'totalplace info kent.totalplace'],
      ['check', 'check a file\'s integrity', 'totalplace check kent.totalplace'],
      ['totals', 'print the totals, in pounds', 'totalplace totals kent.totalplace --json'],
      ['report', 'write the pilot submission as one self-contained HTML file', 'totalplace report kent.totalplace -o submission.html'],
      ['print', 'write the pilot submission as PDF', 'totalplace print kent.totalplace -o submission.pdf'],
      ['repair', 'rebuild kept totals that disagree', 'totalplace repair kent.totalplace'],
    ]) {
      expect(help.stdout).toMatch(new RegExp(`\\n  ${command} +${words}`));
      expect(help.stdout).toContain(`e.g. ${example}\n`);
    }
    expect(help.stdout).toContain('"totalplace COMMAND --help" says more about one command');
  });

  it('COMMAND --help (and help COMMAND) says what the command does, its options and an example', async () => {
    const r = await run('report', '--help');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe([
      'totalplace report: write the pilot submission as one self-contained HTML file.',
      '',
      'Usage: totalplace report FILE -o OUT.html [--units pounds|thousands|millions] [--author NAME] [--force]',
      '',
      'Opens the workbook read-only. An existing output file is replaced only with --force.',
      '',
      'Options:',
      '  -o, --out FILE                     the file to write',
      '  --units pounds|thousands|millions  the units of the figures (default: the pilot\'s own)',
      '  --author NAME                      who makes the change or prepares the submission (default: $TOTALPLACE_AUTHOR; for a change, else your login name)',
      '  --force                            replace the file if it already exists',
      '  -h, --help                         say what the command does',
      '',
      'Example:',
      '  totalplace report kent.totalplace -o submission.html',
    ].join('\n'));
    expect((await run('help', 'report')).out).toBe(r.out);
    expect((await run('totals', 'x.totalplace', '-h')).out).toMatch(/^totalplace totals: print the totals[\s\S]*--json +print the totals as JSON[\s\S]*Example:\n {2}totalplace totals kent\.totalplace --json$/);
  });

  it('a mistyped command or an unknown option is one line in our words, exit 2', async () => {
    const cases: [string[], string][] = [
      [['totls', 'd.totalplace'], 'totalplace: "totls" is not a command. Did you mean "totals"? ("totalplace --help" lists them all.)'],
      [['reprot', 'd.totalplace', '-o', 'x.html'], 'totalplace: "reprot" is not a command. Did you mean "report"? ("totalplace --help" lists them all.)'],
      [['hlep'], 'totalplace: "hlep" is not a command. Did you mean "help"? ("totalplace --help" lists them all.)'],
      [['frobnicate', 'x'], 'totalplace: "frobnicate" is not a command. Use new, demo, info, check, totals, report, print or repair ("totalplace --help" says what each does).'],
      [['totals', 'd.totalplace', '--jsn'], 'totalplace: --jsn is not an option of "totalplace totals" (did you mean --json?). Its options are --json and --help.'],
      [['info', 'd.totalplace', '--json'], 'totalplace: --json is not an option of "totalplace info". Its only option is --help.'],
      [['report', 'd.totalplace', '-x', 'a.html'], 'totalplace: -x is not an option of "totalplace report". Its options are --out, --units, --author, --force and --help.'],
      [['--colour'], 'totalplace: --colour is not an option here. Give a command first: new, demo, info, check, totals, report, print or repair.'],
      [['new', 'k.totalplace', '--name'], 'totalplace: --name needs a value after it, for example --name "Kent pilot".'],
      [['demo', 'd.totalplace', '--force=yes'], 'totalplace: --force takes no value: write just --force.'],
      [[], 'totalplace: Say what to do: new, demo, info, check, totals, report, print or repair. "totalplace --help" says what each does.'],
      [['totals'], 'totalplace: Name the workbook file, for example: totalplace totals kent.totalplace --json'],
    ];
    for (const [args, words] of cases) {
      const r = await run(...args);
      expect(r, args.join(' ')).toEqual({ code: 2, out: '', err: words });
    }
    // As installed: exactly that line, nothing of Node's own parser.
    const r = spawnCli(['totals', 'd.totalplace', '--jsn']);
    expect(r).toMatchObject({ status: 2, stdout: '', stderr: 'totalplace: --jsn is not an option of "totalplace totals" (did you mean --json?). Its options are --json and --help.\n' });
  });

  it('report and print: a missing or unwritable folder, or an output file already there, is said in words before anything is read', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'd.totalplace');
    await run('demo', file);
    const ro = path.join(dir, 'locked');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o555);
    const existing = path.join(dir, 'old.html');
    fs.writeFileSync(existing, 'keep me');
    const readOnly = path.join(dir, 'ro.pdf');
    fs.writeFileSync(readOnly, 'keep me too');
    fs.chmodSync(readOnly, 0o444);
    const before = folderState(dir);
    const cases: [string[], string][] = [
      [['report', file, '-o', path.join(dir, 'nowhere', 's.html')], `totalplace: There is no folder "${path.join(dir, 'nowhere')}" to write "s.html" in: check the path.`],
      [['print', file, '-o', path.join(dir, 'nowhere', 's.pdf')], `totalplace: There is no folder "${path.join(dir, 'nowhere')}" to write "s.pdf" in: check the path.`],
      [['report', file, '-o', path.join(ro, 's.html')], `totalplace: You don't have permission to write in the folder "${ro}", so "s.html" was not written. Choose a folder of your own, such as Documents.`],
      [['report', file, '-o', existing], 'totalplace: "old.html" already exists. Add --force to replace it, or choose another name.'],
      [['print', file, '-o', existing], 'totalplace: "old.html" already exists. Add --force to replace it, or choose another name.'],
      [['print', file, '-o', readOnly, '--force'], 'totalplace: "ro.pdf" is read-only, so it was not replaced. Choose another name, or make the file writable first.'],
      [['report', file, '-o', dir], `totalplace: "${dir}" is a folder: give a file name, for example ${path.join(dir, 'submission.html')}.`],
      [['report', file, '-o', file, '--force'], 'totalplace: -o names the workbook itself ("d.totalplace"): give the HTML a name of its own, for example -o submission.html'],
      [['print', file, '-o', path.join(dir, '.', 'd.totalplace'), '--force'], 'totalplace: -o names the workbook itself ("d.totalplace"): give the PDF a name of its own, for example -o submission.pdf'],
    ];
    for (const [args, words] of cases) {
      const r = await run(...args);
      expect(r, args.join(' ')).toEqual({ code: 1, out: '', err: words });
    }
    expect(folderState(dir)).toEqual(before);
    const forced = await run('report', file, '-o', existing, '--force');
    expect(forced).toMatchObject({ code: 0, out: `Wrote ${existing}.`, err: '' });
    expect(fs.readFileSync(existing, 'utf8')).toContain('<!doctype html>');
  });

  it('new and demo: a missing folder in words; an existing file replaced only with --force, and a read-only one never', async () => {
    const dir = tempDir();
    expect(await run('new', path.join(dir, 'gone', 'k.totalplace'), '--name', 'Kent pilot')).toEqual({
      code: 1, out: '', err: `totalplace: There is no folder "${path.join(dir, 'gone')}" to write "k.totalplace" in: check the path.`,
    });
    const file = path.join(dir, 'k.totalplace');
    expect((await run('new', file, '--name', 'Kent pilot')).code).toBe(0);
    expect(await run('demo', file)).toEqual({ code: 1, out: '', err: 'totalplace: "k.totalplace" already exists. Add --force to replace it, or choose another name.' });
    fs.chmodSync(file, 0o444);
    const before = folderState(dir);
    for (const args of [['new', file, '--name', 'Other', '--force'], ['demo', file, '--force']]) {
      expect(await run(...args), args[0]).toEqual({ code: 1, out: '', err: 'totalplace: "k.totalplace" is read-only, so it was not replaced. Choose another name, or make the file writable first.' });
    }
    expect(folderState(dir)).toEqual(before);
    expect((await run('info', file)).out).toMatch(/Pilot:\s+Kent pilot\n/);
    fs.chmodSync(file, 0o644);
    expect((await run('demo', file, '--force')).code).toBe(0);
  });

  it('an empty workbook\'s totals say that no spend is counted yet', async () => {
    const file = path.join(tempDir(), 'kent.totalplace');
    await run('new', file, '--name', 'Kent pilot');
    expect(await run('totals', file)).toEqual({
      code: 0, err: '',
      out: 'Kent pilot — spend in 2008-09\nNo spend is counted yet: kent.totalplace has no agencies and no spend lines. Add agencies and their spend in Total Place Workbook, then run totals again.',
    });
  });

  it('runs compiled: bin.mjs runs the bundle in dist/cli (built by npm run build), the same as from source', () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/cli/totalplace.mjs')), 'the tests\' global setup builds it').toBe(true);
    const file = path.join(tempDir(), 'd.totalplace');
    expect(spawnCli(['demo', file]).status).toBe(0);
    const compiled = spawnCli(['totals', file]);
    const source = spawnCli(['totals', file], { TOTALPLACE_FROM_SOURCE: '1' });
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toMatch(/Total public spend\s+£7,300,000,000\.00/);
    expect(compiled.stdout).toBe(source.stdout);
  });
});
