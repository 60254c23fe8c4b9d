import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three tiers run by vitest; Playwright runs test/e2e on its own (see playwright.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['test/setup-waits.ts', 'test/unit/setup-i18n.ts'],
          // Renderer component tests opt into jsdom with a `// @vitest-environment jsdom` first line.
          // Tests wait on state (test/setup-waits.ts); the ceiling for a whole test is generous for loaded CI.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup-waits.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'keychain',
          include: ['test/keychain/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup-waits.ts'],
          testTimeout: 30_000,
          // One keyring, one process: keychain tests must not race each other.
          fileParallelism: false,
        },
      },
    ],
  },
});
