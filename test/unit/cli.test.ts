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
  });
});
