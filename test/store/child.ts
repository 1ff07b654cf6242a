/**
 * A second process for the store tests: holds a workbook open (to test the owner record from
 * another process), or starts a large write and waits to be killed in the middle of it.
 */
import { Workbook } from '../../electron/workbook/workbook';

const [mode, file] = process.argv.slice(2);
if (!file) throw new Error('usage: child.ts hold|big-write FILE');

if (mode === 'hold') {
  const wb = Workbook.open(file, { author: 'Second Process' });
  process.stdout.write('opened\n');
  process.stdin.on('data', () => {
    wb.close();
    process.stdout.write('closed\n');
    process.exit(0);
  });
} else if (mode === 'big-write') {
  const wb = Workbook.open(file, { author: 'Crashing Process' });
  const agencyId = wb.agencies.list()[0]!.id;
  const rows = Array.from({ length: 400_000 }, (_, i) => ({ agencyId, description: `Doomed line ${i}`, amountPence: 100 + i }));
  // Tell the parent the write is about to start, then do it; the parent kills us part-way.
  process.stdout.write('writing\n');
  setImmediate(() => {
    wb.spend.bulkInsert(rows);
    process.stdout.write('finished\n');
  });
} else {
  throw new Error(`unknown mode ${mode}`);
}
