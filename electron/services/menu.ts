/**
 * The application menu as data, built by a pure function from what the focused window can do, so
 * it can be tested without Electron. The main process turns it into a native menu; a `command`
 * goes to the focused window, which carries it out with the same API as its buttons.
 */
import type { Command } from '../../shared/methods';
import { plainText } from '../../shared/text';

export interface MenuState {
  platform: string;
  hasWorkbook: boolean;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  canDeleteRow: boolean;
  /** Recent files, each with its label as text (from the file: made safe for a menu by buildMenu). */
  recent: { id: string; label: string }[];
  appName: string;
}

export type Role =
  | 'cut' | 'copy' | 'paste' | 'selectAll' | 'zoomIn' | 'zoomOut' | 'resetZoom' | 'togglefullscreen' | 'minimize' | 'zoom' | 'close'
  | 'front' | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'window' | 'help' | 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'toggleDevTools';

export interface MenuItemSpec {
  label?: string;
  role?: Role;
  type?: 'separator' | 'checkbox';
  accelerator?: string;
  /** false: show the shortcut but let the page handle the key (text boxes keep their own undo and delete). */
  registerAccelerator?: boolean;
  enabled?: boolean;
  command?: Command;
  submenu?: MenuItemSpec[];
}

const sep: MenuItemSpec = { type: 'separator' };

/** The longest text from a file a menu item shows (a pilot's name may be 200 characters). */
const MAX_LABEL = 80;

/**
 * Text from a file as a menu item's label: one line of plain text (no control or bidirectional-override
 * characters), at most MAX_LABEL characters, and each `&` doubled — a native menu takes a single `&` as a
 * keyboard mnemonic and does not show it.
 */
export function menuText(text: string): string {
  const plain = [...plainText(text).replace(/\s+/g, ' ').trim()];
  const short = plain.length > MAX_LABEL ? `${plain.slice(0, MAX_LABEL - 1).join('')}…` : plain.join('');
  return short.replace(/&/g, '&&');
}

/** A recent file as Open Recent lists it: `<pilot name> — <file name>` (the raw text; buildMenu makes it a label). */
export function recentLabel(pilotName: string, file: string): string {
  return `${pilotName} — ${file.split(/[\\/]/).pop() ?? file}`;
}

export function buildMenu(s: MenuState): MenuItemSpec[] {
  const mac = s.platform === 'darwin';
  const wb = s.hasWorkbook;
  const edit = wb && !s.readOnly;
  const item = (label: string, command: Command, accelerator: string | undefined, enabled = true): MenuItemSpec =>
    ({ label, command, enabled, ...(accelerator ? { accelerator } : {}) });

  const file: MenuItemSpec = {
    label: '&File',
    submenu: [
      item('New Pilot Workbook…', 'new', 'CmdOrCtrl+N'),
      item('Open…', 'open', 'CmdOrCtrl+O'),
      {
        label: 'Open Recent',
        enabled: s.recent.length > 0,
        submenu: s.recent.length > 0 ? s.recent.map((r) => item(menuText(r.label), `openRecent:${r.id}`, undefined)) : [{ label: 'No recent files', enabled: false }],
      },
      item('Open Sample Pilot', 'openSample', undefined),
      sep,
      item('Save a Copy…', 'saveCopy', 'CmdOrCtrl+Shift+S', wb),
      sep,
      item('Print Submission…', 'print', 'CmdOrCtrl+P', wb),
      item('Export Submission as PDF…', 'exportPdf', 'CmdOrCtrl+Shift+E', wb),
      sep,
      item('Close', 'close', 'CmdOrCtrl+W', wb),
      ...(mac ? [] : [sep, { label: 'E&xit', role: 'quit' as const }]),
    ],
  };

  const editMenu: MenuItemSpec = {
    label: '&Edit',
    submenu: [
      { ...item('Undo', 'undo', 'CmdOrCtrl+Z', edit && s.canUndo), registerAccelerator: false },
      { ...item('Redo', 'redo', mac ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y', edit && s.canRedo), registerAccelerator: false },
      sep,
      { label: 'Cut', role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { label: 'Copy', role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { label: 'Paste', role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { ...item('Delete Row', 'deleteRow', 'CmdOrCtrl+Backspace', edit && s.canDeleteRow), registerAccelerator: false },
      { label: 'Select All', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      sep,
      { ...item('Find', 'find', 'CmdOrCtrl+F', wb), registerAccelerator: false },
    ],
  };

  const view: MenuItemSpec = {
    label: '&View',
    submenu: [
      item('Pilot Details', 'view:pilot', 'CmdOrCtrl+1', wb),
      item('Agencies', 'view:agencies', 'CmdOrCtrl+2', wb),
      item('Spend', 'view:spend', 'CmdOrCtrl+3', wb),
      item('Themes', 'view:themes', 'CmdOrCtrl+4', wb),
      item('Barriers', 'view:barriers', 'CmdOrCtrl+5', wb),
      sep,
      item('Totals Panel', 'view:panel', 'CmdOrCtrl+Shift+T', wb),
      sep,
      { label: 'Actual Size', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { label: 'Zoom In', role: 'zoomIn', accelerator: 'CmdOrCtrl+Plus' },
      { label: 'Zoom Out', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      sep,
      { label: 'Full Screen', role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
    ],
  };

  const windowMenu: MenuItemSpec = {
    label: '&Window',
    role: 'window',
    submenu: [
      { label: 'Minimise', role: 'minimize', accelerator: 'CmdOrCtrl+M' },
      ...(mac ? [{ label: 'Zoom', role: 'zoom' as const }, sep, { label: 'Bring All to Front', role: 'front' as const }] : [{ label: 'Close Window', role: 'close' as const, accelerator: 'Alt+F4' }]),
    ],
  };

  const help: MenuItemSpec = {
    label: '&Help',
    role: 'help',
    submenu: [item('Total Place Workbook Guide', 'guide', 'F1'), ...(mac ? [] : [sep, item(`About ${s.appName}`, 'about', undefined)])],
  };

  const appMenu: MenuItemSpec[] = mac
    ? [{
        label: s.appName,
        submenu: [item(`About ${s.appName}`, 'about', undefined), sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
      }]
    : [];
  return [...appMenu, file, editMenu, view, windowMenu, help];
}

/** Every command item in a menu, flattened (for tests and for finding an item by command). */
export function commandItems(menu: MenuItemSpec[]): MenuItemSpec[] {
  return menu.flatMap((m) => [...(m.command ? [m] : []), ...(m.submenu ? commandItems(m.submenu) : [])]);
}
