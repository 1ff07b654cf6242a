// What build/scripts/electronegativity.mjs accepts of @doyensec/electronegativity's findings, and the pure
// matching of findings against it (tested in test/unit/electronegativity.test.ts).
//
// A finding is explained only by an entry naming its rule, its file (relative to the project, with /)
// and a piece of the code on the line it points at, and each entry explains exactly `count` findings
// (default 1). So a new finding — another rule, another file, other code, or one more of the same —
// is unexplained and fails the scan; and an entry that no longer explains its findings fails it too,
// so the list never keeps a reason for something that has gone.

/**
 * @typedef {{ rule: string, file: string, line: number, code: string, level?: string, message?: string }} Finding
 * @typedef {{ rule: string, file: string, code: string, count?: number, why: string }} Allowed
 */

/** @type {Allowed[]} */
export const ALLOWED = [
  {
    rule: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    code: '<meta http-equiv="Content-Security-Policy"',
    why: "the policy allows inline styles only (style-src 'unsafe-inline'), because AG Grid's theme and ECharts set styles from script; scripts are 'self' only, with no inline script and no eval, and Trusted Types are required.",
  },
  {
    rule: 'AUXCLICK_JS_CHECK',
    file: 'electron/main/main.ts',
    code: 'const w = new BrowserWindow({ show: false, webPreferences: reportWebPreferences() });',
    why: "the report window's webPreferences come from reportWebPreferences() (disableBlinkFeatures: 'Auxclick', JavaScript off), checked by test/unit/shell.test.ts; every new window is denied by setWindowOpenHandler.",
  },
  {
    rule: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main/main.ts',
    code: 'const w = new BrowserWindow({ show: false, webPreferences: reportWebPreferences() });',
    why: 'reportWebPreferences() sets contextIsolation: true (checked by test/unit/shell.test.ts); the scanner cannot see through the call.',
  },
  {
    rule: 'SANDBOX_JS_CHECK',
    file: 'electron/main/main.ts',
    code: 'const w = new BrowserWindow({ show: false, webPreferences: reportWebPreferences() });',
    why: 'reportWebPreferences() sets sandbox: true (checked by test/unit/shell.test.ts).',
  },
  {
    rule: 'AUXCLICK_JS_CHECK',
    file: 'electron/main/main.ts',
    code: 'const win = new BrowserWindow({',
    why: 'the window\'s webPreferences come from secureWebPreferences(), which disables Auxclick (checked by test/unit/shell.test.ts); every new window is denied by setWindowOpenHandler.',
  },
  {
    rule: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main/main.ts',
    code: 'const win = new BrowserWindow({',
    why: 'webPreferences come from secureWebPreferences() (contextIsolation: true), which test/unit/shell.test.ts checks; the scanner cannot see through the call.',
  },
  {
    rule: 'SANDBOX_JS_CHECK',
    file: 'electron/main/main.ts',
    code: 'const win = new BrowserWindow({',
    why: 'webPreferences come from secureWebPreferences() (sandbox: true), checked by test/unit/shell.test.ts.',
  },
  {
    rule: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/main.ts',
    code: 'if (isAllowedExternal(url)) void shell.openExternal(url);',
    why: 'openExternal is called only for URLs that pass isAllowedExternal() (https, allow-listed hosts), checked by test/unit/shell.test.ts.',
  },
];

/**
 * Each finding explained by an entry or not, and the entries that explain fewer findings than they say.
 * @param {Finding[]} findings
 * @param {Allowed[]} allowed
 * @returns {{ explained: { finding: Finding, why: string }[], unexplained: Finding[], stale: { entry: Allowed, matched: number }[] }}
 */
export function explainFindings(findings, allowed = ALLOWED) {
  const used = new Map(allowed.map((a) => [a, 0]));
  const explained = [];
  const unexplained = [];
  for (const f of findings) {
    const entry = allowed.find((a) => a.rule === f.rule && a.file === f.file && a.code.trim() !== '' && f.code.includes(a.code.trim()) && used.get(a) < (a.count ?? 1));
    if (entry) {
      used.set(entry, used.get(entry) + 1);
      explained.push({ finding: f, why: entry.why });
    } else {
      unexplained.push(f);
    }
  }
  const stale = allowed.filter((a) => used.get(a) !== (a.count ?? 1)).map((entry) => ({ entry, matched: used.get(entry) }));
  return { explained, unexplained, stale };
}

/**
 * The findings of a SARIF report, each with its file relative to the scanned folder (with /) and the code
 * on its line, read from the scanned copy.
 * @param {any} sarif
 * @param {(file: string, line: number) => string} codeAt
 * @returns {Finding[]}
 */
export function findingsOf(sarif, codeAt) {
  return (sarif.runs ?? []).flatMap((r) => r.results ?? []).map((r) => {
    const where = r.locations?.[0]?.physicalLocation;
    const file = String(where?.artifactLocation?.uri ?? 'N/A').replace(/\\/g, '/').replace(/^\.?\//, '');
    const line = Number(where?.region?.startLine ?? 0);
    return { rule: String(r.ruleId), file, line, code: file === 'N/A' ? '' : codeAt(file, line).trim(), level: r.level, message: r.message?.text ?? '' };
  });
}
