#!/usr/bin/env node
// The `totalplace` command. It runs the compiled bundle, dist/cli/totalplace.mjs (made by `npm run build`
// or `npm run build:cli`), which starts at once; without it — a fresh clone — or with
// TOTALPLACE_FROM_SOURCE=1, it runs the TypeScript source through tsx, which takes about a second more.
// The bundle is what was last built: after changing the source, build again (or set TOTALPLACE_FROM_SOURCE).
import fs from 'node:fs';

const bundle = new URL('../../dist/cli/totalplace.mjs', import.meta.url);
let main;
if (!process.env.TOTALPLACE_FROM_SOURCE && fs.existsSync(bundle)) {
  ({ main } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./totalplace.ts'));
}
process.exitCode = await main(process.argv.slice(2));
