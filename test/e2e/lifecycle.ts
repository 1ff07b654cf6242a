/**
 * One browser per test file and one harness per test, closed after it; a test fails if its page
 * logged an error. Every browser test file starts with `const browser = useBrowser();`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Harness, launchBrowser, type HarnessOptions } from './harness';

export function useBrowser(): { start(opts?: HarnessOptions): Promise<Harness> } {
  let browser: Browser | undefined;
  let current: Harness | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (!current) return;
    const h = current;
    current = null;
    try {
      expect(h.consoleErrors, 'no errors in the page console').toEqual([]);
    } finally {
      await h.close();
    }
  });
  return {
    async start(opts) {
      current = await Harness.start(browser!, opts);
      return current;
    },
  };
}
