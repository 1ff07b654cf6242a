/** Build the renderer once with Vite, as `npm start` does, before the browser tests drive it. */
import path from 'node:path';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { sourcemap: false } });
}
