/** Build the `totalplace` command's bundle (dist/cli/) once, so the tests that run bin.mjs run what `npm run build` ships, never a stale build. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'build/scripts/build-cli.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
