import { defineConfig } from 'vitest/config';

// PETREL_TEST_SKIP_RESILIENCE=1 leaves out the kill -9, outage and fuzz runs (CI runs them once,
// on PostgreSQL, to stay within its time budget).
const skipResilience = process.env.PETREL_TEST_SKIP_RESILIENCE === '1';
// Losing the database's connections is a PostgreSQL server's failure: the embedded PGlite runs in
// the process and has none to lose, so that run is part of the suite only on PostgreSQL. PGlite
// does not enforce statement_timeout either, which the message log's time limit relies on.
const serverOnly = process.env.DATABASE_URL ? [] : ['test/resilience/database-outage.test.ts', 'test/messaging/message-log-limit.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**', ...(skipResilience ? ['test/resilience/**'] : []), ...serverOnly],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
