/**
 * `totalplace` — the workbook from the command line, over the same store as the app. The commands,
 * their options and their help are in COMMANDS below (`totalplace --help`, `totalplace COMMAND --help`).
 * Every error is one line on stderr, in words, and a non-zero exit: 1 for a problem with a file, 2 for a
 * mistyped command. Everything printed is plain text: a file's names and words reach the terminal without
 * control or bidirectional-formatting characters. Each command loads only what it needs: the store for
 * all, the report's renderer for `report` and `print`, and the browser driver for `print` alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { WorkbookError } from '../../shared/errors';
import { formatHeadline, formatPence, formatShare } from '../../shared/money';
import { AGENCY_TYPES, FUNCTIONS, labelOf } from '../../shared/enums';
import { formatYear } from '../../shared/years';
import { NOT_STATED_FIELDS, notStatedSummary, type Totals } from '../../shared/totals';
import type { DisplayUnit } from '../../shared/enums';
import { SCHEMA_VERSION } from '../workbook/schema';
import { plainText, terminalJson } from '../../shared/text';
import type { TotalsStatus } from '../../shared/types';
import { Workbook } from '../workbook/workbook';
import { mapError } from '../workbook/db';
import { writable } from '../workbook/open-checks';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** As shown in help: the option with its value. */
  shown: string;
  help: string;
  /** The option with a value, as an example. */
  eg?: string;
}

const OPTIONS = {
  name: { type: 'string', shown: '--name NAME', eg: '--name "Kent pilot"', help: 'the pilot\'s name (required)' },
  author: { type: 'string', shown: '--author NAME', eg: '--author "J. Smith"', help: 'who makes the change or prepares the submission (default: $TOTALPLACE_AUTHOR; for a change, else your login name)' },
  force: { type: 'boolean', shown: '--force', help: 'replace the file if it already exists' },
  json: { type: 'boolean', shown: '--json', help: 'print the totals as JSON, in pence' },
  out: { type: 'string', short: 'o', shown: '-o, --out FILE', eg: '-o submission.html', help: 'the file to write' },
  units: { type: 'string', shown: '--units pounds|thousands|millions', eg: '--units millions', help: 'the units of the figures (default: the pilot\'s own)' },
  help: { type: 'boolean', short: 'h', shown: '-h, --help', help: 'say what the command does' },
  version: { type: 'boolean', shown: '--version', help: 'print this version\'s number' },
} satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;

interface CommandSpec {
  summary: string;
  usage: string;
  options: OptionName[];
  /** More than the summary, for `COMMAND --help`. */
  detail?: string;
  example: string;
}

const COMMANDS: Record<string, CommandSpec> = {
  new: {
    summary: 'make a new, empty pilot workbook',
    usage: 'totalplace new FILE --name NAME [--author NAME] [--force]',
    options: ['name', 'author', 'force'],
    detail: 'An existing file is replaced only with --force, and never a read-only one.',
    example: 'totalplace new kent.totalplace --name "Kent pilot"',
  },
  demo: {
    summary: 'make the sample pilot (illustrative data) to try things on',
    usage: 'totalplace demo FILE [--author NAME] [--force]',
    options: ['author', 'force'],
    detail: 'An existing file is replaced only with --force, and never a read-only one.',
    example: 'totalplace demo sample.totalplace',
  },
  info: {
    summary: 'say what a workbook file is: its pilot, format, revision and state',
    usage: 'totalplace info FILE',
    options: [],
    detail: 'Opens the file read-only and never changes it.',
    example: 'totalplace info kent.totalplace',
  },
  check: {
    summary: 'check a file\'s integrity and its spend lines, and list any problems',
    usage: 'totalplace check FILE',
    options: [],
    detail: 'Opens the file read-only and never changes it. Exits with 1 when the check finds an error.',
    example: 'totalplace check kent.totalplace',
  },
  totals: {
    summary: 'print the totals, in pounds (or as JSON, in pence)',
    usage: 'totalplace totals FILE [--json]',
    options: ['json'],
    detail: 'Opens the file read-only and never changes it.',
    example: 'totalplace totals kent.totalplace --json',
  },
  report: {
    summary: 'write the pilot submission as one self-contained HTML file',
    usage: 'totalplace report FILE -o OUT.html [--units pounds|thousands|millions] [--author NAME] [--force]',
    options: ['out', 'units', 'author', 'force'],
    detail: 'Opens the workbook read-only. An existing output file is replaced only with --force.',
    example: 'totalplace report kent.totalplace -o submission.html',
  },
  print: {
    summary: 'write the pilot submission as PDF (needs Chrome, Chromium or Edge, or CHROMIUM_PATH)',
    usage: 'totalplace print FILE -o OUT.pdf [--units pounds|thousands|millions] [--author NAME] [--force]',
    options: ['out', 'units', 'author', 'force'],
    detail: 'Opens the workbook read-only. An existing output file is replaced only with --force.',
    example: 'totalplace print kent.totalplace -o submission.pdf',
  },
  repair: {
    summary: 'rebuild kept totals that disagree with the spend lines',
    usage: 'totalplace repair FILE [--author NAME]',
    options: ['author'],
    detail: 'Changes the file only when its kept totals disagree with its spend lines.',
    example: 'totalplace repair kent.totalplace',
  },
};

