/** plainText: a file's words, safe for a terminal or a window title. */
import { describe, expect, it } from 'vitest';
import { hasUnsafeText, plainText, terminalJson } from '../../shared/text';

describe('plainText', () => {
  it('removes C0 and C1 controls, DEL and escape sequences\' ESC', () => {
    expect(plainText('Kent\u0000 pilot\u0007\u001b[2J\u007f\u0085\u009b31m')).toBe('Kent pilot[2J31m');
  });

  it('removes bidirectional embeddings, overrides, isolates and marks', () => {
    const spoof = 'report\u202Efdp.exe';
    expect(plainText(spoof)).toBe('reportfdp.exe');
    expect(plainText('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk\u061Cl')).toBe('abcdefghijkl');
  });

  it('turns line breaks and tabs into spaces for one line, or keeps them when asked (every break as \\n)', () => {
    expect(plainText('Kent\r\npilot\rnorth\u2028south\u2029east\twest')).toBe('Kent pilot north south east west');
    expect(plainText('Kent\r\npilot\rnorth\u2028x\ty', { newlines: true, tabs: true })).toBe('Kent\npilot\nnorth\nx\ty');
    expect(plainText('a\tb', { newlines: true })).toBe('a b');
  });

  it('keeps every other character: accents, £, emoji, right-to-left letters themselves', () => {
    const s = 'Café £7.3bn — 👍 مرحبا שלום Łódź';
    expect(plainText(s)).toBe(s);
    expect(hasUnsafeText(s)).toBe(false);
    expect(hasUnsafeText('x\u202Ey')).toBe(true);
  });

  it('escapes, rather than removes, in JSON for a terminal: the data is the same', () => {
    const json = JSON.stringify({ name: 'Kent\u202E pilot\u0085', n: 1 });
    const safe = terminalJson(json);
    expect(safe).not.toMatch(/[\u202E\u0085]/);
    expect(JSON.parse(safe)).toEqual({ name: 'Kent\u202E pilot\u0085', n: 1 });
  });
});
