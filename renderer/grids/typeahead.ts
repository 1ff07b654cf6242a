/**
 * Keystrokes that arrive while a cell editor is opening. Typing starts an edit on the key pressed, but
 * the editor's box takes a moment to appear and take focus; whatever is typed in that moment lands on
 * the cell, not in the box, and would be lost — and a Tab or Enter typed then would move on before the
 * box had its value. The grid holds those keys here, in order; the editor takes the characters when it
 * opens, and a Tab or Enter among them is played back to the grid once the characters before it have
 * arrived. Nothing typed is dropped or reordered, however fast the typist.
 *
 * A refused value is held here too, so the editor that reopens on its cell starts from what the user
 * typed (for correction) rather than from the old value.
 */
interface Held {
  key: string;
  shift: boolean;
  /** Ctrl (or ⌘) was held: Ctrl+Enter. */
  ctrl: boolean;
  at: number;
}

export type ControlKey = 'Tab' | 'Enter';
export type PlayBack = (key: ControlKey, mods: { shift: boolean; ctrl: boolean }) => void;

/** Keys older than this were not typed into an editor that is opening; they are dropped. */
const STALE_MS = 3000;

let queue: Held[] = [];
let refused: { rowId: string; column: string; text: string } | null = null;
/** The open editor, if one has appeared: it takes characters that landed on its cell, and takes focus. */
let receiver: ((key: string) => void) | null = null;
/** The grid: plays back a Tab or Enter that was typed while an editor was opening. */
let control: PlayBack | null = null;

function dropStale(): void {
  const now = Date.now();
  queue = queue.filter((h) => now - h.at < STALE_MS);
}

/** Whether keys are waiting: then every key typed waits behind them, so none overtakes another. */
export function hasHeld(): boolean {
  dropStale();
  return queue.length > 0;
}

/** Whether an editor has appeared and can take keys itself. */
export function editorIsOpen(): boolean {
  return receiver !== null;
}

/** A key typed on a cell while its editor is open or opening: to the editor if it is there, else held for it. */
export function holdKey(key: string, mods: { shift?: boolean; ctrl?: boolean } = {}): void {
  if (receiver && key.length === 1 && queue.length === 0) {
    receiver(key);
    return;
  }
  queue.push({ key, shift: mods.shift ?? false, ctrl: mods.ctrl ?? false, at: Date.now() });
}

/** The characters typed while the editor opened, up to the first Tab or Enter (then forgotten). */
export function takeHeldKeys(): string {
  dropStale();
  let s = '';
  while (queue.length > 0 && queue[0]!.key.length === 1) s += queue.shift()!.key;
  return s;
}

/** Play back what is left of the queue once an editor is ready: its characters, then a Tab or Enter to the grid. */
function playBack(): void {
  dropStale();
  while (queue.length > 0) {
    const next = queue[0]!;
    if (next.key.length === 1) {
      if (!receiver) return;
      queue.shift();
      receiver(next.key);
    } else {
      queue.shift();
      control?.(next.key as ControlKey, { shift: next.shift, ctrl: next.ctrl });
      return; // what follows belongs to the next cell's editor
    }
  }
}

/** An editor says it is open (and how it takes keys); the returned function says it has closed. */
export function openEditor(take: (key: string) => void): () => void {
  receiver = take;
  // After the editor's own state has settled, so a Tab carries the value typed before it.
  const timer = setTimeout(playBack, 0);
  return () => {
    clearTimeout(timer);
    if (receiver === take) receiver = null;
  };
}

/** The grid says how to play back a Tab or Enter; the returned function withdraws it. */
export function setControl(fn: PlayBack): () => void {
  control = fn;
  return () => {
    if (control === fn) control = null;
  };
}

export function holdRefused(rowId: string, column: string, text: string): void {
  refused = { rowId, column, text };
}

/** The refused text for this cell, if the editor opening on it is the one that should show it (then forgotten). */
export function takeRefused(rowId: string | undefined, column: string): string | null {
  if (!refused || refused.rowId !== rowId || refused.column !== column) return null;
  const text = refused.text;
  refused = null;
  return text;
}

export function forgetHeld(): void {
  queue = [];
  refused = null;
  receiver = null;
}
