/**
 * The Electron main process: a thin shell. Windows, menus, dialogs, the app:// protocol and the IPC
 * wiring live here; everything they call (sessions, the store, the registry, the menu model, the
 * security rules) is plain Node code tested without Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session as electronSession, shell, type MenuItemConstructorOptions } from 'electron';
import { METHOD_NAMES, DROP_CHANNEL, EVENT_CHANNELS, channelOf, type Command } from '../../shared/methods';
import { windowTitle } from '../../shared/types';
import { dispatch } from '../ipc/registry';
import { APP_ORIGIN, isTrustedSender } from '../ipc/sender';
import { buildMenu, recentLabel, type MenuItemSpec } from '../services/menu';
import { resolveAppRequest } from '../services/protocol';
import { REPORT_PARTITION, droppedWorkbooks, filesFromArgv, isAllowedExternal, reportDocumentUrl, reportRequestAllowed, reportWebPreferences, secureWebPreferences } from '../services/security';
import { Session, type Dialogs, type Printer } from '../services/session';
import { WorkbookError } from '../../shared/errors';
import { pageFooter } from '../../shared/report/types';
import { SettingsStore } from '../services/settings';

const APP_NAME = 'Total Place Workbook';
const here = path.dirname(__filename);
const rendererRoot = path.join(here, '..', 'renderer');
const preload = path.join(here, 'preload.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** better-sqlite3 built for Electron's ABI: beside the app when packaged, in .native/ when run from source. */
function nativeBinding(): string | undefined {
  const candidates = app.isPackaged
    ? [path.join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(app.getAppPath(), '.native', `electron-${process.versions.electron}-${process.platform}-${process.arch}`, 'better_sqlite3.node')];
  return candidates.find((c) => fs.existsSync(c));
}

const windows = new Map<BrowserWindow, Session>();
let settings: SettingsStore;
let binding: string | undefined;

function dialogsFor(win: () => BrowserWindow | undefined): Dialogs {
  const filters = [{ name: 'Total Place workbooks', extensions: ['totalplace'] }];
  return {
    async chooseWorkbookToOpen() {
      const w = win();
      const opts = { title: 'Open a pilot workbook', filters, properties: ['openFile' as const] };
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseNewWorkbookPath(suggestedName) {
      const w = win();
      const opts = { title: 'Save the new pilot workbook', defaultPath: path.join(app.getPath('documents'), suggestedName), filters };
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
      return r.canceled ? null : (r.filePath ?? null);
    },
    async choosePdfPath(suggestedName) {
      const w = win();
      const opts = { title: 'Export the pilot submission as PDF', defaultPath: path.join(app.getPath('documents'), suggestedName), filters: [{ name: 'PDF documents', extensions: ['pdf'] }] };
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
      return r.canceled ? null : (r.filePath ?? null);
    },
    async chooseCopyPath(suggestedName) {
      const w = win();
      const opts = { title: 'Save a copy (to send by email, or as a backup)', defaultPath: path.join(app.getPath('documents'), suggestedName), filters };
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}

/**
 * Printing with Electron's own Chromium: the report's HTML in a hidden window that runs no script,
 * then Chromium's PDF engine (the same one the tests use) or the system print dialog.
 */
const printer: Printer = {
  async pdf(html, pilotName) {
    const w = await reportWindow(html);
    try {
      return Buffer.from(await w.webContents.printToPDF({
        printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: pageFooter(pilotName),
        generateTaggedPDF: true, generateDocumentOutline: true,
      }));
    } finally {
      w.destroy();
    }
  },
  async print(html) {
    const w = await reportWindow(html);
    await new Promise<void>((resolve, reject) => {
      w.webContents.print({ printBackground: true }, (ok, reason) => {
        w.destroy();
        if (ok || /cancel/i.test(reason)) resolve();
        else reject(new WorkbookError('io', `The submission could not be printed (${reason}). Check the printer is on and connected, or export it as PDF and print that.`));
      });
    });
  },
  reveal(file) {
    shell.showItemInFolder(file);
  },
};

/** The document each report window was given, by its webContents id: the only page it may load. */
const reportDocuments = new Map<number, string>();
let reportSessionReady = false;

/** The report windows' own session: no permissions, and every request refused but the window's own document. */
function prepareReportSession(): void {
  if (reportSessionReady) return;
  reportSessionReady = true;
  const s = electronSession.fromPartition(REPORT_PARTITION);
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !reportRequestAllowed(details, details.webContentsId === undefined ? undefined : reportDocuments.get(details.webContentsId)) });
  });
}

/** A hidden window showing the report: no JavaScript, its own session, no request but its document. */
async function reportWindow(html: string): Promise<BrowserWindow> {
  prepareReportSession();
  const url = reportDocumentUrl(html);
  const w = new BrowserWindow({ show: false, webPreferences: reportWebPreferences() });
  const id = w.webContents.id;
  reportDocuments.set(id, url);
  w.once('closed', () => reportDocuments.delete(id));
  await w.loadURL(url);
  return w;
}

function findWindowWith(file: string): BrowserWindow | undefined {
  for (const [w, s] of windows) if (s.current && path.resolve(s.current.path) === file) return w;
  return undefined;
}

