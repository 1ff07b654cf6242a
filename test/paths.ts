/** Where the project is, for tests, the harness and the benchmark. */
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
