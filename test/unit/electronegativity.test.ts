/**
 * The electronegativity gate (build/scripts/electronegativity.mjs): it scans every folder of electron/ and
 * renderer/, and its allow-list explains a finding only by rule, file and the code on its line, each entry
 * exactly as many times as it says; a new finding fails it, and so does an entry left explaining nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED, explainFindings, findingsOf, type Allowed, type Finding } from '../../build/scripts/electronegativity-allow.mjs';
import { ROOT, tempDir } from '../helpers';

const entry: Allowed = { rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/main.ts', code: 'void shell.openExternal(url);', why: 'allow-listed links only' };
const finding = (over: Partial<Finding> = {}): Finding => ({ rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/main.ts', line: 272, code: 'if (isAllowedExternal(url)) void shell.openExternal(url);', ...over });

describe('the electronegativity allow-list', () => {
  it('explains a finding by rule, file and the code on its line, wherever the line has moved', () => {
    expect(explainFindings([finding({ line: 10 })], [entry])).toMatchObject({ explained: [{ why: 'allow-listed links only' }], unexplained: [], stale: [] });
  });

  it('leaves unexplained a finding of another rule, in another file, on other code, or one more than the entry says', () => {
    for (const other of [finding({ rule: 'CONTEXT_ISOLATION_JS_CHECK' }), finding({ file: 'electron/services/extra.ts' }), finding({ code: 'shell.openExternal(untrusted)' })]) {
      const r = explainFindings([finding(), other], [entry]);
      expect(r.unexplained).toEqual([other]);
      expect(r.stale).toEqual([]);
    }
    expect(explainFindings([finding(), finding({ line: 300 })], [entry]).unexplained).toEqual([finding({ line: 300 })]);
    expect(explainFindings([finding(), finding({ line: 300 })], [{ ...entry, count: 2 }]).unexplained).toEqual([]);
  });

  it('calls an entry that explains fewer findings than it says stale', () => {
    expect(explainFindings([], [entry]).stale).toEqual([{ entry, matched: 0 }]);
    expect(explainFindings([finding()], [{ ...entry, count: 2 }]).stale).toEqual([{ entry: { ...entry, count: 2 }, matched: 1 }]);
    expect(explainFindings([finding()], [{ ...entry, code: '  ' }]).unexplained).toHaveLength(1);
  });

  it('reads SARIF findings with the code on their line', () => {
    const sarif = { runs: [{ results: [{ ruleId: 'X', level: 'warning', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'renderer\\app\\A.tsx' }, region: { startLine: 2 } } }] }] }] };
    expect(findingsOf(sarif, (file, line) => `${file}#${line}  `)).toEqual([{ rule: 'X', file: 'renderer/app/A.tsx', line: 2, code: 'renderer/app/A.tsx#2', level: 'warning', message: 'm' }]);
  });

  it('gives every entry a reason and a piece of code', () => {
    for (const a of ALLOWED) {
      expect(a.why.length, a.rule).toBeGreaterThan(20);
      expect(a.code.trim().length, a.rule).toBeGreaterThan(10);
    }
  });
});

/** A copy of the project's scanned folders to change, and the script run over it. */
function scanCopy(change: (root: string) => void): { code: number | null; out: string } {
  const root = tempDir();
  for (const folder of ['electron', 'renderer']) fs.cpSync(path.join(ROOT, folder), path.join(root, folder), { recursive: true });
  change(root);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'build/scripts/electronegativity.mjs'), '--root', root], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

// (`npm run electronegativity`, part of `npm test`, runs the scan over the project as it is.)
describe('the electronegativity scan', () => {
  it('fails on a new finding anywhere in electron/ or renderer/, and on one more of an explained kind', () => {
    const r = scanCopy((root) => {
      fs.writeFileSync(path.join(root, 'electron/services/extra.ts'), "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n");
      fs.writeFileSync(path.join(root, 'renderer/app/Extra.tsx'), "export function Extra({ url }: { url: string }) {\n  return <button onClick={() => window.open(url).document.write(url)}>{url}</button>;\n}\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n");
      fs.writeFileSync(path.join(root, 'renderer/extra.html'), '<!doctype html><html><body><webview src="https://example.com/" allowpopups nodeintegration></webview></body></html>\n');
      const main = path.join(root, 'electron/main/main.ts');
      fs.appendFileSync(main, '\nexport function again(url: string) {\n  if (isAllowedExternal(url)) void shell.openExternal(url);\n}\n');
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('electron/services/extra.ts:2');
    expect(r.out).toMatch(/CONTEXT_ISOLATION_JS_CHECK[^\n]*electron\/services\/extra\.ts/);
    expect(r.out).toMatch(/renderer\/app\/Extra\.tsx:\d/);
    expect(r.out).toMatch(/renderer\/extra\.html/);
    expect(r.out).toMatch(/OPEN_EXTERNAL_JS_CHECK[^\n]*electron\/main\/main\.ts:\d+/);
  });

  it('fails when an explained finding has gone, so the list keeps no reason for something that is not there', () => {
    const r = scanCopy((root) => {
      const main = path.join(root, 'electron/main/main.ts');
      fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('if (isAllowedExternal(url)) void shell.openExternal(url);', 'void url;'));
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/explains findings that are not there[^]*OPEN_EXTERNAL_JS_CHECK electron\/main\/main\.ts/);
  });
});
