/** A process killed in the middle of a large write leaves the last committed state. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../electron/workbook/workbook';
import { sidecars, startChild, tempDir } from '../helpers';

describe('a crash in the middle of a write', () => {
  it('loses only the unfinished write', async () => {
    const file = path.join(tempDir(), 'crash.totalplace');
    const wb = Workbook.create(file, { author: 'J. Smith', pilot: { name: 'Croydon pilot' } });
    const [a] = wb.agencies.create([{ name: 'Croydon Council' }]);
    wb.spend.create(Array.from({ length: 25 }, (_, i) => ({ agencyId: a!.id, description: `Committed ${i}`, amountPence: 100 })));
    const committed = wb.totals();
    const revision = wb.info().revision;
    wb.close();

    const writer = startChild(['big-write', file]);
    await writer.waitFor('writing');
    // Wait until the unfinished write has reached the workbook itself (SQLite spills pages of a large
    // transaction into the file once its journal is safe) — then pull the plug.
    const journal = `${file}-journal`;
    const sizeBefore = fs.statSync(file).size;
    const deadline = Date.now() + 60_000;
    while (fs.statSync(file).size <= sizeBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(fs.statSync(file).size, 'uncommitted pages were in the file').toBeGreaterThan(sizeBefore);
    writer.child.kill('SIGKILL');
    await writer.exited;
    expect(fs.existsSync(journal), 'the crash left its journal behind').toBe(true);

    const again = Workbook.open(file, { author: 'J. Smith' });
    expect(again.totals()).toEqual(committed);
    expect(again.info().revision).toBe(revision);
    expect(again.spend.page({ filter: { search: 'Doomed' } }).matching).toBe(0);
    expect(again.verify()).toMatchObject({ totalsAgree: true, errors: [] });
    expect(sidecars(file)).toEqual([]);
    again.close();
  });
});
