import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Workbook files and child processes: keep the two cores for real work, not contention.
    pool: 'forks',
    // Build the renderer once for the browser tests (test/e2e).
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
