/**
 * Keystrokes that arrive while a cell editor is opening. Typing starts an edit on the key pressed, but
 * the editor's text box takes a moment to appear and take focus; whatever is typed in that moment
 * lands on the cell, not in the box, and would be lost. The grid holds those keys here and the editor
 * takes them when it opens, so nothing typed is ever dropped — however fast the typist.
 *
 * A refused value is held here too, so the editor that reopens on its cell starts from what the user
 * typed (for correction) rather than from the old value.
 */
let typed = '';
let refused: { rowId: string; column: string; text: string } | null = null;

export function holdKey(key: string): void {
  typed += key;
}

/** What was typed while the editor opened (then forgotten). */
export function takeHeldKeys(): string {
  const s = typed;
  typed = '';
  return s;
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
  typed = '';
  refused = null;
}
