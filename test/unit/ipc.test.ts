/** The handler registry in plain Node: every method handled, inputs validated, errors enveloped, senders checked. */
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CONTRACT, METHODS, channelOf } from '../../shared/api';
import { ERROR_CODES } from '../../shared/errors';
import { contextFor, dispatch, handlers } from '../../electron/ipc/registry';
import { isTrustedSender } from '../../electron/ipc/sender';
import { Session } from '../../electron/services/session';
import { SettingsStore } from '../../electron/services/settings';
import { createSampleWorkbook } from '../../electron/workbook/sample';
import { Workbook } from '../../electron/workbook/workbook';
import { tempDir } from '../helpers';

describe('the contract and its registry', () => {
  it('has a handler for every method and no handler without a method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
    expect(METHODS.length).toBeGreaterThan(20);
  });

  it('gives every method its own channel', () => {
    const channels = METHODS.map(channelOf);
    expect(new Set(channels).size).toBe(METHODS.length);
    expect(channels).toContain('totalplace:spend.page');
  });

  it('answers every method with an envelope, over a real workbook', async () => {
    const dir = tempDir();
    const answers = [path.join(dir, 'copy.totalplace'), path.join(dir, 'new.totalplace'), path.join(dir, 'sample.totalplace')];
    const session = new Session({
      dialogs: { chooseCopyPath: async () => answers[0]!, chooseNewWorkbookPath: async () => answers[1]!, chooseWorkbookToOpen: async () => answers[2]!, choosePdfPath: async () => path.join(dir, 'submission.pdf') },
      printer: { pdf: async () => Buffer.from(await (await PDFDocument.create()).save()), print: async () => undefined },
      settings: new SettingsStore(path.join(dir, 'data')), dataDir: path.join(dir, 'data'), appVersion: '1.0.0', platform: 'linux',
    });
    createSampleWorkbook(answers[2]!, 'J. Smith').close();
    session.openFile(answers[2]!);
    const wb = session.workbook();
    const ctx = session;
    const agency = wb.agencies.list()[0]!;
    const theme = wb.themes.list()[0]!;
    const line = wb.spend.page({ limit: 1 }).rows[0]!;
    const barrier = wb.barriers.list()[0]!;
    const survivor = wb.agencies.list()[1]!;
    const inputs: { [M in keyof typeof CONTRACT]: unknown } = {
      'workbook.info': {}, 'workbook.verify': {}, 'workbook.history': { limit: 5 }, 'workbook.repairTotals': {}, 'pilot.get': {}, 'pilot.update': { place: 'Birmingham and Solihull' },
      'agency.list': {}, 'agency.create': { rows: [{ name: 'New body' }] }, 'agency.update': { patches: [{ id: agency.id, tier: 'regional' }] },
      'agency.usage': { id: agency.id }, 'agency.delete': { ids: [agency.id], moveTo: survivor.id },
      'theme.list': {}, 'theme.create': { rows: [{ name: 'Mental health' }] }, 'theme.update': { patches: [{ id: theme.id, cohortSize: 10 }] },
      'theme.usage': { id: theme.id }, 'theme.delete': { ids: [theme.id], reassign: 'unallocated' },
      'spend.page': { limit: 5 }, 'spend.get': { id: line.id }, 'spend.create': { rows: [{ agencyId: survivor.id, description: 'Extra', amountPence: 1 }] },
      'spend.update': { patches: [{ id: line.id, notes: 'checked' }] }, 'spend.delete': { ids: [line.id] },
      'barrier.list': {}, 'barrier.create': { rows: [{ title: 'New barrier' }] }, 'barrier.update': { patches: [{ id: barrier.id, status: 'resolved' }] },
      'barrier.delete': { ids: [barrier.id] }, 'totals.get': {},
      'agency.batch': { creates: [{ name: 'Batch body' }] }, 'theme.batch': { updates: [] }, 'spend.batch': { creates: [] }, 'barrier.batch': {},
      'history.state': {}, 'history.undo': {}, 'history.redo': {},
      'app.state': {}, 'settings.update': { author: 'Jo Bloggs' }, 'app.saveCopy': {}, 'app.newWorkbook': { pilotName: 'New pilot' },
      'app.open': {}, 'app.openRecent': { id: '' }, 'app.openSample': {}, 'app.retryOpen': { token: '' }, 'app.recoverSave': {}, 'app.close': {}, 'app.removeRecent': { id: '' },
      'app.reportUi': { section: 'spend', canDeleteRow: true, canUndo: false, canRedo: false },
      'report.preview': { options: { units: 'millions', sections: ['summary'], wideTables: 'landscape' } },
      'report.exportPdf': { options: { units: 'pounds', sections: ['summary', 'barriers'], wideTables: 'portrait' } },
      'report.print': { options: { units: 'thousands', sections: ['agencies'], wideTables: 'landscape' } },
    };
    // Methods that need something made by an earlier call get their input then.
    const late: Partial<Record<string, () => unknown>> = {
      'report.preview': () => {
        session.openSample();
        return inputs['report.preview'];
      },
      'app.openRecent': () => ({ id: session.state().recent[0]!.id }),
      'app.removeRecent': () => ({ id: session.state().recent.at(-1)!.id }),
    };
    const skipped: string[] = [];
    for (const method of METHODS) {
      if (method === 'app.retryOpen' || method === 'app.recoverSave') {
        skipped.push(method);
        continue;
      }
      const r = await dispatch(method, late[method]?.() ?? inputs[method], ctx);
      expect(r, `${method}: ${JSON.stringify(r)}`).toMatchObject({ ok: true });
    }
    // retryOpen needs a file held by someone else, recoverSave one with an unfinished save beside it; the session and browser tests cover them.
    expect(skipped).toEqual(['app.retryOpen', 'app.recoverSave']);
    session.openSample();
    expect(await dispatch('app.recoverSave', {}, ctx)).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('no unfinished save') } });
    expect(await dispatch('app.retryOpen', { token: '01a20e29-1d45-75ae-b8a9-927a07dd4130', mode: 'read-only' }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    session.dispose();
  });

  it('refuses bad input with a validation envelope, and changes nothing', async () => {
    const wb = Workbook.create(path.join(tempDir(), 'w.totalplace'), { author: 'J. Smith', pilot: { name: 'P' } });
    const ctx = contextFor(() => wb);
    const rev = wb.info().revision;
    const r = await dispatch('agency.create', { rows: [{ name: '' }] }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('The agency name is required') } });
    expect(await dispatch('agency.create', { rows: [{ name: 'x' }], path: '/etc/passwd' }, ctx)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await dispatch('spend.page', { limit: 1e9 }, ctx)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(wb.info().revision).toBe(rev);
    wb.close();
  });

  it('refuses a method that is not in the contract', async () => {
    const ctx = contextFor(() => null);
    for (const name of ['constructor', '__proto__', 'fs.readFile', 42, undefined]) {
      expect(await dispatch(name, {}, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('says when no workbook is open', async () => {
    expect(await dispatch('totals.get', {}, contextFor(() => null))).toMatchObject({ ok: false, error: { code: 'no-workbook', message: expect.stringContaining('Open one') } });
  });

  it('turns an unexpected failure into an internal error in our words (never the raw message), and reports it', async () => {
    const seen: unknown[] = [];
    const ctx = { workbook: () => { throw new RangeError('re-enter your password at https://example.invalid'); }, app: () => { throw new RangeError('boom'); } };
    const r = await dispatch('totals.get', {}, ctx, (m, e) => seen.push(m, (e as Error).message));
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('Nothing was lost') } });
    expect(JSON.stringify(r)).not.toContain('password');
    // The log still has it, for whoever is asked to look.
    expect(seen).toEqual(['totals.get', 're-enter your password at https://example.invalid']);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
  });
});

describe('who may call', () => {
  it('accepts only our own app:// page in the top frame of one of our windows', () => {
    const ok = { frameUrl: 'app://totalplace/index.html', isTopFrame: true, knownWindow: true };
    expect(isTrustedSender(ok)).toBe(true);
    expect(isTrustedSender({ ...ok, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, knownWindow: false })).toBe(false);
    for (const frameUrl of ['file:///etc/passwd', 'https://evil.example/', 'app://other/index.html', 'app://totalplace.evil.example/', 'not a url', undefined]) {
      expect(isTrustedSender({ ...ok, frameUrl }), String(frameUrl)).toBe(false);
    }
  });
});