const COMMAND_NAMES = Object.keys(COMMANDS);
const COMMAND_LIST = `${COMMAND_NAMES.slice(0, -1).join(', ')} or ${COMMAND_NAMES.at(-1)}`;

/** This version's number, from package.json (two folders up from the source and from the bundle alike). */
function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function overview(): string {
  const width = Math.max(...COMMAND_NAMES.map((c) => c.length));
  return [
    `totalplace ${version()}: Total Place workbooks from the command line.`,
    '',
    'Usage: totalplace COMMAND FILE [options]',
    '',
    'Commands:',
    ...COMMAND_NAMES.map((c) => `  ${c.padEnd(width)}  ${COMMANDS[c]!.summary}\n  ${' '.repeat(width)}  e.g. ${COMMANDS[c]!.example}`),
    '',
    '"totalplace COMMAND --help" says more about one command; "totalplace --version" prints the version.',
  ].join('\n');
}

function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  const opts = [...c.options, 'help' as const].map((o) => OPTIONS[o]);
  const width = Math.max(...opts.map((o) => o.shown.length));
  return [
    `totalplace ${name}: ${c.summary}.`,
    '',
    `Usage: ${c.usage}`,
    ...(c.detail ? ['', c.detail] : []),
    '',
    'Options:',
    ...opts.map((o) => `  ${o.shown.padEnd(width)}  ${o.help}`),
    '',
    'Example:',
    `  ${c.example}`,
  ].join('\n');
}

/** The option as the user would type it: --json, -o. */
function flag(o: OptionName): string {
  return `--${o}`;
}

