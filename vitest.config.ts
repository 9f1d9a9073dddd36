import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/english.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/english.ts'],
          // PGlite starts in a few seconds; each file shares one database.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // The tests compute expected texts with the app's i18n: English as the page has it once switched.
          setupFiles: ['tests/setup/english.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One browser at a time: SwiftShader WebGL is CPU-bound on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
