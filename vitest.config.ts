import { defineConfig } from 'vitest/config';

// PETREL_TEST_SKIP_RESILIENCE=1 leaves out the kill -9, outage and fuzz runs (CI runs them once,
// on PostgreSQL, to stay within its time budget).
const skipResilience = process.env.PETREL_TEST_SKIP_RESILIENCE === '1';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**', ...(skipResilience ? ['test/resilience/**'] : [])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
