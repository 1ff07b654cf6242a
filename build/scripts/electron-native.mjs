// better-sqlite3 for Electron, kept apart from the one the tests use.
//
// `npm test` runs in Node and loads node_modules/better-sqlite3/build (built for Node's ABI by
// `npm install`). The app runs in Electron, whose ABI differs. Rebuilding in place would break one
// or the other, so this builds a second copy for Electron in .native/electron-<version>-<platform>-<arch>/
// (a prebuilt binary when one is published, else compiled against Electron's headers) and the main
// process loads it through better-sqlite3's `nativeBinding` option. Neither build touches the other.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..', '..');
const electronVersion = require('electron/package.json').version;
const tag = `electron-${electronVersion}-${process.platform}-${process.arch}`;
const outDir = path.join(root, '.native', tag);
const outFile = path.join(outDir, 'better_sqlite3.node');
const current = path.join(root, '.native', 'current');

function linkCurrent() {
  fs.rmSync(current, { recursive: true, force: true });
  fs.mkdirSync(current, { recursive: true });
  fs.copyFileSync(outFile, path.join(current, 'better_sqlite3.node'));
}

if (fs.existsSync(outFile)) {
  linkCurrent();
  process.exit(0);
}

console.log(`Building the SQLite module for Electron ${electronVersion} (once; it needs the internet and, without a prebuilt binary, a C++ compiler)…`);
const work = path.join(root, '.native', 'work');
fs.rmSync(work, { recursive: true, force: true });
const modules = path.join(work, 'node_modules');
fs.mkdirSync(modules, { recursive: true });
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
fs.cpSync(source, path.join(modules, 'better-sqlite3'), { recursive: true, filter: (p) => !p.startsWith(path.join(source, 'build')) });
for (const dep of ['bindings', 'prebuild-install', 'file-uri-to-path']) {
  try {
    const depDir = path.dirname(require.resolve(`${dep}/package.json`, { paths: [source] }));
    fs.symlinkSync(depDir, path.join(modules, dep), 'junction');
  } catch {
    // not needed by every version
  }
}
fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'native-work', private: true, dependencies: { 'better-sqlite3': '*' } }));

const { rebuild } = await import('@electron/rebuild');
try {
  await rebuild({ buildPath: work, electronVersion, arch: process.arch, onlyModules: ['better-sqlite3'], force: true });
} catch (e) {
  console.error(`Could not build the SQLite module for Electron: ${e instanceof Error ? e.message : e}`);
  console.error('Check the internet connection (it downloads Electron headers or a prebuilt module once). On Windows, install the "Desktop development with C++" workload of Visual Studio Build Tools if no prebuilt module is published for this Electron version.');
  process.exit(1);
}
const built = path.join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
if (!fs.existsSync(built)) {
  console.error(`The SQLite module for Electron was not produced (${built} is missing).`);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(built, outFile);
fs.rmSync(work, { recursive: true, force: true });
linkCurrent();
console.log(`Built ${path.relative(root, outFile)}`);
