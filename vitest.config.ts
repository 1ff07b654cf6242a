import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Workbook files and child processes: keep the two cores for real work, not contention.
    pool: 'forks',
    // The store's record of the files this computer wrote (and its snapshots) go to a test folder, not ~/.totalplace.
    env: { TOTALPLACE_HOME: path.join(os.tmpdir(), 'totalplace-test-home') },
    // Build the command line's bundle (which bin.mjs runs) and the renderer for the browser tests (test/e2e), once.
    globalSetup: ['test/cli-global-setup.ts', 'test/e2e/global-setup.ts'],
  },
});
