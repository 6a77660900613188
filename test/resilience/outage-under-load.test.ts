import { describe, expect, it } from 'vitest';
import { runOutageTest } from '../../bench/resilience/outage-run.ts';

// The short version of `npm run test:outage` (3 outages of 30 s): one outage of 3 s under SMPP and /sendsms loads, on this run's database.
describe('carrier outage under load, once', () => {
  it('goes on accepting while the carrier is down, drains after the rebind, loses and fails nothing, and reports every message and text', async () => {
    const report = await runOutageTest({
      outages: 1,
      outageMs: 3000,
      upMs: { min: 1000, max: 2000 },
      databaseUrl: process.env.DATABASE_URL,
      seed: 5,
      binds: 2,
      window: 10,
      ratePerSecond: 200,
      http: { concurrency: 10, ratePerSecond: 60, multipartEvery: 3 },
      drainTimeoutMs: 120_000,
    });
    expect(report.failures).toEqual([]);
    expect(report.ackedDuringOutages).toBeGreaterThan(100);
    expect(report.books.missing).toBe(0);
    expect(report.books.states).toEqual({ delivered: report.books.acked });
    expect(report.http?.reported).toBe(report.http?.acked);
    expect(report.vendorDuplicates.total).toBe(report.vendorDuplicates.inCrashWindow);
    expect(report.rebindSeconds.max).toBeLessThan(15);
  }, 300_000);
});
