/**
 * `totalplace` — the workbook from the command line, over the same store as the app:
 *   totalplace new FILE --name NAME     make a new pilot workbook
 *   totalplace demo FILE                make the sample pilot (illustrative data)
 *   totalplace info FILE                what the file is
 *   totalplace check FILE               integrity and validation report
 *   totalplace totals FILE [--json]     the totals, in pounds
 *   totalplace report FILE -o OUT.html  the pilot submission as one self-contained HTML file
 *   totalplace print FILE -o OUT.pdf    the pilot submission as PDF (needs Chrome, Chromium or Edge)
 *   totalplace repair FILE              rebuild kept totals that disagree with the spend lines
 * Every error is one clear line on stderr and a non-zero exit. Everything printed is plain text: a
 * file's names and words reach the terminal without control or bidirectional-formatting characters.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { WorkbookError } from '../../shared/errors';
import { formatHeadline, formatPence, formatShare } from '../../shared/money';
import { AGENCY_TYPES, FUNCTIONS, labelOf } from '../../shared/enums';
import { formatYear } from '../../shared/years';
import { NOT_STATED_FIELDS, notStatedSummary, type Totals } from '../../shared/totals';
import { renderReport } from '../../shared/report/render';
import { defaultReportOptions } from '../../shared/report/types';
import type { DisplayUnit } from '../../shared/enums';
import { pdfWithChromium } from '../report/chromium';
import { reportData } from '../report/data';
import { createSampleWorkbook } from '../workbook/sample';
import { SCHEMA_VERSION } from '../workbook/schema';
import { plainText, terminalJson } from '../../shared/text';
import type { TotalsStatus } from '../../shared/types';
import { Workbook } from '../workbook/workbook';
import { mapError } from '../workbook/db';

const USAGE = `Usage:
  totalplace new FILE --name NAME [--author NAME] [--force]
  totalplace demo FILE [--author NAME] [--force]
  totalplace info FILE
  totalplace check FILE
  totalplace totals FILE [--json]
  totalplace report FILE -o submission.html [--units pounds|thousands|millions]
  totalplace print FILE -o submission.pdf [--units pounds|thousands|millions]
  totalplace repair FILE [--author NAME]`;

class UsageError extends Error {}

function author(given: string | undefined): string {
  return given ?? process.env.TOTALPLACE_AUTHOR ?? os.userInfo().username;
}

type Out = (line: string) => void;

export async function main(argv: string[], rawOut: Out = (l) => process.stdout.write(`${l}\n`), rawErr: Out = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  // A file's text (a pilot's or agency's name, a message quoting a file name) never steers the terminal.
  const out: Out = (l) => rawOut(plainText(l, { newlines: true, tabs: true }));
  const err: Out = (l) => rawErr(plainText(l, { newlines: true, tabs: true }));
  let fileArg: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' }, author: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        out: { type: 'string', short: 'o' }, units: { type: 'string' },
      },
    });
    const [command, file, ...extra] = positionals;
    fileArg = file;
    if (values.help || command === 'help') {
      out(USAGE);
      return 0;
    }
    if (!command) throw new UsageError('Say what to do: new, demo, info, check, totals, report, print or repair.');
    if (!file) throw new UsageError(`Name the workbook file, for example: totalplace ${command} pilot.totalplace`);
    if (extra.length > 0) throw new UsageError(`Unexpected "${extra[0]}". Put names with spaces in quotes.`);
    switch (command) {
      case 'new': {
        if (!values.name) throw new UsageError('Give the pilot a name with --name, for example --name "Kent pilot".');
        const wb = Workbook.create(file, { author: author(values.author), pilot: { name: values.name }, ...(values.force ? { overwrite: true } : {}) });
        out(`Made ${wb.fileName} for "${values.name}".`);
        wb.close();
        return 0;
      }
      case 'demo': {
        const wb = createSampleWorkbook(file, author(values.author), values.force ? { overwrite: true } : {});
        const t = wb.totals();
        out(`Made ${wb.fileName}: the sample pilot (illustrative data), ${t.agencyCount} agencies, ${t.lineCount} spend lines, ${t.barrierCount} barriers, ${formatHeadline(t.totalPence)} in all.`);
        wb.close();
        return 0;
      }
      case 'info':
      case 'check':
      case 'totals': {
        const wb = Workbook.open(file, { author: author(values.author), readOnly: true });
        try {
          if (command === 'info') printInfo(wb, out);
          else if (command === 'totals') {
            const t = wb.totals();
            // JSON's own escapes keep the data exact while nothing in it steers the terminal.
            if (values.json) rawOut(terminalJson(JSON.stringify({ ...t, totalsStatus: wb.info().totalsStatus }, null, 2)));
            else printTotals(wb, t, out);
          } else {
            const report = wb.verify();
            out(`${wb.fileName}: ${report.counts.agencies} agencies, ${report.counts.themes} themes, ${report.counts.spendLines.toLocaleString('en-GB')} spend lines, ${report.counts.barriers} barriers.`);
            if (wb.info().readThroughUpdatedCopy) out(olderFormat(wb));
            if (wb.info().halfSaved) out(halfSaved(wb));
            out(`Integrity: ${report.integrity.every((r) => r === 'ok') ? 'ok' : 'PROBLEMS FOUND'}. Kept totals ${report.totalsAgree ? 'agree with the spend lines' : 'DO NOT agree with the spend lines'}.`);
            for (const e of report.errors) out(`Error: ${e}`);
            for (const w of report.warnings) out(`Warning: ${w}`);
            if (report.errors.length > 0) {
              err(`${wb.fileName} failed its check: ${report.errors[0]}`);
              return 1;
            }
          }
        } finally {
          wb.close();
        }
        return 0;
      }
      case 'report':
      case 'print': {
        if (!values.out) throw new UsageError(`Say where to write the ${command === 'report' ? 'HTML' : 'PDF'} with -o, for example -o submission.${command === 'report' ? 'html' : 'pdf'}`);
        if (values.units && !['pounds', 'thousands', 'millions'].includes(values.units)) throw new UsageError('--units is pounds, thousands or millions.');
        const wb = Workbook.open(file, { author: author(values.author), readOnly: true });
        let html: string;
        let pilotName: string;
        let notes: string[];
        try {
          const data = reportData(wb);
          pilotName = data.pilot.name;
          html = renderReport(data, defaultReportOptions((values.units as DisplayUnit | undefined) ?? data.pilot.displayUnits));
          notes = fileNotes(wb);
        } finally {
          wb.close();
        }
        if (command === 'report') fs.writeFileSync(values.out, html);
        else fs.writeFileSync(values.out, await pdfWithChromium(html, pilotName));
        out(`Wrote ${values.out}.`);
        for (const n of notes) out(`Note: ${n}`);
        return 0;
      }
      case 'repair': {
        const wb = Workbook.open(file, { author: author(values.author) });
        try {
          if (wb.readOnly) throw new WorkbookError('read-only', `${wb.fileName} can't be repaired: it opened read-only. Save a copy somewhere you can write, and repair the copy.`);
          if (wb.info().totalsStatus !== 'disagree' && wb.keptTotalsAgree()) {
            out(`${wb.fileName}: its kept totals agree with its spend lines; nothing to repair.`);
          } else {
            const after = wb.repairTotals();
            out(`${wb.fileName}: its kept totals were rebuilt from its spend lines (revision ${after.revision}). Total public spend ${formatHeadline(wb.totals().totalPence)}.`);
          }
        } finally {
          wb.close();
        }
        return 0;
      }
      default:
        throw new UsageError(`"${command}" is not a command. Use new, demo, info, check, totals, report, print or repair.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`totalplace: ${e.message}`);
      err(USAGE);
      return 2;
    }
    if (e instanceof WorkbookError) {
      err(`totalplace: ${e.message}`);
      return 1;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`totalplace: ${e.message}`);
      return 2;
    }
    // An error from SQLite or the disk is said in our words (its own message can quote the file); anything else is a bug.
    err(`totalplace: ${mapError(e, fileArg ? path.basename(fileArg) : 'the workbook').message}`);
    return 1;
  }
}

function printInfo(wb: Workbook, out: Out): void {
  const i = wb.info();
  const p = wb.pilot.get();
  out(`File:            ${i.path}`);
  out(`Pilot:           ${p.name}`);
  if (p.place) out(`Place:           ${p.place}`);
  out(`Count year:      ${formatYear(p.countYear)}`);
  out(`Workbook id:     ${i.workbookId}${i.copiedFrom ? ' (a copy)' : ''}`);
  out(`Revision:        ${i.revision}`);
  out(`File format:     ${i.schemaVersion}${i.readThroughUpdatedCopy ? ` (older than this version's ${SCHEMA_VERSION}: read through an updated copy; the file is unchanged)` : ''}`);
  out(`Opened:          ${i.readOnly ? 'read-only' : 'for editing'}`);
  out(`Totals:          ${STATUS_SHORT[i.totalsStatus]}`);
  if (i.halfSaved) out(`Half-saved:      ${halfSaved(wb)}`);
}

const STATUS_SHORT: Record<TotalsStatus, string> = {
  'written-here': 'kept by this computer (last saved here)',
  'recounted-agree': 'recounted from the spend lines on opening (last saved elsewhere); they agree',
  disagree: 'the kept totals DO NOT agree with the spend lines (changed outside the app); shown recounted from the lines',
  rebuilt: 'rebuilt from the spend lines',
};

/** What the user should know about an open file before its figures: totals recounted or disagreeing, a save left half-done. */
function fileNotes(wb: Workbook): string[] {
  const i = wb.info();
  const notes: string[] = [];
  if (i.totalsStatus === 'disagree') {
    notes.push(`${wb.fileName}'s kept totals do not agree with its spend lines: it was changed outside Total Place Workbook. The totals here are recounted from the lines. To fix the file, run "totalplace repair ${wb.fileName}" (or choose Repair totals in the app).`);
  } else if (i.totalsStatus === 'recounted-agree') {
    notes.push(`${wb.fileName} was last saved somewhere else, so its totals were recounted from its spend lines: they agree.`);
  }
  if (i.halfSaved) notes.push(halfSaved(wb));
  return notes;
}

