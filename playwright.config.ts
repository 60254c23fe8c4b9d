import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './test/e2e/support/chromium.js';

// End-to-end tests: the built renderer in Debian's Chromium, its preload API bridged to the real
// main-process core (see test/e2e/support/). No browser is downloaded: CHROMIUM_PATH or /usr/bin/chromium.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
  },
});
