// Runs @doyensec/electronegativity over every folder of electron/ (main process, preload, services, IPC,
// store, CLI, report) and renderer/ (the page and its code), and fails on any finding not explained in
// ./electronegativity-allow.mjs — matched by rule, file and the code on the finding's line, each entry
// explaining exactly as many findings as it says — and on any entry that no longer explains anything.
//
//   node build/scripts/electronegativity.mjs [--root DIR]   (DIR: a project to scan; default this one)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ALLOWED, explainFindings, findingsOf } from './electronegativity-allow.mjs';

const require = createRequire(import.meta.url);
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : path.resolve(import.meta.dirname, '..', '..');
const electronVersion = require('electron/package.json').version;
/** The folders scanned, whole. */
const FOLDERS = ['electron', 'renderer'];

const scan = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
try {
  for (const folder of FOLDERS) {
    fs.cpSync(path.join(root, folder), path.join(scan, folder), { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  }
  const out = path.join(scan, 'findings.sarif');
  const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
  try {
    execFileSync(process.execPath, [bin, '-i', scan, '-e', electronVersion, '-r', '-o', out], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    // It exits non-zero when it cannot reach the internet for release notes; the findings file is what counts.
    if (!fs.existsSync(out)) {
      console.error(`electronegativity did not run: ${e.stderr || e.message}`);
      process.exit(1);
    }
  }
  const lines = new Map();
  const codeAt = (file, line) => {
    if (!lines.has(file)) {
      const full = path.join(scan, file);
      lines.set(file, fs.existsSync(full) ? fs.readFileSync(full, 'utf8').split(/\r?\n/) : []);
    }
    return lines.get(file)[line - 1] ?? '';
  };
  const findings = findingsOf(JSON.parse(fs.readFileSync(out, 'utf8')), codeAt);
  const { explained, unexplained, stale } = explainFindings(findings, ALLOWED);
  for (const { finding: f, why } of explained) console.log(`explained: ${f.rule} (${f.file}:${f.line}): ${why}`);
  let failed = false;
  if (!findings.some((f) => f.file === 'electron/main/main.ts')) {
    console.error('electronegativity did not report on electron/main/main.ts: the scan did not read the main process, so nothing was checked.');
    failed = true;
  }
  if (unexplained.length > 0) {
    console.error(`electronegativity found ${unexplained.length} problem(s) not explained in build/scripts/electronegativity-allow.mjs:\n${unexplained.map((f) => `${f.rule} [${f.level}] ${f.file}:${f.line} ${f.message}\n    ${f.code}`).join('\n')}`);
    failed = true;
  }
  if (stale.length > 0) {
    console.error(`build/scripts/electronegativity-allow.mjs explains findings that are not there (remove or correct these entries):\n${stale.map(({ entry, matched }) => `${entry.rule} ${entry.file} "${entry.code}": ${matched} of ${entry.count ?? 1}`).join('\n')}`);
    failed = true;
  }
  if (failed) process.exit(1);
  console.log(`electronegativity: clean (${findings.length} finding(s) in ${FOLDERS.map((f) => `${f}/`).join(' and ')}, each explained above)`);
} finally {
  fs.rmSync(scan, { recursive: true, force: true });
}
