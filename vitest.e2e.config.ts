import { defineConfig } from 'vitest/config';

// Browser tests of the admin panel: `npx vitest run -c vitest.e2e.config.ts`. The global setup
// builds web/dist when it is missing or older than the panel's sources.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/build-web.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    // A page's answer can take a few seconds on a busy machine (CI runs the suites on two cores).
    expect: { poll: { timeout: 10_000 } },
  },
});