function createWindow(file?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: APP_NAME,
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preload),
  });
  const session = new Session({
    dialogs: dialogsFor(() => win),
    printer,
    settings,
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    platform: process.platform,
    ...(binding ? { nativeBinding: binding } : {}),
    focusExisting(f, from) {
      const other = findWindowWith(f);
      if (!other || windows.get(other) === from) return false;
      other.focus();
      return true;
    },
    openInNewWindow(f) {
      createWindow(f);
      return true;
    },
    menuChanged() {
      refreshMenu();
    },
    changed(s) {
      if (!win.isDestroyed()) {
        win.setTitle(windowTitle(s.current && !s.current.isClosed ? s.current.info() : null));
        win.webContents.send(EVENT_CHANNELS.stateChanged);
      }
      refreshMenu();
    },
  });
  windows.set(win, session);
  win.once('ready-to-show', () => win.show());
  win.on('focus', refreshMenu);
  win.on('closed', () => {
    session.dispose();
    windows.delete(win);
    refreshMenu();
  });
  win.webContents.once('did-finish-load', () => {
    if (file) session.openFromOutside(file);
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function focusedSession(): [BrowserWindow, Session] | undefined {
  const w = BrowserWindow.getFocusedWindow() ?? [...windows.keys()][0];
  const s = w ? windows.get(w) : undefined;
  return w && s ? [w, s] : undefined;
}

function toTemplate(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((i) => {
    const out: MenuItemConstructorOptions = {};
    if (i.type) out.type = i.type;
    if (i.label !== undefined) out.label = i.label;
    if (i.role) out.role = i.role;
    if (i.accelerator) out.accelerator = i.accelerator;
    if (i.registerAccelerator === false) out.registerAccelerator = false;
    if (i.enabled !== undefined) out.enabled = i.enabled;
    if (i.submenu) out.submenu = toTemplate(i.submenu);
    const command: Command | undefined = i.command;
    if (command) {
      out.click = () => {
        const f = focusedSession();
        if (f) f[0].webContents.send(EVENT_CHANNELS.command, command);
        else createWindow();
      };
    }
    return out;
  });
}

function refreshMenu(): void {
  const f = focusedSession();
  const s = f?.[1];
  const wb = s?.current && !s.current.isClosed ? s.current : null;
  const menu = buildMenu({
    platform: process.platform,
    appName: APP_NAME,
    hasWorkbook: wb !== null,
    readOnly: wb?.readOnly ?? false,
    canUndo: s?.ui.canUndo ?? false,
    canRedo: s?.ui.canRedo ?? false,
    canDeleteRow: s?.ui.canDeleteRow ?? false,
    recent: settings.get().recent.map((r) => ({ id: r.id, label: recentLabel(r.pilotName, r.path) })),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toTemplate(menu)));
}

/** Every IPC message must come from the top frame of one of our windows, showing our own page. */
function senderSession(event: Electron.IpcMainInvokeEvent | Electron.IpcMainEvent): Session | undefined {
  const win = BrowserWindow.fromWebContents(event.sender);
  const frame = event.senderFrame;
  const trusted = isTrustedSender({ frameUrl: frame?.url, isTopFrame: frame !== null && frame === event.sender.mainFrame, knownWindow: win !== null && windows.has(win) });
  return trusted && win ? windows.get(win) : undefined;
}

function openFiles(files: string[]): void {
  for (const f of files) {
    const existing = findWindowWith(f);
    if (existing) existing.focus();
    else {
      const empty = [...windows].find(([, s]) => !s.current);
      if (empty) empty[1].openFromOutside(f);
      else createWindow(f);
    }
  }
}

const pendingOpen: string[] = filesFromArgv(process.argv.slice(1), process.cwd());
app.on('open-file', (event, file) => {
  event.preventDefault();
  if (app.isReady()) openFiles([file]);
  else pendingOpen.push(file);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv, cwd) => {
    const files = filesFromArgv(argv.slice(1), cwd);
    if (files.length > 0) openFiles(files);
    else focusedSession()?.[0].focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(() => {
    app.setName(APP_NAME);
    settings = new SettingsStore(app.getPath('userData'));
    binding = nativeBinding();
    electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    electronSession.defaultSession.setPermissionCheckHandler(() => false);
    protocol.handle('app', async (request) => {
      const r = resolveAppRequest(request.url, rendererRoot);
      if (r.status !== 200) return new Response(null, { status: r.status, headers: r.headers });
      return new Response(await fs.promises.readFile(r.file), { status: 200, headers: r.headers });
    });
    for (const method of METHOD_NAMES) {
      ipcMain.handle(channelOf(method), async (event, input: unknown) => {
        const s = senderSession(event);
        if (!s) return { ok: false, error: { code: 'forbidden', message: 'This request did not come from a Total Place Workbook window, so it was refused.' } };
        return dispatch(method, input, s, (m, err) => console.error(`[${m}]`, err));
      });
    }
    ipcMain.on(DROP_CHANNEL, (event, paths: unknown) => {
      const s = senderSession(event);
      if (!s) return;
      const files = droppedWorkbooks(paths);
      if (files[0]) s.openFromOutside(files[0]);
      if (files.length > 1) openFiles(files.slice(1));
    });
    refreshMenu();
    const first = pendingOpen.splice(0);
    if (first.length > 0) openFiles(first);
    else createWindow();
    app.on('activate', () => {
      if (windows.size === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
