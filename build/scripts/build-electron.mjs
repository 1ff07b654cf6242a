// Bundles the main process and the preload into dist/electron/ (a sandboxed preload must be one file).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'better-sqlite3'] });
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
console.log('Built dist/electron/main.cjs and dist/electron/preload.cjs');
