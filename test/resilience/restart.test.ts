import { describe, expect, it } from 'vitest';
import { runRestartTest } from '../../bench/resilience/restart-run.ts';

// The short version of `npm run test:restart` (10 restarts): SIGTERM twice under load, on this run's database.
describe('restart: SIGTERM under load, twice', () => {
  it('stops cleanly, loses no acknowledged message or text, keeps every receipt, and sends nothing to the carrier twice', async () => {
    const report = await runRestartTest({
      restarts: 2,
      databaseUrl: process.env.DATABASE_URL,
      seed: 13,
      binds: 2,
      window: 10,
      ratePerSecond: 200,
      http: { concurrency: 10, ratePerSecond: 60, multipartEvery: 3 },
      stopAfterMs: { min: 1000, max: 2000 },
      drainTimeoutMs: 120_000,
    });
    expect(report.failures).toEqual([]);
    expect(report.unclean).toBe(0);
    expect(report.acked).toBeGreaterThan(0);
    expect(report.books.missing).toBe(0);
    expect(report.books.states).toEqual({ delivered: report.books.acked });
    expect(report.vendorDuplicates.total).toBe(0);
    expect(report.http?.reported).toBe(report.http?.acked);
  }, 300_000);
});
