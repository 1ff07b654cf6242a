/** A window's session: file actions through dialogs and recent files, never a path from the renderer. */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { WorkbookError } from '../../shared/errors';
import { hasUnsafeText } from '../../shared/text';
import { Session, suggestedFileName } from '../../electron/services/session';
import { SettingsStore } from '../../electron/services/settings';
import { lockPath } from '../../electron/workbook/lock';
import { Workbook } from '../../electron/workbook/workbook';
import { tempDir } from '../helpers';

/** A PDF as a printer returns it (one blank page). */
async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

function setup() {
  const dir = tempDir();
  const answers: (string | null)[] = [];
  const changes: string[] = [];
  const settings = new SettingsStore(path.join(dir, 'data'));
  settings.update({ author: 'Jo Bloggs' });
  const ask = async () => (answers.length ? answers.shift()! : null);
  const session = new Session({
    dialogs: { chooseWorkbookToOpen: ask, chooseNewWorkbookPath: ask, chooseCopyPath: ask, choosePdfPath: ask },
    printer: { pdf: async () => Buffer.from(await blankPdf()), print: async () => undefined },
    settings, dataDir: path.join(dir, 'data'), appVersion: '0.1.0', platform: 'linux',
    changed: (s) => changes.push(s.current?.fileName ?? '(none)'),
  });
  return { dir, answers, changes, settings, session };
}

async function rejects(p: Promise<unknown>, code: string): Promise<WorkbookError> {
  try {
    await p;
  } catch (e) {
    expect((e as WorkbookError).code).toBe(code);
    return e as WorkbookError;
  }
  throw new Error(`expected ${code}`);
}