function optionList(name: string): string {
  const names = [...COMMANDS[name]!.options, 'help' as const].map(flag);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The name nearest to `typed`, if it is near enough to be a slip of the keyboard. */
function nearest(typed: string, names: string[]): string | null {
  const best = closest(typed, names);
  const shorter = Math.min(typed.length, best.length);
  // One slip in a short word, two (a swapped pair) from four letters, more in long ones.
  return distance(typed, best) <= (shorter < 4 ? 1 : Math.max(2, Math.floor(shorter / 3))) ? best : null;
}

class UsageError extends Error {}

function author(given: string | undefined): string {
  return given ?? process.env.TOTALPLACE_AUTHOR ?? os.userInfo().username;
}

/** Who prepared a submission: a name somebody chose (--author, $TOTALPLACE_AUTHOR), never the login name. */
function preparedBy(given: string | undefined): string | null {
  return (given ?? process.env.TOTALPLACE_AUTHOR ?? '').trim() || null;
}

type Out = (line: string) => void;
type Values = Partial<Record<OptionName, string | boolean>>;

const ALL_OPTIONS = Object.fromEntries(Object.entries(OPTIONS).map(([k, o]) => [k, { type: o.type, ...('short' in o ? { short: o.short } : {}) }])) as Record<OptionName, { type: 'string' | 'boolean'; short?: string }>;

/** Read the command line: the command, its file, its options; anything else is a UsageError in our words. */
function readArgs(argv: string[]): { command: string | undefined; file: string | undefined; values: Values } {
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: ALL_OPTIONS });
  const [command, file, ...extra] = positionals;
  const allowed = new Set<string>(command && COMMANDS[command] ? [...COMMANDS[command].options, 'help'] : ['help', 'version']);
  if (command && !COMMANDS[command] && command !== 'help') {
    const near = nearest(command, [...COMMAND_NAMES, 'help']);
    throw new UsageError(near
      ? `"${command}" is not a command. Did you mean "${near}"? ("totalplace --help" lists them all.)`
      : `"${command}" is not a command. Use ${COMMAND_LIST} ("totalplace --help" says what each does).`);
  }
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const known = t.name in OPTIONS;
    if (!known || !allowed.has(t.name)) {
      const where = command && COMMANDS[command] ? `of "totalplace ${command}"` : 'here';
      const theirs = command && COMMANDS[command] ? `${COMMANDS[command].options.length === 0 ? 'Its only option is' : 'Its options are'} ${optionList(command)}.` : `Give a command first: ${COMMAND_LIST}.`;
      const near = command && COMMANDS[command] ? nearest(t.name, [...COMMANDS[command].options, 'help']) : null;
      throw new UsageError(`${t.rawName} is not an option ${where}${near ? ` (did you mean --${near}?)` : ''}. ${theirs}`);
    }
    const spec: OptionSpec = OPTIONS[t.name as OptionName];
    if (spec.type === 'string' && t.value === undefined) throw new UsageError(`${t.rawName} needs a value after it, for example ${spec.eg ?? spec.shown}.`);
    if (spec.type === 'boolean' && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value: write just ${t.rawName}.`);
  }
  if (extra.length > 0) throw new UsageError(`Unexpected "${extra[0]}" after the file name. Put names with spaces in quotes.`);
  return { command, file, values: values as Values };
}

export async function main(argv: string[], rawOut: Out = (l) => process.stdout.write(`${l}\n`), rawErr: Out = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  // A file's text (a pilot's or agency's name, a message quoting a file name) never steers the terminal.
  const out: Out = (l) => rawOut(plainText(l, { newlines: true, tabs: true }));
  const err: Out = (l) => rawErr(plainText(l, { newlines: true, tabs: true }));
  let fileArg: string | undefined;
  try {
    const { command, file, values } = readArgs(argv);
    fileArg = file;
    if (values.version && !command) {
      out(version());
      return 0;
    }
    if (command === 'help') {
      out(file && COMMANDS[file] ? commandHelp(file) : overview());
      return 0;
    }
    if (values.help || !command) {
      if (!command && !values.help) throw new UsageError(`Say what to do: ${COMMAND_LIST}. "totalplace --help" says what each does.`);
      out(command ? commandHelp(command) : overview());
      return 0;
    }
    if (!file) throw new UsageError(`Name the workbook file, for example: ${COMMANDS[command]!.example}`);
    const str = (o: OptionName) => values[o] as string | undefined;
    const force = values.force === true;
    switch (command) {
      case 'new': {
        const name = str('name');
        if (!name) throw new UsageError('Give the pilot a name with --name, for example --name "Kent pilot".');
        checkOutputPath(file, force, 'pilot.totalplace');
        const wb = Workbook.create(file, { author: author(str('author')), pilot: { name }, ...(force ? { overwrite: true } : {}) });
        out(`Made ${wb.fileName} for "${name}".`);
        wb.close();
        return 0;
      }
      case 'demo': {
        checkOutputPath(file, force, 'sample.totalplace');
        const { createSampleWorkbook } = await import('../workbook/sample');
        const wb = createSampleWorkbook(file, author(str('author')), force ? { overwrite: true } : {});
        const t = wb.totals();
        out(`Made ${wb.fileName}: the sample pilot (illustrative data), ${t.agencyCount} agencies, ${t.lineCount} spend lines, ${t.barrierCount} barriers, ${formatHeadline(t.totalPence)} in all.`);
        wb.close();
        return 0;
      }
      case 'info':
      case 'check':
      case 'totals': {
        const wb = Workbook.open(file, { author: author(undefined), readOnly: true });
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
              err(`totalplace: ${wb.fileName} failed its check: ${report.errors[0]}`);
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
        const target = str('out');
        const kind = command === 'report' ? 'html' : 'pdf';
        if (!target) throw new UsageError(`Say where to write the ${kind.toUpperCase()} with -o, for example -o submission.${kind}`);
        const units = str('units');
        if (units && !['pounds', 'thousands', 'millions'].includes(units)) throw new UsageError('--units is pounds, thousands or millions.');
        // Refused before the workbook is read or any browser started.
        if (sameFile(target, file)) throw new WorkbookError('io', `-o names the workbook itself ("${path.basename(file)}"): give the ${kind.toUpperCase()} a name of its own, for example -o submission.${kind}`);
        checkOutputPath(target, force, `submission.${kind}`);
        const [{ reportData }, { renderReport }, { defaultReportOptions }] = await Promise.all([
          import('../report/data'), import('../../shared/report/render'), import('../../shared/report/types'),
        ]);
        const wb = Workbook.open(file, { author: author(undefined), readOnly: true });
        let html: string;
        let pilotName: string;
        let notes: string[];
        const by = preparedBy(str('author'));
        try {
          const data = reportData(wb, new Date(), by);
          pilotName = data.pilot.name;
          html = renderReport(data, defaultReportOptions((units as DisplayUnit | undefined) ?? data.pilot.displayUnits));
          notes = fileNotes(wb);
        } finally {
          wb.close();
        }
        let content: string | Uint8Array = html;
        if (command === 'print') {
          const [{ pdfWithChromium }, { withPdfInfo }] = await Promise.all([import('../report/chromium'), import('../report/pdfInfo')]);
          content = await withPdfInfo(await pdfWithChromium(html, pilotName), { pilotName, author: by, appVersion: version() });
        }
        writeOutput(target, content, force);
        out(`Wrote ${target}.`);
        for (const n of notes) out(`Note: ${n}`);
        return 0;
      }
      case 'repair': {
        const wb = Workbook.open(file, { author: author(str('author')) });
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
        throw new UsageError(`"${command}" is not a command. Use ${COMMAND_LIST}.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`totalplace: ${e.message}`);
      return 2;
    }
    if (e instanceof WorkbookError) {
      err(`totalplace: ${e.message}`);
      return 1;
    }
    // An error from SQLite or the disk is said in our words (its own message can quote the file); anything else is a bug.
    err(`totalplace: ${mapError(e, fileArg ? path.basename(fileArg) : 'the workbook').message}`);
    return 1;
  }
}

