/** Keys typed while a cell editor opens: held in order, given to the editor, Tab and Enter played back after the characters before them. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editorIsOpen, forgetHeld, hasHeld, holdKey, holdRefused, openEditor, setControl, takeHeldKeys, takeRefused } from '../../renderer/grids/typeahead';

beforeEach(() => {
  vi.useFakeTimers();
  forgetHeld();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keys typed while an editor opens', () => {
  it('are held until the editor takes them, characters up to the first Tab', () => {
    for (const k of ['H', 'o', 'u']) holdKey(k);
    holdKey('Tab');
    holdKey('x');
    expect(hasHeld()).toBe(true);
    expect(takeHeldKeys()).toBe('Hou');
    expect(hasHeld()).toBe(true); // the Tab and what follows it wait for the grid
  });

  it('go straight to an open editor, and a Tab is played back only after the characters before it', () => {
    const got: string[] = [];
    const played: string[] = [];
    const stopControl = setControl((key, mods) => played.push(`${key}${mods.shift ? '+shift' : ''}${mods.ctrl ? '+ctrl' : ''} after ${got.join('')}`));
    holdKey('4');
    holdKey(',');
    holdKey('Tab', { shift: true });
    holdKey('9');
    const close = openEditor((k) => got.push(k));
    expect(editorIsOpen()).toBe(true);
    vi.runAllTimers();
    expect(got.join('')).toBe('4,');
    expect(played).toEqual(['Tab+shift after 4,']);
    // The 9 belongs to the next cell's editor.
    close();
    expect(takeHeldKeys()).toBe('9');
    stopControl();
  });

  it('keep their order when an editor is open but keys are still waiting', () => {
    const got: string[] = [];
    holdKey('a');
    const close = openEditor((k) => got.push(k));
    holdKey('b'); // waits behind 'a', not ahead of it
    vi.runAllTimers();
    expect(got.join('')).toBe('ab');
    holdKey('c'); // nothing waiting: straight in
    expect(got.join('')).toBe('abc');
    close();
    expect(editorIsOpen()).toBe(false);
  });

  it('forget keys too old to belong to an editor that is opening', () => {
    holdKey('z');
    vi.advanceTimersByTime(5000);
    expect(takeHeldKeys()).toBe('');
    expect(hasHeld()).toBe(false);
  });
});

describe('a refused value', () => {
  it('is given back once, to the editor of the same cell only', () => {
    holdRefused('row-1', 'amountPence', '12 quid');
    expect(takeRefused('row-2', 'amountPence')).toBeNull();
    expect(takeRefused('row-1', 'description')).toBeNull();
    expect(takeRefused('row-1', 'amountPence')).toBe('12 quid');
    expect(takeRefused('row-1', 'amountPence')).toBeNull();
  });
});
