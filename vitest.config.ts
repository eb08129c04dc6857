import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['machines/**/*.test.ts', 'server/**/*.test.ts', 'forms/**/*.test.ts', 'scripts/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    globalSetup: ['server/testing/global-setup.ts', 'e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
