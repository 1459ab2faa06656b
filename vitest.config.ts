import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: the end-to-end tests start many real processes and servers, and the machine is
    // shared (no test asserts a duration; speed lives in the benchmarks).
    testTimeout: 180_000,
    hookTimeout: 180_000,
    globalSetup: ['test/helpers/pg-global-setup.ts'],
    setupFiles: ['test/helpers/temp-cleanup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    allowOnly: false,
    passWithNoTests: false,
  },
});