/**
 * A file the command is about to write (a new workbook, a report, a PDF): its folder must be there and
 * writable, and a file already there is replaced only with --force and only if it is not read-only.
 * Said in words before anything is read or made.
 */
function checkOutputPath(target: string, force: boolean, exampleName: string): void {
  const name = path.basename(target);
  const folder = path.dirname(target);
  const folderStat = statOrNull(folder);
  if (!folderStat) throw new WorkbookError('not-found', `There is no folder "${folder}" to write "${name}" in: check the path.`);
  if (!folderStat.isDirectory()) throw new WorkbookError('io', `"${folder}" is a file, not a folder, so "${name}" can't be written in it: check the path.`);
  const st = statOrNull(target);
  if (st?.isDirectory()) throw new WorkbookError('io', `"${target}" is a folder: give a file name, for example ${path.join(target, exampleName)}.`);
  if (st && !force) throw new WorkbookError('io', `"${name}" already exists. Add --force to replace it, or choose another name.`);
  if (st && !writable(target)) throw new WorkbookError('read-only', `"${name}" is read-only, so it was not replaced. Choose another name, or make the file writable first.`);
  if (!writable(folder)) throw new WorkbookError('io', `You don't have permission to write in the folder "${folder}", so "${name}" was not written. Choose a folder of your own, such as Documents.`);
}

/** The same file, by path or (when both are there) by identity: a link or another name for it counts. */
function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** Write an output file; a refusal from the disk is said in words, never as the system's message. */
function writeOutput(target: string, content: string | Uint8Array, force: boolean): void {
  const name = path.basename(target);
  try {
    fs.writeFileSync(target, content, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WorkbookError('io', `"${name}" already exists. Add --force to replace it, or choose another name.`);
    if (code === 'ENOENT') throw new WorkbookError('not-found', `There is no folder "${path.dirname(target)}" to write "${name}" in: check the path.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new WorkbookError('io', `"${name}" could not be written: you don't have permission to write there. Choose a folder of your own, such as Documents.`);
    if (code === 'ENOSPC') throw new WorkbookError('io', `There is no space left on the disk for "${name}". Free some space, or choose another drive.`);
    if (code === 'EISDIR') throw new WorkbookError('io', `"${target}" is a folder: give a file name.`);
    throw new WorkbookError('io', `"${name}" could not be written (${code ?? 'unknown error'}). Check the drive is connected and try again.`);
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
  return `${wb.fileName} was left half-saved (a "-journal" file is beside it). It was read through a private copy with the unfinished save undone; the file and its journal are untouched. To undo the unfinished save in the file itself, open it in Total Place Workbook and choose "Undo the unfinished save and edit".`;
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
  if (t.lineCount === 0) {
    if (t.agencyCount === 0) {
      out(`No spend is counted yet: ${wb.fileName} has no agencies and no spend lines. Add agencies and their spend in Total Place Workbook, then run totals again.`);
    } else {
      out(`No spend is counted yet: ${wb.fileName} has ${t.agencyCount} agenc${t.agencyCount === 1 ? 'y' : 'ies'} and no spend lines. Add their spend in Total Place Workbook, then run totals again.`);
      out('Agencies');
      for (const a of t.byAgency) out(`  ${a.name}`);
    }
    if (t.barrierCount > 0) out(`Barriers found: ${t.barrierCount}`);
    return;
  }
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
