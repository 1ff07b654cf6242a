#!/usr/bin/env node
// The `totalplace` command: runs the TypeScript CLI through tsx, so it always matches the source.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./totalplace.ts');
process.exitCode = await main(process.argv.slice(2));
