/** The Electron shell's pure parts, without Electron: menus, window security, the app:// protocol, files from outside, packaging config. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildMenu, commandItems, menuText, recentLabel, type MenuItemSpec, type MenuState } from '../../electron/services/menu';
import { windowTitle } from '../../shared/types';
import { CSP, resolveAppRequest } from '../../electron/services/protocol';
import { REPORT_PARTITION, droppedWorkbooks, filesFromArgv, isAllowedExternal, reportDocumentUrl, reportRequestAllowed, reportWebPreferences, secureWebPreferences } from '../../electron/services/security';
import { ROOT, tempDir } from '../helpers';

const base: MenuState = { platform: 'linux', hasWorkbook: false, readOnly: false, canUndo: false, canRedo: false, canDeleteRow: false, recent: [], appName: 'Total Place Workbook' };
const find = (menu: MenuItemSpec[], label: string): MenuItemSpec => {
  for (const m of menu) {
    if (m.label === label) return m;
    const inner = m.submenu ? (() => { try { return find(m.submenu, label); } catch { return null; } })() : null;
    if (inner) return inner;
  }
  throw new Error(`no menu item ${label}`);
};

describe('menus', () => {
  it('has the File, Edit, View, Window and Help menus with the platform’s accelerators', () => {
    const menu = buildMenu(base);
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(find(menu, 'New Pilot Workbook…').accelerator).toBe('CmdOrCtrl+N');
    expect(find(menu, 'Open…').accelerator).toBe('CmdOrCtrl+O');
    expect(find(menu, 'Save a Copy…').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(find(menu, 'Print Submission…').accelerator).toBe('CmdOrCtrl+P');
    expect(find(menu, 'Export Submission as PDF…').enabled).toBe(false);
    expect(find(menu, 'Redo').accelerator).toBe('Ctrl+Y');
    expect(find(menu, 'Find').accelerator).toBe('CmdOrCtrl+F');
    // The page handles these keys itself, so text boxes keep their own undo and the grid its own keys.
    for (const label of ['Undo', 'Redo', 'Delete Row', 'Find']) expect(find(menu, label).registerAccelerator).toBe(false);
    expect(find(menu, 'Spend').accelerator).toBe('CmdOrCtrl+3');
    expect(find(menu, 'Total Place Workbook Guide').accelerator).toBe('F1');
    expect(find(menu, 'About Total Place Workbook').command).toBe('about');
    for (const label of ['Open Recent', 'Open Sample Pilot', 'Close', 'Undo', 'Cut', 'Copy', 'Paste', 'Delete Row', 'Select All', 'Agencies', 'Themes', 'Barriers', 'Totals Panel', 'Zoom In']) expect(() => find(menu, label)).not.toThrow();
  });

  it('on a Mac has the app menu, Cmd accelerators for redo, and no Exit', () => {
    const menu = buildMenu({ ...base, platform: 'darwin' });
    expect(menu[0]!.label).toBe('Total Place Workbook');
    expect(find(menu, 'Redo').accelerator).toBe('Shift+CmdOrCtrl+Z');
    expect(() => find(menu, 'E&xit')).toThrow();
  });

  it('enables items only when they can act', () => {
    const none = buildMenu(base);
    expect(find(none, 'Save a Copy…').enabled).toBe(false);
    expect(find(none, 'Close').enabled).toBe(false);
    expect(find(none, 'Spend').enabled).toBe(false);
    expect(find(none, 'Open…').enabled).toBe(true);
    expect(find(none, 'Open Recent').enabled).toBe(false);

    const open = buildMenu({ ...base, hasWorkbook: true, canUndo: true, canDeleteRow: true, recent: [{ id: 'r1', label: 'Kent — kent.totalplace' }] });
    expect(find(open, 'Save a Copy…').enabled).toBe(true);
    expect(find(open, 'Undo').enabled).toBe(true);
    expect(find(open, 'Redo').enabled).toBe(false);
    expect(find(open, 'Delete Row').enabled).toBe(true);
    expect(find(open, 'Kent — kent.totalplace').command).toBe('openRecent:r1');

    const readOnly = buildMenu({ ...base, hasWorkbook: true, readOnly: true, canUndo: true, canDeleteRow: true });
    expect(find(readOnly, 'Undo').enabled).toBe(false);
    expect(find(readOnly, 'Delete Row').enabled).toBe(false);
    expect(find(readOnly, 'Save a Copy…').enabled).toBe(true);
  });

  it('lists recent files by their names as plain text: no controls or bidirectional overrides, & shown, long names cut', () => {
    const hostile = 'Kent\u202Eexe.fdp\u0007 R&D\r\npilot';
    expect(recentLabel(hostile, '/home/jo/a\u2066b.totalplace')).toBe(`${hostile} — a\u2066b.totalplace`);
    expect(recentLabel('Kent', 'C:\\Users\\jo\\kent.totalplace')).toBe('Kent — kent.totalplace');
    const menu = buildMenu({ ...base, hasWorkbook: true, recent: [{ id: 'r1', label: recentLabel(hostile, '/home/jo/a\u2066b.totalplace') }, { id: 'r2', label: 'x'.repeat(300) }] });
    const items = find(menu, 'Open Recent').submenu!;
    expect(items[0]).toMatchObject({ label: 'Kentexe.fdp R&&D pilot — ab.totalplace', command: 'openRecent:r1' });
    expect([...items[1]!.label!]).toHaveLength(80);
    expect(items[1]!.label!.endsWith('…')).toBe(true);
    expect(menuText('A & B && C')).toBe('A && B &&&& C');
  });

  it('sends only commands the window knows', () => {
    const commands = commandItems(buildMenu({ ...base, hasWorkbook: true, recent: [{ id: 'x', label: 'x' }] })).map((i) => i.command!);
    expect(commands).toEqual(expect.arrayContaining(['new', 'open', 'openSample', 'saveCopy', 'close', 'undo', 'redo', 'deleteRow', 'find', 'view:spend', 'view:panel', 'guide', 'about', 'openRecent:x']));
  });
});

describe('the window title', () => {
  it('is the pilot and file names as plain text: no controls or bidirectional overrides to disguise it', () => {
    expect(windowTitle(null)).toBe('Total Place Workbook');
    expect(windowTitle({ pilotName: 'Kent pilot', fileName: 'kent.totalplace', readOnly: true })).toBe('Kent pilot — kent.totalplace (read-only) — Total Place Workbook');
    const title = windowTitle({ pilotName: '<b>Kent</b>\u202E\u0007\u001b[2J pilot\r\n2', fileName: 'report\u202Efdp.totalplace\u0085', readOnly: false });
    expect(title).toBe('<b>Kent</b>[2J pilot 2 — reportfdp.totalplace — Total Place Workbook');
  });
});

describe('window security', () => {
  it('every window is isolated and sandboxed, with no Node and no webview', () => {
    const w = secureWebPreferences('/app/preload.cjs');
    expect(w).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false, navigateOnDragDrop: false, disableBlinkFeatures: 'Auxclick',
    });
  });

  it('prints in a hidden window with no JavaScript, in its own session, loading nothing but its document', () => {
    const w = reportWebPreferences();
    expect(w).toMatchObject({
      javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, partition: REPORT_PARTITION,
    });
    expect(w).not.toHaveProperty('preload');
    expect(REPORT_PARTITION).not.toMatch(/^persist:/);
    const doc = reportDocumentUrl('<!doctype html><p>Report</p>');
    expect(Buffer.from(doc.split(',')[1]!, 'base64').toString()).toBe('<!doctype html><p>Report</p>');
    expect(reportRequestAllowed({ url: doc, resourceType: 'mainFrame' }, doc)).toBe(true);
    expect(reportRequestAllowed({ url: 'data:image/png;base64,iVBORw0KGgo=', resourceType: 'image' }, doc)).toBe(true);
    for (const [url, resourceType] of [
      [reportDocumentUrl('<p>another document</p>'), 'mainFrame'], ['https://evil.example/', 'mainFrame'], ['https://evil.example/x.png', 'image'],
      ['http://127.0.0.1:8080/frame', 'subFrame'], [doc, 'subFrame'], ['data:text/html,<script>x</script>', 'subFrame'], ['file:///etc/passwd', 'image'],
      ['https://evil.example/x.css', 'stylesheet'], ['https://evil.example/font.woff2', 'font'], ['https://evil.example/x', 'xhr'], ['data:image/svg+xml,<svg/>', 'subFrame'],
    ] as const) {
      expect(reportRequestAllowed({ url, resourceType }, doc), `${resourceType} ${url}`).toBe(false);
    }
    expect(reportRequestAllowed({ url: doc, resourceType: 'mainFrame' }, undefined)).toBe(false);
  });

  it('opens only https links to allow-listed sites in the browser', () => {
    expect(isAllowedExternal('https://www.gov.uk/guidance')).toBe(true);
    for (const url of ['http://www.gov.uk/', 'file:///etc/passwd', 'https://evil.example/', 'https://www.gov.uk.evil.example/', 'javascript:alert(1)', 'https://user:pw@www.gov.uk/', 'nonsense']) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });

  it('takes workbook files only from a command line or a drop, never other files', () => {
    expect(filesFromArgv(['/opt/app/total-place-workbook', '--no-sandbox', 'kent.totalplace', 'notes.txt', '/tmp/B.TOTALPLACE'], '/home/jo')).toEqual(['/home/jo/kent.totalplace', '/tmp/B.TOTALPLACE']);
    expect(droppedWorkbooks(['/tmp/a.totalplace', 'relative.totalplace', '/etc/passwd', 42, null])).toEqual(['/tmp/a.totalplace']);
    expect(droppedWorkbooks('not a list')).toEqual([]);
  });
});

describe('the app:// protocol', () => {
  function site() {
    const dir = tempDir();
    const root = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.js'));
    return root;
  }

  it('serves files inside the renderer folder, with the CSP', () => {
    const root = site();
    const r = resolveAppRequest('app://totalplace/assets/app.js', root);
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['Content-Security-Policy']).toBe(CSP);
    expect(resolveAppRequest('app://totalplace/', root)).toMatchObject({ status: 200, file: expect.stringMatching(/index\.html$/) });
  });

  it('refuses anything outside it, however it is spelled', () => {
    const root = site();
    for (const url of ['app://totalplace/../secret.txt', 'app://totalplace/%2e%2e/secret.txt', 'app://totalplace/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://totalplace/assets/link.js', 'app://elsewhere/index.html']) {
      const r = resolveAppRequest(url, root);
      expect(r.status, url).not.toBe(200);
    }
    expect(resolveAppRequest('app://totalplace/missing.js', root).status).toBe(404);
    expect(resolveAppRequest('app://totalplace/%00.js', root).status).toBe(404);
  });

  it('has a strict policy: scripts from the app only, no eval, no remote anything', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
    const html = fs.readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  });
});

describe('packaging', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('the electron-builder config is valid against electron-builder’s own schema', () => {
    expect(validate(pkg.build), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...pkg.build, nsis: { oneClick: 'maybe' } })).toBe(false);
  });

  it('builds AppImage, deb, a per-user NSIS installer and a dmg, with the .totalplace association and hardened fuses', () => {
    const b = pkg.build;
    expect(b.linux.target).toEqual(['AppImage', 'deb']);
    expect(b.win.target[0].target).toBe('nsis');
    expect(b.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    expect(b.mac.target).toEqual(['dmg']);
    expect(b.fileAssociations[0]).toMatchObject({ ext: 'totalplace', icon: 'totalplace' });
    expect(b.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
    for (const f of ['icon.png', 'icon.ico', 'icon.icns', 'totalplace.ico', 'totalplace.icns', 'icons/256x256.png']) expect(fs.existsSync(path.join(ROOT, 'build', f)), f).toBe(true);
  });
});
