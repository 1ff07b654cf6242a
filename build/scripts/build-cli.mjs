// Bundles the `totalplace` command into dist/cli/ (ES modules, one chunk per lazily loaded part), so it
// starts without compiling TypeScript. electron/cli/bin.mjs runs it when it is there, else the source.
import fs from 'node:fs';
import { build } from 'esbuild';

// No chunk of an earlier build is left behind.
fs.rmSync('dist/cli', { recursive: true, force: true });

await build({
  entryPoints: { totalplace: 'electron/cli/totalplace.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // The native module and the browser driver are loaded from node_modules as they are.
  external: ['better-sqlite3', 'playwright-core'],
  // Bundled CommonJS packages may require Node's own modules.
  banner: { js: "import { createRequire as __totalplaceRequire } from 'node:module'; const require = __totalplaceRequire(import.meta.url);" },
});
console.log('Built dist/cli/totalplace.mjs');
