// The browser suite (test/browser/**): the console in real headless Chromium against a real Vigil server.
// Run on its own, after the unit and integration suites: `npx vitest run --config vitest.browser.config.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