/** Said of a file left half-saved that was read, with the unfinished save undone, through a private copy. */
function halfSaved(wb: Workbook): string {
  return `${wb.fileName} was left half-saved (a "-journal" file is beside it); it was read with the unfinished save undone, through a private copy, and the file and its journal are unchanged.`;
}

/** Said of an older file opened read-only, which is read through a private copy updated to this version's format. */
function olderFormat(wb: Workbook): string {
  return `${wb.fileName} is in file format ${wb.info().schemaVersion}, older than this version's ${SCHEMA_VERSION}; it was read through an updated copy and is unchanged.`;
}

function row(label: string, pence: number, extra = ''): string {
  return `  ${label.padEnd(50)} ${formatPence(pence, { symbol: true }).padStart(22)}${extra ? `  ${extra}` : ''}`;
}

function printTotals(wb: Workbook, t: Totals, out: Out): void {
  const p = wb.pilot.get();
  for (const n of fileNotes(wb)) out(`Note: ${n}`);
  out(`${p.name} — spend in ${formatYear(p.countYear)}`);
  out(row('Total public spend', t.totalPence, formatHeadline(t.totalPence)));
  if (t.perHeadPence !== null && t.population) out(row(`Per head (${t.population.toLocaleString('en-GB')} people)`, t.perHeadPence));
  out(row('Netted out as passed between agencies', t.nettedPence, `${t.nettedLines} line${t.nettedLines === 1 ? '' : 's'}`));
  out(row('Locally controlled', t.localPence, formatShare(t.localPence, t.totalPence)));
  out(row('Centrally controlled', t.centralPence, formatShare(t.centralPence, t.totalPence)));
  if (t.controlNotStatedPence !== 0) out(row('Control not stated', t.controlNotStatedPence, formatShare(t.controlNotStatedPence, t.totalPence)));
  out(row('Ring-fenced', t.ringFencedPence, formatShare(t.ringFencedPence, t.totalPence)));
  out(row('Capital', t.capitalPence, formatShare(t.capitalPence, t.totalPence)));
  out(row('Administration', t.administrationPence, formatShare(t.administrationPence, t.totalPence)));
  out(row('Prevention', t.preventionPence, formatShare(t.preventionPence, t.totalPence)));
  out(row('From estimates', t.estimatedPence, formatShare(t.estimatedPence, t.totalPence)));
  out('By agency');
  for (const a of t.byAgency) out(row(a.name, a.pence, formatShare(a.pence, t.totalPence)));
  out('By agency type');
  for (const a of t.byAgencyType) out(row(labelOf(AGENCY_TYPES, a.key), a.pence, formatShare(a.pence, t.totalPence)));
  out('By theme');
  for (const th of t.byTheme) out(row(th.name ?? 'Unallocated', th.pence, formatShare(th.pence, t.totalPence)));
  out('By function');
  for (const f of t.byFunction.filter((x) => x.lines > 0)) out(row(labelOf(FUNCTIONS, f.key), f.pence, formatShare(f.pence, t.totalPence)));
  const notStated = t.notStated.fields.filter((f) => f.lines > 0 || f.pence !== 0);
  if (notStated.length > 0) {
    out('Not stated (counted as not stated, never as any value)');
    for (const f of notStated) {
      out(row(`${NOT_STATED_FIELDS.find((x) => x.key === f.key)!.label} not stated`, f.pence, `${formatShare(f.pence, t.totalPence)}  ${f.lines.toLocaleString('en-GB')} line${f.lines === 1 ? '' : 's'}`));
    }
  }
  out(`Barriers found: ${t.barrierCount}${t.barriersCosted > 0 ? `, estimated cost ${formatPence(t.barrierCostPence, { symbol: true })} (${t.barriersCosted} costed)` : ''}`);
  if (t.negativeLines > 0) out(`Note: ${t.negativeLines} line${t.negativeLines === 1 ? ' has' : 's have'} a negative amount; run "totalplace check" to review.`);
  const summary = notStatedSummary(t);
  if (summary) out(`Note: ${summary}; run "totalplace check" to review.`);
}