describe('a window session', () => {
  it('creates a new workbook where the save dialog says, adding the extension, and remembers it', async () => {
    const { dir, answers, session, changes } = setup();
    answers.push(path.join(dir, 'Kent pilot'));
    const state = await session.newWorkbook({ pilotName: 'Kent pilot' });
    expect(state.workbook).toMatchObject({ fileName: 'Kent pilot.totalplace', pilotName: 'Kent pilot', author: 'Jo Bloggs' });
    expect(fs.existsSync(path.join(dir, 'Kent pilot.totalplace'))).toBe(true);
    expect(state.recent.map((r) => r.pilotName)).toEqual(['Kent pilot']);
    expect(changes).toEqual(['Kent pilot.totalplace']);
    session.dispose();
  });

  it('treats a cancelled dialog as cancelled, changing nothing', async () => {
    const { session } = setup();
    await rejects(session.open(), 'cancelled');
    await rejects(session.newWorkbook({ pilotName: 'X' }), 'cancelled');
    expect(session.state().workbook).toBeNull();
  });

  it('opens recent files by id, and says when one has gone', async () => {
    const { dir, answers, session } = setup();
    const file = path.join(dir, 'a.totalplace');
    Workbook.create(file, { author: 'x', pilot: { name: 'Pilot A' } }).close();
    answers.push(file);
    await session.open();
    session.close();
    const [recent] = session.state().recent;
    expect(recent).toMatchObject({ fileName: 'a.totalplace', pilotName: 'Pilot A', missing: false });
    expect(session.openRecent(recent!.id).workbook?.fileName).toBe('a.totalplace');
    session.close();
    fs.rmSync(file);
    expect(session.state().recent[0]!.missing).toBe(true);
    expect(() => session.openRecent(recent!.id)).toThrow(/can't be found/);
    expect(() => session.openRecent('01a20e29-1d45-75ae-b8a9-927a07dd4130')).toThrow(/no longer in the recent list/);
  });

  it('opens the sample pilot from the app’s data folder', () => {
    const { session } = setup();
    const state = session.openSample();
    expect(state.workbook?.pilotName).toBe('Sample pilot: Birmingham (illustrative)');
    expect(session.workbook().totals().totalPence).toBe(730_000_000_000);
    session.dispose();
  });

  it('offers a file someone else has open read-only, or anyway, by a token — not a path', async () => {
    const { dir, answers, session } = setup();
    const file = path.join(dir, 'held.totalplace');
    Workbook.create(file, { author: 'x', pilot: { name: 'Held' } }).close();
    fs.writeFileSync(lockPath(file), JSON.stringify({ author: 'Sam', host: 'OTHER-PC', pid: 1, since: new Date().toISOString() }));
    answers.push(file, file);
    const err = await rejects(session.open(), 'locked');
    const token = String(err.detail?.retryToken);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.retryOpen(token, 'read-only').workbook).toMatchObject({ readOnly: true, readOnlyReason: 'requested' });
    expect(() => session.retryOpen(token, 'read-only')).toThrow(/no longer waiting/);
    session.close();
    const again = await rejects(session.open(), 'locked');
    expect(session.retryOpen(String(again.detail?.retryToken), 'anyway').workbook?.readOnly).toBe(false);
    session.dispose();
  });

  it('saves a copy through the dialog and keeps working in the original', async () => {
    const { dir, answers, session } = setup();
    session.openSample();
    answers.push(path.join(dir, 'to send'));
    expect(await session.saveCopy()).toEqual({ fileName: 'to send.totalplace' });
    expect(session.state().workbook?.fileName).toBe('Sample pilot (illustrative).totalplace');
    session.dispose();
  });

  it('opening the file already open in the window does nothing', () => {
    const { session } = setup();
    session.openSample();
    const file = session.workbook().path;
    expect(session.openFile(file).workbook?.path).toBe(file);
    session.dispose();
  });

  it('keeps an error from a file it did not ask for as a notice, shown once', () => {
    const { dir, session } = setup();
    const bad = path.join(dir, 'bad.totalplace');
    fs.writeFileSync(bad, '');
    session.openFromOutside(bad);
    expect(session.state().notice).toMatchObject({ code: 'empty-file' });
    expect(session.state().notice).toBeNull();
  });

  it('suggests a safe file name from the pilot name', () => {
    expect(suggestedFileName('Kent: pilot / 2009?')).toBe('Kent pilot 2009.totalplace');
    expect(suggestedFileName('   ')).toBe('Pilot workbook.totalplace');
    // A name from a file can't make a save dialog suggest "…fdp.exe" shown as "…exe.pdf", nor carry controls.
    expect(suggestedFileName('Kent\u202Efdp.exe\u0007\u0085\nnorth')).toBe('Kentfdp.exe north.totalplace');
    expect(suggestedFileName('Kent\u2066pilot\u2069 submission', '.pdf')).toBe('Kentpilot submission.pdf');
  });

  it('shows names from files as plain text in the recent list and in a notice', () => {
    const { dir, session, settings } = setup();
    const file = path.join(dir, 'report\u202Efdp.totalplace');
    fs.writeFileSync(file, '');
    settings.addRecent(file, 'Kent\u202E pilot\u0007\r\nnext line');
    const [recent] = session.state().recent;
    expect(recent).toMatchObject({ pilotName: 'Kent pilot next line', fileName: 'reportfdp.totalplace' });
    session.openFromOutside(file);
    const notice = session.state().notice!;
    expect(notice.code).toBe('empty-file');
    expect(notice.message).toContain('"reportfdp.totalplace" is empty');
    expect(hasUnsafeText(notice.message, { newlines: true })).toBe(false);
  });

  it('survives a damaged settings file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(new SettingsStore(dir).get()).toEqual({ author: null, displayUnits: 'millions', recent: [] });
  });

  it('prints the author setting as "Prepared by" and the PDF\'s Author, and no name when none is set (never the login name)', async () => {
    const { dir, answers, session, settings } = setup();
    answers.push(path.join(dir, 'Kent pilot'));
    await session.newWorkbook({ pilotName: 'Kent pilot' });
    const options = { units: 'pounds' as const, sections: ['summary' as const], wideTables: 'portrait' as const };
    expect(session.reportPreview(options).html).toMatch(/Prepared by<\/th><td>Jo Bloggs/);
    answers.push(path.join(dir, 'out.pdf'));
    await session.exportPdf(options);
    const pdf = await PDFDocument.load(fs.readFileSync(path.join(dir, 'out.pdf')), { updateMetadata: false });
    expect([pdf.getTitle(), pdf.getAuthor(), pdf.getCreator()]).toEqual(['Kent pilot — Total Place pilot submission', 'Jo Bloggs', 'Total Place Workbook 0.1.0']);
    settings.update({ author: null });
    expect(session.reportPreview(options).html).not.toContain('Prepared by');
    answers.push(path.join(dir, 'nobody.pdf'));
    await session.exportPdf(options);
    expect((await PDFDocument.load(fs.readFileSync(path.join(dir, 'nobody.pdf')), { updateMetadata: false })).getAuthor()).toBeUndefined();
  });
});
