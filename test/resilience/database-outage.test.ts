import { describe, expect, it } from 'vitest';
import { runDatabaseOutageTest } from '../../bench/resilience/database-outage-run.ts';

// The short version of `npm run test:db-outage` (3 outages of 10 s): two outages of 3 s under SMPP
// and /sendsms loads, on this run's PostgreSQL (vitest.config.ts includes it only with DATABASE_URL).
describe('database outage under load, twice', () => {
  it('stays up, goes on by itself once PostgreSQL is back, loses and double-charges nothing, and reports every message and text', async () => {
    const report = await runDatabaseOutageTest({
      outages: 2,
      outageMs: 3000,
      upMs: { min: 1000, max: 2000 },
      databaseUrl: process.env.DATABASE_URL,
      seed: 11,
      binds: 2,
      window: 10,
      ratePerSecond: 200,
      http: { concurrency: 10, ratePerSecond: 60, multipartEvery: 3 },
      drainTimeoutMs: 120_000,
    });
    expect(report.failures).toEqual([]);
    expect(report.exits).toBe(0);
    expect(report.connectionsCut).toBeGreaterThan(0);
    expect(report.refusedDuringRun).toBeGreaterThan(0);
    // Told to come back later, not that the platform failed: 503 with Retry-After.
    expect(Object.keys(report.http?.refusedWith ?? {})).toEqual(['503']);
    expect(report.books.missing).toBe(0);
    expect(report.books.states).toEqual({ delivered: report.books.acked });
    expect(report.http?.reported).toBe(report.http?.acked);
    expect(report.vendorDuplicates.total).toBe(report.vendorDuplicates.inCrashWindow);
    expect(report.recoverySeconds.max).toBeLessThan(10);
  }, 300_000);
});
